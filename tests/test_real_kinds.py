"""Kinds of mistakes and near misses met in public FER training repositories,
each written anew here (no repository's code is copied)."""

from __future__ import annotations

import textwrap

from ferlint.api import check_source


def found(source: str) -> list[tuple[str, int]]:
    text = textwrap.dedent(source).lstrip()
    return [(f.code, f.span.line) for f in check_source(text)]


def test_a_future_import_after_other_imports_is_a_syntax_error():
    assert found(
        """
        import numpy as np
        from __future__ import print_function
        from tensorflow import keras
        model = keras.Sequential()
        """
    ) == [("FER000", 2)]


def test_the_standalone_keras_preprocessing_package_is_keras():
    assert found(
        """
        from keras_preprocessing.image import ImageDataGenerator
        from tensorflow import keras
        gen = ImageDataGenerator(rescale=1.0 / 255)
        train = gen.flow_from_directory("faces", target_size=(64, 64), color_mode="grayscale")
        model = keras.Sequential([
            keras.Input((48, 48, 1)),
            keras.layers.Flatten(),
            keras.layers.Dense(7, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(train, epochs=3)
        """
    ) == [("FER001", 4)]


FEATURES = """
import numpy as np
from keras.applications.inception_v3 import InceptionV3, preprocess_input
from keras.preprocessing import image

model = InceptionV3(weights="imagenet", include_top=True)
for path in ["a.jpg", "b.jpg"]:
    picture = image.load_img(path, target_size=({size}, {size}))
    batch = preprocess_input(np.expand_dims(image.img_to_array(picture), axis=0))
    features = model.predict(batch)
"""


def test_a_backbone_with_its_top_takes_only_its_default_size():
    assert found(FEATURES.format(size=224)) == [("FER001", 7)]
    assert found(FEATURES.format(size=299)) == []


WEBCAM = """
import cv2
import numpy as np
from tensorflow.keras.applications.vgg16 import VGG16, preprocess_input

model = VGG16(weights="imagenet")
camera = cv2.VideoCapture(0)
while True:
    ok, frame = camera.read(){convert}
    face = cv2.resize(frame, (224, 224))
    print(model.predict(preprocess_input(np.expand_dims(face.astype("float32"), 0))))
"""


def test_camera_frames_are_bgr_for_imagenet_preprocessing():
    assert found(WEBCAM.format(convert="")) == [("FER008", 8)]
    convert = "\n    frame = cv2.cvtColor(frame, cv2.COLOR_BGR2RGB)"
    assert found(WEBCAM.format(convert=convert)) == []
