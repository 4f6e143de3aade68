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
from inline import line_of, script, silent

from ferlint.api import check_source


def fire(case_id, source, *where, marks=()):
    """A script that must produce exactly the findings in `where`.

    Each item of `where` is (code, text of the line it is reported at).
    """
    return pytest.param(script(source), where, id=case_id, marks=marks)


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


# ---------------------------------------------------------------------------
# FER013 train-inference-skew
# ---------------------------------------------------------------------------

FER013_FIRES = [
    fire(
        "predict-on-raw-pixels",
        """
        import numpy as np
        import pandas as pd
        from tensorflow import keras
        from tensorflow.keras import layers

        data = pd.read_csv("fer2013.csv")
        x = np.array([row.split() for row in data["pixels"]], dtype="float32")
        x = x.reshape(-1, 48, 48, 1)
        y = keras.utils.to_categorical(data["emotion"], 7)
        x_train, x_test, y_train = x[:30000] / 255.0, x[30000:], y[:30000]

        model = keras.Sequential([
            keras.Input(shape=(48, 48, 1)),
            layers.Conv2D(32, 3, activation="relu"),
            layers.MaxPooling2D(),
            layers.Flatten(),
            layers.Dense(7, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(x_train, y_train, epochs=30, batch_size=64)
        predictions = model.predict(x_test)
        """,
        ("FER013", "x = np.array("),
    ),
    fire(
        "evaluate-on-raw-pixels",
        """
        import numpy as np
        import pandas as pd
        from tensorflow import keras
        from tensorflow.keras import layers

        train = pd.read_csv("train.csv")
        test = pd.read_csv("test.csv")
        x_train = np.array([r.split() for r in train["pixels"]], dtype="float32")
        x_train = x_train.reshape(-1, 48, 48, 1) / 255.0
        x_test = np.array([r.split() for r in test["pixels"]], dtype="float32")
        x_test = x_test.reshape(-1, 48, 48, 1)
        y_train = keras.utils.to_categorical(train["emotion"], 7)
        y_test = keras.utils.to_categorical(test["emotion"], 7)

        model = keras.Sequential([
            keras.Input(shape=(48, 48, 1)),
            layers.Conv2D(32, 3, activation="relu"),
            layers.MaxPooling2D(),
            layers.Flatten(),
            layers.Dense(7, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(x_train, y_train, epochs=30, batch_size=64)
        model.evaluate(x_test, y_test)
        """,
        ("FER013", "x_test = np.array("),
    ),
    fire(
        "validation-data-raw",
        """
        import numpy as np
        import pandas as pd
        from tensorflow import keras
        from tensorflow.keras import layers

        train = pd.read_csv("train.csv")
        val = pd.read_csv("val.csv")
        x_train = np.array([r.split() for r in train["pixels"]], dtype="float32")
        x_train = x_train.reshape(-1, 48, 48, 1) / 255.0
        x_val = np.array([r.split() for r in val["pixels"]], dtype="float32")
        x_val = x_val.reshape(-1, 48, 48, 1)
        y_train = keras.utils.to_categorical(train["emotion"], 7)
        y_val = keras.utils.to_categorical(val["emotion"], 7)

        model = keras.Sequential([
            keras.Input(shape=(48, 48, 1)),
            layers.Conv2D(32, 3, activation="relu"),
            layers.MaxPooling2D(),
            layers.Flatten(),
            layers.Dense(7, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(x_train, y_train, validation_data=(x_val, y_val), epochs=30)
        """,
        ("FER013", "x_val = np.array("),
    ),
    fire(
        "standardized-train-scaled-test",
        """
        import numpy as np
        import pandas as pd
        from tensorflow import keras
        from tensorflow.keras import layers

        train = pd.read_csv("train.csv")
        test = pd.read_csv("test.csv")
        x_train = np.array([r.split() for r in train["pixels"]], dtype="float32")
        x_train = x_train.reshape(-1, 48, 48, 1)
        x_train = (x_train - x_train.mean()) / x_train.std()
        x_test = np.array([r.split() for r in test["pixels"]], dtype="float32")
        x_test = x_test.reshape(-1, 48, 48, 1) / 255.0
        y_train = keras.utils.to_categorical(train["emotion"], 7)

        model = keras.Sequential([
            keras.Input(shape=(48, 48, 1)),
            layers.Conv2D(32, 3, activation="relu"),
            layers.MaxPooling2D(),
            layers.Flatten(),
            layers.Dense(7, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(x_train, y_train, epochs=30, batch_size=64)
        predictions = model.predict(x_test)
        """,
        ("FER013", "x_test = x_test.reshape(-1, 48, 48, 1) / 255.0"),
    ),
]

FER013_SILENT = [
    silent(
        "train-and-predict-both-divided",
        """
        import numpy as np
        import pandas as pd
        from tensorflow import keras
        from tensorflow.keras import layers

        train = pd.read_csv("train.csv")
        test = pd.read_csv("test.csv")
        x_train = np.array([r.split() for r in train["pixels"]], dtype="float32")
        x_train = x_train.reshape(-1, 48, 48, 1) / 255.0
        x_test = np.array([r.split() for r in test["pixels"]], dtype="float32")
        x_test = x_test.reshape(-1, 48, 48, 1) / 255.0
        y_train = keras.utils.to_categorical(train["emotion"], 7)

        model = keras.Sequential([
            keras.Input(shape=(48, 48, 1)),
            layers.Conv2D(32, 3, activation="relu"),
            layers.MaxPooling2D(),
            layers.Flatten(),
            layers.Dense(7, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(x_train, y_train, epochs=30, batch_size=64)
        predictions = model.predict(x_test)
        """,
    ),
    silent(
        "split-after-scaling",
        """
        import numpy as np
        import pandas as pd
        from tensorflow import keras
        from tensorflow.keras import layers

        data = pd.read_csv("fer2013.csv")
        x = np.array([row.split() for row in data["pixels"]], dtype="float32")
        x = x.reshape(-1, 48, 48, 1) / 255.0
        y = keras.utils.to_categorical(data["emotion"], 7)
        x_train, x_val, x_test = x[:28000], x[28000:32000], x[32000:]

        model = keras.Sequential([
            keras.Input(shape=(48, 48, 1)),
            layers.Conv2D(32, 3, activation="relu"),
            layers.MaxPooling2D(),
            layers.Flatten(),
            layers.Dense(7, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(x_train, y[:28000], validation_data=(x_val, y[28000:32000]))
        model.evaluate(x_test, y[32000:])
        """,
    ),
    silent(
        "generator-rescale-and-divided-predict",
        """
        import cv2
        import numpy as np
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
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(train, epochs=30)

        face = cv2.imread("face.png", cv2.IMREAD_GRAYSCALE)
        face = cv2.resize(face, (48, 48)).astype("float32") / 255.0
        print(model.predict(face.reshape(1, 48, 48, 1)))
        """,
    ),
    silent(
        "both-standardized",
        """
        import numpy as np
        import pandas as pd
        from tensorflow import keras
        from tensorflow.keras import layers

        train = pd.read_csv("train.csv")
        test = pd.read_csv("test.csv")
        x_train = np.array([r.split() for r in train["pixels"]], dtype="float32")
        x_train = x_train.reshape(-1, 48, 48, 1)
        mean, std = x_train.mean(), x_train.std()
        x_train = (x_train - mean) / std
        x_test = np.array([r.split() for r in test["pixels"]], dtype="float32")
        x_test = (x_test.reshape(-1, 48, 48, 1) - mean) / std
        y_train = keras.utils.to_categorical(train["emotion"], 7)

        model = keras.Sequential([
            keras.Input(shape=(48, 48, 1)),
            layers.Conv2D(32, 3, activation="relu"),
            layers.MaxPooling2D(),
            layers.Flatten(),
            layers.Dense(7, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(x_train, y_train, epochs=30, batch_size=64)
        predictions = model.predict(x_test)
        """,
    ),
    silent(
        "one-prepare-function-for-both",
        """
        import numpy as np
        import pandas as pd
        from tensorflow import keras
        from tensorflow.keras import layers


        def load(csv_path):
            frame = pd.read_csv(csv_path)
            x = np.array([r.split() for r in frame["pixels"]], dtype="float32")
            return x.reshape(-1, 48, 48, 1) / 255.0, frame["emotion"].values


        x_train, y_train = load("train.csv")
        x_test, y_test = load("test.csv")

        model = keras.Sequential([
            keras.Input(shape=(48, 48, 1)),
            layers.Conv2D(32, 3, activation="relu"),
            layers.MaxPooling2D(),
            layers.Flatten(),
            layers.Dense(7, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        model.fit(x_train, y_train, epochs=30, batch_size=64)
        model.evaluate(x_test, y_test)
        """,
    ),
]


