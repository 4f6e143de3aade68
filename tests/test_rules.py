"""Every rule of the static pass, on short training scripts written inline.

Each rule has "must fire" cases (a real mistake: the exact codes, the line each
is reported at, and the concrete values its message names) and, kept apart,
"must stay silent" near misses (the correct script that looks almost the same:
no findings at all). Nothing here probes: `check_source` never runs TensorFlow.

A firing case names each expected finding by a piece of text that occurs on
exactly one line of the script; the finding must be reported on that line.
"""

from __future__ import annotations

import pytest
from inline import line_of, script, silent

from ferlint.api import check_source


def fire(case_id, source, where, says=(), *, marks=()):
    """A script that must produce exactly the findings in `where`.

    `where` maps each code to the text of the line it is reported at; `says`
    are words the messages must contain (the concrete sizes, loaders, losses).
    """
    return pytest.param(script(source), where, says, id=case_id, marks=marks)


# The rules this file is about. Firing cases pin the exact findings of these
# rules; findings of later rules are free there, as in fixtures/expected.toml.
# Silent cases are correct scripts: no finding of any rule.
STATIC_RULES = (
    "FER000",
    "FER001",
    "FER002",
    "FER003",
    "FER004",
    "FER005",
    "FER006",
    "FER008",
    "FER009",
)


def assert_fires(source, where, says):
    findings = [f for f in check_source(source) if f.code in STATIC_RULES]
    got = sorted((f.code, f.span.line) for f in findings)
    want = sorted((code, line_of(source, needle)) for code, needle in where.items())
    assert got == want, "\n".join(
        f"{f.code} {f.span.line}: {f.message}" for f in findings
    )
    messages = " ".join(f.message for f in findings)
    for word in says:
        assert word in messages, f"{word!r} not in: {messages}"
    for finding in findings:
        assert finding.fix.description, f"{finding.code} offers no fix"


def assert_silent(source):
    findings = check_source(source)
    assert findings == [], "\n".join(
        f"{f.code} {f.span.line}: {f.message}" for f in findings
    )


# ---------------------------------------------------------------------------
# FER000 syntax-error
# ---------------------------------------------------------------------------

FER000_FIRES = [
    fire(
        "py2-print-statement",
        """
        import numpy as np
        from keras.models import Sequential

        x = np.load("fer2013_x.npy")
        print "loaded", x.shape
        model = Sequential()
        """,
        {"FER000": 'print "loaded"'},
        says=("does not parse",),
    ),
    fire(
        "unclosed-paren",
        """
        import tensorflow as tf

        model = tf.keras.Sequential([
            tf.keras.layers.Input((48, 48, 1)),
            tf.keras.layers.Flatten(),
        ]
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        """,
        {"FER000": "model.compile"},
    ),
    fire(
        "py2-except-comma",
        """
        import cv2
        from keras.layers import Dense

        try:
            img = cv2.imread("face.png", 0)
        except IOError, error:
            img = None
        """,
        {"FER000": "except IOError, error"},
    ),
    fire(
        "return-outside-function",
        """
        import tensorflow as tf

        model = tf.keras.models.load_model("fer.h5")
        return model
        """,
        {"FER000": "return model"},
        says=("rejects the file",),
    ),
    fire(
        "late-future-import",
        """
        import keras
        from __future__ import division

        x = 1 / 255
        """,
        {"FER000": "from __future__"},
    ),
    fire(
        "duplicate-argument",
        """
        from tensorflow.keras import layers

        def block(x, filters, filters):
            return layers.Conv2D(filters, 3)(x)
        """,
        {"FER000": "def block"},
    ),
    fire(
        "bytes-joined-to-a-string",
        """
        import keras

        CLASSES = "angry disgust fear happy sad surprise neutral" b" contempt"
        """,
        {"FER000": '"angry'},
        says=("rejects the file",),
    ),
    fire(
        "bare-except-before-another",
        """
        import cv2
        from keras.layers import Dense

        try:
            img = cv2.imread("face.png", 0)
        except:
            img = None
        except OSError:
            img = None
        """,
        {"FER000": "except:"},
        says=("rejects the file",),
    ),
    fire(
        "top-level-await-in-a-script",
        """
        import asyncio
        import keras

        await asyncio.sleep(0)
        """,
        {"FER000": "await"},
        says=("rejects the file",),
    ),
]

FER000_SILENT = [
    silent(
        "print-function",
        """
        import numpy as np
        from keras.models import Sequential

        x = np.load("fer2013_x.npy")
        print("loaded", x.shape)
        """,
    ),
    silent(
        "bytes-joined-to-bytes",
        """
        import keras

        MAGIC = b"\\x93NUMPY" b"\\x01"
        """,
    ),
    silent(
        "match-statement",
        """
        import tensorflow as tf

        def loss_for(mode):
            match mode:
                case "sparse":
                    return "sparse_categorical_crossentropy"
                case _:
                    return "categorical_crossentropy"
        """,
    ),
    silent(
        "walrus-and-fstring",
        """
        import keras

        if (n := len(keras.__version__)) > 0:
            print(f"keras {keras.__version__=} {n}")
        """,
    ),
    silent(
        "except-as",
        """
        import cv2
        from keras.layers import Dense

        try:
            img = cv2.imread("face.png", 0)
        except IOError as error:
            img = None
        """,
    ),
    silent(
        "future-import-first",
        """
        from __future__ import annotations

        import keras

        def build(shape: tuple[int, int, int]) -> keras.Model:
            return keras.Sequential([keras.Input(shape)])
        """,
    ),
]

# ---------------------------------------------------------------------------
# FER001 resize-size-mismatch
# ---------------------------------------------------------------------------

FER001_FIRES = [
    fire(
        "keras2-cv2-resize-64-into-48",
        """
        import cv2
        import numpy as np
        from keras.models import Sequential
        from keras.layers import Conv2D, MaxPooling2D, Flatten, Dense
        from keras.utils import to_categorical

        images, labels = [], []
        for path, label in [("a.png", 0), ("b.png", 1)]:
            img = cv2.imread(path, cv2.IMREAD_GRAYSCALE)
            img = cv2.resize(img, (64, 64))
            images.append(img)
            labels.append(label)

        x = np.array(images, dtype="float32").reshape(-1, 64, 64, 1) / 255.0
        y = to_categorical(labels, 7)

        model = Sequential()
        model.add(Conv2D(32, (3, 3), activation="relu", input_shape=(48, 48, 1)))
        model.add(MaxPooling2D())
        model.add(Flatten())
        model.add(Dense(7, activation="softmax"))
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(x, y, epochs=30)
        """,
        {"FER001": "cv2.resize(img, (64, 64))"},
        says=("64x64", "48x48"),
    ),
    fire(
        "tfkeras-flow-from-directory-target-size",
        """
        from tensorflow.keras.preprocessing.image import ImageDataGenerator
        from tensorflow.keras import layers, models

        datagen = ImageDataGenerator(rescale=1.0 / 255)
        train = datagen.flow_from_directory(
            "data/train",
            target_size=(64, 64),
            color_mode="grayscale",
            class_mode="categorical",
            batch_size=64,
        )

        model = models.Sequential([
            layers.Input(shape=(48, 48, 1)),
            layers.Conv2D(32, 3, activation="relu"),
            layers.Flatten(),
            layers.Dense(7, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(train, epochs=50)
        """,
        {"FER001": "target_size=(64, 64)"},
        says=("64x64", "48x48"),
    ),
    fire(
        "constant-tuple-helper-loop",
        """
        import os

        import cv2
        import numpy as np
        from tensorflow.keras import Input, Model
        from tensorflow.keras.layers import Conv2D, Dense, Flatten
        from tensorflow.keras.utils import to_categorical

        TARGET = (64, 64)
        IMG = 48

        def load_folder(folder):
            faces = []
            for name in os.listdir(folder):
                face = cv2.imread(os.path.join(folder, name), 0)
                faces.append(cv2.resize(face, TARGET))
            return faces

        x = np.array(load_folder("ck/happy"), dtype=np.float32) / 255.0
        x = np.expand_dims(x, axis=-1)
        y = to_categorical(np.zeros(len(x)), 7)

        inp = Input(shape=(IMG, IMG, 1))
        out = Dense(7, activation="softmax")(Flatten()(Conv2D(16, 3)(inp)))
        model = Model(inp, out)
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(x, y, epochs=10)
        """,
        {"FER001": "cv2.resize(face, TARGET)"},
        says=("64x64", "48x48"),
    ),
    fire(
        "keras3-load-img-into-resnet50",
        """
        import numpy as np
        import keras
        from keras.applications.resnet50 import ResNet50, preprocess_input
        from keras.utils import load_img, img_to_array, to_categorical

        paths = ["a.jpg", "b.jpg"]
        x = np.array([img_to_array(load_img(p, target_size=(128, 128))) for p in paths])
        x = preprocess_input(x)
        y = to_categorical([0, 1], 7)

        base = ResNet50(
            weights="imagenet", include_top=False, input_shape=(224, 224, 3)
        )
        pooled = keras.layers.GlobalAveragePooling2D()(base.output)
        head = keras.layers.Dense(7, activation="softmax")(pooled)
        model = keras.Model(base.input, head)
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(x, y, epochs=5)
        """,
        {"FER001": "target_size=(128, 128)"},
        says=("128x128", "224x224"),
    ),
    fire(
        "default-argument-size",
        """
        import cv2
        import numpy as np
        import tensorflow as tf

        def load_face(path, size=(64, 64)):
            img = cv2.imread(path, 0)
            return cv2.resize(img, size)

        faces = [load_face(p) for p in ["a.png", "b.png"]]
        x = np.array(faces).astype("float32")[..., np.newaxis] / 255.0
        y = tf.keras.utils.to_categorical([3, 4], 7)

        model = tf.keras.Sequential([
            tf.keras.layers.Conv2D(32, 3, activation="relu", input_shape=(48, 48, 1)),
            tf.keras.layers.Flatten(),
            tf.keras.layers.Dense(7, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(x, y, epochs=20)
        """,
        {"FER001": "return cv2.resize(img, size)"},
        says=("64x64", "48x48"),
    ),
    fire(
        "tf-data-map-tf-image-resize",
        """
        import tensorflow as tf

        def load(path, label):
            img = tf.io.decode_png(tf.io.read_file(path), channels=1)
            img = tf.image.resize(img, [64, 64]) / 255.0
            return img, tf.one_hot(label, 7)

        ds = tf.data.Dataset.from_tensor_slices((["a.png"], [0])).map(load).batch(32)

        model = tf.keras.Sequential([
            tf.keras.Input(shape=(48, 48, 1)),
            tf.keras.layers.Conv2D(32, 3, activation="relu"),
            tf.keras.layers.Flatten(),
            tf.keras.layers.Dense(7, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(ds, epochs=10)
        """,
        {"FER001": "tf.image.resize(img, [64, 64])"},
        says=("64x64", "48x48"),
    ),
    fire(
        "alias-K-image-dataset-size",
        """
        import tensorflow.keras as K

        train = K.utils.image_dataset_from_directory(
            "affectnet/train",
            image_size=(96, 96),
            label_mode="categorical",
        )

        model = K.Sequential([
            K.layers.Input((112, 112, 3)),
            K.layers.Rescaling(1.0 / 255),
            K.layers.Conv2D(32, 3, activation="relu"),
            K.layers.GlobalAveragePooling2D(),
            K.layers.Dense(8, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(train, epochs=10)
        """,
        {"FER001": "image_size=(96, 96)"},
        says=("96x96", "112x112"),
    ),
    fire(
        "validation-generator-64",
        """
        from tensorflow.keras.preprocessing.image import ImageDataGenerator
        from tensorflow.keras import layers, models

        gen = ImageDataGenerator(rescale=1.0 / 255)
        train = gen.flow_from_directory(
            "fer/train", target_size=(48, 48), color_mode="grayscale"
        )
        val = gen.flow_from_directory(
            "fer/val", target_size=(64, 64), color_mode="grayscale"
        )

        model = models.Sequential(
            [
                layers.Input((48, 48, 1)),
                layers.Flatten(),
                layers.Dense(7, activation="softmax"),
            ]
        )
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(train, validation_data=val, epochs=5)
        """,
        {"FER001": '"fer/val", target_size=(64, 64)'},
        says=("64x64", "48x48"),
    ),
    fire(
        "predict-at-64",
        """
        import cv2
        import numpy as np
        from tensorflow.keras import layers, models

        faces = [cv2.resize(cv2.imread(p, 0), (48, 48)) for p in ["a.png"]]
        x = np.array(faces, dtype="float32")[..., None] / 255.0
        model = models.Sequential(
            [
                layers.Input((48, 48, 1)),
                layers.Flatten(),
                layers.Dense(7, activation="softmax"),
            ]
        )
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        model.fit(x, np.array([0]), epochs=5)

        test = cv2.resize(cv2.imread("test.png", 0), (64, 64)).astype("float32") / 255.0
        print(model.predict(test.reshape(1, 64, 64, 1)))
        """,
        {"FER001": "test = cv2.resize"},
        says=("64x64", "48x48"),
    ),
    fire(
        "keras2-legacy-layer-paths-train-on-batch",
        """
        import cv2
        import numpy as np
        from keras.models import Sequential
        from keras.layers.convolutional import Conv2D
        from keras.layers.core import Dense, Flatten

        x = np.array(
            [cv2.resize(cv2.imread(p, 0), (64, 64)) for p in ["a.png"]], dtype="float32"
        )
        x = x.reshape(-1, 64, 64, 1) / 255.0
        model = Sequential()
        model.add(Conv2D(32, (3, 3), input_shape=(48, 48, 1)))
        model.add(Flatten())
        model.add(Dense(7, activation="softmax"))
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        model.train_on_batch(x, np.array([0]))
        """,
        {"FER001": "[cv2.resize(cv2.imread(p, 0), (64, 64)) for p in"},
        says=("64x64", "48x48"),
    ),
]

