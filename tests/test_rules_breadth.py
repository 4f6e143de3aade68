"""The breadth rules (FER007, FER010-FER021) on short training scripts written inline.

Each rule has "must fire" cases (a real mistake: the exact codes and the line
each finding is reported at, and no other finding of any rule) and, kept
apart, "must stay silent" near misses (the correct script that looks almost
the same: no findings at all). Nothing here probes: `check_source` never runs
TensorFlow.

A firing case names each expected finding by a piece of text that occurs on
exactly one line of the script; the finding must be reported on that line.
"""

from __future__ import annotations

import textwrap

import pytest

from ferlint.api import check_source


def script(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


def line_of(source: str, needle: str) -> int:
    """The 1-based line holding `needle`, which must occur on exactly one line."""
    lines = [n for n, text in enumerate(source.splitlines(), 1) if needle in text]
    assert len(lines) == 1, f"{needle!r} is on lines {lines}, not on exactly one"
    return lines[0]


def fire(case_id, source, *where, marks=()):
    """A script that must produce exactly the findings in `where`.

    Each item of `where` is (code, text of the line it is reported at).
    """
    return pytest.param(script(source), where, id=case_id, marks=marks)


def silent(case_id, source, *, marks=()):
    return pytest.param(script(source), id=case_id, marks=marks)


def bug(reason):
    """A ferlint bug this test exposes; the lead fixes the analyzer, not the test."""
    return pytest.mark.xfail(strict=True, reason=reason)


def _listing(findings) -> str:
    return "\n".join(f"{f.code} {f.span.line}: {f.message}" for f in findings)


def assert_fires(source, where):
    findings = check_source(source)
    got = sorted((f.code, f.span.line) for f in findings)
    want = sorted((code, line_of(source, needle)) for code, needle in where)
    assert got == want, _listing(findings)
    for finding in findings:
        assert finding.fix.description, f"{finding.code} offers no fix"


def assert_silent(source):
    findings = check_source(source)
    assert findings == [], _listing(findings)


# ---------------------------------------------------------------------------
# FER007 double-normalization
# ---------------------------------------------------------------------------

FER007_FIRES = [
    fire(
        "divided-then-rescaling-layer",
        """
        import numpy as np
        import pandas as pd
        from tensorflow import keras
        from tensorflow.keras import layers

        data = pd.read_csv("fer2013.csv")
        x = np.array([row.split() for row in data["pixels"]], dtype="float32")
        x = x.reshape(-1, 48, 48, 1) / 255.0
        y = keras.utils.to_categorical(data["emotion"], 7)

        model = keras.Sequential([
            keras.Input(shape=(48, 48, 1)),
            layers.Rescaling(1.0 / 255),
            layers.Conv2D(32, 3, activation="relu"),
            layers.MaxPooling2D(),
            layers.Flatten(),
            layers.Dense(7, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(x, y, epochs=30, batch_size=64)
        """,
        ("FER007", "x = x.reshape(-1, 48, 48, 1) / 255.0"),
    ),
    fire(
        "divided-twice",
        """
        import numpy as np
        import pandas as pd
        from tensorflow import keras
        from tensorflow.keras import layers

        data = pd.read_csv("fer2013.csv")
        x = np.array([row.split() for row in data["pixels"]], dtype="float32")
        x = x.reshape(-1, 48, 48, 1) / 255.0
        y = keras.utils.to_categorical(data["emotion"], 7)
        x_train = x / 255.0

        model = keras.Sequential([
            keras.Input(shape=(48, 48, 1)),
            layers.Conv2D(32, 3, activation="relu"),
            layers.MaxPooling2D(),
            layers.Flatten(),
            layers.Dense(7, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(x_train, y, epochs=30, batch_size=64)
        """,
        ("FER007", "x_train = x / 255.0"),
    ),
    fire(
        "generator-rescale-and-rescaling-layer",
        """
        from tensorflow import keras
        from tensorflow.keras import layers
        from tensorflow.keras.preprocessing.image import ImageDataGenerator

        datagen = ImageDataGenerator(rescale=1.0 / 255)
        train = datagen.flow_from_directory(
            "fer/train", target_size=(48, 48), color_mode="grayscale",
            class_mode="categorical", batch_size=64,
        )

        model = keras.Sequential([
            keras.Input(shape=(48, 48, 1)),
            layers.Rescaling(1.0 / 255),
            layers.Conv2D(32, 3, activation="relu"),
            layers.MaxPooling2D(),
            layers.Flatten(),
            layers.Dense(7, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(train, epochs=30)
        """,
        ("FER007", "datagen = ImageDataGenerator(rescale=1.0 / 255)"),
    ),
    fire(
        "dataset-map-and-rescaling-layer",
        """
        from tensorflow import keras
        from tensorflow.keras import layers

        train_ds = keras.utils.image_dataset_from_directory(
            "affectnet/train", image_size=(96, 96), label_mode="categorical",
        )
        train_ds = train_ds.map(lambda img, label: (img / 255.0, label))

        model = keras.Sequential([
            keras.Input(shape=(96, 96, 3)),
            layers.Rescaling(1.0 / 255),
            layers.Conv2D(32, 3, activation="relu"),
            layers.MaxPooling2D(),
            layers.GlobalAveragePooling2D(),
            layers.Dense(8, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(train_ds, epochs=20)
        """,
        ("FER007", "train_ds = train_ds.map("),
    ),
    fire(
        "preprocess-input-after-division",
        """
        import cv2
        import numpy as np
        from tensorflow import keras
        from tensorflow.keras import layers
        from tensorflow.keras.applications.mobilenet_v2 import preprocess_input

        images = []
        for path in open("train.txt").read().split():
            img = cv2.imread(path)
            img = cv2.cvtColor(img, cv2.COLOR_BGR2RGB)
            images.append(cv2.resize(img, (96, 96)))
        x = np.array(images, dtype="float32") / 255.0
        x = preprocess_input(x)
        y = keras.utils.to_categorical(np.load("labels.npy"), 7)

        model = keras.Sequential([
            keras.Input(shape=(96, 96, 3)),
            layers.Conv2D(32, 3, activation="relu"),
            layers.MaxPooling2D(),
            layers.GlobalAveragePooling2D(),
            layers.Dense(7, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(x, y, epochs=20)
        """,
        ("FER007", "x = preprocess_input(x)"),
    ),
]

FER007_SILENT = [
    silent(
        "rescaling-layer-on-raw-uint8",
        """
        import numpy as np
        import pandas as pd
        from tensorflow import keras
        from tensorflow.keras import layers

        data = pd.read_csv("fer2013.csv")
        x = np.array([row.split() for row in data["pixels"]], dtype="uint8")
        x = x.reshape(-1, 48, 48, 1)
        y = keras.utils.to_categorical(data["emotion"], 7)

        model = keras.Sequential([
            keras.Input(shape=(48, 48, 1)),
            layers.Rescaling(1.0 / 255),
            layers.Conv2D(32, 3, activation="relu"),
            layers.MaxPooling2D(),
            layers.Flatten(),
            layers.Dense(7, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(x, y, epochs=30, batch_size=64)
        """,
    ),
    silent(
        "rescaling-layer-in-another-model",
        """
        import numpy as np
        import pandas as pd
        from tensorflow import keras
        from tensorflow.keras import layers

        data = pd.read_csv("fer2013.csv")
        x = np.array([row.split() for row in data["pixels"]], dtype="float32")
        x = x.reshape(-1, 48, 48, 1) / 255.0
        y = keras.utils.to_categorical(data["emotion"], 7)

        scratch = keras.Sequential([
            keras.Input(shape=(48, 48, 1)),
            layers.Conv2D(32, 3, activation="relu"),
            layers.MaxPooling2D(),
            layers.Flatten(),
            layers.Dense(7, activation="softmax"),
        ])
        scratch.compile(optimizer="adam", loss="categorical_crossentropy")
        scratch.fit(x, y, epochs=30, batch_size=64)

        train_ds = keras.utils.image_dataset_from_directory(
            "affectnet/train", image_size=(96, 96), label_mode="categorical",
        )
        folders = keras.Sequential([
            keras.Input(shape=(96, 96, 3)),
            layers.Rescaling(1.0 / 255),
            layers.Conv2D(32, 3, activation="relu"),
            layers.GlobalAveragePooling2D(),
            layers.Dense(8, activation="softmax"),
        ])
        folders.compile(optimizer="adam", loss="categorical_crossentropy")
        folders.fit(train_ds, epochs=20)
        """,
    ),
    silent(
        "preprocess-input-on-raw-pixels",
        """
        import cv2
        import numpy as np
        from tensorflow import keras
        from tensorflow.keras import layers
        from tensorflow.keras.applications.mobilenet_v2 import preprocess_input

        images = []
        for path in open("train.txt").read().split():
            img = cv2.imread(path)
            img = cv2.cvtColor(img, cv2.COLOR_BGR2RGB)
            images.append(cv2.resize(img, (96, 96)))
        x = preprocess_input(np.array(images, dtype="float32"))
        y = keras.utils.to_categorical(np.load("labels.npy"), 7)

        model = keras.Sequential([
            keras.Input(shape=(96, 96, 3)),
            layers.Conv2D(32, 3, activation="relu"),
            layers.MaxPooling2D(),
            layers.GlobalAveragePooling2D(),
            layers.Dense(7, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(x, y, epochs=20)
        """,
    ),
    silent(
        "generator-rescale-on-raw-images",
        """
        from tensorflow import keras
        from tensorflow.keras import layers
        from tensorflow.keras.preprocessing.image import ImageDataGenerator

        datagen = ImageDataGenerator(rescale=1.0 / 255)
        train = datagen.flow_from_directory(
            "fer/train", target_size=(48, 48), color_mode="grayscale",
            class_mode="categorical", batch_size=64,
        )

        model = keras.Sequential([
            keras.Input(shape=(48, 48, 1)),
            layers.Conv2D(32, 3, activation="relu"),
            layers.MaxPooling2D(),
            layers.Flatten(),
            layers.Dense(7, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(train, epochs=30)
        """,
    ),
    silent(
        "in-place-division-once",
        """
        import numpy as np
        import pandas as pd
        from tensorflow import keras
        from tensorflow.keras import layers

        data = pd.read_csv("fer2013.csv")
        x = np.array([row.split() for row in data["pixels"]], dtype="float32")
        x = x.reshape(-1, 48, 48, 1)
        x /= 255.0
        y = keras.utils.to_categorical(data["emotion"], 7)

        model = keras.Sequential([
            keras.Input(shape=(48, 48, 1)),
            layers.Conv2D(32, 3, activation="relu"),
            layers.MaxPooling2D(),
            layers.Flatten(),
            layers.Dense(7, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(x, y, epochs=30, batch_size=64)
        """,
    ),
    silent(
        "standardized-once",
        """
        import numpy as np
        import pandas as pd
        from tensorflow import keras
        from tensorflow.keras import layers

        data = pd.read_csv("fer2013.csv")
        x = np.array([row.split() for row in data["pixels"]], dtype="float32")
        x = x.reshape(-1, 48, 48, 1)
        x = (x - x.mean()) / x.std()
        y = keras.utils.to_categorical(data["emotion"], 7)

        model = keras.Sequential([
            keras.Input(shape=(48, 48, 1)),
            layers.Conv2D(32, 3, activation="relu"),
            layers.MaxPooling2D(),
            layers.Flatten(),
            layers.Dense(7, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(x, y, epochs=30, batch_size=64)
        """,
    ),
]


@pytest.mark.parametrize("source, where", FER007_FIRES)
def test_fer007_fires(source, where):
    assert_fires(source, where)


@pytest.mark.parametrize("source", FER007_SILENT)
def test_fer007_silent(source):
    assert_silent(source)


# ---------------------------------------------------------------------------
# FER010 one-hot-with-sparse-loss
# ---------------------------------------------------------------------------

FER010_FIRES = [
    fire(
        "to-categorical-with-sparse-loss",
        """
        import numpy as np
        import pandas as pd
        from tensorflow import keras
        from tensorflow.keras import layers

        data = pd.read_csv("fer2013.csv")
        x = np.array([row.split() for row in data["pixels"]], dtype="float32")
        x = x.reshape(-1, 48, 48, 1) / 255.0
        y = keras.utils.to_categorical(data["emotion"], 7)

        model = keras.Sequential([
            keras.Input(shape=(48, 48, 1)),
            layers.Conv2D(32, 3, activation="relu"),
            layers.MaxPooling2D(),
            layers.Flatten(),
            layers.Dense(7, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        model.fit(x, y, epochs=30, batch_size=64)
        """,
        ("FER010", "y = keras.utils.to_categorical"),
    ),
    fire(
        "class-mode-categorical-with-sparse-loss",
        """
        from tensorflow import keras
        from tensorflow.keras import layers
        from tensorflow.keras.preprocessing.image import ImageDataGenerator

        train = ImageDataGenerator(rescale=1.0 / 255).flow_from_directory(
            "fer/train", target_size=(48, 48), color_mode="grayscale",
            class_mode="categorical", batch_size=64,
        )

        model = keras.Sequential([
            keras.Input(shape=(48, 48, 1)),
            layers.Conv2D(32, 3, activation="relu"),
            layers.MaxPooling2D(),
            layers.Flatten(),
            layers.Dense(7, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        model.fit(train, epochs=30)
        """,
        ("FER010", 'class_mode="categorical"'),
    ),
    fire(
        "label-mode-categorical-with-loss-object",
        """
        from tensorflow import keras
        from tensorflow.keras import layers

        train_ds = keras.utils.image_dataset_from_directory(
            "affectnet/train", image_size=(96, 96), label_mode="categorical",
        )

        model = keras.Sequential([
            keras.Input(shape=(96, 96, 3)),
            layers.Rescaling(1.0 / 255),
            layers.Conv2D(32, 3, activation="relu"),
            layers.GlobalAveragePooling2D(),
            layers.Dense(8, activation="softmax"),
        ])
        model.compile(
            optimizer="adam",
            loss=keras.losses.SparseCategoricalCrossentropy(),
        )
        model.fit(train_ds, epochs=20)
        """,
        ("FER010", 'label_mode="categorical"'),
    ),
    fire(
        "keras2-np-utils-with-sparse-loss",
        """
        import numpy as np
        import pandas as pd
        from keras.layers import Conv2D, Dense, Flatten, MaxPooling2D
        from keras.models import Sequential
        from keras.utils import np_utils

        data = pd.read_csv("fer2013.csv")
        x = np.array([row.split() for row in data["pixels"]], dtype="float32")
        x = x.reshape(-1, 48, 48, 1) / 255.0
        y = np_utils.to_categorical(data["emotion"], 7)

        model = Sequential()
        model.add(Conv2D(32, (3, 3), activation="relu", input_shape=(48, 48, 1)))
        model.add(MaxPooling2D())
        model.add(Flatten())
        model.add(Dense(7, activation="softmax"))
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        model.fit(x, y, epochs=30, batch_size=64)
        """,
        ("FER010", "y = np_utils.to_categorical"),
    ),
    fire(
        "one-hot-validation-labels",
        """
        import numpy as np
        import pandas as pd
        from tensorflow import keras
        from tensorflow.keras import layers

        data = pd.read_csv("fer2013.csv")
        x = np.array([row.split() for row in data["pixels"]], dtype="float32")
        x = x.reshape(-1, 48, 48, 1) / 255.0
        y = data["emotion"].values
        y_onehot = keras.utils.to_categorical(y, 7)

        model = keras.Sequential([
            keras.Input(shape=(48, 48, 1)),
            layers.Conv2D(32, 3, activation="relu"),
            layers.MaxPooling2D(),
            layers.Flatten(),
            layers.Dense(7, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        model.fit(x[:30000], y[:30000], validation_data=(x[30000:], y_onehot[30000:]))
        """,
        ("FER010", "y_onehot = keras.utils.to_categorical"),
    ),
]

FER010_SILENT = [
    silent(
        "label-encoder-with-sparse-loss",
        """
        import glob
        import os

        import numpy as np
        from PIL import Image
        from sklearn.preprocessing import LabelEncoder
        from tensorflow import keras
        from tensorflow.keras import layers

        paths = sorted(glob.glob("ckplus/*/*.png"))
        x = np.array(
            [np.array(Image.open(p).convert("L").resize((48, 48))) for p in paths],
            dtype="float32",
        )[..., np.newaxis] / 255.0
        y = LabelEncoder().fit_transform([os.path.basename(os.path.dirname(p)) for p in paths])

        model = keras.Sequential([
            keras.Input(shape=(48, 48, 1)),
            layers.Conv2D(32, 3, activation="relu"),
            layers.MaxPooling2D(),
            layers.Flatten(),
            layers.Dense(7, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        model.fit(x, y, epochs=30, batch_size=16)
        """,
    ),
    silent(
        "to-categorical-with-categorical-loss",
        """
        import numpy as np
        import pandas as pd
        from tensorflow import keras
        from tensorflow.keras import layers

        data = pd.read_csv("fer2013.csv")
        x = np.array([row.split() for row in data["pixels"]], dtype="float32")
        x = x.reshape(-1, 48, 48, 1) / 255.0
        y = keras.utils.to_categorical(data["emotion"], 7)

        model = keras.Sequential([
            keras.Input(shape=(48, 48, 1)),
            layers.Conv2D(32, 3, activation="relu"),
            layers.MaxPooling2D(),
            layers.Flatten(),
            layers.Dense(7, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(x, y, epochs=30, batch_size=64)
        """,
    ),
    silent(
        "class-mode-sparse-with-sparse-loss",
        """
        from tensorflow import keras
        from tensorflow.keras import layers
        from tensorflow.keras.preprocessing.image import ImageDataGenerator

        train = ImageDataGenerator(rescale=1.0 / 255).flow_from_directory(
            "fer/train", target_size=(48, 48), color_mode="grayscale",
            class_mode="sparse", batch_size=64,
        )

        model = keras.Sequential([
            keras.Input(shape=(48, 48, 1)),
            layers.Conv2D(32, 3, activation="relu"),
            layers.MaxPooling2D(),
            layers.Flatten(),
            layers.Dense(7, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        model.fit(train, epochs=30)
        """,
    ),
    silent(
        "default-int-labels-with-sparse-loss",
        """
        from tensorflow import keras
        from tensorflow.keras import layers

        train_ds = keras.utils.image_dataset_from_directory(
            "affectnet/train", image_size=(96, 96),
        )

        model = keras.Sequential([
            keras.Input(shape=(96, 96, 3)),
            layers.Rescaling(1.0 / 255),
            layers.Conv2D(32, 3, activation="relu"),
            layers.GlobalAveragePooling2D(),
            layers.Dense(8, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        model.fit(train_ds, epochs=20)
        """,
    ),
    silent(
        "argmax-back-to-integers",
        """
        import numpy as np
        import pandas as pd
        from tensorflow import keras
        from tensorflow.keras import layers

        data = pd.read_csv("fer2013.csv")
        x = np.array([row.split() for row in data["pixels"]], dtype="float32")
        x = x.reshape(-1, 48, 48, 1) / 255.0
        y_onehot = keras.utils.to_categorical(data["emotion"], 7)
        y = np.argmax(y_onehot, axis=1)

        model = keras.Sequential([
            keras.Input(shape=(48, 48, 1)),
            layers.Conv2D(32, 3, activation="relu"),
            layers.MaxPooling2D(),
            layers.Flatten(),
            layers.Dense(7, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        model.fit(x, y, epochs=30, batch_size=64)
        """,
    ),
]


@pytest.mark.parametrize("source, where", FER010_FIRES)
def test_fer010_fires(source, where):
    assert_fires(source, where)


@pytest.mark.parametrize("source", FER010_SILENT)
def test_fer010_silent(source):
    assert_silent(source)


# ---------------------------------------------------------------------------
# FER011 class-count-mismatch
# ---------------------------------------------------------------------------

FER011_FIRES = [
    fire(
        "seven-classes-eight-units",
        """
        import numpy as np
        import pandas as pd
        from tensorflow import keras
        from tensorflow.keras import layers

        data = pd.read_csv("fer2013.csv")
        x = np.array([row.split() for row in data["pixels"]], dtype="float32")
        x = x.reshape(-1, 48, 48, 1) / 255.0
        y = keras.utils.to_categorical(data["emotion"], 7)

        model = keras.Sequential([
            keras.Input(shape=(48, 48, 1)),
            layers.Conv2D(32, 3, activation="relu"),
            layers.MaxPooling2D(),
            layers.Flatten(),
            layers.Dense(8, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(x, y, epochs=30, batch_size=64)
        """,
        ("FER011", "layers.Dense(8, activation"),
    ),
    fire(
        "functional-num-classes-keyword",
        """
        import numpy as np
        import pandas as pd
        from tensorflow import keras
        from tensorflow.keras import layers

        data = pd.read_csv("fer2013.csv")
        x = np.array([row.split() for row in data["pixels"]], dtype="float32")
        x = x.reshape(-1, 48, 48, 1) / 255.0
        y = keras.utils.to_categorical(data["emotion"], num_classes=7)

        inputs = keras.Input(shape=(48, 48, 1))
        h = layers.Conv2D(32, 3, activation="relu")(inputs)
        h = layers.MaxPooling2D()(h)
        h = layers.Flatten()(h)
        outputs = layers.Dense(6, activation="softmax")(h)
        model = keras.Model(inputs, outputs)
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(x, y, epochs=30, batch_size=64)
        """,
        ("FER011", "outputs = layers.Dense(6"),
    ),
    fire(
        "len-of-emotion-list",
        """
        import numpy as np
        import pandas as pd
        from tensorflow import keras
        from tensorflow.keras import layers

        EMOTIONS = ["angry", "disgust", "fear", "happy", "sad", "surprise", "neutral"]

        data = pd.read_csv("fer2013.csv")
        x = np.array([row.split() for row in data["pixels"]], dtype="float32")
        x = x.reshape(-1, 48, 48, 1) / 255.0
        y = keras.utils.to_categorical(data["emotion"], len(EMOTIONS))

        model = keras.Sequential([
            keras.Input(shape=(48, 48, 1)),
            layers.Conv2D(32, 3, activation="relu"),
            layers.MaxPooling2D(),
            layers.Flatten(),
            layers.Dense(8, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(x, y, epochs=30, batch_size=64)
        """,
        ("FER011", "layers.Dense(8, activation"),
    ),
    fire(
        "constant-used-for-labels-only",
        """
        import numpy as np
        import pandas as pd
        from keras.layers import Conv2D, Dense, Flatten, MaxPooling2D
        from keras.models import Sequential
        from keras.utils import to_categorical

        NUM_CLASSES = 7

        data = pd.read_csv("fer2013.csv")
        x = np.array([row.split() for row in data["pixels"]], dtype="float32")
        x = x.reshape(-1, 48, 48, 1) / 255.0
        y = to_categorical(data["emotion"], NUM_CLASSES)

        model = Sequential()
        model.add(Conv2D(32, (3, 3), activation="relu", input_shape=(48, 48, 1)))
        model.add(MaxPooling2D())
        model.add(Flatten())
        model.add(Dense(128, activation="relu"))
        model.add(Dense(6, activation="softmax"))
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(x, y, epochs=30, batch_size=64)
        """,
        ("FER011", "model.add(Dense(6"),
    ),
    fire(
        "validation-labels-other-count",
        """
        import numpy as np
        import pandas as pd
        from tensorflow import keras
        from tensorflow.keras import layers

        data = pd.read_csv("fer2013.csv")
        x = np.array([row.split() for row in data["pixels"]], dtype="float32")
        x = x.reshape(-1, 48, 48, 1) / 255.0
        y = data["emotion"].values

        model = keras.Sequential([
            keras.Input(shape=(48, 48, 1)),
            layers.Conv2D(32, 3, activation="relu"),
            layers.MaxPooling2D(),
            layers.Flatten(),
            layers.Dense(8, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(
            x, keras.utils.to_categorical(y, 7),
            epochs=30, batch_size=64, validation_split=0.1,
        )
        """,
        ("FER011", "layers.Dense(8, activation"),
    ),
]

FER011_SILENT = [
    silent(
        "seven-classes-seven-units",
        """
        import numpy as np
        import pandas as pd
        from tensorflow import keras
        from tensorflow.keras import layers

        data = pd.read_csv("fer2013.csv")
        x = np.array([row.split() for row in data["pixels"]], dtype="float32")
        x = x.reshape(-1, 48, 48, 1) / 255.0
        y = keras.utils.to_categorical(data["emotion"], 7)

        model = keras.Sequential([
            keras.Input(shape=(48, 48, 1)),
            layers.Conv2D(32, 3, activation="relu"),
            layers.MaxPooling2D(),
            layers.Flatten(),
            layers.Dense(7, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(x, y, epochs=30, batch_size=64)
        """,
    ),
    silent(
        "one-constant-for-both",
        """
        import numpy as np
        import pandas as pd
        from keras.layers import Conv2D, Dense, Flatten, MaxPooling2D
        from keras.models import Sequential
        from keras.utils import to_categorical

        NUM_CLASSES = 7

        data = pd.read_csv("fer2013.csv")
        x = np.array([row.split() for row in data["pixels"]], dtype="float32")
        x = x.reshape(-1, 48, 48, 1) / 255.0
        y = to_categorical(data["emotion"], NUM_CLASSES)

        model = Sequential()
        model.add(Conv2D(32, (3, 3), activation="relu", input_shape=(48, 48, 1)))
        model.add(MaxPooling2D())
        model.add(Flatten())
        model.add(Dense(128, activation="relu"))
        model.add(Dense(NUM_CLASSES, activation="softmax"))
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(x, y, epochs=30, batch_size=64)
        """,
    ),
    silent(
        "count-not-given",
        """
        import numpy as np
        import pandas as pd
        from tensorflow import keras
        from tensorflow.keras import layers

        data = pd.read_csv("fer2013.csv")
        x = np.array([row.split() for row in data["pixels"]], dtype="float32")
        x = x.reshape(-1, 48, 48, 1) / 255.0
        y = keras.utils.to_categorical(data["emotion"])

        model = keras.Sequential([
            keras.Input(shape=(48, 48, 1)),
            layers.Conv2D(32, 3, activation="relu"),
            layers.MaxPooling2D(),
            layers.Flatten(),
            layers.Dense(7, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(x, y, epochs=30, batch_size=64)
        """,
    ),
    silent(
        "binary-labels-one-unit",
        """
        from tensorflow import keras
        from tensorflow.keras import layers
        from tensorflow.keras.preprocessing.image import ImageDataGenerator

        train = ImageDataGenerator(rescale=1.0 / 255).flow_from_directory(
            "smile/train", target_size=(64, 64), class_mode="binary", batch_size=32,
        )

        model = keras.Sequential([
            keras.Input(shape=(64, 64, 3)),
            layers.Conv2D(32, 3, activation="relu"),
            layers.MaxPooling2D(),
            layers.Flatten(),
            layers.Dense(1, activation="sigmoid"),
        ])
        model.compile(optimizer="adam", loss="binary_crossentropy")
        model.fit(train, epochs=10)
        """,
    ),
    silent(
        "len-of-list-for-both",
        """
        import numpy as np
        import pandas as pd
        from tensorflow import keras
        from tensorflow.keras import layers

        EMOTIONS = ["angry", "disgust", "fear", "happy", "sad", "surprise", "neutral"]

        data = pd.read_csv("fer2013.csv")
        x = np.array([row.split() for row in data["pixels"]], dtype="float32")
        x = x.reshape(-1, 48, 48, 1) / 255.0
        y = keras.utils.to_categorical(data["emotion"], len(EMOTIONS))

        inputs = keras.Input(shape=(48, 48, 1))
        h = layers.Conv2D(32, 3, activation="relu")(inputs)
        h = layers.MaxPooling2D()(h)
        h = layers.Flatten()(h)
        outputs = layers.Dense(len(EMOTIONS), activation="softmax")(h)
        model = keras.Model(inputs, outputs)
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(x, y, epochs=30, batch_size=64)
        """,
    ),
]


@pytest.mark.parametrize("source, where", FER011_FIRES)
def test_fer011_fires(source, where):
    assert_fires(source, where)


@pytest.mark.parametrize("source", FER011_SILENT)
def test_fer011_silent(source):
    assert_silent(source)


# ---------------------------------------------------------------------------
# FER012 output-loss-mismatch
# ---------------------------------------------------------------------------

FER012_FIRES = [
    fire(
        "softmax-with-binary-crossentropy",
        """
        import numpy as np
        import pandas as pd
        from tensorflow import keras
        from tensorflow.keras import layers

        data = pd.read_csv("fer2013.csv")
        x = np.array([row.split() for row in data["pixels"]], dtype="float32")
        x = x.reshape(-1, 48, 48, 1) / 255.0
        y = keras.utils.to_categorical(data["emotion"], 7)

        model = keras.Sequential([
            keras.Input(shape=(48, 48, 1)),
            layers.Conv2D(32, 3, activation="relu"),
            layers.MaxPooling2D(),
            layers.Flatten(),
            layers.Dense(7, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
        model.fit(x, y, epochs=30, batch_size=64)
        """,
        ("FER012", 'loss="binary_crossentropy"'),
    ),
    fire(
        "softmax-with-from-logits",
        """
        import numpy as np
        import pandas as pd
        from tensorflow import keras
        from tensorflow.keras import layers

        data = pd.read_csv("fer2013.csv")
        x = np.array([row.split() for row in data["pixels"]], dtype="float32")
        x = x.reshape(-1, 48, 48, 1) / 255.0
        y = keras.utils.to_categorical(data["emotion"], 7)

        model = keras.Sequential([
            keras.Input(shape=(48, 48, 1)),
            layers.Conv2D(32, 3, activation="relu"),
            layers.MaxPooling2D(),
            layers.Flatten(),
            layers.Dense(7, activation="softmax"),
        ])
        model.compile(
            optimizer="adam",
            loss=keras.losses.CategoricalCrossentropy(from_logits=True),
        )
        model.fit(x, y, epochs=30, batch_size=64)
        """,
        ("FER012", "loss=keras.losses.CategoricalCrossentropy(from_logits=True)"),
    ),
    fire(
        "linear-head-with-categorical-string",
        """
        import numpy as np
        import pandas as pd
        from tensorflow import keras
        from tensorflow.keras import layers

        data = pd.read_csv("fer2013.csv")
        x = np.array([row.split() for row in data["pixels"]], dtype="float32")
        x = x.reshape(-1, 48, 48, 1) / 255.0
        y = keras.utils.to_categorical(data["emotion"], 7)

        model = keras.Sequential([
            keras.Input(shape=(48, 48, 1)),
            layers.Conv2D(32, 3, activation="relu"),
            layers.MaxPooling2D(),
            layers.Flatten(),
            layers.Dense(7),
        ])
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(x, y, epochs=30, batch_size=64)
        """,
        ("FER012", 'loss="categorical_crossentropy"'),
    ),
    fire(
        "sigmoid-head-with-sparse-loss",
        """
        import numpy as np
        import pandas as pd
        from tensorflow import keras
        from tensorflow.keras import layers

        data = pd.read_csv("fer2013.csv")
        x = np.array([row.split() for row in data["pixels"]], dtype="float32")
        x = x.reshape(-1, 48, 48, 1) / 255.0
        y = data["emotion"].values

        model = keras.Sequential([
            keras.Input(shape=(48, 48, 1)),
            layers.Conv2D(32, 3, activation="relu"),
            layers.MaxPooling2D(),
            layers.Flatten(),
            layers.Dense(7, activation="sigmoid"),
        ])
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        model.fit(x, y, epochs=30, batch_size=64)
        """,
        ("FER012", 'loss="sparse_categorical_crossentropy"'),
    ),
    fire(
        "one-unit-with-categorical-loss",
        """
        from tensorflow import keras
        from tensorflow.keras import layers
        from tensorflow.keras.preprocessing.image import ImageDataGenerator

        train = ImageDataGenerator(rescale=1.0 / 255).flow_from_directory(
            "smile/train", target_size=(64, 64), class_mode="binary", batch_size=32,
        )

        model = keras.Sequential([
            keras.Input(shape=(64, 64, 3)),
            layers.Conv2D(32, 3, activation="relu"),
            layers.MaxPooling2D(),
            layers.Flatten(),
            layers.Dense(1, activation="sigmoid"),
        ])
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(train, epochs=10)
        """,
        ("FER012", 'loss="categorical_crossentropy"'),
        # The binary labels meeting categorical_crossentropy are FER009 as well.
        ("FER009", 'class_mode="binary"'),
    ),
]

FER012_SILENT = [
    silent(
        "softmax-with-categorical-crossentropy",
        """
        import numpy as np
        import pandas as pd
        from tensorflow import keras
        from tensorflow.keras import layers

        data = pd.read_csv("fer2013.csv")
        x = np.array([row.split() for row in data["pixels"]], dtype="float32")
        x = x.reshape(-1, 48, 48, 1) / 255.0
        y = keras.utils.to_categorical(data["emotion"], 7)

        model = keras.Sequential([
            keras.Input(shape=(48, 48, 1)),
            layers.Conv2D(32, 3, activation="relu"),
            layers.MaxPooling2D(),
            layers.Flatten(),
            layers.Dense(7, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])
        model.fit(x, y, epochs=30, batch_size=64)
        """,
    ),
    silent(
        "linear-head-with-from-logits",
        """
        import numpy as np
        import pandas as pd
        from tensorflow import keras
        from tensorflow.keras import layers

        data = pd.read_csv("fer2013.csv")
        x = np.array([row.split() for row in data["pixels"]], dtype="float32")
        x = x.reshape(-1, 48, 48, 1) / 255.0
        y = keras.utils.to_categorical(data["emotion"], 7)

        model = keras.Sequential([
            keras.Input(shape=(48, 48, 1)),
            layers.Conv2D(32, 3, activation="relu"),
            layers.MaxPooling2D(),
            layers.Flatten(),
            layers.Dense(7),
        ])
        model.compile(
            optimizer="adam",
            loss=keras.losses.CategoricalCrossentropy(from_logits=True),
        )
        model.fit(x, y, epochs=30, batch_size=64)
        """,
    ),
    silent(
        "sigmoid-one-unit-binary-crossentropy",
        """
        from tensorflow import keras
        from tensorflow.keras import layers
        from tensorflow.keras.preprocessing.image import ImageDataGenerator

        train = ImageDataGenerator(rescale=1.0 / 255).flow_from_directory(
            "smile/train", target_size=(64, 64), class_mode="binary", batch_size=32,
        )

        model = keras.Sequential([
            keras.Input(shape=(64, 64, 3)),
            layers.Conv2D(32, 3, activation="relu"),
            layers.MaxPooling2D(),
            layers.Flatten(),
            layers.Dense(1, activation="sigmoid"),
        ])
        model.compile(optimizer="adam", loss="binary_crossentropy")
        model.fit(train, epochs=10)
        """,
    ),
    silent(
        "softmax-with-sparse-loss",
        """
        import numpy as np
        import pandas as pd
        from tensorflow import keras
        from tensorflow.keras import layers

        data = pd.read_csv("fer2013.csv")
        x = np.array([row.split() for row in data["pixels"]], dtype="float32")
        x = x.reshape(-1, 48, 48, 1) / 255.0
        y = data["emotion"].values

        model = keras.Sequential([
            keras.Input(shape=(48, 48, 1)),
            layers.Conv2D(32, 3, activation="relu"),
            layers.MaxPooling2D(),
            layers.Flatten(),
            layers.Dense(7, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        model.fit(x, y, epochs=30, batch_size=64)
        """,
    ),
    silent(
        "separate-softmax-activation-layer",
        """
        import numpy as np
        import pandas as pd
        from tensorflow import keras
        from tensorflow.keras import layers

        data = pd.read_csv("fer2013.csv")
        x = np.array([row.split() for row in data["pixels"]], dtype="float32")
        x = x.reshape(-1, 48, 48, 1) / 255.0
        y = keras.utils.to_categorical(data["emotion"], 7)

        model = keras.Sequential([
            keras.Input(shape=(48, 48, 1)),
            layers.Conv2D(32, 3, activation="relu"),
            layers.MaxPooling2D(),
            layers.Flatten(),
            layers.Dense(7),
            layers.Activation("softmax"),
        ])
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(x, y, epochs=30, batch_size=64)
        """,
    ),
]


@pytest.mark.parametrize("source, where", FER012_FIRES)
def test_fer012_fires(source, where):
    assert_fires(source, where)


@pytest.mark.parametrize("source", FER012_SILENT)
def test_fer012_silent(source):
    assert_silent(source)
