"""CK+ faces: one resize is written as a statement and thrown away."""
import glob

import cv2
import numpy as np
from tensorflow import keras

faces = []
for path in sorted(glob.glob("ckplus/*/*.png")):
    face = cv2.imread(path, cv2.IMREAD_GRAYSCALE)
    face = cv2.resize(face, (48, 48))  # meant to shrink the 640x490 frame
    faces.append(face)
x = np.array(faces, dtype="float32")[..., np.newaxis] / 255.0
y = keras.utils.to_categorical([0] * len(faces), 7)

model = keras.Sequential([
    keras.Input(shape=(48, 48, 1)),
    keras.layers.Conv2D(32, 3, activation="relu"),
    keras.layers.Flatten(),
    keras.layers.Dense(7, activation="softmax"),
])
model.compile(optimizer="adam", loss="categorical_crossentropy")
model.fit(x, y, epochs=10)