FER001_FIRES.append(
    fire(
        "ellipsis-channel-flip-then-resize-64",
        """
        import cv2
        import numpy as np
        from tensorflow.keras import layers, models

        faces = []
        for path in ["a.jpg", "b.jpg"]:
            img = cv2.imread(path)[..., ::-1]
            faces.append(cv2.resize(img, (64, 64)))
        x = np.array(faces, dtype="float32") / 255.0

        model = models.Sequential([
            layers.Input((48, 48, 3)),
            layers.Conv2D(16, 3, activation="relu"),
            layers.Flatten(),
            layers.Dense(7, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        model.fit(x, np.array([0, 1]), epochs=5)
        """,
        {"FER001": "faces.append(cv2.resize(img, (64, 64)))"},
        says=("64x64", "48x48"),
    )
)

FER001_SILENT = [
    silent(
        "cv2-resize-wh-into-hw-input",
        """
        import cv2
        import numpy as np
        from tensorflow.keras import layers, models

        H, W = 64, 48
        faces = []
        for path in ["a.png", "b.png"]:
            img = cv2.imread(path, cv2.IMREAD_GRAYSCALE)
            faces.append(cv2.resize(img, (W, H)))
        x = np.array(faces, dtype="float32").reshape(-1, H, W, 1) / 255.0
        y = np.array([0, 1])

        model = models.Sequential([
            layers.Input(shape=(H, W, 1)),
            layers.Conv2D(32, 3, activation="relu"),
            layers.Flatten(),
            layers.Dense(7, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        model.fit(x, y, epochs=5)
        """,
    ),
    silent(
        "flow-from-directory-matching-target",
        """
        from tensorflow.keras.preprocessing.image import ImageDataGenerator
        from tensorflow.keras import layers, models

        IMG_SIZE = 48
        datagen = ImageDataGenerator(rescale=1.0 / 255)
        train = datagen.flow_from_directory(
            "data/train",
            target_size=(IMG_SIZE, IMG_SIZE),
            color_mode="grayscale",
            class_mode="categorical",
        )

        model = models.Sequential([
            layers.Input(shape=(IMG_SIZE, IMG_SIZE, 1)),
            layers.Conv2D(32, 3, activation="relu"),
            layers.Flatten(),
            layers.Dense(7, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(train, epochs=50)
        """,
    ),
    silent(
        "size-differs-between-if-else",
        """
        import sys

        import cv2
        import numpy as np
        from tensorflow.keras import layers, models

        if len(sys.argv) > 1 and sys.argv[1] == "big":
            SIZE = 64
        else:
            SIZE = 48

        faces = [cv2.resize(cv2.imread(p, 0), (SIZE, SIZE)) for p in ["a.png"]]
        x = np.expand_dims(np.array(faces, dtype="float32") / 255.0, -1)

        model = models.Sequential([
            layers.Input((48, 48, 1)),
            layers.Conv2D(8, 3),
            layers.Flatten(),
            layers.Dense(7, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        model.fit(x, np.array([0]), epochs=1)
        """,
    ),
    silent(
        "target-plus-channels-tuple",
        """
        import numpy as np
        from tensorflow.keras.applications import MobileNetV2
        from tensorflow.keras.applications.mobilenet_v2 import preprocess_input
        from tensorflow.keras.preprocessing.image import load_img, img_to_array
        from tensorflow.keras import layers, Model
        from tensorflow.keras.utils import to_categorical

        TARGET = (96, 96)
        x = np.stack([img_to_array(load_img(p, target_size=TARGET)) for p in ["a.jpg"]])
        x = preprocess_input(x)
        y = to_categorical([2], 7)

        base = MobileNetV2(
            weights="imagenet", include_top=False, input_shape=TARGET + (3,)
        )
        out = layers.Dense(7, activation="softmax")(
            layers.GlobalAveragePooling2D()(base.output)
        )
        model = Model(base.input, out)
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(x, y, epochs=3)
        """,
    ),
    silent(
        "size-from-command-line",
        """
        import argparse

        import cv2
        import numpy as np
        import tensorflow as tf

        parser = argparse.ArgumentParser()
        parser.add_argument("--size", type=int, default=48)
        args = parser.parse_args()

        faces = [
            cv2.resize(cv2.imread(p, 0), (args.size, args.size)) for p in ["a.png"]
        ]
        x = np.array(faces, dtype=np.float32)[..., None] / 255.0

        model = tf.keras.Sequential(
            [
                tf.keras.layers.Input((48, 48, 1)),
                tf.keras.layers.Flatten(),
                tf.keras.layers.Dense(7, activation="softmax"),
            ]
        )
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        model.fit(x, np.array([1]), epochs=1)
        """,
    ),
    silent(
        "image-dataset-default-size-256",
        """
        import keras

        train = keras.utils.image_dataset_from_directory(
            "ckplus", label_mode="categorical"
        )

        model = keras.Sequential(
            [
                keras.Input(shape=(256, 256, 3)),
                keras.layers.Rescaling(1.0 / 255),
                keras.layers.Conv2D(16, 3, activation="relu"),
                keras.layers.GlobalAveragePooling2D(),
                keras.layers.Dense(7, activation="softmax"),
            ]
        )
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(train, epochs=5)
        """,
    ),
    silent(
        "img-rows-cols-unpacked-keras2",
        """
        import numpy as np
        from keras.models import Sequential
        from keras.layers import Conv2D, Flatten, Dense
        from keras.preprocessing.image import ImageDataGenerator

        import pandas as pd
        from keras.utils import to_categorical

        img_rows, img_cols = 48, 48
        df = pd.read_csv("fer2013.csv")
        x = np.array([np.array(p.split(), dtype="float32") for p in df["pixels"]])
        x = x.reshape(-1, img_rows, img_cols, 1) / 255.0
        y = to_categorical(df["emotion"], 7)

        model = Sequential()
        model.add(Conv2D(32, (3, 3), input_shape=(img_rows, img_cols, 1)))
        model.add(Flatten())
        model.add(Dense(7, activation="softmax"))
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        gen = ImageDataGenerator(horizontal_flip=True)
        model.fit_generator(gen.flow(x, y, batch_size=64), epochs=10)
        """,
    ),
    silent(
        "resizing-layer-after-matching-input",
        """
        import cv2
        import numpy as np
        from tensorflow.keras import layers, models

        x = []
        for p in ["a.png"]:
            img = cv2.imread(p, 0)
            img = cv2.resize(img, (64, 64))
            x.append(img)
        x = np.array(x, dtype="float32").reshape(-1, 64, 64, 1) / 255.0
        model = models.Sequential([
            layers.Input((64, 64, 1)),
            layers.Resizing(48, 48),
            layers.Conv2D(8, 3),
            layers.Flatten(),
            layers.Dense(7, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        model.train_on_batch(x, np.array([0]))
        """,
    ),
]

# ---------------------------------------------------------------------------
# FER002 resize-axis-order
# ---------------------------------------------------------------------------

FER002_FIRES = [
    fire(
        "cv2-resize-hw-order",
        """
        import cv2
        import numpy as np
        from tensorflow.keras import layers, models

        HEIGHT, WIDTH = 64, 48
        faces = []
        for path in ["a.png", "b.png"]:
            img = cv2.imread(path, cv2.IMREAD_GRAYSCALE)
            faces.append(cv2.resize(img, (HEIGHT, WIDTH)))
        x = np.array(faces, dtype="float32")[..., np.newaxis] / 255.0

        model = models.Sequential([
            layers.Input(shape=(HEIGHT, WIDTH, 1)),
            layers.Conv2D(32, 3, activation="relu"),
            layers.Flatten(),
            layers.Dense(7, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        model.fit(x, np.array([0, 1]), epochs=5)
        """,
        {"FER002": "cv2.resize(img, (HEIGHT, WIDTH))"},
        says=("48 high", "64 wide"),
    ),
    fire(
        "pil-resize-hw-order",
        """
        import numpy as np
        from PIL import Image
        import keras
        from keras import layers

        IMG_H, IMG_W = 120, 100
        arrays = []
        for path in ["a.jpg", "b.jpg"]:
            img = Image.open(path).convert("RGB").resize((IMG_H, IMG_W))
            arrays.append(np.asarray(img, dtype="float32") / 255.0)
        x = np.stack(arrays)

        model = keras.Sequential([
            keras.Input((IMG_H, IMG_W, 3)),
            layers.Conv2D(16, 3, activation="relu"),
            layers.Flatten(),
            layers.Dense(8, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        model.fit(x, np.array([1, 2]), epochs=5)
        """,
        {"FER002": ".resize((IMG_H, IMG_W))"},
        says=("100 high", "120 wide"),
    ),
    fire(
        "tf-image-resize-wh-order",
        """
        import tensorflow as tf

        IMG_H, IMG_W = 128, 160


        def decode(path, label):
            img = tf.io.decode_jpeg(tf.io.read_file(path), channels=3)
            img = tf.image.resize(img, (IMG_W, IMG_H)) / 255.0
            return img, label


        train = (
            tf.data.Dataset.from_tensor_slices((["a.jpg"], [3])).map(decode).batch(16)
        )

        model = tf.keras.Sequential(
            [
                tf.keras.layers.Input((IMG_H, IMG_W, 3)),
                tf.keras.layers.Conv2D(16, 3, activation="relu"),
                tf.keras.layers.Flatten(),
                tf.keras.layers.Dense(8, activation="softmax"),
            ]
        )
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        model.fit(train, epochs=3)
        """,
        {"FER002": "tf.image.resize(img, (IMG_W, IMG_H))"},
        says=("160 high", "128 wide"),
    ),
    fire(
        "flow-from-directory-target-wh",
        """
        from keras.preprocessing.image import ImageDataGenerator
        from keras.models import Sequential
        from keras.layers import Conv2D, Flatten, Dense

        W, H = 48, 64
        gen = ImageDataGenerator(rescale=1.0 / 255)
        train = gen.flow_from_directory(
            "jaffe/train",
            target_size=(W, H),
            color_mode="grayscale",
        )

        model = Sequential()
        model.add(Conv2D(32, (3, 3), input_shape=(H, W, 1)))
        model.add(Flatten())
        model.add(Dense(7, activation="softmax"))
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit_generator(train, epochs=10)
        """,
        {"FER002": "target_size=(W, H)"},
        says=("48 high", "64 wide"),
    ),
    fire(
        "load-img-target-wh-order",
        """
        import numpy as np
        from tensorflow.keras.preprocessing.image import load_img, img_to_array
        from tensorflow.keras import layers, models
        from tensorflow.keras.utils import to_categorical

        WIDTH, HEIGHT = 96, 112

        def read(path):
            return img_to_array(load_img(path, target_size=(WIDTH, HEIGHT))) / 255.0

        x = np.array([read(p) for p in ["a.jpg", "b.jpg"]])
        y = to_categorical([0, 5], 7)

        model = models.Sequential([
            layers.Input((HEIGHT, WIDTH, 3)),
            layers.Conv2D(16, 3, activation="relu"),
            layers.Flatten(),
            layers.Dense(7, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(x, y, epochs=5)
        """,
        {"FER002": "target_size=(WIDTH, HEIGHT)"},
        says=("96 high", "112 wide"),
    ),
]

