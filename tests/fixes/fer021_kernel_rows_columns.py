"""A Keras 1 era FER2013 network: kernels as two numbers, old keyword names."""
import numpy as np
from keras.layers import Convolution2D, Dense, Flatten, MaxPooling2D
from keras.models import Sequential

x = np.load("faces.npy").astype("float32") / 255.0   # (N, 48, 48, 1)
y = np.load("labels.npy")                           # one-hot, (N, 7)

model = Sequential()
model.add(Convolution2D(64, 3, 3, activation="relu", input_shape=(48, 48, 1)))
model.add(MaxPooling2D(pool_size=(2, 2)))
model.add(Flatten())
model.add(Dense(7, activation="softmax"))
model.compile(loss="categorical_crossentropy", optimizer="adam")
model.fit(x, y, nb_epoch=20)
