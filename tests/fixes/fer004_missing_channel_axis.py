"""FER2013 pixel strings split by hand into (N, 48, 48) float32 arrays."""
import numpy as np
import pandas as pd
from tensorflow.keras import layers, models
from tensorflow.keras.utils import to_categorical

IMG = 48


def load(frame):
    faces = [ [float(v) for v in row.split(" ")] for row in frame["pixels"] ]
    x = np.array(faces, dtype="float32").reshape(-1, IMG, IMG)
    return x / 255.0   # scaled, but still no channel axis


data = pd.read_csv("fer2013.csv")
train = data[data.Usage == "Training"]
x_train = load(train)
y_train = to_categorical(train.emotion, 7)

model = models.Sequential(
    [
        layers.Conv2D(32, 3, activation="relu", input_shape=(IMG, IMG, 1)),
        layers.Flatten(),
        layers.Dense(7, activation="softmax"),
    ]
)
model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])
model.fit(x_train, y_train, epochs=10, batch_size=64)