FER002_SILENT = [
    silent(
        "cv2-resize-wh-order",
        """
        import cv2
        import numpy as np
        from tensorflow.keras import layers, models

        HEIGHT, WIDTH = 64, 48
        faces = []
        for path in ["a.png", "b.png"]:
            img = cv2.imread(path, cv2.IMREAD_GRAYSCALE)
            faces.append(cv2.resize(img, (WIDTH, HEIGHT)))
        x = np.array(faces, dtype="float32")[..., np.newaxis] / 255.0

        model = models.Sequential([
            layers.Input(shape=(HEIGHT, WIDTH, 1)),
            layers.Conv2D(32, 3, activation="relu"),
            layers.Flatten(),
            layers.Dense(7, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        model.fit(x, np.array([0, 1]), epochs=5)
        """,
    ),
    silent(
        "pil-resize-wh-order",
        """
        import numpy as np
        from PIL import Image
        import keras
        from keras import layers

        IMG_H, IMG_W = 120, 100
        arrays = []
        for path in ["a.jpg", "b.jpg"]:
            img = Image.open(path).convert("RGB").resize((IMG_W, IMG_H))
            arrays.append(np.asarray(img, dtype="float32") / 255.0)
        x = np.stack(arrays)

        model = keras.Sequential([
            keras.Input((IMG_H, IMG_W, 3)),
            layers.Conv2D(16, 3, activation="relu"),
            layers.Flatten(),
            layers.Dense(8, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        model.fit(x, np.array([1, 2]), epochs=5)
        """,
    ),
    silent(
        "tf-image-resize-hw-order",
        """
        import tensorflow as tf

        IMG_H, IMG_W = 128, 160


        def decode(path, label):
            img = tf.io.decode_jpeg(tf.io.read_file(path), channels=3)
            img = tf.image.resize(img, (IMG_H, IMG_W)) / 255.0
            return img, label


        train = (
            tf.data.Dataset.from_tensor_slices((["a.jpg"], [3])).map(decode).batch(16)
        )

        model = tf.keras.Sequential(
            [
                tf.keras.layers.Input((IMG_H, IMG_W, 3)),
                tf.keras.layers.Conv2D(16, 3, activation="relu"),
                tf.keras.layers.Flatten(),
                tf.keras.layers.Dense(8, activation="softmax"),
            ]
        )
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        model.fit(train, epochs=3)
        """,
    ),
    silent(
        "square-size-either-order",
        """
        import cv2
        import numpy as np
        from tensorflow.keras import layers, models

        SIZE = 48
        faces = [cv2.resize(cv2.imread(p, 0), (SIZE, SIZE)) for p in ["a.png"]]
        x = np.array(faces, dtype="float32").reshape(-1, SIZE, SIZE, 1) / 255.0

        model = models.Sequential([
            layers.Input(shape=(SIZE, SIZE, 1)),
            layers.Flatten(),
            layers.Dense(7, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        model.fit(x, np.array([0]), epochs=5)
        """,
    ),
    silent(
        "non-square-model-unknown",
        """
        import cv2
        import numpy as np
        from tensorflow.keras.models import load_model

        HEIGHT, WIDTH = 64, 48
        faces = [cv2.resize(cv2.imread(p, 0), (HEIGHT, WIDTH)) for p in ["a.png"]]
        x = np.array(faces, dtype="float32")[..., None] / 255.0

        model = load_model("pretrained_fer.h5")
        model.fit(x, np.array([0]), epochs=5)
        """,
    ),
    silent(
        "flow-from-directory-target-hw",
        """
        from keras.preprocessing.image import ImageDataGenerator
        from keras.models import Sequential
        from keras.layers import Conv2D, Flatten, Dense

        W, H = 48, 64
        gen = ImageDataGenerator(rescale=1.0 / 255)
        train = gen.flow_from_directory(
            "jaffe/train",
            target_size=(H, W),
            color_mode="grayscale",
        )

        model = Sequential()
        model.add(Conv2D(32, (3, 3), input_shape=(H, W, 1)))
        model.add(Flatten())
        model.add(Dense(7, activation="softmax"))
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit_generator(train, epochs=10)
        """,
    ),
]

# ---------------------------------------------------------------------------
# FER003 channel-count-mismatch
# ---------------------------------------------------------------------------

FER003_FIRES = [
    fire(
        "cv2-gray-into-vgg16",
        """
        import cv2
        import numpy as np
        from tensorflow.keras.applications import VGG16
        from tensorflow.keras import layers, Model
        from tensorflow.keras.utils import to_categorical

        faces = []
        for path in ["a.png", "b.png"]:
            face = cv2.imread(path, cv2.IMREAD_GRAYSCALE)
            faces.append(cv2.resize(face, (48, 48)))
        x = np.array(faces, dtype="float32")[..., np.newaxis] / 255.0
        y = to_categorical([0, 1], 7)

        base = VGG16(weights=None, include_top=False, input_shape=(48, 48, 3))
        out = layers.Dense(7, activation="softmax")(layers.Flatten()(base.output))
        model = Model(base.input, out)
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(x, y, epochs=5)
        """,
        {"FER003": "cv2.imread(path, cv2.IMREAD_GRAYSCALE)"},
        says=("one channel", "3 channels"),
    ),
    fire(
        "flow-from-directory-grayscale-into-3ch",
        """
        from tensorflow.keras.preprocessing.image import ImageDataGenerator
        from tensorflow.keras import layers, models

        gen = ImageDataGenerator(rescale=1.0 / 255, horizontal_flip=True)
        train = gen.flow_from_directory(
            "fer/train",
            target_size=(48, 48),
            color_mode="grayscale",
            class_mode="categorical",
        )

        model = models.Sequential([
            layers.Input(shape=(48, 48, 3)),
            layers.Conv2D(32, 3, activation="relu"),
            layers.Flatten(),
            layers.Dense(7, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(train, epochs=30)
        """,
        {"FER003": 'color_mode="grayscale"'},
        says=("one channel", "3 channels"),
    ),
    fire(
        "pil-convert-L-into-3ch",
        """
        import numpy as np
        from PIL import Image
        from keras.models import Sequential
        from keras.layers import Conv2D, Flatten, Dense

        def load(path):
            img = Image.open(path).convert("L").resize((48, 48))
            return np.asarray(img, dtype=np.float32)[:, :, np.newaxis] / 255.0

        x = np.array([load(p) for p in ["a.tiff", "b.tiff"]])
        y = np.array([0, 3])

        model = Sequential()
        model.add(Conv2D(32, (3, 3), activation="relu", input_shape=(48, 48, 3)))
        model.add(Flatten())
        model.add(Dense(7, activation="softmax"))
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        model.fit(x, y, epochs=10)
        """,
        {"FER003": 'convert("L")'},
        says=("one channel", "3 channels"),
    ),
    fire(
        "pil-rgb-into-gray-model",
        """
        import numpy as np
        from PIL import Image
        import tensorflow as tf

        x = (
            np.array(
                [
                    np.asarray(Image.open(p).convert("RGB").resize((48, 48)))
                    for p in ["a.jpg"]
                ],
                dtype="float32",
            )
            / 255.0
        )
        y = np.array([2])

        model = tf.keras.Sequential(
            [
                tf.keras.layers.Conv2D(
                    32, 3, activation="relu", input_shape=(48, 48, 1)
                ),
                tf.keras.layers.Flatten(),
                tf.keras.layers.Dense(7, activation="softmax"),
            ]
        )
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        model.fit(x, y, epochs=10)
        """,
        {"FER003": 'convert("RGB")'},
        says=("three channels", "1 channel"),
    ),
    fire(
        "cvtcolor-bgr2gray-into-mobilenetv2",
        """
        import cv2
        import numpy as np
        from keras.applications import MobileNetV2
        from keras import layers, Model

        faces = []
        for path in ["a.jpg", "b.jpg"]:
            img = cv2.imread(path)
            gray = cv2.cvtColor(img, cv2.COLOR_BGR2GRAY)
            faces.append(cv2.resize(gray, (96, 96)))
        x = np.expand_dims(np.array(faces, dtype="float32") / 127.5 - 1.0, -1)

        base = MobileNetV2(weights=None, include_top=False, input_shape=(96, 96, 3))
        out = layers.Dense(8, activation="softmax")(
            layers.GlobalAveragePooling2D()(base.output)
        )
        model = Model(base.input, out)
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        model.fit(x, np.array([0, 1]), epochs=5)
        """,
        {"FER003": "cv2.cvtColor(img, cv2.COLOR_BGR2GRAY)"},
        says=("one channel", "3 channels"),
    ),
    fire(
        "image-dataset-grayscale-into-3ch",
        """
        import keras

        train = keras.utils.image_dataset_from_directory(
            "fer2013/train",
            image_size=(48, 48),
            color_mode="grayscale",
            label_mode="categorical",
        )

        model = keras.Sequential([
            keras.Input((48, 48, 3)),
            keras.layers.Rescaling(1 / 255),
            keras.layers.Conv2D(32, 3, activation="relu"),
            keras.layers.GlobalAveragePooling2D(),
            keras.layers.Dense(7, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(train, epochs=10)
        """,
        {"FER003": 'color_mode="grayscale"'},
        says=("one channel", "3 channels"),
    ),
    fire(
        "image-dataset-default-rgb-into-1ch",
        """
        import keras

        train = keras.utils.image_dataset_from_directory(
            "fer", image_size=(48, 48), label_mode="categorical"
        )
        model = keras.Sequential(
            [
                keras.Input((48, 48, 1)),
                keras.layers.Rescaling(1 / 255),
                keras.layers.Flatten(),
                keras.layers.Dense(7, activation="softmax"),
            ]
        )
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(train, epochs=5)
        """,
        {"FER003": "train = keras.utils"},
        says=("three channels", "1 channel"),
    ),
    fire(
        "load-img-grayscale-into-vgg16",
        """
        import numpy as np
        from tensorflow.keras.preprocessing.image import load_img, img_to_array
        from tensorflow.keras.applications import VGG16
        from tensorflow.keras import layers, Model

        x = (
            np.array(
                [
                    img_to_array(
                        load_img(p, color_mode="grayscale", target_size=(48, 48))
                    )
                    for p in ["a.png"]
                ]
            )
            / 255.0
        )
        base = VGG16(weights=None, include_top=False, input_shape=(48, 48, 3))
        model = Model(
            base.input,
            layers.Dense(7, activation="softmax")(layers.Flatten()(base.output)),
        )
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        model.fit(x, np.array([0]), epochs=5)
        """,
        {"FER003": 'color_mode="grayscale"'},
        says=("one channel", "3 channels"),
    ),
]

FER003_FIRES.append(
    fire(
        "np-stack-gray-times-3-into-1ch",
        """
        import numpy as np
        import pandas as pd
        import keras

        df = pd.read_csv("fer2013.csv")
        faces = [
            np.array(s.split(), dtype="float32").reshape(48, 48) for s in df["pixels"]
        ]
        gray = np.array(faces) / 255.0
        x = np.stack([gray] * 3, axis=-1)
        y = keras.utils.to_categorical(df["emotion"].values, 7)

        model = keras.Sequential(
            [
                keras.Input((48, 48, 1)),
                keras.layers.Flatten(),
                keras.layers.Dense(7, activation="softmax"),
            ]
        )
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(x, y, epochs=5)
        """,
        {"FER003": "x = np.stack([gray] * 3, axis=-1)"},
        says=("three channels", "1 channel"),
    )
)

