"""CK+ folders streamed by flow_from_directory; the generator never rescales."""
from tensorflow.keras import layers, models
from tensorflow.keras.preprocessing.image import ImageDataGenerator

IMG = 48

augment = ImageDataGenerator(rotation_range=10,   horizontal_flip=True)  # augment only
train = augment.flow_from_directory(
    "ckplus/train",
    target_size=(IMG, IMG),
    color_mode="grayscale",
    class_mode="categorical",
    batch_size=32,
)

model = models.Sequential([
    layers.Conv2D(32, 3, activation="relu", input_shape=(IMG, IMG, 1)),
    layers.Flatten(),
    layers.Dense(7, activation="softmax"),
])
model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])
model.fit(train, epochs=30)
