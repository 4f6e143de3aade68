"""CK+ crops resized to 64x64 with a literal size; the model takes 48x48."""
import glob
import os

import cv2
import numpy as np
from tensorflow.keras import layers, models
from tensorflow.keras.utils import to_categorical

EMOTIONS = ["anger", "contempt", "disgust", "fear", "happy", "sadness", "surprise"]

faces, labels = [], []
for idx, emotion in enumerate(EMOTIONS):
    for path in glob.glob(os.path.join("CK+48", emotion, "*.png")):  # one folder per class
        img = cv2.imread(path, cv2.IMREAD_GRAYSCALE)
        img = cv2.resize(img,   (48, 48))    # TODO: was (48,48) in the paper
        faces.append(img)
        labels.append(idx)

x = np.array(faces, dtype="float32")[..., np.newaxis] / 255.0
y = to_categorical(labels, len(EMOTIONS))

model = models.Sequential([
    layers.Conv2D(32, (3, 3), activation="relu", input_shape=(48, 48, 1)),
    layers.MaxPooling2D(),
    layers.Flatten(),
    layers.Dense(len(EMOTIONS), activation="softmax"),
])
model.compile(optimizer="adam",loss="categorical_crossentropy",metrics=["accuracy"])
model.fit(x, y, epochs=20, batch_size=16)