FER003_SILENT = [
    silent(
        "gray-repeated-into-vgg16",
        """
        import cv2
        import numpy as np
        from tensorflow.keras.applications import VGG16
        from tensorflow.keras import layers, Model
        from tensorflow.keras.utils import to_categorical

        faces = []
        for path in ["a.png", "b.png"]:
            face = cv2.imread(path, cv2.IMREAD_GRAYSCALE)
            faces.append(cv2.resize(face, (48, 48)))
        x = np.array(faces, dtype="float32")[..., np.newaxis] / 255.0
        x = np.repeat(x, 3, axis=-1)
        y = to_categorical([0, 1], 7)

        base = VGG16(weights=None, include_top=False, input_shape=(48, 48, 3))
        out = layers.Dense(7, activation="softmax")(layers.Flatten()(base.output))
        model = Model(base.input, out)
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(x, y, epochs=5)
        """,
    ),
    silent(
        "cvtcolor-gray2rgb",
        """
        import cv2
        import numpy as np
        from tensorflow.keras import layers, models

        faces = []
        for path in ["a.png", "b.png"]:
            gray = cv2.imread(path, 0)
            faces.append(cv2.cvtColor(cv2.resize(gray, (48, 48)), cv2.COLOR_GRAY2RGB))
        x = np.array(faces, dtype="float32") / 255.0

        model = models.Sequential([
            layers.Input(shape=(48, 48, 3)),
            layers.Conv2D(32, 3, activation="relu"),
            layers.Flatten(),
            layers.Dense(7, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        model.fit(x, np.array([0, 1]), epochs=5)
        """,
    ),
    silent(
        "np-stack-gray-times-3",
        """
        import numpy as np
        import pandas as pd
        import keras

        df = pd.read_csv("fer2013.csv")
        faces = [
            np.array(s.split(), dtype="float32").reshape(48, 48) for s in df["pixels"]
        ]
        x = np.stack([np.array(faces)] * 3, axis=-1) / 255.0
        y = keras.utils.to_categorical(df["emotion"].values, 7)

        base = keras.applications.ResNet50(
            weights=None, include_top=False, input_shape=(48, 48, 3)
        )
        out = keras.layers.Dense(7, activation="softmax")(
            keras.layers.Flatten()(base.output)
        )
        model = keras.Model(base.input, out)
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(x, y, epochs=5)
        """,
    ),
    silent(
        "tf-grayscale-to-rgb-in-map",
        """
        import tensorflow as tf

        def load(path, label):
            img = tf.io.decode_png(tf.io.read_file(path), channels=1)
            img = tf.image.grayscale_to_rgb(tf.image.resize(img, (48, 48))) / 255.0
            return img, tf.one_hot(label, 7)

        ds = tf.data.Dataset.from_tensor_slices((["a.png"], [0])).map(load).batch(32)

        model = tf.keras.Sequential([
            tf.keras.layers.Input((48, 48, 3)),
            tf.keras.layers.Conv2D(32, 3, activation="relu"),
            tf.keras.layers.Flatten(),
            tf.keras.layers.Dense(7, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(ds, epochs=10)
        """,
    ),
    silent(
        "pil-convert-rgb-into-3ch",
        """
        import numpy as np
        from PIL import Image
        from keras.models import Sequential
        from keras.layers import Conv2D, Flatten, Dense

        def load(path):
            img = Image.open(path).convert("RGB").resize((48, 48))
            return np.asarray(img, dtype=np.float32) / 255.0

        x = np.array([load(p) for p in ["a.tiff", "b.tiff"]])
        y = np.array([0, 3])

        model = Sequential()
        model.add(Conv2D(32, (3, 3), activation="relu", input_shape=(48, 48, 3)))
        model.add(Flatten())
        model.add(Dense(7, activation="softmax"))
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        model.fit(x, y, epochs=10)
        """,
    ),
    silent(
        "flow-from-directory-grayscale-into-1ch",
        """
        from tensorflow.keras.preprocessing.image import ImageDataGenerator
        from tensorflow.keras import layers, models

        gen = ImageDataGenerator(rescale=1.0 / 255, horizontal_flip=True)
        train = gen.flow_from_directory(
            "fer/train",
            target_size=(48, 48),
            color_mode="grayscale",
            class_mode="categorical",
        )

        model = models.Sequential([
            layers.Input(shape=(48, 48, 1)),
            layers.Conv2D(32, 3, activation="relu"),
            layers.Flatten(),
            layers.Dense(7, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(train, epochs=30)
        """,
    ),
]

# ---------------------------------------------------------------------------
# FER004 missing-channel-axis
# ---------------------------------------------------------------------------

FER004_FIRES = [
    fire(
        "fer2013-csv-rows-reshaped-2d",
        """
        import numpy as np
        import pandas as pd
        from tensorflow.keras import layers, models
        from tensorflow.keras.utils import to_categorical

        data = pd.read_csv("fer2013.csv")
        faces = []
        for pixel_sequence in data["pixels"]:
            face = np.array(pixel_sequence.split(" "), dtype="float32").reshape(48, 48)
            faces.append(face)
        faces = np.array(faces) / 255.0
        emotions = to_categorical(data["emotion"], 7)

        model = models.Sequential([
            layers.Conv2D(32, (3, 3), activation="relu", input_shape=(48, 48, 1)),
            layers.Flatten(),
            layers.Dense(7, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(faces, emotions, epochs=30)
        """,
        {"FER004": "faces = np.array(faces) / 255.0"},
        says=("(N, 48, 48)", "(48, 48, 1)"),
    ),
    fire(
        "cv2-gray-loop-no-axis",
        """
        import cv2
        import numpy as np
        from keras.models import Sequential
        from keras.layers import Conv2D, Flatten, Dense

        images = []
        for path in ["a.png", "b.png"]:
            images.append(cv2.resize(cv2.imread(path, 0), (48, 48)))
        x = np.array(images).astype("float32") / 255.0

        model = Sequential()
        model.add(Conv2D(32, (3, 3), input_shape=(48, 48, 1)))
        model.add(Flatten())
        model.add(Dense(7, activation="softmax"))
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        model.fit(x, np.array([0, 1]), epochs=5)
        """,
        {"FER004": 'x = np.array(images).astype("float32") / 255.0'},
        says=("(N, 48, 48)",),
    ),
    fire(
        "reshape-without-channel",
        """
        import numpy as np
        import tensorflow as tf

        x = np.load("fer_pixels.npy").astype("float32")
        x = x.reshape(-1, 48, 48) / 255.0
        y = tf.keras.utils.to_categorical(np.load("fer_labels.npy"), 7)

        inputs = tf.keras.Input(shape=(48, 48, 1))
        h = tf.keras.layers.Conv2D(32, 3, activation="relu")(inputs)
        h = tf.keras.layers.Flatten()(h)
        outputs = tf.keras.layers.Dense(7, activation="softmax")(h)
        model = tf.keras.Model(inputs, outputs)
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(x, y, epochs=5)
        """,
        {"FER004": "x = x.reshape(-1, 48, 48) / 255.0"},
        says=("(N, 48, 48)", "(48, 48, 1)"),
    ),
    fire(
        "fer2013-csv-reshape-3d",
        """
        import numpy as np
        import pandas as pd
        import tensorflow as tf

        df = pd.read_csv("fer2013.csv")
        pixels = np.array([np.array(p.split(), dtype="float32") for p in df["pixels"]])
        x = pixels.reshape(-1, 48, 48) / 255.0
        y = tf.keras.utils.to_categorical(df["emotion"], 7)

        inputs = tf.keras.Input(shape=(48, 48, 1))
        h = tf.keras.layers.Conv2D(32, 3, activation="relu")(inputs)
        outputs = tf.keras.layers.Dense(7, activation="softmax")(
            tf.keras.layers.Flatten()(h)
        )
        model = tf.keras.Model(inputs, outputs)
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(x, y, epochs=5)
        """,
        {"FER004": "x = pixels.reshape(-1, 48, 48) / 255.0"},
        says=("(N, 48, 48)", "(48, 48, 1)"),
    ),
    fire(
        "alias-L-pil-gray-loop",
        """
        import numpy as np
        from PIL import Image
        from tensorflow.keras import layers as L
        from tensorflow.keras import Sequential

        arrays = []
        for path in ["jaffe/KA.AN1.39.tiff", "jaffe/KA.HA1.29.tiff"]:
            img = Image.open(path).convert("L").resize((64, 64))
            arrays.append(np.asarray(img, dtype=np.float32) / 255.0)
        x_train = np.array(arrays)

        model = Sequential([
            L.Input((64, 64, 1)),
            L.Conv2D(16, 3, activation="relu"),
            L.Flatten(),
            L.Dense(7, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        model.fit(x_train, np.array([0, 3]), epochs=20)
        """,
        {"FER004": "x_train = np.array(arrays)"},
        says=("(N, 64, 64)", "(64, 64, 1)"),
    ),
    fire(
        "train-test-split-main-guard",
        """
        import cv2
        import numpy as np
        from sklearn.model_selection import train_test_split
        from tensorflow import keras

        def build():
            return keras.Sequential([
                keras.layers.Input((48, 48, 1)),
                keras.layers.Conv2D(8, 3),
                keras.layers.Flatten(),
                keras.layers.Dense(7, activation="softmax"),
            ])

        if __name__ == "__main__":
            faces = [cv2.resize(cv2.imread(p, 0), (48, 48)) for p in ["a.png", "b.png"]]
            x = np.array(faces, dtype=np.float32) / 255.0
            y = np.array([0, 1])
            x_tr, x_te, y_tr, y_te = train_test_split(x, y, test_size=0.5)
            model = build()
            model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
            model.fit(x_tr, y_tr, validation_data=(x_te, y_te), epochs=5)
        """,
        {"FER004": "x = np.array(faces, dtype=np.float32) / 255.0"},
        says=("(N, 48, 48)",),
    ),
]

FER004_SILENT = [
    silent(
        "reshape-with-channel",
        """
        import numpy as np
        import tensorflow as tf

        import pandas as pd

        df = pd.read_csv("fer2013.csv")
        x = np.array([np.array(p.split(), dtype="float32") for p in df["pixels"]])
        x = x.reshape(-1, 48, 48, 1) / 255.0
        y = tf.keras.utils.to_categorical(df["emotion"], 7)

        inputs = tf.keras.Input(shape=(48, 48, 1))
        h = tf.keras.layers.Conv2D(32, 3, activation="relu")(inputs)
        h = tf.keras.layers.Flatten()(h)
        outputs = tf.keras.layers.Dense(7, activation="softmax")(h)
        model = tf.keras.Model(inputs, outputs)
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(x, y, epochs=5)
        """,
    ),
    silent(
        "expand-dims",
        """
        import cv2
        import numpy as np
        from keras.models import Sequential
        from keras.layers import Conv2D, Flatten, Dense

        images = []
        for path in ["a.png", "b.png"]:
            images.append(cv2.resize(cv2.imread(path, 0), (48, 48)))
        x = np.expand_dims(np.array(images).astype("float32") / 255.0, axis=-1)

        model = Sequential()
        model.add(Conv2D(32, (3, 3), input_shape=(48, 48, 1)))
        model.add(Flatten())
        model.add(Dense(7, activation="softmax"))
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        model.fit(x, np.array([0, 1]), epochs=5)
        """,
    ),
    silent(
        "np-newaxis-index",
        """
        import numpy as np
        import pandas as pd
        from tensorflow.keras import layers, models
        from tensorflow.keras.utils import to_categorical

        data = pd.read_csv("fer2013.csv")
        faces = []
        for pixel_sequence in data["pixels"]:
            face = np.array(pixel_sequence.split(" "), dtype="float32").reshape(48, 48)
            faces.append(face)
        faces = np.array(faces)[..., np.newaxis] / 255.0
        emotions = to_categorical(data["emotion"], 7)

        model = models.Sequential([
            layers.Conv2D(32, (3, 3), activation="relu", input_shape=(48, 48, 1)),
            layers.Flatten(),
            layers.Dense(7, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(faces, emotions, epochs=30)
        """,
    ),
    silent(
        "none-index-4d",
        """
        import numpy as np
        from PIL import Image
        from tensorflow.keras import layers as L
        from tensorflow.keras import Sequential

        arrays = []
        for path in ["jaffe/KA.AN1.39.tiff", "jaffe/KA.HA1.29.tiff"]:
            img = Image.open(path).convert("L").resize((64, 64))
            arrays.append(np.asarray(img, dtype=np.float32) / 255.0)
        x_train = np.array(arrays)[:, :, :, None]

        model = Sequential([
            L.Input((64, 64, 1)),
            L.Conv2D(16, 3, activation="relu"),
            L.Flatten(),
            L.Dense(7, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        model.fit(x_train, np.array([0, 3]), epochs=20)
        """,
    ),
    silent(
        "input-2d-then-reshape-layer",
        """
        import numpy as np
        import keras

        import pandas as pd

        df = pd.read_csv("fer2013.csv")
        x = np.array([np.array(p.split(), dtype="float32") for p in df["pixels"]])
        x = x.reshape(-1, 48, 48) / 255.0

        model = keras.Sequential([
            keras.Input((48, 48)),
            keras.layers.Reshape((48, 48, 1)),
            keras.layers.Conv2D(16, 3, activation="relu"),
            keras.layers.Flatten(),
            keras.layers.Dense(7, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        model.fit(x, df["emotion"].values, epochs=5)
        """,
    ),
    silent(
        "flow-from-directory-grayscale-has-axis",
        """
        from keras.preprocessing.image import ImageDataGenerator
        from keras.models import Sequential
        from keras.layers import Conv2D, Flatten, Dense

        gen = ImageDataGenerator(rescale=1.0 / 255)
        train = gen.flow_from_directory(
            "fer/train", target_size=(48, 48), color_mode="grayscale"
        )

        model = Sequential()
        model.add(Conv2D(32, (3, 3), input_shape=(48, 48, 1)))
        model.add(Flatten())
        model.add(Dense(7, activation="softmax"))
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit_generator(train, epochs=10)
        """,
    ),
]

# ---------------------------------------------------------------------------
# FER005 not-float32
# ---------------------------------------------------------------------------