@pytest.mark.parametrize("source, where", FER013_FIRES)
def test_fer013_fires(source, where):
    assert_fires(source, where)


@pytest.mark.parametrize("source", FER013_SILENT)
def test_fer013_silent(source):
    assert_silent(source)


# ---------------------------------------------------------------------------
# FER014 augmentation-on-evaluation-data
# ---------------------------------------------------------------------------

FER014_FIRES = [
    fire(
        "augmenting-generator-reused-for-validation",
        """
        from tensorflow import keras
        from tensorflow.keras import layers
        from tensorflow.keras.preprocessing.image import ImageDataGenerator

        datagen = ImageDataGenerator(
            rescale=1.0 / 255, rotation_range=15, horizontal_flip=True,
        )
        train = datagen.flow_from_directory(
            "fer/train", target_size=(48, 48), color_mode="grayscale",
            class_mode="categorical", batch_size=64,
        )
        val = datagen.flow_from_directory(
            "fer/val", target_size=(48, 48), color_mode="grayscale",
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
        model.fit(train, validation_data=val, epochs=30)
        """,
        ("FER014", "val = datagen.flow_from_directory("),
    ),
    fire(
        "flow-on-validation-arrays",
        """
        import numpy as np
        import pandas as pd
        from tensorflow import keras
        from tensorflow.keras import layers
        from tensorflow.keras.preprocessing.image import ImageDataGenerator

        data = pd.read_csv("fer2013.csv")
        x = np.array([row.split() for row in data["pixels"]], dtype="float32")
        x = x.reshape(-1, 48, 48, 1) / 255.0
        y = keras.utils.to_categorical(data["emotion"], 7)

        augment = ImageDataGenerator(width_shift_range=0.1, zoom_range=0.1)

        model = keras.Sequential([
            keras.Input(shape=(48, 48, 1)),
            layers.Conv2D(32, 3, activation="relu"),
            layers.MaxPooling2D(),
            layers.Flatten(),
            layers.Dense(7, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(
            augment.flow(x[:30000], y[:30000], batch_size=64),
            validation_data=augment.flow(x[30000:], y[30000:], batch_size=64),
            epochs=30,
        )
        """,
        ("FER014", "validation_data=augment.flow("),
    ),
    fire(
        "evaluate-on-augmented-test",
        """
        from tensorflow import keras
        from tensorflow.keras import layers
        from tensorflow.keras.preprocessing.image import ImageDataGenerator

        datagen = ImageDataGenerator(rescale=1.0 / 255, shear_range=0.2, zoom_range=0.2)
        train = datagen.flow_from_directory(
            "fer/train", target_size=(48, 48), color_mode="grayscale",
            class_mode="categorical", batch_size=64,
        )
        test = datagen.flow_from_directory(
            "fer/test", target_size=(48, 48), color_mode="grayscale",
            class_mode="categorical", batch_size=64, shuffle=False,
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
        model.evaluate(test)
        """,
        ("FER014", "test = datagen.flow_from_directory("),
    ),
    fire(
        "predict-on-augmented-test",
        """
        from tensorflow import keras
        from tensorflow.keras import layers
        from tensorflow.keras.preprocessing.image import ImageDataGenerator

        datagen = ImageDataGenerator(rescale=1.0 / 255, horizontal_flip=True)
        train = datagen.flow_from_directory(
            "fer/train", target_size=(48, 48), color_mode="grayscale",
            class_mode="categorical", batch_size=64,
        )
        test = datagen.flow_from_directory(
            "fer/test", target_size=(48, 48), color_mode="grayscale",
            class_mode="categorical", batch_size=64, shuffle=False,
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
        predicted = model.predict(test).argmax(axis=1)
        """,
        ("FER014", "test = datagen.flow_from_directory("),
    ),
]

