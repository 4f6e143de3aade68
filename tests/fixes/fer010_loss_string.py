"""FER2013 with one-hot labels: the loss asks for class indices."""
import numpy as np
import pandas as pd
from tensorflow import keras

frame = pd.read_csv("fer2013.csv")  # emotion, pixels, Usage
pixels = np.stack([np.array(p.split(), dtype="float32") for p in frame["pixels"]])
x = pixels.reshape(-1, 48, 48, 1) / 255.0
y = keras.utils.to_categorical(frame["emotion"], 7)

model = keras.Sequential([
    keras.Input(shape=(48, 48, 1)),
    keras.layers.Conv2D(32, 3, activation="relu"),
    keras.layers.Flatten(),
    keras.layers.Dense(7, activation="softmax"),   # seven emotions
])
model.compile(optimizer="adam", loss='sparse_categorical_crossentropy', metrics=["accuracy"])
model.fit(x, y, epochs=10)