FER005_FIRES = [
    fire(
        "uint8-div-255-float64",
        """
        import numpy as np
        import pandas as pd
        from tensorflow.keras import layers, models
        from tensorflow.keras.utils import to_categorical

        df = pd.read_csv("fer2013.csv")
        pixels = [np.array(row.split(), dtype=np.uint8) for row in df["pixels"]]
        x = np.array(pixels).reshape(-1, 48, 48, 1)
        x = x / 255.0
        y = to_categorical(df["emotion"], 7)

        model = models.Sequential([
            layers.Input((48, 48, 1)),
            layers.Conv2D(32, 3, activation="relu"),
            layers.Flatten(),
            layers.Dense(7, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(x, y, epochs=10)
        """,
        {"FER005": "x = x / 255.0"},
        says=("float64",),
    ),
    fire(
        "cv2-list-div-255-float64",
        """
        import cv2
        import numpy as np
        from keras.models import Sequential
        from keras.layers import Conv2D, Flatten, Dense

        faces = []
        for path in ["a.png", "b.png"]:
            faces.append(cv2.resize(cv2.imread(path, 0), (48, 48)))
        x = np.array(faces).reshape(-1, 48, 48, 1) / 255.0

        model = Sequential()
        model.add(Conv2D(32, (3, 3), input_shape=(48, 48, 1)))
        model.add(Flatten())
        model.add(Dense(7, activation="softmax"))
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        model.fit(x, np.array([0, 1]), epochs=5)
        """,
        {"FER005": "x = np.array(faces).reshape(-1, 48, 48, 1) / 255.0"},
        says=("float64",),
    ),
    fire(
        "astype-float64",
        """
        import numpy as np
        import tensorflow as tf

        x = np.load("faces.npy").astype("float64").reshape(-1, 48, 48, 1) / 255.0
        y = tf.keras.utils.to_categorical(np.load("labels.npy"), 7)

        model = tf.keras.Sequential([
            tf.keras.layers.Input((48, 48, 1)),
            tf.keras.layers.Flatten(),
            tf.keras.layers.Dense(7, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(x, y, epochs=5)
        """,
        {"FER005": 'astype("float64")'},
        says=("float64",),
    ),
    fire(
        "cv2-astype-float64",
        """
        import cv2
        import numpy as np
        import tensorflow as tf

        faces = [cv2.resize(cv2.imread(p, 0), (48, 48)) for p in ["a.png", "b.png"]]
        x = np.array(faces).astype(np.float64).reshape(-1, 48, 48, 1) / 255.0
        y = tf.keras.utils.to_categorical([0, 1], 7)

        model = tf.keras.Sequential([
            tf.keras.layers.Input((48, 48, 1)),
            tf.keras.layers.Flatten(),
            tf.keras.layers.Dense(7, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(x, y, epochs=5)
        """,
        {"FER005": "x = np.array(faces).astype(np.float64)"},
        says=("float64",),
    ),
    fire(
        "keras3-pil-uint8-unscaled",
        """
        import numpy as np
        from PIL import Image
        import keras

        x = np.array(
            [
                np.asarray(Image.open(p).convert("RGB").resize((64, 64)))
                for p in ["a.jpg"]
            ]
        )
        y = np.array([4])

        model = keras.Sequential(
            [
                keras.Input((64, 64, 3)),
                keras.layers.Conv2D(16, 3, activation="relu"),
                keras.layers.Flatten(),
                keras.layers.Dense(8, activation="softmax"),
            ]
        )
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        model.fit(x, y, epochs=5)
        """,
        {"FER005": "x = np.array(", "FER006": "x = np.array("},
        says=("uint8", "0..255"),
    ),
    fire(
        "fromstring-int-scaled-float64",
        """
        import numpy as np
        import pandas as pd
        from keras.models import Sequential
        from keras.layers import Conv2D, Flatten, Dense
        from keras.utils import np_utils

        data = pd.read_csv("fer2013.csv")
        x = np.array([np.fromstring(p, dtype=int, sep=" ") for p in data["pixels"]])
        x = x.reshape(-1, 48, 48, 1) / 255.0
        y = np_utils.to_categorical(data["emotion"], 7)

        model = Sequential()
        model.add(Conv2D(64, (3, 3), input_shape=(48, 48, 1)))
        model.add(Flatten())
        model.add(Dense(7, activation="softmax"))
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(x, y, epochs=10)
        """,
        {"FER005": "x = x.reshape(-1, 48, 48, 1) / 255.0"},
        says=("float64",),
    ),
]

FER005_SILENT = [
    silent(
        "uint8-astype-float32-then-scale",
        """
        import numpy as np
        import pandas as pd
        from tensorflow.keras import layers, models
        from tensorflow.keras.utils import to_categorical

        df = pd.read_csv("fer2013.csv")
        pixels = [np.array(row.split(), dtype=np.uint8) for row in df["pixels"]]
        x = np.array(pixels).reshape(-1, 48, 48, 1)
        x = x.astype("float32") / 255.0
        y = to_categorical(df["emotion"], 7)

        model = models.Sequential([
            layers.Input((48, 48, 1)),
            layers.Conv2D(32, 3, activation="relu"),
            layers.Flatten(),
            layers.Dense(7, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(x, y, epochs=10)
        """,
    ),
    silent(
        "uint8-into-rescaling-layer",
        """
        import numpy as np
        from PIL import Image
        import keras

        x = np.array(
            [
                np.asarray(Image.open(p).convert("RGB").resize((64, 64)))
                for p in ["a.jpg"]
            ]
        )
        y = np.array([4])

        model = keras.Sequential(
            [
                keras.Input((64, 64, 3)),
                keras.layers.Rescaling(1.0 / 255),
                keras.layers.Conv2D(16, 3, activation="relu"),
                keras.layers.Flatten(),
                keras.layers.Dense(8, activation="softmax"),
            ]
        )
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        model.fit(x, y, epochs=5)
        """,
    ),
    silent(
        "img-to-array-float32-scaled",
        """
        import numpy as np
        from tensorflow.keras.preprocessing.image import load_img, img_to_array
        from tensorflow.keras import layers, models

        x = np.array([
            img_to_array(load_img(p, color_mode="grayscale", target_size=(48, 48)))
            for p in ["a.png", "b.png"]
        ]) / 255.0

        model = models.Sequential([
            layers.Input((48, 48, 1)),
            layers.Flatten(),
            layers.Dense(7, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        model.fit(x, np.array([0, 1]), epochs=5)
        """,
    ),
    silent(
        "float32-array-inplace-divide",
        """
        import cv2
        import numpy as np
        from keras.models import Sequential
        from keras.layers import Conv2D, Flatten, Dense

        faces = []
        for path in ["a.png", "b.png"]:
            faces.append(cv2.resize(cv2.imread(path, 0), (48, 48)))
        x = np.array(faces, dtype="float32").reshape(-1, 48, 48, 1)
        x /= 255.0

        model = Sequential()
        model.add(Conv2D(32, (3, 3), input_shape=(48, 48, 1)))
        model.add(Flatten())
        model.add(Dense(7, activation="softmax"))
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        model.fit(x, np.array([0, 1]), epochs=5)
        """,
    ),
    silent(
        "uint8-through-datagen-flow",
        """
        import numpy as np
        import pandas as pd
        from keras.preprocessing.image import ImageDataGenerator
        from keras.models import Sequential
        from keras.layers import Conv2D, Flatten, Dense
        from keras.utils import to_categorical

        df = pd.read_csv("fer2013.csv")
        x = np.array(
            [np.array(p.split(), dtype="uint8") for p in df["pixels"]]
        ).reshape(-1, 48, 48, 1)
        y = to_categorical(df["emotion"], 7)

        gen = ImageDataGenerator(rescale=1.0 / 255, rotation_range=10)

        model = Sequential()
        model.add(Conv2D(32, (3, 3), input_shape=(48, 48, 1)))
        model.add(Flatten())
        model.add(Dense(7, activation="softmax"))
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(gen.flow(x, y, batch_size=64), epochs=10)
        """,
    ),
    silent(
        "tf-data-cast-float32",
        """
        import numpy as np
        import tensorflow as tf

        import cv2

        x = np.array([cv2.resize(cv2.imread(p, 0), (48, 48)) for p in ["a.png"]])[
            ..., None
        ]
        y = np.array([0])


        def prepare(img, label):
            return tf.cast(img, tf.float32) / 255.0, label


        train = tf.data.Dataset.from_tensor_slices((x, y)).map(prepare).batch(64)

        model = tf.keras.Sequential(
            [
                tf.keras.layers.Input((48, 48, 1)),
                tf.keras.layers.Flatten(),
                tf.keras.layers.Dense(7, activation="softmax"),
            ]
        )
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        model.fit(train, epochs=5)
        """,
    ),
    silent(
        "inplace-divide-then-reshape",
        """
        import cv2
        import numpy as np
        from tensorflow.keras import layers, models

        x = np.array([cv2.resize(cv2.imread(p, 0), (48, 48)) for p in ["a.png"]])
        x = x.astype("float32")
        x /= 255
        x = x.reshape(x.shape[0], 48, 48, 1)
        model = models.Sequential(
            [
                layers.Input((48, 48, 1)),
                layers.Flatten(),
                layers.Dense(7, activation="softmax"),
            ]
        )
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        model.fit(x, np.array([0]), epochs=5)
        """,
    ),
]

# ---------------------------------------------------------------------------
# FER006 missing-normalization
# ---------------------------------------------------------------------------

FER006_FIRES = [
    fire(
        "float32-never-divided",
        """
        import cv2
        import numpy as np
        from tensorflow.keras import layers, models

        faces = []
        for path in ["a.png", "b.png"]:
            faces.append(cv2.resize(cv2.imread(path, 0), (48, 48)))
        x = np.array(faces).astype("float32").reshape(-1, 48, 48, 1)

        model = models.Sequential([
            layers.Input((48, 48, 1)),
            layers.Conv2D(32, 3, activation="relu"),
            layers.Flatten(),
            layers.Dense(7, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        model.fit(x, np.array([0, 1]), epochs=5)
        """,
        {"FER006": 'x = np.array(faces).astype("float32").reshape(-1, 48, 48, 1)'},
        says=("0..255",),
    ),
    fire(
        "flow-from-directory-no-rescale",
        """
        from keras.preprocessing.image import ImageDataGenerator
        from keras.models import Sequential
        from keras.layers import Conv2D, Flatten, Dense

        gen = ImageDataGenerator(horizontal_flip=True, rotation_range=15)
        train = gen.flow_from_directory(
            "fer/train", target_size=(48, 48), color_mode="grayscale"
        )

        model = Sequential()
        model.add(Conv2D(32, (3, 3), input_shape=(48, 48, 1)))
        model.add(Flatten())
        model.add(Dense(7, activation="softmax"))
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit_generator(train, epochs=10)
        """,
        {"FER006": "gen = ImageDataGenerator("},
        says=("0..255",),
    ),
    fire(
        "image-dataset-no-rescaling",
        """
        import keras

        train = keras.utils.image_dataset_from_directory(
            "affectnet/train", image_size=(96, 96), label_mode="categorical"
        )

        model = keras.Sequential([
            keras.Input((96, 96, 3)),
            keras.layers.Conv2D(32, 3, activation="relu"),
            keras.layers.GlobalAveragePooling2D(),
            keras.layers.Dense(8, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(train, epochs=10)
        """,
        {"FER006": "train = keras.utils.image_dataset_from_directory("},
        says=("0..255",),
    ),
    fire(
        "resnet50-scratch-raw-pixels",
        """
        import numpy as np
        from tensorflow.keras.applications import ResNet50
        from tensorflow.keras.preprocessing.image import load_img, img_to_array
        from tensorflow.keras import layers, Model
        from tensorflow.keras.utils import to_categorical

        x = np.array(
            [img_to_array(load_img(p, target_size=(96, 96))) for p in ["a.jpg"]]
        )
        y = to_categorical([0], 7)

        base = ResNet50(weights=None, include_top=False, input_shape=(96, 96, 3))
        pooled = layers.GlobalAveragePooling2D()(base.output)
        model = Model(base.input, layers.Dense(7, activation="softmax")(pooled))
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(x, y, epochs=5)
        """,
        {"FER006": "x = np.array("},
        says=("0..255",),
    ),
    fire(
        "fer2013-float32-unscaled",
        """
        import numpy as np
        import pandas as pd
        import tensorflow as tf

        df = pd.read_csv("fer2013.csv")
        train = df[df["Usage"] == "Training"]
        x = np.array([np.array(p.split(), dtype="float32") for p in train["pixels"]])
        x = x.reshape(-1, 48, 48, 1)
        y = tf.keras.utils.to_categorical(train["emotion"], 7)

        model = tf.keras.Sequential([
            tf.keras.layers.Conv2D(32, 3, activation="relu", input_shape=(48, 48, 1)),
            tf.keras.layers.Flatten(),
            tf.keras.layers.Dense(7, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(x, y, epochs=10)
        """,
        {"FER006": "x = x.reshape(-1, 48, 48, 1)"},
        says=("0..255",),
    ),
]

