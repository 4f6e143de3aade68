"""The probe's slicer: what reaches the worker, and why some models cannot."""

from __future__ import annotations

import textwrap

import pytest

pytest.importorskip("libcst")

from ferlint.probe.slicer import MODEL_VARIABLE, slice_model  # noqa: E402


def sliced(source: str, model_expr: str = "model") -> str:
    source = textwrap.dedent(source)
    fit_line = next(
        number for number, line in enumerate(source.splitlines(), 1) if ".fit(" in line
    )
    result = slice_model(source, model_expr, fit_line)
    assert result.program is not None, result.reason
    return result.program


def reason(source: str, model_expr: str = "model") -> str:
    source = textwrap.dedent(source)
    fit_line = next(
        number for number, line in enumerate(source.splitlines(), 1) if ".fit(" in line
    )
    result = slice_model(source, model_expr, fit_line)
    assert result.program is None
    return result.reason


FER_SCRIPT = """
import numpy as np
import pandas as pd
import matplotlib.pyplot as plt
from tensorflow.keras.models import Sequential
from tensorflow.keras.layers import Conv2D, Dense, Flatten, Input
IMG = 48
SHAPE = (IMG, IMG, 1)
df = pd.read_csv("fer2013.csv")
x = np.array([np.array(p.split(), dtype="uint8") for p in df.pixels])
def build(classes=7, filters=(32, 64)):
    net = Sequential([Input(SHAPE)] + [Conv2D(f, 3) for f in filters])
    net.add(Flatten())
    net.add(Dense(classes, activation="softmax"))
    return net
model = build()
model.compile(optimizer="adam", loss="categorical_crossentropy")
model.summary()
plt.plot([1, 2])
model.fit(x, df.emotion.values, epochs=3)
model.save("model.h5")
"""


def test_keeps_what_builds_and_compiles_the_model():
    program = sliced(FER_SCRIPT)
    assert "SHAPE = (IMG, IMG, 1)" in program
    assert "def build(" in program
    assert "model.compile(" in program
    assert program.rstrip().endswith(f"{MODEL_VARIABLE} = (model)")


@pytest.mark.parametrize(
    "dropped", ["read_csv", "np.array", "summary", "plt", "fit(", "save(", "pandas"]
)
def test_drops_data_training_and_plots(dropped):
    assert dropped not in sliced(FER_SCRIPT)


def test_pretrained_weights_are_switched_off_and_load_weights_dropped():
    program = sliced(
        """
        from tensorflow.keras.applications import VGG16, MobileNetV2
        base = VGG16(weights="imagenet", include_top=False, input_shape=(48, 48, 3))
        other = MobileNetV2(input_shape=(96, 96, 3), include_top=False)
        base.load_weights("vgg.h5")
        model = other
        model.fit(x)
        """,
        "base",
    )
    assert 'weights="imagenet"' not in program
    assert "weights=None" in program
    assert "load_weights" not in program


def test_default_imagenet_weights_get_weights_none():
    program = sliced(
        """
        import tensorflow as tf
        model = tf.keras.applications.MobileNetV2(input_shape=(96, 96, 3))
        model.fit(x)
        """
    )
    assert "MobileNetV2(input_shape=(96, 96, 3), weights=None)" in program


def test_loop_freezing_layers_is_kept():
    program = sliced(
        """
        from keras.applications import VGG16
        base = VGG16(include_top=False, input_shape=(48, 48, 3))
        for layer in base.layers[:-4]:
            layer.trainable = False
        for name in ["a", "b"]:
            print(name)
        base.fit(x)
        """,
        "base",
    )
    assert "layer.trainable = False" in program
    assert "print" not in program


def test_fit_inside_a_function_uses_parameter_defaults():
    program = sliced(
        """
        from keras import Input, Sequential, layers
        def main(size=64, classes=7):
            model = Sequential([Input((size, size, 3)), layers.Dense(classes)])
            model.compile(loss="categorical_crossentropy")
            model.fit(x, y)
        if __name__ == "__main__":
            main()
        """
    )
    assert "size = (64)" in program
    assert "classes = (7)" in program
    assert "main()" not in program


def test_fit_under_main_guard():
    program = sliced(
        """
        import keras
        if __name__ == "__main__":
            model = keras.Sequential([keras.Input((48, 48, 1))])
            model.fit(x)
        """
    )
    assert "model = keras.Sequential" in program
    assert "__main__" not in program


