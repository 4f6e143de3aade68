"""Keras 2 layers written with Keras 1 keyword names."""
import numpy as np
from keras.layers import Conv2D, Dense, Flatten
from keras.models import Sequential

x = np.load("faces.npy").astype("float32") / 255.0   # (N, 48, 48, 1)
y = np.load("labels.npy")                           # one-hot, (N, 7)

model = Sequential()
model.add(Conv2D(32, (3, 3), padding="same", input_shape=(48, 48, 1)))
model.add(Flatten())
model.add(Dense(output_dim=7, activation="softmax"))  # the classes
model.compile(loss="categorical_crossentropy", optimizer="adam")
model.fit(x, y, epochs=20)