FER006_SILENT = [
    silent(
        "efficientnet-takes-0-255",
        """
        import numpy as np
        from tensorflow.keras.applications import EfficientNetB0
        from tensorflow.keras.preprocessing.image import load_img, img_to_array
        from tensorflow.keras import layers, Model
        from tensorflow.keras.utils import to_categorical

        x = np.array(
            [img_to_array(load_img(p, target_size=(224, 224))) for p in ["a.jpg"]]
        )
        y = to_categorical([0], 7)

        base = EfficientNetB0(
            weights="imagenet", include_top=False, input_shape=(224, 224, 3)
        )
        out = layers.Dense(7, activation="softmax")(
            layers.GlobalAveragePooling2D()(base.output)
        )
        model = Model(base.input, out)
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(x, y, epochs=5)
        """,
    ),
    silent(
        "vgg16-preprocess-input",
        """
        import numpy as np
        from tensorflow.keras.applications import VGG16
        from tensorflow.keras.applications.vgg16 import preprocess_input
        from tensorflow.keras.preprocessing.image import load_img, img_to_array
        from tensorflow.keras import layers, Model
        from tensorflow.keras.utils import to_categorical

        x = np.array(
            [img_to_array(load_img(p, target_size=(224, 224))) for p in ["a.jpg"]]
        )
        x = preprocess_input(x)
        y = to_categorical([0], 7)

        base = VGG16(weights="imagenet", include_top=False, input_shape=(224, 224, 3))
        out = layers.Dense(7, activation="softmax")(layers.Flatten()(base.output))
        model = Model(base.input, out)
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(x, y, epochs=5)
        """,
    ),
    silent(
        "mean-std-standardized",
        """
        import cv2
        import numpy as np
        from tensorflow.keras import layers, models

        faces = []
        for path in ["a.png", "b.png"]:
            faces.append(cv2.resize(cv2.imread(path, 0), (48, 48)))
        x = np.array(faces).astype("float32").reshape(-1, 48, 48, 1)
        x = (x - x.mean()) / x.std()

        model = models.Sequential([
            layers.Input((48, 48, 1)),
            layers.Conv2D(32, 3, activation="relu"),
            layers.Flatten(),
            layers.Dense(7, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        model.fit(x, np.array([0, 1]), epochs=5)
        """,
    ),
    silent(
        "datagen-featurewise",
        """
        import numpy as np
        from keras.preprocessing.image import ImageDataGenerator
        from keras.models import Sequential
        from keras.layers import Conv2D, Flatten, Dense

        import pandas as pd
        from keras.utils import to_categorical

        df = pd.read_csv("fer2013.csv")
        x = np.array([np.array(p.split(), dtype="float32") for p in df["pixels"]])
        x = x.reshape(-1, 48, 48, 1)
        y = to_categorical(df["emotion"], 7)

        gen = ImageDataGenerator(
            featurewise_center=True, featurewise_std_normalization=True
        )
        gen.fit(x)

        model = Sequential()
        model.add(Conv2D(32, (3, 3), input_shape=(48, 48, 1)))
        model.add(Flatten())
        model.add(Dense(7, activation="softmax"))
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit_generator(gen.flow(x, y, batch_size=32), epochs=10)
        """,
    ),
    silent(
        "image-dataset-with-rescaling-layer",
        """
        import keras

        train = keras.utils.image_dataset_from_directory(
            "affectnet/train", image_size=(96, 96), label_mode="categorical"
        )

        model = keras.Sequential([
            keras.Input((96, 96, 3)),
            keras.layers.Rescaling(1.0 / 255),
            keras.layers.Conv2D(32, 3, activation="relu"),
            keras.layers.GlobalAveragePooling2D(),
            keras.layers.Dense(8, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(train, epochs=10)
        """,
    ),
    silent(
        "normalization-layer-adapted",
        """
        import numpy as np
        import tensorflow as tf

        import cv2

        faces = [cv2.resize(cv2.imread(p, 0), (48, 48)) for p in ["a.png", "b.png"]]
        x = np.array(faces, dtype="float32")[..., np.newaxis]
        norm = tf.keras.layers.Normalization()
        norm.adapt(x)

        model = tf.keras.Sequential([
            tf.keras.layers.Input((48, 48, 1)),
            norm,
            tf.keras.layers.Conv2D(32, 3, activation="relu"),
            tf.keras.layers.Flatten(),
            tf.keras.layers.Dense(7, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        model.fit(x, np.array([0, 1]), epochs=5)
        """,
    ),
    silent(
        "datagen-preprocessing-function",
        """
        import numpy as np
        from tensorflow.keras.applications.vgg16 import VGG16, preprocess_input
        from tensorflow.keras.preprocessing.image import ImageDataGenerator
        from tensorflow.keras import layers, Model

        gen = ImageDataGenerator(preprocessing_function=preprocess_input)
        train = gen.flow_from_directory("ck/train", target_size=(224, 224))
        base = VGG16(weights="imagenet", include_top=False, input_shape=(224, 224, 3))
        out = layers.Dense(7, activation="softmax")(layers.Flatten()(base.output))
        model = Model(base.input, out)
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(train, epochs=5)
        """,
    ),
    silent(
        "mobilenetv3-scales-inside",
        """
        import keras

        train = keras.utils.image_dataset_from_directory(
            "affectnet", image_size=(224, 224), label_mode="categorical"
        )
        base = keras.applications.MobileNetV3Small(
            weights="imagenet", include_top=False, input_shape=(224, 224, 3)
        )
        out = keras.layers.Dense(8, activation="softmax")(
            keras.layers.GlobalAveragePooling2D()(base.output)
        )
        model = keras.Model(base.input, out)
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(train, epochs=5)
        """,
    ),
    silent(
        "datagen-samplewise",
        """
        import cv2
        import numpy as np
        from tensorflow.keras.preprocessing.image import ImageDataGenerator
        from tensorflow.keras import layers, models

        x = np.array(
            [cv2.resize(cv2.imread(p, 0), (48, 48)) for p in ["a.png"]], dtype="float32"
        )[..., None]
        gen = ImageDataGenerator(
            samplewise_center=True, samplewise_std_normalization=True
        )
        model = models.Sequential(
            [
                layers.Input((48, 48, 1)),
                layers.Flatten(),
                layers.Dense(7, activation="softmax"),
            ]
        )
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        model.fit(gen.flow(x, np.array([0])), epochs=5)
        """,
    ),
]

# ---------------------------------------------------------------------------
# FER008 bgr-not-converted
# ---------------------------------------------------------------------------

FER008_FIRES = [
    fire(
        "cv2-bgr-into-vgg16-imagenet",
        """
        import cv2
        import numpy as np
        from tensorflow.keras.applications import VGG16
        from tensorflow.keras import layers, Model

        faces = []
        for path in ["a.jpg", "b.jpg"]:
            img = cv2.imread(path)
            faces.append(cv2.resize(img, (224, 224)))
        x = np.array(faces, dtype="float32") / 255.0

        base = VGG16(weights="imagenet", include_top=False, input_shape=(224, 224, 3))
        out = layers.Dense(7, activation="softmax")(layers.Flatten()(base.output))
        model = Model(base.input, out)
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        model.fit(x, np.array([0, 1]), epochs=5)
        """,
        {"FER008": "img = cv2.imread(path)"},
        says=("BGR", "VGG16"),
    ),
    fire(
        "cv2-bgr-mobilenetv2-preprocess-input",
        """
        import cv2
        import numpy as np
        from keras.applications.mobilenet_v2 import MobileNetV2, preprocess_input
        from keras import layers, Model


        def load(path):
            img = cv2.imread(path, cv2.IMREAD_COLOR)
            return cv2.resize(img, (96, 96)).astype("float32")


        x = preprocess_input(np.array([load(p) for p in ["a.jpg"]]))
        base = MobileNetV2(weights=None, include_top=False, input_shape=(96, 96, 3))
        out = layers.Dense(8, activation="softmax")(
            layers.GlobalAveragePooling2D()(base.output)
        )
        model = Model(base.input, out)
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        model.fit(x, np.array([0]), epochs=3)
        """,
        {"FER008": "img = cv2.imread(path, cv2.IMREAD_COLOR)"},
        says=("BGR", "preprocess_input"),
    ),
    fire(
        "train-cv2-predict-load-img",
        """
        import cv2
        import numpy as np
        from tensorflow.keras.preprocessing.image import load_img, img_to_array
        from tensorflow.keras import layers, models

        faces = [cv2.resize(cv2.imread(p), (64, 64)) for p in ["a.jpg", "b.jpg"]]
        x = np.array(faces, dtype="float32") / 255.0

        model = models.Sequential([
            layers.Input((64, 64, 3)),
            layers.Conv2D(32, 3, activation="relu"),
            layers.Flatten(),
            layers.Dense(7, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        model.fit(x, np.array([0, 1]), epochs=5)

        test = img_to_array(load_img("test.jpg", target_size=(64, 64))) / 255.0
        print(model.predict(test[np.newaxis]))
        """,
        {"FER008": "faces = [cv2.resize(cv2.imread(p), (64, 64))"},
        says=("BGR", "RGB"),
    ),
    fire(
        "tf-keras-resnet50-imagenet",
        """
        import cv2
        import numpy as np
        import tensorflow as tf

        x = []
        for path in ["a.jpg"]:
            face = cv2.imread(path)
            x.append(cv2.resize(face, (224, 224)))
        x = tf.keras.applications.resnet50.preprocess_input(
            np.array(x, dtype="float32")
        )

        base = tf.keras.applications.ResNet50(
            weights="imagenet", include_top=False, input_shape=(224, 224, 3)
        )
        head = tf.keras.layers.Dense(7, activation="softmax")(
            tf.keras.layers.GlobalAveragePooling2D()(base.output)
        )
        model = tf.keras.Model(base.input, head)
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        model.fit(x, np.array([0]), epochs=3)
        """,
        {"FER008": "face = cv2.imread(path)"},
        says=("BGR",),
    ),
    fire(
        "keras3-efficientnet-imagenet-bgr",
        """
        import cv2
        import numpy as np
        import keras

        images = [cv2.resize(cv2.imread(p, 1), (224, 224)) for p in ["a.jpg", "b.jpg"]]
        x = np.array(images, dtype="float32")

        base = keras.applications.EfficientNetB0(
            weights="imagenet", include_top=False, input_shape=(224, 224, 3)
        )
        out = keras.layers.Dense(8, activation="softmax")(
            keras.layers.GlobalAveragePooling2D()(base.output)
        )
        model = keras.Model(base.input, out)
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        model.fit(x, np.array([0, 1]), epochs=3)
        """,
        {"FER008": "images = [cv2.resize(cv2.imread(p, 1), (224, 224))"},
        says=("BGR", "EfficientNetB0"),
    ),
]

FER008_SILENT = [
    silent(
        "cvtcolor-bgr2rgb-into-vgg16",
        """
        import cv2
        import numpy as np
        from tensorflow.keras.applications import VGG16
        from tensorflow.keras.applications.vgg16 import preprocess_input
        from tensorflow.keras import layers, Model

        faces = []
        for path in ["a.jpg", "b.jpg"]:
            img = cv2.imread(path)
            img = cv2.cvtColor(img, cv2.COLOR_BGR2RGB)
            faces.append(cv2.resize(img, (224, 224)))
        x = preprocess_input(np.array(faces, dtype="float32"))

        base = VGG16(weights="imagenet", include_top=False, input_shape=(224, 224, 3))
        out = layers.Dense(7, activation="softmax")(layers.Flatten()(base.output))
        model = Model(base.input, out)
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        model.fit(x, np.array([0, 1]), epochs=5)
        """,
    ),
    silent(
        "channel-flip-slice",
        """
        import cv2
        import numpy as np
        from keras.applications.mobilenet_v2 import MobileNetV2, preprocess_input
        from keras import layers, Model


        def load(path):
            img = cv2.imread(path, cv2.IMREAD_COLOR)[..., ::-1]
            return cv2.resize(img, (96, 96)).astype("float32")


        x = preprocess_input(np.array([load(p) for p in ["a.jpg"]]))
        base = MobileNetV2(
            weights="imagenet", include_top=False, input_shape=(96, 96, 3)
        )
        out = layers.Dense(8, activation="softmax")(
            layers.GlobalAveragePooling2D()(base.output)
        )
        model = Model(base.input, out)
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        model.fit(x, np.array([0]), epochs=3)
        """,
    ),
    silent(
        "bgr-into-scratch-model",
        """
        import cv2
        import numpy as np
        from tensorflow.keras import layers, models

        faces = [cv2.resize(cv2.imread(p), (64, 64)) for p in ["a.jpg", "b.jpg"]]
        x = np.array(faces, dtype="float32") / 255.0

        model = models.Sequential([
            layers.Input((64, 64, 3)),
            layers.Conv2D(32, 3, activation="relu"),
            layers.Flatten(),
            layers.Dense(7, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        model.fit(x, np.array([0, 1]), epochs=5)

        test = cv2.resize(cv2.imread("test.jpg"), (64, 64)).astype("float32") / 255.0
        print(model.predict(test[np.newaxis]))
        """,
    ),
    silent(
        "bgr-into-backbone-without-weights",
        """
        import cv2
        import numpy as np
        import keras

        images = [cv2.resize(cv2.imread(p), (96, 96)) for p in ["a.jpg", "b.jpg"]]
        x = np.array(images, dtype="float32") / 255.0

        base = keras.applications.ResNet50(
            weights=None, include_top=False, input_shape=(96, 96, 3)
        )
        out = keras.layers.Dense(8, activation="softmax")(
            keras.layers.GlobalAveragePooling2D()(base.output)
        )
        model = keras.Model(base.input, out)
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        model.fit(x, np.array([0, 1]), epochs=3)
        """,
    ),
    silent(
        "cv2-gray-into-gray-model",
        """
        import cv2
        import numpy as np
        from tensorflow.keras import layers, models

        faces = [cv2.resize(cv2.imread(p, 0), (48, 48)) for p in ["a.png", "b.png"]]
        x = np.array(faces, dtype="float32")[..., None] / 255.0

        model = models.Sequential([
            layers.Input((48, 48, 1)),
            layers.Flatten(),
            layers.Dense(7, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        model.fit(x, np.array([0, 1]), epochs=5)
        """,
    ),
    silent(
        "pil-rgb-into-imagenet",
        """
        import numpy as np
        from PIL import Image
        from tensorflow.keras.applications import VGG16
        from tensorflow.keras.applications.vgg16 import preprocess_input
        from tensorflow.keras import layers, Model

        x = np.array(
            [
                np.asarray(Image.open(p).convert("RGB").resize((224, 224)))
                for p in ["a.jpg"]
            ],
            dtype="float32",
        )
        x = preprocess_input(x)

        base = VGG16(weights="imagenet", include_top=False, input_shape=(224, 224, 3))
        out = layers.Dense(7, activation="softmax")(layers.Flatten()(base.output))
        model = Model(base.input, out)
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        model.fit(x, np.array([0]), epochs=5)
        """,
    ),
]

