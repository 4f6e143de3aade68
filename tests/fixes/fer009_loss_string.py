"""FER+ votes reduced to their argmax: integer labels, categorical loss."""
import numpy as np
import pandas as pd
from tensorflow.keras.layers import Conv2D, Dense, Flatten, Input
from tensorflow.keras.models import Model

EMOTIONS = ["neutral", "happiness", "surprise", "sadness", "anger", "disgust", "fear", "contempt"]

frame = pd.read_csv("fer2013new.csv")
votes = frame[EMOTIONS].to_numpy()
y_train = np.argmax(votes, axis=1)  # majority vote -> class index
x_train = np.stack([np.array(p.split(), dtype="float32").reshape(48, 48, 1) for p in frame.pixels]) / 255.0
x_train = x_train.astype("float32")

inp = Input(shape=(48, 48, 1))
h = Conv2D(32, 3, activation="relu")(inp)
h = Flatten()(h)
out = Dense(len(EMOTIONS), activation="softmax")(h)
model = Model(inp, out)

# categorical_crossentropy (this comment must stay as it is)
model.compile(optimizer="adam",
              loss='categorical_crossentropy',    # the loss
              metrics=["accuracy"])
model.fit(x_train, y_train, epochs=40, batch_size=64)
