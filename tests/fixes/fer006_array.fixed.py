"""Keras 3, PIL faces stacked as uint8 and fed unscaled."""
import os

import keras
import numpy as np
from PIL import Image

CLASSES = sorted(os.listdir("faces"))

images, labels = [], []
for idx, name in enumerate(CLASSES):
    for fname in os.listdir(os.path.join("faces", name)):
        face = Image.open(os.path.join("faces", name, fname)).convert("L").resize((48, 48))
        images.append(np.array(face))
        labels.append(idx)

x = (np.expand_dims(np.stack(images), -1).astype("float32") / 255.0)
y = np.array(labels)

model = keras.Sequential([
    keras.Input(shape=(48, 48, 1)),
    keras.layers.Conv2D(32, 3, activation="relu"),
    keras.layers.Flatten(),
    keras.layers.Dense(len(CLASSES), activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(x, y, epochs=15, batch_size=32)