# ---------------------------------------------------------------------------
# FER009 labels-not-one-hot
# ---------------------------------------------------------------------------

FER009_FIRES = [
    fire(
        "label-encoder-categorical",
        """
        import numpy as np
        from sklearn.preprocessing import LabelEncoder
        from tensorflow.keras import layers, models

        names = ["happy", "sad", "angry"]
        x = np.load("faces.npy").astype("float32").reshape(-1, 48, 48, 1) / 255.0
        y = LabelEncoder().fit_transform(names)

        model = models.Sequential(
            [
                layers.Input((48, 48, 1)),
                layers.Flatten(),
                layers.Dense(3, activation="softmax"),
            ]
        )
        model.compile(
            optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"]
        )
        model.fit(x, y, epochs=5)
        """,
        {"FER009": "y = LabelEncoder().fit_transform(names)"},
        says=("categorical_crossentropy",),
    ),
    fire(
        "loop-appended-indices",
        """
        import os

        import cv2
        import numpy as np
        from keras.models import Sequential
        from keras.layers import Conv2D, Flatten, Dense

        EMOTIONS = [
            "anger",
            "disgust",
            "fear",
            "happy",
            "sadness",
            "surprise",
            "neutral",
        ]
        images, labels = [], []
        for index, emotion in enumerate(EMOTIONS):
            for name in os.listdir(os.path.join("ck", emotion)):
                images.append(
                    cv2.resize(
                        cv2.imread(os.path.join("ck", emotion, name), 0), (48, 48)
                    )
                )
                labels.append(index)

        x = np.array(images, dtype="float32").reshape(-1, 48, 48, 1) / 255.0
        y = np.array(labels)

        model = Sequential()
        model.add(Conv2D(32, (3, 3), input_shape=(48, 48, 1)))
        model.add(Flatten())
        model.add(Dense(len(EMOTIONS), activation="softmax"))
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(x, y, epochs=30)
        """,
        {"FER009": "y = np.array(labels)"},
        says=("categorical_crossentropy",),
    ),
    fire(
        "pandas-emotion-column",
        """
        import numpy as np
        import pandas as pd
        import tensorflow as tf

        df = pd.read_csv("fer2013.csv")
        x = np.array([np.array(p.split(), dtype="float32") for p in df["pixels"]])
        x = x.reshape(-1, 48, 48, 1) / 255.0
        y = df["emotion"].values

        model = tf.keras.Sequential([
            tf.keras.layers.Input((48, 48, 1)),
            tf.keras.layers.Flatten(),
            tf.keras.layers.Dense(7, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss=tf.keras.losses.CategoricalCrossentropy())
        model.fit(x, y, epochs=5)
        """,
        {"FER009": 'y = df["emotion"].values'},
        says=("categorical_crossentropy",),
    ),
    fire(
        "flow-from-directory-class-mode-sparse",
        """
        from tensorflow.keras.preprocessing.image import ImageDataGenerator
        from tensorflow.keras import layers, models

        gen = ImageDataGenerator(rescale=1.0 / 255)
        train = gen.flow_from_directory(
            "fer/train",
            target_size=(48, 48),
            color_mode="grayscale",
            class_mode="sparse",
        )

        model = models.Sequential([
            layers.Input((48, 48, 1)),
            layers.Flatten(),
            layers.Dense(7, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(train, epochs=10)
        """,
        {"FER009": 'class_mode="sparse"'},
        says=("class_mode", "categorical_crossentropy"),
    ),
    fire(
        "image-dataset-default-int-labels",
        """
        import keras

        train = keras.utils.image_dataset_from_directory(
            "affectnet/train", image_size=(96, 96)
        )

        model = keras.Sequential(
            [
                keras.Input((96, 96, 3)),
                keras.layers.Rescaling(1 / 255),
                keras.layers.Conv2D(16, 3, activation="relu"),
                keras.layers.GlobalAveragePooling2D(),
                keras.layers.Dense(8, activation="softmax"),
            ]
        )
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(train, epochs=10)
        """,
        {"FER009": "train = keras.utils.image_dataset_from_directory("},
        says=("label_mode", "categorical_crossentropy"),
    ),
    fire(
        "ferplus-argmax-votes",
        """
        import numpy as np
        import pandas as pd
        from tensorflow.keras import layers, models

        votes = pd.read_csv("fer2013new.csv").iloc[:, 2:10].values
        y = np.argmax(votes, axis=1)
        x = (
            np.load("ferplus_faces.npy").astype("float32").reshape(-1, 48, 48, 1)
            / 255.0
        )

        model = models.Sequential(
            [
                layers.Input((48, 48, 1)),
                layers.Flatten(),
                layers.Dense(8, activation="softmax"),
            ]
        )
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(x, y, epochs=10)
        """,
        {"FER009": "y = np.argmax(votes, axis=1)"},
        says=("categorical_crossentropy",),
    ),
    fire(
        "fit-keyword-arguments",
        """
        import numpy as np
        import pandas as pd
        from tensorflow.keras import layers, models

        df = pd.read_csv("fer2013.csv")
        x = (
            np.array(
                [np.array(p.split(), dtype="float32") for p in df["pixels"]]
            ).reshape(-1, 48, 48, 1)
            / 255.0
        )
        y = df["emotion"].values

        model = models.Sequential(
            [
                layers.Input((48, 48, 1)),
                layers.Flatten(),
                layers.Dense(7, activation="softmax"),
            ]
        )
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(x=x, y=y, batch_size=64, epochs=5)
        """,
        {"FER009": 'y = df["emotion"].values'},
        says=("categorical_crossentropy",),
    ),
    fire(
        "class-mode-binary",
        """
        from tensorflow.keras.preprocessing.image import ImageDataGenerator
        from tensorflow.keras import layers, models

        gen = ImageDataGenerator(rescale=1.0 / 255)
        train = gen.flow_from_directory(
            "fer/train",
            target_size=(48, 48),
            color_mode="grayscale",
            class_mode="binary",
        )

        model = models.Sequential(
            [
                layers.Input((48, 48, 1)),
                layers.Flatten(),
                layers.Dense(2, activation="softmax"),
            ]
        )
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(train, epochs=5)
        """,
        {"FER009": 'class_mode="binary"'},
        says=("class_mode", "categorical_crossentropy"),
    ),
    fire(
        "loss-function-object-in-helper",
        """
        import numpy as np
        import pandas as pd
        from keras.models import Sequential
        from keras.layers import Flatten, Dense
        from keras.losses import categorical_crossentropy

        df = pd.read_csv("fer2013.csv")
        x = (
            np.array(
                [np.array(p.split(), dtype="float32") for p in df["pixels"]]
            ).reshape(-1, 48, 48, 1)
            / 255.0
        )
        y = df["emotion"].values


        def build():
            m = Sequential()
            m.add(Flatten(input_shape=(48, 48, 1)))
            m.add(Dense(7, activation="softmax"))
            m.compile(optimizer="adam", loss=categorical_crossentropy)
            return m


        model = build()
        model.fit(x, y, epochs=5)
        """,
        {"FER009": 'y = df["emotion"].values'},
        says=("categorical_crossentropy",),
    ),
]

FER009_SILENT = [
    silent(
        "label-encoder-to-categorical",
        """
        import numpy as np
        from sklearn.preprocessing import LabelEncoder
        from tensorflow.keras import layers, models
        from tensorflow.keras.utils import to_categorical

        names = ["happy", "sad", "angry"]
        x = np.load("faces.npy").astype("float32").reshape(-1, 48, 48, 1) / 255.0
        y = to_categorical(LabelEncoder().fit_transform(names), 3)

        model = models.Sequential(
            [
                layers.Input((48, 48, 1)),
                layers.Flatten(),
                layers.Dense(3, activation="softmax"),
            ]
        )
        model.compile(
            optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"]
        )
        model.fit(x, y, epochs=5)
        """,
    ),
    silent(
        "sparse-labels-sparse-loss",
        """
        import os

        import cv2
        import numpy as np
        from keras.models import Sequential
        from keras.layers import Conv2D, Flatten, Dense

        EMOTIONS = [
            "anger",
            "disgust",
            "fear",
            "happy",
            "sadness",
            "surprise",
            "neutral",
        ]
        images, labels = [], []
        for index, emotion in enumerate(EMOTIONS):
            for name in os.listdir(os.path.join("ck", emotion)):
                images.append(
                    cv2.resize(
                        cv2.imread(os.path.join("ck", emotion, name), 0), (48, 48)
                    )
                )
                labels.append(index)

        x = np.array(images, dtype="float32").reshape(-1, 48, 48, 1) / 255.0
        y = np.array(labels)

        model = Sequential()
        model.add(Conv2D(32, (3, 3), input_shape=(48, 48, 1)))
        model.add(Flatten())
        model.add(Dense(len(EMOTIONS), activation="softmax"))
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        model.fit(x, y, epochs=30)
        """,
    ),
    silent(
        "class-mode-categorical",
        """
        from tensorflow.keras.preprocessing.image import ImageDataGenerator
        from tensorflow.keras import layers, models

        gen = ImageDataGenerator(rescale=1.0 / 255)
        train = gen.flow_from_directory(
            "fer/train",
            target_size=(48, 48),
            color_mode="grayscale",
            class_mode="categorical",
        )

        model = models.Sequential([
            layers.Input((48, 48, 1)),
            layers.Flatten(),
            layers.Dense(7, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(train, epochs=10)
        """,
    ),
    silent(
        "label-mode-categorical",
        """
        import keras

        train = keras.utils.image_dataset_from_directory(
            "affectnet/train", image_size=(96, 96), label_mode="categorical"
        )

        model = keras.Sequential([
            keras.Input((96, 96, 3)),
            keras.layers.Rescaling(1 / 255),
            keras.layers.Conv2D(16, 3, activation="relu"),
            keras.layers.GlobalAveragePooling2D(),
            keras.layers.Dense(8, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(train, epochs=10)
        """,
    ),
    silent(
        "pandas-column-sparse-loss-object",
        """
        import numpy as np
        import pandas as pd
        import tensorflow as tf

        df = pd.read_csv("fer2013.csv")
        x = np.array([np.array(p.split(), dtype="float32") for p in df["pixels"]])
        x = x.reshape(-1, 48, 48, 1) / 255.0
        y = df["emotion"].values

        model = tf.keras.Sequential(
            [
                tf.keras.layers.Input((48, 48, 1)),
                tf.keras.layers.Flatten(),
                tf.keras.layers.Dense(7, activation="softmax"),
            ]
        )
        model.compile(
            optimizer="adam", loss=tf.keras.losses.SparseCategoricalCrossentropy()
        )
        model.fit(x, y, epochs=5)
        """,
    ),
    silent(
        "argmax-with-sparse-loss",
        """
        import numpy as np
        import pandas as pd
        from tensorflow.keras import layers, models

        votes = pd.read_csv("fer2013new.csv").iloc[:, 2:10].values
        y = np.argmax(votes, axis=1)
        x = (
            np.load("ferplus_faces.npy").astype("float32").reshape(-1, 48, 48, 1)
            / 255.0
        )

        model = models.Sequential(
            [
                layers.Input((48, 48, 1)),
                layers.Flatten(),
                layers.Dense(8, activation="softmax"),
            ]
        )
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        model.fit(x, y, epochs=10)
        """,
    ),
    silent(
        "loss-differs-between-if-else",
        """
        import sys

        import numpy as np
        from tensorflow.keras import layers, models
        from tensorflow.keras.utils import to_categorical

        x = np.load("faces.npy").astype("float32").reshape(-1, 48, 48, 1) / 255.0
        labels = np.load("labels.npy").astype("int64")
        if "--onehot" in sys.argv:
            y = to_categorical(labels, 7)
            loss = "categorical_crossentropy"
        else:
            y = labels
            loss = "sparse_categorical_crossentropy"

        model = models.Sequential([
            layers.Input((48, 48, 1)),
            layers.Flatten(),
            layers.Dense(7, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss=loss)
        model.fit(x, y, epochs=10)
        """,
    ),
    silent(
        "get-dummies-one-hot",
        """
        import numpy as np
        import pandas as pd
        import tensorflow as tf

        df = pd.read_csv("fer2013.csv")
        x = (
            np.array(
                [np.array(p.split(), dtype="float32") for p in df["pixels"]]
            ).reshape(-1, 48, 48, 1)
            / 255.0
        )
        y = pd.get_dummies(df["emotion"]).values

        model = tf.keras.Sequential(
            [
                tf.keras.layers.Input((48, 48, 1)),
                tf.keras.layers.Flatten(),
                tf.keras.layers.Dense(7, activation="softmax"),
            ]
        )
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(x, y, epochs=5)
        """,
    ),
]