FER014_SILENT = [
    silent(
        "separate-rescale-only-validation-generator",
        """
        from tensorflow import keras
        from tensorflow.keras import layers
        from tensorflow.keras.preprocessing.image import ImageDataGenerator

        train_gen = ImageDataGenerator(
            rescale=1.0 / 255, rotation_range=15, horizontal_flip=True,
        )
        val_gen = ImageDataGenerator(rescale=1.0 / 255)
        train = train_gen.flow_from_directory(
            "fer/train", target_size=(48, 48), color_mode="grayscale",
            class_mode="categorical", batch_size=64,
        )
        val = val_gen.flow_from_directory(
            "fer/val", target_size=(48, 48), color_mode="grayscale",
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
        model.fit(train, validation_data=val, epochs=30)
        """,
    ),
    silent(
        "rescale-only-generator-for-both",
        """
        from tensorflow import keras
        from tensorflow.keras import layers
        from tensorflow.keras.preprocessing.image import ImageDataGenerator

        datagen = ImageDataGenerator(rescale=1.0 / 255)
        train = datagen.flow_from_directory(
            "fer/train", target_size=(48, 48), color_mode="grayscale",
            class_mode="categorical", batch_size=64,
        )
        val = datagen.flow_from_directory(
            "fer/val", target_size=(48, 48), color_mode="grayscale",
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
        model.fit(train, validation_data=val, epochs=30)
        """,
    ),
    silent(
        "augmented-training-array-validation",
        """
        import numpy as np
        import pandas as pd
        from tensorflow import keras
        from tensorflow.keras import layers
        from tensorflow.keras.preprocessing.image import ImageDataGenerator

        data = pd.read_csv("fer2013.csv")
        x = np.array([row.split() for row in data["pixels"]], dtype="float32")
        x = x.reshape(-1, 48, 48, 1) / 255.0
        y = keras.utils.to_categorical(data["emotion"], 7)

        augment = ImageDataGenerator(width_shift_range=0.1, zoom_range=0.1)

        model = keras.Sequential([
            keras.Input(shape=(48, 48, 1)),
            layers.Conv2D(32, 3, activation="relu"),
            layers.MaxPooling2D(),
            layers.Flatten(),
            layers.Dense(7, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(
            augment.flow(x[:30000], y[:30000], batch_size=64),
            validation_data=(x[30000:], y[30000:]),
            epochs=30,
        )
        """,
    ),
    silent(
        "plain-generator-for-test-predictions",
        """
        from tensorflow import keras
        from tensorflow.keras import layers
        from tensorflow.keras.preprocessing.image import ImageDataGenerator

        train = ImageDataGenerator(
            rescale=1.0 / 255, shear_range=0.2, zoom_range=0.2,
        ).flow_from_directory(
            "fer/train", target_size=(48, 48), color_mode="grayscale",
            class_mode="categorical", batch_size=64,
        )
        test = ImageDataGenerator(rescale=1.0 / 255).flow_from_directory(
            "fer/test", target_size=(48, 48), color_mode="grayscale",
            class_mode="categorical", batch_size=64, shuffle=False,
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
        model.evaluate(test)
        predicted = model.predict(test).argmax(axis=1)
        """,
    ),
]


@pytest.mark.parametrize("source, where", FER014_FIRES)
def test_fer014_fires(source, where):
    assert_fires(source, where)


@pytest.mark.parametrize("source", FER014_SILENT)
def test_fer014_silent(source):
    assert_silent(source)


# ---------------------------------------------------------------------------
# FER015 backbone-preprocessing-mismatch
# ---------------------------------------------------------------------------

FER015_FIRES = [
    fire(
        "vgg16-with-mobilenet-v2-preprocessing",
        """
        from tensorflow import keras
        from tensorflow.keras import layers
        from tensorflow.keras.applications import VGG16
        from tensorflow.keras.applications.mobilenet_v2 import preprocess_input

        train_ds = keras.utils.image_dataset_from_directory(
            "affectnet/train", image_size=(96, 96), label_mode="categorical",
        )
        train_ds = train_ds.map(lambda img, label: (preprocess_input(img), label))

        base = VGG16(weights="imagenet", include_top=False, input_shape=(96, 96, 3))
        model = keras.Sequential([
            base,
            layers.GlobalAveragePooling2D(),
            layers.Dense(8, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(train_ds, epochs=10)
        """,
        ("FER015", "train_ds = train_ds.map("),
    ),
    fire(
        "efficientnet-on-divided-pixels",
        """
        from tensorflow import keras
        from tensorflow.keras import layers
        from tensorflow.keras.applications import EfficientNetB0

        train_ds = keras.utils.image_dataset_from_directory(
            "affectnet/train", image_size=(224, 224), label_mode="categorical",
        )
        train_ds = train_ds.map(lambda img, label: (img / 255.0, label))

        base = EfficientNetB0(weights="imagenet", include_top=False, input_shape=(224, 224, 3))
        model = keras.Sequential([
            base,
            layers.GlobalAveragePooling2D(),
            layers.Dense(8, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(train_ds, epochs=10)
        """,
        ("FER015", "train_ds = train_ds.map("),
    ),
    fire(
        "resnet50-on-divided-pixels",
        """
        from tensorflow import keras
        from tensorflow.keras import layers
        from tensorflow.keras.applications import ResNet50
        from tensorflow.keras.preprocessing.image import ImageDataGenerator

        train = ImageDataGenerator(rescale=1.0 / 255).flow_from_directory(
            "affectnet/train", target_size=(224, 224), class_mode="categorical",
        )

        base = ResNet50(weights="imagenet", include_top=False, pooling="avg")
        model = keras.Sequential([base, layers.Dense(8, activation="softmax")])
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(train, epochs=10)
        """,
        ("FER015", "ImageDataGenerator(rescale=1.0 / 255)"),
    ),
    fire(
        "mobilenet-v2-on-raw-pixels",
        """
        from tensorflow import keras
        from tensorflow.keras import layers
        from tensorflow.keras.applications import MobileNetV2

        train_ds = keras.utils.image_dataset_from_directory(
            "affectnet/train", image_size=(96, 96), label_mode="categorical",
        )

        inputs = keras.Input(shape=(96, 96, 3))
        features = MobileNetV2(weights="imagenet", include_top=False, pooling="avg")(inputs)
        outputs = layers.Dense(8, activation="softmax")(features)
        model = keras.Model(inputs, outputs)
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(train_ds, epochs=10)
        """,
        ("FER015", "train_ds = keras.utils.image_dataset_from_directory("),
    ),
]

