"""Projects, not only files: imported project modules and linked model files."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from ferlint.api import Settings, check

DATA = """
import cv2
import numpy as np


def load_faces(paths, size=({size}, {size})):
    faces = []
    for path in paths:
        face = cv2.imread(path, cv2.IMREAD_GRAYSCALE)
        faces.append(cv2.resize(face, size))
    return np.array(faces, dtype="float32")[..., np.newaxis] / 255.0
"""

MODEL = """
from tensorflow import keras


def build_model(num_classes=7):
    return keras.Sequential([
        keras.Input(shape=(48, 48, 1)),
        keras.layers.Conv2D(32, 3, activation="relu"),
        keras.layers.Flatten(),
        keras.layers.Dense(num_classes, activation="softmax"),
    ])
"""

TRAIN = """
import glob
from tensorflow import keras
from data import load_faces
from model import build_model

paths = sorted(glob.glob("faces/*/*.png"))
x = load_faces(paths)
y = keras.utils.to_categorical([0] * len(paths), 7)
model = build_model()
model.compile(optimizer="adam", loss="categorical_crossentropy")
model.fit(x, y, epochs=3)
model.save("{saved}")
"""

WEBCAM = """
import cv2
from tensorflow.keras.models import load_model

model = load_model("{loaded}")
camera = cv2.VideoCapture(0)
while True:
    ok, frame = camera.read()
    gray = cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY)
    face = cv2.resize(gray, (48, 48))
    batch = face.reshape(1, 48, 48, 1){scaling}
    print(model.predict(batch))
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return path


def project(tmp_path, size=48, saved="emotion.h5", loaded="emotion.h5", scaling=""):
    write(tmp_path, "data.py", DATA.format(size=size))
    write(tmp_path, "model.py", MODEL)
    write(tmp_path, "train.py", TRAIN.format(saved=saved))
    write(tmp_path, "webcam.py", WEBCAM.format(loaded=loaded, scaling=scaling))
    return tmp_path


def findings(paths, cwd):
    report = check(paths, Settings(probe=False))
    return [(Path(f.path).name, f.code, f.span.line) for f in report.findings], report


def test_a_mistake_in_an_imported_module_is_found_from_the_script(
    tmp_path, monkeypatch
):
    monkeypatch.chdir(project(tmp_path, size=64, scaling=" / 255.0"))
    found, report = findings([Path("train.py")], tmp_path)
    assert found == [("data.py", "FER001", 9)]
    finding = report.findings[0]
    assert "64x64" in finding.message and "48x48" in finding.message
    assert [(Path(r.path).name, r.span.line) for r in finding.related] == [
        ("model.py", 6)
    ]
    assert set(report.sources) >= {"data.py", "model.py"}


def test_a_module_imported_by_two_scripts_is_reported_once(tmp_path, monkeypatch):
    monkeypatch.chdir(project(tmp_path, size=64, scaling=" / 255.0"))
    write(tmp_path, "train_again.py", TRAIN.format(saved="other.h5"))
    found, _ = findings([Path(".")], tmp_path)
    assert found.count(("data.py", "FER001", 9)) == 1


def test_the_same_project_split_correctly_stays_silent(tmp_path, monkeypatch):
    monkeypatch.chdir(project(tmp_path, size=48, scaling=" / 255.0"))
    found, _ = findings([Path(".")], tmp_path)
    assert found == []


def test_a_webcam_script_scaled_unlike_the_training_data_is_skew(tmp_path, monkeypatch):
    monkeypatch.chdir(project(tmp_path))
    found, report = findings([Path(".")], tmp_path)
    assert found == [("webcam.py", "FER013", 10)]
    finding = report.findings[0]
    assert "raw 0..255" in finding.message and "train.py" in finding.message
    assert [(Path(r.path).name, r.span.line) for r in finding.related] == [
        ("data.py", 10)
    ]


@pytest.mark.parametrize(
    "saved, loaded",
    [
        pytest.param("emotion.h5", "model.h5", id="another-file"),
        pytest.param("runs/a/emotion.h5", "runs/b/emotion.h5", id="another-folder"),
    ],
)
def test_scripts_that_name_different_model_files_are_not_linked(
    tmp_path, monkeypatch, saved, loaded
):
    monkeypatch.chdir(project(tmp_path, saved=saved, loaded=loaded))
    found, _ = findings([Path(".")], tmp_path)
    assert found == []


def test_two_trainers_of_the_same_file_make_the_link_ambiguous(tmp_path, monkeypatch):
    monkeypatch.chdir(project(tmp_path))
    write(tmp_path, "train_again.py", TRAIN.format(saved="emotion.h5"))
    found, _ = findings([Path(".")], tmp_path)
    assert found == []


def test_a_path_written_alike_in_two_folders_links_them(tmp_path, monkeypatch):
    root = project(tmp_path, saved="models/emotion.h5", loaded="models/emotion.h5")
    (root / "app").mkdir()
    (root / "webcam.py").rename(root / "app" / "webcam.py")
    monkeypatch.chdir(root)
    found, _ = findings([Path(".")], tmp_path)
    assert found == [("webcam.py", "FER013", 10)]


def test_the_cache_keeps_the_link(tmp_path, monkeypatch):
    monkeypatch.chdir(project(tmp_path))
    first = check([Path(".")], Settings(probe=False), cache_dir=tmp_path / "cache")
    again = check([Path(".")], Settings(probe=False), cache_dir=tmp_path / "cache")
    assert [f.code for f in first.findings] == ["FER013"]
    assert again.findings == first.findings


def test_a_script_that_never_names_keras_is_still_followed(tmp_path, monkeypatch):
    monkeypatch.chdir(project(tmp_path, size=64, scaling=" / 255.0"))
    write(
        tmp_path,
        "run.py",
        """
        import glob
        from data import load_faces
        from model import build_model

        x = load_faces(sorted(glob.glob("faces/*/*.png")))
        model = build_model()
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        model.fit(x, [0] * len(x), epochs=3)
        """,
    )
    found, _ = findings([Path("run.py")], tmp_path)
    assert found == [("data.py", "FER001", 9)]


@pytest.mark.parametrize(
    "broken",
    [
        'BANNER = "faces" b"-v1"\n',  # libcst parses it, Python does not
        "def f():\n    try:\n        pass\n    except:\n        pass\n"
        "    except OSError:\n        pass\n",
        "return 1\n",
    ],
)
def test_a_module_python_rejects_is_not_followed(tmp_path, monkeypatch, broken):
    # Importing it would fail before any training, so its mistakes are not
    # the script's: the import stays opaque, and nothing breaks.
    write(tmp_path, "data.py", DATA.format(size=64) + broken)
    write(tmp_path, "model.py", MODEL)
    write(tmp_path, "train.py", TRAIN.format(saved="emotion.h5"))
    monkeypatch.chdir(tmp_path)
    found, report = findings([Path("train.py")], tmp_path)
    assert found == [] and report.errors == []
    write(tmp_path, "data.py", DATA.format(size=64))
    found, _ = findings([Path("train.py")], tmp_path)
    assert found == [("data.py", "FER001", 9)]