FIRES = {
    "FER000": FER000_FIRES,
    "FER001": FER001_FIRES,
    "FER002": FER002_FIRES,
    "FER003": FER003_FIRES,
    "FER004": FER004_FIRES,
    "FER005": FER005_FIRES,
    "FER006": FER006_FIRES,
    "FER008": FER008_FIRES,
    "FER009": FER009_FIRES,
}
SILENT = {
    "FER000": FER000_SILENT,
    "FER001": FER001_SILENT,
    "FER002": FER002_SILENT,
    "FER003": FER003_SILENT,
    "FER004": FER004_SILENT,
    "FER005": FER005_SILENT,
    "FER006": FER006_SILENT,
    "FER008": FER008_SILENT,
    "FER009": FER009_SILENT,
}


@pytest.mark.parametrize("source, where, says", FER000_FIRES)
def test_fer000_fires(source, where, says):
    assert_fires(source, where, says)


@pytest.mark.parametrize("source", FER000_SILENT)
def test_fer000_silent(source):
    assert_silent(source)


@pytest.mark.parametrize("source, where, says", FER001_FIRES)
def test_fer001_fires(source, where, says):
    assert_fires(source, where, says)


@pytest.mark.parametrize("source", FER001_SILENT)
def test_fer001_silent(source):
    assert_silent(source)


@pytest.mark.parametrize("source, where, says", FER002_FIRES)
def test_fer002_fires(source, where, says):
    assert_fires(source, where, says)


@pytest.mark.parametrize("source", FER002_SILENT)
def test_fer002_silent(source):
    assert_silent(source)


@pytest.mark.parametrize("source, where, says", FER003_FIRES)
def test_fer003_fires(source, where, says):
    assert_fires(source, where, says)


@pytest.mark.parametrize("source", FER003_SILENT)
def test_fer003_silent(source):
    assert_silent(source)


@pytest.mark.parametrize("source, where, says", FER004_FIRES)
def test_fer004_fires(source, where, says):
    assert_fires(source, where, says)


@pytest.mark.parametrize("source", FER004_SILENT)
def test_fer004_silent(source):
    assert_silent(source)


@pytest.mark.parametrize("source, where, says", FER005_FIRES)
def test_fer005_fires(source, where, says):
    assert_fires(source, where, says)


@pytest.mark.parametrize("source", FER005_SILENT)
def test_fer005_silent(source):
    assert_silent(source)


@pytest.mark.parametrize("source, where, says", FER006_FIRES)
def test_fer006_fires(source, where, says):
    assert_fires(source, where, says)


@pytest.mark.parametrize("source", FER006_SILENT)
def test_fer006_silent(source):
    assert_silent(source)


@pytest.mark.parametrize("source, where, says", FER008_FIRES)
def test_fer008_fires(source, where, says):
    assert_fires(source, where, says)


@pytest.mark.parametrize("source", FER008_SILENT)
def test_fer008_silent(source):
    assert_silent(source)


@pytest.mark.parametrize("source, where, says", FER009_FIRES)
def test_fer009_fires(source, where, says):
    assert_fires(source, where, says)


@pytest.mark.parametrize("source", FER009_SILENT)
def test_fer009_silent(source):
    assert_silent(source)


@pytest.mark.parametrize("code", sorted(FIRES))
def test_every_rule_has_enough_cases(code):
    assert len(FIRES[code]) >= 5 and len(SILENT[code]) >= 5


# ---------------------------------------------------------------------------
# Where a finding points, and what it points back to
# ---------------------------------------------------------------------------


def case(cases, case_id) -> str:
    """The source of the case with this id."""
    (found,) = [param.values[0] for param in cases if param.id == case_id]
    return found


def span_text(source, finding) -> str:
    span = finding.span
    assert span.end_line == span.line
    return source.splitlines()[span.line - 1][span.column - 1 : span.end_column - 1]


def only(findings, code):
    chosen = [f for f in findings if f.code == code]
    assert len(chosen) == 1, [(f.code, f.span.line) for f in findings]
    return chosen[0]


def test_size_finding_points_at_the_resize_and_back_at_the_input():
    source = case(FER001_FIRES, "keras2-cv2-resize-64-into-48")
    finding = only(check_source(source), "FER001")
    assert finding.span.line == line_of(source, "cv2.resize(img, (64, 64))")
    # The size argument is what to change (libcst's tuple span leaves out the parens).
    assert span_text(source, finding).strip("()") == "64, 64"
    assert [r.span.line for r in finding.related] == [
        line_of(source, "input_shape=(48, 48, 1)")
    ]
    assert "(48, 48, 1)" in finding.related[0].message
    assert "(48, 48)" in finding.fix.description


def test_size_finding_related_points_at_functional_input():
    source = case(FER001_FIRES, "constant-tuple-helper-loop")
    finding = only(check_source(source), "FER001")
    assert [r.span.line for r in finding.related] == [line_of(source, "inp = Input(")]


def test_label_finding_points_at_the_labels_and_back_at_the_loss():
    source = case(FER009_FIRES, "loop-appended-indices")
    finding = only(check_source(source), "FER009")
    assert finding.span.line == line_of(source, "y = np.array(labels)")
    assert [r.span.line for r in finding.related] == [line_of(source, "model.compile(")]
    assert "categorical_crossentropy" in finding.related[0].message
    assert "to_categorical" in finding.fix.description


def test_channel_finding_related_points_at_backbone_input_shape():
    source = case(FER003_FIRES, "cv2-gray-into-vgg16")
    finding = only(check_source(source), "FER003")
    assert [r.span.line for r in finding.related] == [line_of(source, "base = VGG16(")]
    assert "(48, 48, 3)" in finding.related[0].message


def test_dtype_finding_related_points_at_fit():
    source = case(FER005_FIRES, "uint8-div-255-float64")
    finding = only(check_source(source), "FER005")
    assert [r.span.line for r in finding.related] == [line_of(source, "model.fit(")]


def test_bgr_finding_related_points_at_imagenet_backbone():
    source = case(FER008_FIRES, "cv2-bgr-into-vgg16-imagenet")
    finding = only(check_source(source), "FER008")
    assert "cv2.cvtColor(img, cv2.COLOR_BGR2RGB)` right after cv2.imread" in (
        finding.fix.description
    )
    assert [r.span.line for r in finding.related] == [line_of(source, "base = VGG16(")]


VGG16_RAW = script(
    """
    import numpy as np
    from tensorflow.keras.applications import VGG16
    from tensorflow.keras.preprocessing.image import load_img, img_to_array
    from tensorflow.keras import layers, Model
    from tensorflow.keras.utils import to_categorical

    x = np.array([img_to_array(load_img(p, target_size=(224, 224))) for p in ["a"]])
    y = to_categorical([0], 7)

    base = VGG16(weights="imagenet", include_top=False, input_shape=(224, 224, 3))
    out = layers.Dense(7, activation="softmax")(layers.Flatten()(base.output))
    model = Model(base.input, out)
    model.compile(optimizer="adam", loss="categorical_crossentropy")
    model.fit(x, y, epochs=5)
    """
)


def test_imagenet_backbone_fed_raw_pixels_is_reported_once_with_its_preprocess_input():
    # FER006 or FER015 (backbone preprocessing) may speak for it, never both.
    scaling = [f for f in check_source(VGG16_RAW) if f.code in ("FER006", "FER015")]
    assert len(scaling) == 1, [(f.code, f.span.line) for f in scaling]
    assert scaling[0].span.line == line_of(VGG16_RAW, "x = np.array(")
    assert "keras.applications.vgg16.preprocess_input" in scaling[0].fix.description


@pytest.mark.parametrize(
    "loader",
    [
        pytest.param("cv2.imread(p, cv2.IMREAD_GRAYSCALE)", id="cv2"),
        pytest.param('np.asarray(Image.open(p).convert("L"))', id="pil"),
    ],
)
def test_uint8_finding_points_where_the_array_is_built(loader):
    source = script(
        f"""
        import cv2
        import numpy as np
        from PIL import Image
        from tensorflow.keras import layers, models

        faces = []
        for p in ["a.png", "b.png"]:
            faces.append({loader})
        x = np.stack(faces)[..., np.newaxis]

        model = models.Sequential(
            [layers.Input((48, 48, 1)), layers.Flatten(), layers.Dense(7)]
        )
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        model.fit(x, np.array([0, 1]), epochs=5)
        """
    )
    finding = only(check_source(source), "FER005")
    assert finding.span.line == line_of(source, "x = np.stack(faces)")


def test_axis_order_finding_points_at_the_swapped_size_and_offers_the_swap():
    source = case(FER002_FIRES, "cv2-resize-hw-order")
    finding = only(check_source(source), "FER002")
    assert span_text(source, finding).strip("()") == "HEIGHT, WIDTH"
    assert "(48, 64)" in finding.fix.description
    assert [r.span.line for r in finding.related] == [line_of(source, "layers.Input(")]


def test_label_finding_on_class_mode_points_at_the_keyword():
    source = case(FER009_FIRES, "flow-from-directory-class-mode-sparse")
    finding = only(check_source(source), "FER009")
    assert 'class_mode="categorical"' in finding.fix.description
    assert [r.span.line for r in finding.related] == [line_of(source, "model.compile(")]


def test_noqa_silences_only_its_code():
    source = case(FER005_FIRES, "keras3-pil-uint8-unscaled")
    before = {f.code: f.span.line for f in check_source(source)}
    assert {"FER005", "FER006"} <= set(before)
    lines = source.splitlines()
    lines[before["FER005"] - 1] += "  # noqa: FER005"
    after = {f.code for f in check_source("\n".join(lines) + "\n")}
    assert "FER005" not in after and "FER006" in after


# ---------------------------------------------------------------------------
# A near miss must be silent because the analysis judged it correct, not
# because it lost track of the data: otherwise the silent cases prove nothing.
# ---------------------------------------------------------------------------

# Silent on purpose: the value differs between branches or comes from outside.
UNDECIDABLE = {
    "size-differs-between-if-else",
    "size-from-command-line",
    "loss-differs-between-if-else",
    "non-square-model-unknown",
    "input-2d-then-reshape-layer",
}


def _train_flows(source):
    import libcst as cst

    from ferlint.analysis.interpreter import Interpreter
    from ferlint.analysis.library import METHODS
    from ferlint.analysis.modeling import FUNCTIONS, KerasFunctions

    analysis = Interpreter(
        cst.parse_module(source), KerasFunctions(FUNCTIONS), METHODS
    ).run()
    return [flow for flow in analysis.flows if flow.role == "train"]


def _analysed_near_misses():
    for code in ("FER001", "FER002", "FER003", "FER004", "FER005", "FER006", "FER008"):
        for param in SILENT[code]:
            if param.id not in UNDECIDABLE:
                yield pytest.param(param.values[0], "images", id=f"{code}-{param.id}")
    for param in SILENT["FER009"]:
        if param.id not in UNDECIDABLE:
            yield pytest.param(param.values[0], "labels", id=f"FER009-{param.id}")


@pytest.mark.parametrize("source, tracked", list(_analysed_near_misses()))
def test_near_miss_is_analysed_not_ignored(source, tracked):
    from ferlint.analysis import facts
    from ferlint.analysis import values as v

    flows = _train_flows(source)
    assert flows, "no training flow was found"
    if tracked == "labels":
        assert any(isinstance(flow.labels, v.Labels) for flow in flows)
    else:
        assert any(
            isinstance(flow.images, v.ImageArray) and facts.input_shape(flow.model)
            for flow in flows
        ), [flow.images for flow in flows]