FER015_SILENT = [
    silent(
        "vgg16-with-vgg16-preprocessing",
        """
        from tensorflow import keras
        from tensorflow.keras import layers
        from tensorflow.keras.applications import VGG16
        from tensorflow.keras.applications.vgg16 import preprocess_input

        train_ds = keras.utils.image_dataset_from_directory(
            "affectnet/train", image_size=(96, 96), label_mode="categorical",
        )
        train_ds = train_ds.map(lambda img, label: (preprocess_input(img), label))

        base = VGG16(weights="imagenet", include_top=False, input_shape=(96, 96, 3))
        model = keras.Sequential([
            base,
            layers.GlobalAveragePooling2D(),
            layers.Dense(8, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(train_ds, epochs=10)
        """,
    ),
    silent(
        "resnet50-with-resnet50-preprocessing",
        """
        from tensorflow import keras
        from tensorflow.keras import layers
        from tensorflow.keras.applications import ResNet50
        from tensorflow.keras.applications.resnet50 import preprocess_input
        from tensorflow.keras.preprocessing.image import ImageDataGenerator

        train = ImageDataGenerator(preprocessing_function=preprocess_input).flow_from_directory(
            "affectnet/train", target_size=(224, 224), class_mode="categorical",
        )

        base = ResNet50(weights="imagenet", include_top=False, pooling="avg")
        model = keras.Sequential([base, layers.Dense(8, activation="softmax")])
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(train, epochs=10)
        """,
    ),
    silent(
        "vgg16-with-resnet50-preprocessing-same-caffe-mode",
        """
        from tensorflow import keras
        from tensorflow.keras import layers
        from tensorflow.keras.applications import VGG16
        from tensorflow.keras.applications.resnet50 import preprocess_input

        train_ds = keras.utils.image_dataset_from_directory(
            "affectnet/train", image_size=(96, 96), label_mode="categorical",
        )
        train_ds = train_ds.map(lambda img, label: (preprocess_input(img), label))

        base = VGG16(weights="imagenet", include_top=False, input_shape=(96, 96, 3))
        model = keras.Sequential([
            base,
            layers.GlobalAveragePooling2D(),
            layers.Dense(8, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(train_ds, epochs=10)
        """,
    ),
    silent(
        "efficientnet-on-raw-pixels",
        """
        from tensorflow import keras
        from tensorflow.keras import layers
        from tensorflow.keras.applications import EfficientNetB0

        train_ds = keras.utils.image_dataset_from_directory(
            "affectnet/train", image_size=(224, 224), label_mode="categorical",
        )

        base = EfficientNetB0(weights="imagenet", include_top=False, input_shape=(224, 224, 3))
        model = keras.Sequential([
            base,
            layers.GlobalAveragePooling2D(),
            layers.Dense(8, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(train_ds, epochs=10)
        """,
    ),
    silent(
        "resnet50-from-scratch-on-divided-pixels",
        """
        from tensorflow import keras
        from tensorflow.keras import layers
        from tensorflow.keras.applications import ResNet50
        from tensorflow.keras.preprocessing.image import ImageDataGenerator

        train = ImageDataGenerator(rescale=1.0 / 255).flow_from_directory(
            "affectnet/train", target_size=(224, 224), class_mode="categorical",
        )

        base = ResNet50(weights=None, include_top=False, pooling="avg")
        model = keras.Sequential([base, layers.Dense(8, activation="softmax")])
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(train, epochs=10)
        """,
    ),
    silent(
        "rescaling-to-minus-one-one-inside-the-model",
        """
        from tensorflow import keras
        from tensorflow.keras import layers
        from tensorflow.keras.applications import MobileNetV2

        train_ds = keras.utils.image_dataset_from_directory(
            "affectnet/train", image_size=(96, 96), label_mode="categorical",
        )

        base = MobileNetV2(weights="imagenet", include_top=False, input_shape=(96, 96, 3))
        model = keras.Sequential([
            keras.Input(shape=(96, 96, 3)),
            layers.Rescaling(1.0 / 127.5, offset=-1),
            base,
            layers.GlobalAveragePooling2D(),
            layers.Dense(8, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(train_ds, epochs=10)
        """,
    ),
    silent(
        "mobilenet-v2-preprocessing-inside-the-model",
        """
        from tensorflow import keras
        from tensorflow.keras import layers
        from tensorflow.keras.applications import MobileNetV2, mobilenet_v2

        train_ds = keras.utils.image_dataset_from_directory(
            "affectnet/train", image_size=(96, 96), label_mode="categorical",
        )

        inputs = keras.Input(shape=(96, 96, 3))
        x = mobilenet_v2.preprocess_input(inputs)
        features = MobileNetV2(weights="imagenet", include_top=False, pooling="avg")(x)
        outputs = layers.Dense(8, activation="softmax")(features)
        model = keras.Model(inputs, outputs)
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(train_ds, epochs=10)
        """,
    ),
]


@pytest.mark.parametrize("source, where", FER015_FIRES)
def test_fer015_fires(source, where):
    assert_fires(source, where)


@pytest.mark.parametrize("source", FER015_SILENT)
def test_fer015_silent(source):
    assert_silent(source)


# ---------------------------------------------------------------------------
# FER016 backbone-input-unsupported
# ---------------------------------------------------------------------------

FER016_FIRES = [
    fire(
        "mobilenet-v2-at-16x16",
        """
        from tensorflow import keras
        from tensorflow.keras import layers
        from tensorflow.keras.applications import MobileNetV2

        train_ds = keras.utils.image_dataset_from_directory(
            "faces/train", image_size=(16, 16), label_mode="categorical",
        )

        base = MobileNetV2(weights=None, include_top=False, input_shape=(16, 16, 3))
        model = keras.Sequential([
            layers.Rescaling(1.0 / 127.5, offset=-1),
            base,
            layers.GlobalAveragePooling2D(),
            layers.Dense(7, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(train_ds, epochs=10)
        """,
        ("FER016", "base = MobileNetV2("),
    ),
    fire(
        "mobilenet-v2-gray-with-imagenet",
        """
        from tensorflow import keras
        from tensorflow.keras import layers
        from tensorflow.keras.applications import MobileNetV2

        train_ds = keras.utils.image_dataset_from_directory(
            "fer/train", image_size=(96, 96), color_mode="grayscale",
            label_mode="categorical",
        )

        base = MobileNetV2(weights="imagenet", include_top=False, input_shape=(96, 96, 1))
        model = keras.Sequential([
            layers.Rescaling(1.0 / 127.5, offset=-1),
            base,
            layers.GlobalAveragePooling2D(),
            layers.Dense(7, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(train_ds, epochs=10)
        """,
        ("FER016", "base = MobileNetV2("),
    ),
    fire(
        "inception-v3-at-fer-size",
        """
        from tensorflow import keras
        from tensorflow.keras import layers
        from tensorflow.keras.applications import InceptionV3

        IMG = 48

        train_ds = keras.utils.image_dataset_from_directory(
            "fer/train", image_size=(IMG, IMG), label_mode="categorical",
        )

        base = InceptionV3(weights=None, include_top=False, input_shape=(IMG, IMG, 3))
        model = keras.Sequential([
            layers.Rescaling(1.0 / 255),
            base,
            layers.GlobalAveragePooling2D(),
            layers.Dense(7, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(train_ds, epochs=10)
        """,
        ("FER016", "base = InceptionV3("),
    ),
    fire(
        "vgg16-functional-gray-input",
        """
        from tensorflow import keras
        from tensorflow.keras import layers
        from tensorflow.keras.applications import VGG16

        inputs = keras.Input(shape=(48, 48, 1))
        base = VGG16(weights="imagenet", include_top=False, input_tensor=inputs)
        h = layers.Flatten()(base.output)
        outputs = layers.Dense(7, activation="softmax")(h)
        model = keras.Model(inputs, outputs)
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        """,
        ("FER016", "base = VGG16("),
    ),
    fire(
        "xception-below-71",
        """
        from tensorflow.keras import layers, models
        from tensorflow.keras.applications import Xception

        base = Xception(weights="imagenet", include_top=False, input_shape=(64, 64, 3))
        model = models.Sequential([
            base,
            layers.GlobalAveragePooling2D(),
            layers.Dense(7, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        """,
        ("FER016", "base = Xception("),
    ),
]