def test_local_names_of_functions_do_not_pull_data():
    program = sliced(
        """
        import numpy as np
        import keras
        x = np.load("faces.npy")
        def build():
            x = keras.Input((48, 48, 1))
            y = keras.layers.Flatten()(x)
            return keras.Model(x, keras.layers.Dense(7)(y))
        model = build()
        model.fit(x)
        """
    )
    assert "np.load" not in program


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("SHAPE = np.load('x.npy').shape[1:]", "depends on data read at run time"),
        ("SHAPE = (len(os.listdir('train')), 48, 1)", "`os.listdir`"),
        ("SHAPE = (args.size, args.size, 1)", "command-line arguments"),
        ("SHAPE = (int(sys.argv[1]), 48, 1)", "command-line arguments"),
    ],
)
def test_values_from_data_files_or_arguments_are_unsliceable(line, expected):
    source = f"""
        import os, sys, argparse
        import numpy as np
        import keras
        parser = argparse.ArgumentParser()
        args = parser.parse_args()
        {line}
        model = keras.Sequential([keras.Input(SHAPE)])
        model.fit(x)
        """
    assert expected in reason(source)


def test_loaded_model_is_unsliceable():
    text = reason(
        """
        from tensorflow.keras.models import load_model
        model = load_model("fer.h5")
        model.fit(x)
        """
    )
    assert text.startswith("the model is loaded from a file")


def test_model_given_by_a_caller_or_an_object_is_unsliceable():
    assert "argument of `train()`" in reason(
        """
        def train(model, x):
            model.fit(x)
        """
    )
    assert "`self`" in reason(
        """
        class Trainer:
            def run(self):
                self.model.fit(1)
        """,
        "self.model",
    )


def test_undefined_name_is_reported():
    assert "`Sequential`" in reason(
        """
        model = Sequential()
        model.fit(x)
        """
    )


def test_syntax_error_and_notebook_magics():
    assert "does not parse" in slice_model("def (:\n", "model", 1).reason
    program = sliced(
        """
        !pip install keras
        %matplotlib inline
        import keras
        model = keras.Sequential()
        model.fit(x)
        """
    )
    assert "pip" not in program


def test_a_class_list_read_from_data_is_stood_in_for_its_count():
    source = textwrap.dedent(
        """
        import os
        from tensorflow import keras
        CLASSES = sorted(os.listdir("faces"))
        model = keras.Sequential([
            keras.Input((48, 48, 1)),
            keras.layers.Flatten(),
            keras.layers.Dense(len(CLASSES), activation="softmax"),
        ])
        model.fit(x, y)
        """
    )
    sliced = slice_model(source, "model", 10)
    assert sliced.program is not None
    assert "os.listdir" not in sliced.program
    assert "CLASSES = _FerlintStandIn()" in sliced.program
    assert sliced.notes == (
        "`CLASSES` (line 4) depends on data read at run time; the probe stood in "
        "a list of 7 class names",
    )
    namespace: dict = {}
    exec(sliced.program.split("from tensorflow")[0], namespace)
    assert len(namespace["_FerlintStandIn"]().classes_) == 7


def test_a_value_from_data_used_as_a_shape_stays_unsliceable():
    source = textwrap.dedent(
        """
        import numpy as np
        from tensorflow import keras
        SHAPE = np.load("x.npy").shape[1:]
        model = keras.Sequential([keras.Input(SHAPE), keras.layers.Dense(7)])
        model.fit(x, y)
        """
    )
    sliced = slice_model(source, "model", 6)
    assert sliced.program is None
    assert sliced.reason.startswith("a value the model needs depends on data")


def test_an_encoder_fitted_on_data_and_a_missing_package_become_stand_ins():
    source = textwrap.dedent(
        """
        import glob
        from sklearn.preprocessing import LabelEncoder
        from tensorflow import keras
        files = glob.glob("faces/*/*.png")
        names = [f.split("/")[-2] for f in files]
        encoder = LabelEncoder()
        y = encoder.fit_transform(names)
        model = keras.Sequential([keras.layers.Dense(len(encoder.classes_))])
        model.fit(x, y)
        """
    )
    sliced = slice_model(source, "model", 10)
    assert sliced.program is not None
    assert "except ImportError:\n    LabelEncoder = _FerlintStandIn" in sliced.program
    assert "encoder = _FerlintStandIn()" in sliced.program
    assert "keras.layers.Dense(len(encoder.classes_))" in sliced.program
