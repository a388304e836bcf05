import numpy as np
import tensorflow as tf

tf.keras.utils.set_random_seed(21)
inputs = tf.keras.Input(shape=(4,), name="features")
shared = tf.keras.layers.Dense(6, activation="relu", name="shared")(inputs)
score = tf.keras.layers.Dense(1, name="score")(shared)
probs = tf.keras.layers.Dense(3, activation="softmax", name="probs")(shared)
model = tf.keras.Model(inputs=inputs, outputs=[score, probs])
model.summary()
x = np.linspace(-1, 1, 8, dtype="float32").reshape(2, 4)
s, p = model(x)
print(s.shape, p.shape, np.round(p.numpy().sum(axis=1), 4))
print([t.shape for t in model.outputs], model.inputs[0].shape)
print(len(model.layers), [type(layer).__name__ for layer in model.layers])