FER016_SILENT = [
    silent(
        "mobilenet-v2-at-96x96x3",
        """
        from tensorflow import keras
        from tensorflow.keras import layers
        from tensorflow.keras.applications import MobileNetV2

        train_ds = keras.utils.image_dataset_from_directory(
            "faces/train", image_size=(96, 96), label_mode="categorical",
        )

        base = MobileNetV2(weights=None, include_top=False, input_shape=(96, 96, 3))
        model = keras.Sequential([
            layers.Rescaling(1.0 / 127.5, offset=-1),
            base,
            layers.GlobalAveragePooling2D(),
            layers.Dense(7, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(train_ds, epochs=10)
        """,
    ),
    silent(
        "mobilenet-v2-gray-from-scratch",
        """
        from tensorflow import keras
        from tensorflow.keras import layers
        from tensorflow.keras.applications import MobileNetV2

        train_ds = keras.utils.image_dataset_from_directory(
            "fer/train", image_size=(96, 96), color_mode="grayscale",
            label_mode="categorical",
        )

        base = MobileNetV2(weights=None, include_top=False, input_shape=(96, 96, 1))
        model = keras.Sequential([
            layers.Rescaling(1.0 / 127.5, offset=-1),
            base,
            layers.GlobalAveragePooling2D(),
            layers.Dense(7, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(train_ds, epochs=10)
        """,
    ),
    silent(
        "inception-v3-at-its-minimum",
        """
        from tensorflow.keras import layers, models
        from tensorflow.keras.applications import InceptionV3

        base = InceptionV3(weights="imagenet", include_top=False, input_shape=(75, 75, 3))
        model = models.Sequential([
            base,
            layers.GlobalAveragePooling2D(),
            layers.Dense(7, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        """,
    ),
    silent(
        "vgg16-at-48x48x3",
        """
        from tensorflow import keras
        from tensorflow.keras import layers
        from tensorflow.keras.applications import VGG16

        inputs = keras.Input(shape=(48, 48, 3))
        base = VGG16(weights="imagenet", include_top=False, input_tensor=inputs)
        h = layers.Flatten()(base.output)
        outputs = layers.Dense(7, activation="softmax")(h)
        model = keras.Model(inputs, outputs)
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        """,
    ),
    silent(
        "gray-repeated-to-three-channels",
        """
        from tensorflow import keras
        from tensorflow.keras import layers
        from tensorflow.keras.applications import MobileNetV2

        inputs = keras.Input(shape=(96, 96, 1))
        rgb = layers.Concatenate()([inputs, inputs, inputs])
        base = MobileNetV2(weights="imagenet", include_top=False, input_shape=(96, 96, 3))
        features = layers.GlobalAveragePooling2D()(base(rgb))
        outputs = layers.Dense(7, activation="softmax")(features)
        model = keras.Model(inputs, outputs)
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        """,
    ),
]


@pytest.mark.parametrize("source, where", FER016_FIRES)
def test_fer016_fires(source, where):
    assert_fires(source, where)


@pytest.mark.parametrize("source", FER016_SILENT)
def test_fer016_silent(source):
    assert_silent(source)


def test_fer016_names_both_problems_of_one_backbone():
    source = script(
        """
        from tensorflow.keras import layers, models
        from tensorflow.keras.applications import Xception

        base = Xception(weights="imagenet", include_top=False, input_shape=(64, 64, 1))
        model = models.Sequential([
            base,
            layers.GlobalAveragePooling2D(),
            layers.Dense(7, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        """
    )
    findings = check_source(source)
    assert {(f.code, f.span.line) for f in findings} == {("FER016", 4)}
    messages = " ".join(f.message for f in findings)
    assert "71x71" in messages and "three colour channels" in messages


# ---------------------------------------------------------------------------
# FER017 np-resize-on-image
# ---------------------------------------------------------------------------

FER017_FIRES = [
    fire(
        "np-resize-on-cv2-image",
        """
        import glob

        import cv2
        import numpy as np
        from tensorflow import keras

        images = []
        for path in sorted(glob.glob("jaffe/*.tiff")):
            img = cv2.imread(path, cv2.IMREAD_GRAYSCALE)
            img = np.resize(img, (48, 48))
            images.append(img)
        x = np.array(images, dtype="float32")[..., np.newaxis] / 255.0
        """,
        ("FER017", "img = np.resize(img, (48, 48))"),
    ),
    fire(
        "np-resize-on-pil-array",
        """
        import numpy as np
        from PIL import Image
        from tensorflow import keras

        face = np.array(Image.open("face.png").convert("L"))
        face = np.resize(face, (48, 48, 1))
        model = keras.models.load_model("fer.h5")
        """,
        ("FER017", "face = np.resize(face, (48, 48, 1))"),
    ),
    fire(
        "np-resize-keyword-argument",
        """
        import cv2
        import numpy as np
        from tensorflow import keras

        img = cv2.imread("face.jpg", 0)
        small = np.resize(a=img, new_shape=(48, 48))
        model = keras.models.load_model("fer.h5")
        """,
        ("FER017", "small = np.resize(a=img"),
    ),
    fire(
        "numpy-alias-on-loaded-image",
        """
        import numpy
        from tensorflow.keras.preprocessing.image import img_to_array, load_img

        img = img_to_array(load_img("face.png", color_mode="grayscale"))
        img = numpy.resize(img, (48, 48, 1))
        """,
        ("FER017", "img = numpy.resize(img, (48, 48, 1))"),
    ),
]

FER017_SILENT = [
    silent(
        "np-resize-on-labels",
        """
        import cv2
        import numpy as np
        from tensorflow import keras

        labels = np.array([0, 3, 4, 6])
        labels = np.resize(labels, 8)
        img = cv2.resize(cv2.imread("face.jpg", 0), (48, 48))
        model = keras.models.load_model("fer.h5")
        """,
    ),
    silent(
        "cv2-resize",
        """
        import glob

        import cv2
        import numpy as np
        from tensorflow import keras

        images = []
        for path in sorted(glob.glob("jaffe/*.tiff")):
            img = cv2.imread(path, cv2.IMREAD_GRAYSCALE)
            img = cv2.resize(img, (48, 48))
            images.append(img)
        x = np.array(images, dtype="float32")[..., np.newaxis] / 255.0
        """,
    ),
    silent(
        "np-reshape",
        """
        import numpy as np
        from PIL import Image
        from tensorflow import keras

        face = np.array(Image.open("face.png").convert("L").resize((48, 48)))
        face = np.reshape(face, (48, 48, 1))
        model = keras.models.load_model("fer.h5")
        """,
    ),
    silent(
        "tf-image-resize",
        """
        import tensorflow as tf
        from tensorflow.keras.preprocessing.image import img_to_array, load_img

        img = img_to_array(load_img("face.png", color_mode="grayscale"))
        img = tf.image.resize(img, (48, 48))
        """,
    ),
]


