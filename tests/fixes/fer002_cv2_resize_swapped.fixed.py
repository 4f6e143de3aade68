"""JAFFE portraits, taller than wide; cv2.resize is given (HEIGHT, WIDTH)."""
import glob
import os

import cv2
import numpy as np
from tensorflow.keras.layers import Conv2D, Dense, Flatten, MaxPooling2D
from tensorflow.keras.models import Sequential
from tensorflow.keras.utils import to_categorical

HEIGHT, WIDTH = 64, 48 # portrait
CODES = ["AN", "DI", "FE", "HA", "NE", "SA", "SU"]

faces, labels = [], []
for path in sorted(glob.glob(os.path.join("jaffe", "*.tiff"))):
    code = os.path.basename(path).split(".")[1][:2]
    img = cv2.imread(path, cv2.IMREAD_GRAYSCALE)
    img = cv2.resize(img, ( WIDTH,HEIGHT ))  # keep the odd spacing outside the tuple
    faces.append(img) ; labels.append(CODES.index(code))

x = np.array(faces, dtype=np.float32) / 255.0
x = x[..., np.newaxis]
y = to_categorical(labels, len(CODES))

model = Sequential()
model.add(Conv2D(32, (3, 3), activation="relu", input_shape=(HEIGHT, WIDTH, 1)))
model.add(MaxPooling2D((2, 2)))
model.add(Flatten())
model.add(Dense(len(CODES), activation="softmax"))
model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])
model.fit(x, y, epochs=80, batch_size=8, validation_split=0.2)
