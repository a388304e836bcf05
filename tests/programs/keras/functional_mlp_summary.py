import tensorflow as tf
from tensorflow import keras

inputs = keras.Input(shape=(784,), name="digits")
x = keras.layers.Dense(64, activation="relu", name="dense_1")(inputs)
x = keras.layers.Dense(64, activation="relu", name="dense_2")(x)
outputs = keras.layers.Dense(10, activation="softmax", name="predictions")(x)
model = keras.Model(inputs=inputs, outputs=outputs, name="mnist_model")
model.summary()
print(type(model).__name__, model.name, tf.keras.backend.floatx())
print([layer.name for layer in model.layers])
print([w.path for w in model.weights])
print([tuple(w.shape) for w in model.trainable_weights])
