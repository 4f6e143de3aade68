"""JAFFE faces stacked as float64: the dtype argument decides it."""
import glob
import os

import cv2
import numpy as np
from tensorflow.keras import layers, models
from tensorflow.keras.utils import to_categorical

CODES = ("AN", "DI", "FE", "HA", "NE", "SA", "SU")

faces, labels = [], []
for path in sorted(glob.glob(os.path.join("jaffe", "*.tiff"))):
    img = cv2.resize(cv2.imread(path, cv2.IMREAD_GRAYSCALE), (48, 48))
    faces.append(img)
    labels.append(CODES.index(os.path.basename(path).split(".")[1][:2]))

x = np.array(faces, dtype=np.float64)[..., None] / 255.0  # float64 "for precision"
y = to_categorical(labels, len(CODES))

model = models.Sequential([
    layers.Conv2D(16, 3, activation="relu", input_shape=(48, 48, 1)),
    layers.Flatten(),
    layers.Dense(len(CODES), activation="softmax"),
])
model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])
model.fit(x, y, epochs=40, batch_size=8)
