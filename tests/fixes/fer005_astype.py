"""FER2013 kept as uint8 then divided by 255.0, which gives float64 arrays."""
import numpy as np
import pandas as pd
from tensorflow import keras

N_CLASSES = 7


def load_fer(csv_path="fer2013.csv"):
    df = pd.read_csv(csv_path)
    faces = np.array([np.array(list(map(int, p.split())), dtype=np.uint8) for p in df.pixels])
    faces = faces.reshape(-1, 48, 48, 1) / 255.0 # scale
    labels = keras.utils.to_categorical(df.emotion, N_CLASSES)
    return faces, labels


x, y = load_fer()
model = keras.Sequential(
    [
        keras.Input((48, 48, 1)),
        keras.layers.Conv2D(32, 3, activation="relu"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(N_CLASSES, activation="softmax"),
    ]
)
model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])
model.fit(x, y, epochs=5, batch_size=128)