@pytest.mark.parametrize("source, where", FER017_FIRES)
def test_fer017_fires(source, where):
    assert_fires(source, where)


@pytest.mark.parametrize("source", FER017_SILENT)
def test_fer017_silent(source):
    assert_silent(source)


# ---------------------------------------------------------------------------
# FER018 discarded-result
# ---------------------------------------------------------------------------

FER018_FIRES = [
    fire(
        "bare-cv2-resize",
        """
        import glob

        import cv2
        import numpy as np
        from tensorflow import keras

        images = []
        for path in sorted(glob.glob("jaffe/*.tiff")):
            img = cv2.imread(path, cv2.IMREAD_GRAYSCALE)
            cv2.resize(img, (48, 48))
            images.append(img)
        """,
        ("FER018", "cv2.resize(img, (48, 48))"),
    ),
    fire(
        "cv2-normalize-without-destination",
        """
        import cv2
        from tensorflow import keras

        img = cv2.imread("face.png", cv2.IMREAD_GRAYSCALE)
        cv2.normalize(img, None, 0, 255, cv2.NORM_MINMAX)
        img = cv2.resize(img, (48, 48))
        """,
        ("FER018", "cv2.normalize(img, None"),
    ),
    fire(
        "bare-cvtcolor",
        """
        import cv2
        from tensorflow import keras

        img = cv2.imread("face.jpg")
        cv2.cvtColor(img, cv2.COLOR_BGR2RGB)
        img = cv2.resize(img, (96, 96))
        """,
        ("FER018", "cv2.cvtColor(img, cv2.COLOR_BGR2RGB)"),
    ),
    fire(
        "bare-astype",
        """
        import cv2
        from tensorflow import keras

        img = cv2.resize(cv2.imread("face.jpg", 0), (48, 48))
        img.astype("float32")
        """,
        ("FER018", 'img.astype("float32")'),
    ),
    fire(
        "bare-expand-dims",
        """
        import cv2
        import numpy as np
        from tensorflow import keras

        img = cv2.resize(cv2.imread("face.jpg", 0), (48, 48))
        np.expand_dims(img, -1)
        """,
        ("FER018", "np.expand_dims(img, -1)"),
    ),
]

FER018_SILENT = [
    silent(
        "assigned-cv2-resize",
        """
        import glob

        import cv2
        import numpy as np
        from tensorflow import keras

        images = []
        for path in sorted(glob.glob("jaffe/*.tiff")):
            img = cv2.imread(path, cv2.IMREAD_GRAYSCALE)
            img = cv2.resize(img, (48, 48))
            images.append(img)
        """,
    ),
    silent(
        "cv2-normalize-in-place",
        """
        import cv2
        from tensorflow import keras

        img = cv2.imread("face.png", cv2.IMREAD_GRAYSCALE)
        cv2.normalize(img, img, 0, 255, cv2.NORM_MINMAX)
        img = cv2.resize(img, (48, 48))
        """,
    ),
    silent(
        "equalize-hist-in-place",
        """
        import cv2
        from tensorflow import keras

        img = cv2.imread("face.png", cv2.IMREAD_GRAYSCALE)
        cv2.equalizeHist(img, img)
        img = cv2.resize(img, (48, 48))
        """,
    ),
    silent(
        "result-passed-on",
        """
        import cv2
        import numpy as np
        from tensorflow import keras

        images = []
        img = cv2.imread("face.jpg", 0)
        images.append(cv2.resize(img, (48, 48)))
        print(img.astype("float32").mean())
        """,
    ),
    silent(
        "imwrite-of-resized",
        """
        import cv2
        from tensorflow import keras

        img = cv2.imread("face.jpg", 0)
        cv2.imwrite("face_48.png", cv2.resize(img, (48, 48)))
        """,
    ),
]


@pytest.mark.parametrize("source, where", FER018_FIRES)
def test_fer018_fires(source, where):
    assert_fires(source, where)


@pytest.mark.parametrize("source", FER018_SILENT)
def test_fer018_silent(source):
    assert_silent(source)


# ---------------------------------------------------------------------------
# FER019 scaled-then-truncated
# ---------------------------------------------------------------------------

FER019_FIRES = [
    fire(
        "divided-then-uint8",
        """
        import numpy as np
        import pandas as pd
        from tensorflow import keras

        data = pd.read_csv("fer2013.csv")
        x = np.array([row.split() for row in data["pixels"]], dtype="float32")
        x = x.reshape(-1, 48, 48, 1) / 255.0
        x = x.astype("uint8")
        """,
        ("FER019", 'x = x.astype("uint8")'),
    ),
    fire(
        "np-uint8-after-division",
        """
        import cv2
        import numpy as np
        from tensorflow import keras

        img = cv2.resize(cv2.imread("face.jpg", 0), (48, 48)) / 255.0
        img = np.uint8(img)
        """,
        ("FER019", "img = np.uint8(img)"),
    ),
    fire(
        "minus-one-one-then-int32",
        """
        import numpy as np
        import pandas as pd
        from tensorflow import keras

        data = pd.read_csv("fer2013.csv")
        x = np.array([row.split() for row in data["pixels"]], dtype="float32")
        x = x.reshape(-1, 48, 48, 1) / 127.5 - 1.0
        x = x.astype(np.int32)
        """,
        ("FER019", "x = x.astype(np.int32)"),
    ),
    fire(
        "dtype-keyword",
        """
        import numpy as np
        import pandas as pd
        from tensorflow import keras

        data = pd.read_csv("fer2013.csv")
        x = np.array([row.split() for row in data["pixels"]], dtype="float32") / 255.0
        x = x.reshape(-1, 48, 48, 1).astype(dtype="int64")
        """,
        ("FER019", 'x = x.reshape(-1, 48, 48, 1).astype(dtype="int64")'),
    ),
]

FER019_SILENT = [
    silent(
        "uint8-on-raw-pixels",
        """
        import numpy as np
        import pandas as pd
        from tensorflow import keras

        data = pd.read_csv("fer2013.csv")
        x = np.array([row.split() for row in data["pixels"]], dtype="float32")
        x = x.reshape(-1, 48, 48, 1).astype("uint8")
        """,
    ),
    silent(
        "float32-after-division",
        """
        import numpy as np
        import pandas as pd
        from tensorflow import keras

        data = pd.read_csv("fer2013.csv")
        x = np.array([row.split() for row in data["pixels"]], dtype="float32")
        x = (x.reshape(-1, 48, 48, 1) / 255.0).astype("float32")
        """,
    ),
    silent(
        "uint8-before-division",
        """
        import cv2
        import numpy as np
        from tensorflow import keras

        img = cv2.resize(cv2.imread("face.jpg", 0), (48, 48))
        img = img.astype("uint8") / 255.0
        """,
    ),
    silent(
        "scaled-back-to-255-before-uint8",
        """
        import cv2
        import numpy as np
        from tensorflow import keras

        img = cv2.resize(cv2.imread("face.jpg", 0), (48, 48)) / 255.0
        cv2.imwrite("preview.png", (img * 255).astype("uint8"))
        """,
    ),
]


