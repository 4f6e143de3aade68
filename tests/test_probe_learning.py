"""What the probe learns of a model the static pass could not read becomes findings."""

from __future__ import annotations

import textwrap

import pytest

from ferlint.api import Settings, check
from ferlint.probe import available

pytestmark = pytest.mark.skipif(
    not available()[0], reason="TensorFlow is not installed"
)

SCRIPT = """
import cv2
import numpy as np
from tensorflow import keras


class Identity(keras.layers.Layer):
    def call(self, x):
        return x


def build(shape):
    inputs = keras.Input(shape=shape)
    x = Identity()(inputs)
    x = keras.layers.Conv2D(8, 3)(x)
    x = keras.layers.Flatten()(x)
    return keras.Model(inputs, keras.layers.Dense(7, activation="softmax")(x))


SHAPE = tuple(int(part) for part in "48,48,1".split(","))
paths = open("faces.txt").read().split()
x = np.array([cv2.resize(cv2.imread(p, 0), ({size}, {size})) for p in paths], "float32")
x = x[..., np.newaxis] / 255.0
y = keras.utils.to_categorical(np.zeros(len(x)), 7)
model = build(SHAPE)
model.compile(optimizer="adam", loss="categorical_crossentropy")
model.fit(x, y, epochs=1)
"""


def run(tmp_path, size: int, probe: bool = True):
    script = tmp_path / "train.py"
    script.write_text(textwrap.dedent(SCRIPT.format(size=size)))
    settings = Settings(probe=probe)
    return check([script], settings)


def test_the_static_pass_cannot_read_this_model(tmp_path):
    assert run(tmp_path, 64, probe=False).findings == []


def test_a_mismatch_only_the_built_model_shows_is_reported_confirmed(
    tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    report = run(tmp_path, 64)
    assert [(f.code, f.span.line, f.probe.status) for f in report.findings] == [
        ("FER001", 22, "confirmed")
    ]
    finding = report.findings[0]
    assert "64x64" in finding.message and "48x48" in finding.message
    assert "(48, 48, 1)" in finding.probe.evidence


def test_a_built_model_that_matches_the_data_stays_silent(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert run(tmp_path, 48).findings == []
