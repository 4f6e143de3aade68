"""How the analysis follows values: constant branches, keyed settings, camera frames."""

from __future__ import annotations

import textwrap

import pytest

from ferlint.api import check_source

MODEL = """
model = keras.Sequential([
    keras.Input(shape=(64, 64, 1)),
    keras.layers.Conv2D(16, 3),
    keras.layers.Flatten(),
    keras.layers.Dense(7, activation="softmax"),
])
model.compile(optimizer="adam", loss="categorical_crossentropy")
model.fit(x, y, epochs=5)
"""


def codes(source: str) -> list[tuple[str, int]]:
    text = textwrap.dedent(source).lstrip() + textwrap.dedent(MODEL)
    return [(f.code, f.span.line) for f in check_source(text)]


BRANCH = """
import cv2
import numpy as np
from tensorflow import keras

def load(paths, size, gray):
    out = []
    for p in paths:
        if gray:
            im = cv2.imread(p, cv2.IMREAD_GRAYSCALE)
        else:
            im = cv2.cvtColor(cv2.imread(p), cv2.COLOR_BGR2GRAY)
        out.append(cv2.resize(im, (size, size)))
    return np.array(out, dtype="float32")

x = load(["a.png"], {size}, {flag})[..., None] / 255.0
y = keras.utils.to_categorical([0], 7)
"""


@pytest.mark.parametrize("flag", ["True", "False"])
def test_a_constant_flag_takes_one_branch(flag):
    assert codes(BRANCH.format(size=48, flag=flag)) == [("FER001", 12)]


@pytest.mark.parametrize("flag", ["True", "False"])
def test_the_right_size_through_either_branch_is_silent(flag):
    assert codes(BRANCH.format(size=64, flag=flag)) == []


def test_a_branch_on_an_unknown_condition_joins_what_both_agree_on():
    source = BRANCH.format(size=48, flag="len(x) > 3").replace("x = load", "x = load")
    source = source.replace("len(x) > 3", "__import__('random').random() > 0.5")
    assert codes(source) == [("FER001", 12)]


CONFIG = """
import cv2
import numpy as np
from tensorflow import keras

CFG = {{"img_size": {size}, "model_size": 64, "epochs": 30}}
faces = [cv2.resize(cv2.imread(p, 0), (CFG["img_size"], CFG["img_size"])) for p in ["a.png"]]
x = np.array(faces, dtype="float32")[..., None] / 255.0
y = keras.utils.to_categorical([0], 7)
"""


def test_a_size_read_from_a_settings_dict_by_key():
    assert codes(CONFIG.format(size=48)) == [("FER001", 6)]
    assert codes(CONFIG.format(size=64)) == []


CAMERA = """
import cv2
import tensorflow as tf
from tensorflow import keras

camera = cv2.VideoCapture(0)
ok, frame = camera.read()
face = cv2.resize(cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY), ({size}, {size}))
x = tf.expand_dims(tf.convert_to_tensor(face / 255.0, dtype=tf.float32), 0)[..., None]
y = keras.utils.to_categorical([0], 7)
"""


def test_camera_frames_are_followed_through_tensors():
    assert codes(CAMERA.format(size=48)) == [("FER001", 7)]
    assert codes(CAMERA.format(size=64)) == []


@pytest.mark.parametrize(
    "literal",
    [
        "1_000",
        "0x1F",
        "0o17",
        "0b101",
        "00",
        "7",
        "1.5",
        "1e-3",
        "1_0.5",
        ".5",
        "5.",
        "'a'",
        '"b"',
        '"""c\nd"""',
        "'''e'''",
        '""',
        "''",
        "r'x\\d'",
        "'\\n'",
        "b'x'",
        "u'y'",
        "'\\x41'",
    ],  # fmt: skip
)
def test_literals_read_directly_have_pythons_values(literal):
    import libcst as cst

    from ferlint.analysis.interpreter import Interpreter

    node = cst.parse_expression(literal)
    interpreter = Interpreter(cst.Module([]), {}, {})
    value = interpreter.eval(node, interpreter.globals)
    expected = node.evaluated_value
    assert value.value == expected and type(value.value) is type(expected)
