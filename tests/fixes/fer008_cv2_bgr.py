"""Colour crops read with cv2 (BGR) and fed to MobileNetV2's preprocess_input."""
import glob
import os

import cv2
import numpy as np
from tensorflow.keras import layers, models
from tensorflow.keras.applications.mobilenet_v2 import preprocess_input

SIZE = 96
CLASSES = sorted(os.listdir("expw"))

xs, ys = [], []
for idx, name in enumerate(CLASSES):
    for path in glob.glob(os.path.join("expw", name, "*.jpg")):
        img = cv2.imread(path)   # BGR!
        xs.append(cv2.resize(img, (SIZE, SIZE)))
        ys.append(idx)
x = preprocess_input(np.array(xs, dtype="float32"))
y = np.array(ys)

model = models.Sequential([
    layers.Conv2D(16, 3, activation="relu", input_shape=(SIZE, SIZE, 3)),
    layers.GlobalAveragePooling2D(),
    layers.Dense(len(CLASSES), activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(x, y, epochs=10, batch_size=32)