@pytest.mark.parametrize("source, where", FER019_FIRES)
def test_fer019_fires(source, where):
    assert_fires(source, where)


@pytest.mark.parametrize("source", FER019_SILENT)
def test_fer019_silent(source):
    assert_silent(source)


# ---------------------------------------------------------------------------
# FER020 dense-on-feature-map
# ---------------------------------------------------------------------------

FER020_FIRES = [
    fire(
        "sequential-no-flatten",
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
            layers.Conv2D(64, 3, activation="relu"),
            layers.Dense(7, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(x, y, epochs=30, batch_size=64)
        """,
        ("FER020", "layers.Dense(7, activation"),
    ),
    fire(
        "functional-no-flatten",
        """
        import numpy as np
        import pandas as pd
        from tensorflow import keras
        from tensorflow.keras import layers

        data = pd.read_csv("fer2013.csv")
        x = np.array([row.split() for row in data["pixels"]], dtype="float32")
        x = x.reshape(-1, 48, 48, 1) / 255.0
        y = keras.utils.to_categorical(data["emotion"], 7)

        inputs = keras.Input(shape=(48, 48, 1))
        h = layers.Conv2D(32, 3, activation="relu")(inputs)
        h = layers.MaxPooling2D()(h)
        h = layers.BatchNormalization()(h)
        outputs = layers.Dense(7, activation="softmax")(h)
        model = keras.Model(inputs, outputs)
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(x, y, epochs=30, batch_size=64)
        """,
        ("FER020", "outputs = layers.Dense(7"),
    ),
    fire(
        "dense-inside-and-final-dense-on-map",
        """
        import numpy as np
        import pandas as pd
        from keras.layers import Conv2D, Dense, Dropout, MaxPooling2D
        from keras.models import Sequential

        data = pd.read_csv("fer2013.csv")
        x = np.array([row.split() for row in data["pixels"]], dtype="float32")
        x = x.reshape(-1, 48, 48, 1) / 255.0
        y = data["emotion"].values

        model = Sequential()
        model.add(Conv2D(32, (3, 3), activation="relu", input_shape=(48, 48, 1)))
        model.add(MaxPooling2D())
        model.add(Dense(128, activation="relu"))
        model.add(Dropout(0.5))
        model.add(Dense(7, activation="softmax"))
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        model.fit(x, y, epochs=30, batch_size=64)
        """,
        ("FER020", "model.add(Dense(7"),
    ),
    fire(
        "backbone-without-pooling",
        """
        from tensorflow import keras
        from tensorflow.keras import layers
        from tensorflow.keras.applications import EfficientNetB0

        train_ds = keras.utils.image_dataset_from_directory(
            "affectnet/train", image_size=(224, 224), label_mode="categorical",
        )

        base = EfficientNetB0(weights="imagenet", include_top=False, input_shape=(224, 224, 3))
        model = keras.Sequential([
            base,
            layers.Dense(8, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(train_ds, epochs=10)
        """,
        ("FER020", "layers.Dense(8, activation"),
    ),
    fire(
        "backbone-output-without-pooling",
        """
        from tensorflow import keras
        from tensorflow.keras import layers
        from tensorflow.keras.applications import EfficientNetB0

        train_ds = keras.utils.image_dataset_from_directory(
            "affectnet/train", image_size=(224, 224), label_mode="categorical",
        )

        base = EfficientNetB0(weights="imagenet", include_top=False, input_shape=(224, 224, 3))
        outputs = layers.Dense(8, activation="softmax")(base.output)
        model = keras.Model(inputs=base.input, outputs=outputs)
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(train_ds, epochs=10)
        """,
        ("FER020", "outputs = layers.Dense(8"),
    ),
]

FER020_SILENT = [
    silent(
        "dense-inside-then-flatten-then-dense",
        """
        import numpy as np
        import pandas as pd
        from keras.layers import Conv2D, Dense, Flatten, MaxPooling2D
        from keras.models import Sequential

        data = pd.read_csv("fer2013.csv")
        x = np.array([row.split() for row in data["pixels"]], dtype="float32")
        x = x.reshape(-1, 48, 48, 1) / 255.0
        y = data["emotion"].values

        model = Sequential()
        model.add(Conv2D(32, (3, 3), activation="relu", input_shape=(48, 48, 1)))
        model.add(MaxPooling2D())
        model.add(Dense(16, activation="relu"))
        model.add(Flatten())
        model.add(Dense(7, activation="softmax"))
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        model.fit(x, y, epochs=30, batch_size=64)
        """,
    ),
    silent(
        "global-average-pooling-then-dense",
        """
        import numpy as np
        import pandas as pd
        from tensorflow import keras
        from tensorflow.keras import layers

        data = pd.read_csv("fer2013.csv")
        x = np.array([row.split() for row in data["pixels"]], dtype="float32")
        x = x.reshape(-1, 48, 48, 1) / 255.0
        y = keras.utils.to_categorical(data["emotion"], 7)

        inputs = keras.Input(shape=(48, 48, 1))
        h = layers.Conv2D(32, 3, activation="relu")(inputs)
        h = layers.MaxPooling2D()(h)
        h = layers.GlobalAveragePooling2D()(h)
        outputs = layers.Dense(7, activation="softmax")(h)
        model = keras.Model(inputs, outputs)
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(x, y, epochs=30, batch_size=64)
        """,
    ),
    silent(
        "backbone-with-avg-pooling",
        """
        from tensorflow import keras
        from tensorflow.keras import layers
        from tensorflow.keras.applications import EfficientNetB0

        train_ds = keras.utils.image_dataset_from_directory(
            "affectnet/train", image_size=(224, 224), label_mode="categorical",
        )

        base = EfficientNetB0(
            weights="imagenet", include_top=False, input_shape=(224, 224, 3), pooling="avg",
        )
        model = keras.Sequential([
            base,
            layers.Dropout(0.3),
            layers.Dense(8, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(train_ds, epochs=10)
        """,
    ),
    silent(
        "flatten-then-dense",
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
            layers.Dense(128, activation="relu"),
            layers.Dropout(0.5),
            layers.Dense(7, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(x, y, epochs=30, batch_size=64)
        """,
    ),
    silent(
        "global-max-pooling-after-backbone",
        """
        from tensorflow import keras
        from tensorflow.keras import layers
        from tensorflow.keras.applications import EfficientNetB0

        train_ds = keras.utils.image_dataset_from_directory(
            "affectnet/train", image_size=(224, 224), label_mode="categorical",
        )

        base = EfficientNetB0(weights="imagenet", include_top=False, input_shape=(224, 224, 3))
        model = keras.Sequential([
            base,
            layers.GlobalMaxPooling2D(),
            layers.Dense(8, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(train_ds, epochs=10)
        """,
    ),
]


@pytest.mark.parametrize("source, where", FER020_FIRES)
def test_fer020_fires(source, where):
    assert_fires(source, where)


@pytest.mark.parametrize("source", FER020_SILENT)
def test_fer020_silent(source):
    assert_silent(source)


# ---------------------------------------------------------------------------
# FER021 legacy-conv-arguments
# ---------------------------------------------------------------------------

FER021_FIRES = [
    fire(
        "convolution2d-three-numbers",
        """
        from keras.layers import Convolution2D, Dense, Flatten, MaxPooling2D
        from keras.models import Sequential

        model = Sequential()
        model.add(Convolution2D(32, 3, 3, activation="relu", input_shape=(48, 48, 1)))
        model.add(MaxPooling2D())
        model.add(Flatten())
        model.add(Dense(7, activation="softmax"))
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        """,
        ("FER021", "model.add(Convolution2D(32, 3, 3"),
    ),
    fire(
        "conv2d-three-numbers",
        """
        from tensorflow.keras import layers, models

        model = models.Sequential([
            layers.Input(shape=(48, 48, 1)),
            layers.Conv2D(32, 3, 3, activation="relu"),
            layers.MaxPooling2D(),
            layers.Flatten(),
            layers.Dense(7, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        """,
        ("FER021", "layers.Conv2D(32, 3, 3"),
    ),
    fire(
        "border-mode",
        """
        from keras.layers import Conv2D, Dense, Flatten, MaxPooling2D
        from keras.models import Sequential

        model = Sequential()
        model.add(Conv2D(32, (3, 3), border_mode="same", input_shape=(48, 48, 1)))
        model.add(MaxPooling2D())
        model.add(Flatten())
        model.add(Dense(7, activation="softmax"))
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        """,
        ("FER021", 'border_mode="same"'),
    ),
    fire(
        "subsample",
        """
        from keras.layers import Conv2D, Dense, Flatten
        from keras.models import Sequential

        model = Sequential()
        model.add(Conv2D(32, (3, 3), subsample=(2, 2), input_shape=(48, 48, 1)))
        model.add(Flatten())
        model.add(Dense(7, activation="softmax"))
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        """,
        ("FER021", "subsample=(2, 2)"),
    ),
    fire(
        "dense-output-dim",
        """
        from keras.layers import Conv2D, Dense, Flatten
        from keras.models import Sequential

        model = Sequential()
        model.add(Conv2D(32, (3, 3), input_shape=(48, 48, 1)))
        model.add(Flatten())
        model.add(Dense(output_dim=7, activation="softmax"))
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        """,
        ("FER021", "model.add(Dense(output_dim=7"),
    ),
]

FER021_SILENT = [
    silent(
        "kernel-as-tuple",
        """
        from keras.layers import Conv2D, Dense, Flatten, MaxPooling2D
        from keras.models import Sequential

        model = Sequential()
        model.add(Conv2D(32, (3, 3), activation="relu", input_shape=(48, 48, 1)))
        model.add(MaxPooling2D())
        model.add(Flatten())
        model.add(Dense(7, activation="softmax"))
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        """,
    ),
    silent(
        "deliberate-stride-two",
        """
        from tensorflow.keras import layers, models

        model = models.Sequential([
            layers.Input(shape=(48, 48, 1)),
            layers.Conv2D(32, 3, activation="relu"),
            layers.Conv2D(64, 3, 2, activation="relu"),
            layers.Flatten(),
            layers.Dense(7, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        """,
    ),
    silent(
        "keras2-keywords",
        """
        from tensorflow.keras import layers, models

        model = models.Sequential([
            layers.Input(shape=(48, 48, 1)),
            layers.Conv2D(32, kernel_size=3, strides=2, padding="same"),
            layers.Flatten(),
            layers.Dense(units=7, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        """,
    ),
    silent(
        "stride-one-positional",
        """
        from tensorflow.keras import layers, models

        model = models.Sequential([
            layers.Input(shape=(48, 48, 1)),
            layers.Conv2D(32, 5, 1, padding="same", activation="relu"),
            layers.MaxPooling2D(),
            layers.Flatten(),
            layers.Dense(7, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        """,
    ),
]


@pytest.mark.parametrize("source, where", FER021_FIRES)
def test_fer021_fires(source, where):
    assert_fires(source, where)


@pytest.mark.parametrize("source", FER021_SILENT)
def test_fer021_silent(source):
    assert_silent(source)


# FER013: standardization statistics.

STANDARDIZED = """
import numpy as np
from tensorflow import keras

x_train = np.load("x_train.npy").astype("float32").reshape(-1, 48, 48, 1)
x_test = np.load("x_test.npy").astype("float32").reshape(-1, 48, 48, 1)
y_train = keras.utils.to_categorical(np.load("y_train.npy"), 7)
y_test = keras.utils.to_categorical(np.load("y_test.npy"), 7)
mean, std = x_train.mean(), x_train.std()
x_train = (x_train - mean) / std
x_test = (x_test - {mean}) / {std}
model = keras.Sequential([
    keras.Input((48, 48, 1)),
    keras.layers.Flatten(),
    keras.layers.Dense(7, activation="softmax"),
])
model.compile(optimizer="adam", loss="categorical_crossentropy")
model.fit(x_train, y_train, validation_data=(x_test, y_test))
"""


def test_evaluation_data_standardized_with_its_own_statistics_is_skew():
    source = textwrap.dedent(
        STANDARDIZED.format(mean="x_test.mean()", std="x_test.std()")
    )
    found = [(f.code, f.span.line) for f in check_source(source)]
    assert found == [("FER013", 11)]


def test_evaluation_data_standardized_with_the_training_statistics_is_silent():
    source = textwrap.dedent(STANDARDIZED.format(mean="mean", std="std"))
    assert check_source(source) == []


def test_a_numpy_call_that_writes_into_out_is_not_a_discarded_result():
    source = textwrap.dedent(
        """
        import cv2
        import numpy as np
        from tensorflow import keras

        faces = np.array([cv2.resize(cv2.imread(p, 0), (48, 48)) for p in ["a.png"]])
        x = faces.astype("float32")[..., None] / 255.0
        np.clip(x, 0.0, 1.0, out=x)
        model = keras.Sequential([
            keras.Input((48, 48, 1)),
            keras.layers.Flatten(),
            keras.layers.Dense(7, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        model.fit(x, np.array([0]))
        """
    )
    assert check_source(source) == []
    assert [f.code for f in check_source(source.replace(", out=x", ""))] == ["FER018"]
