import numpy as np
import tensorflow as tf

x = np.arange(12, dtype="float32").reshape(2, 6)
print(tf.keras.layers.Reshape((3, 2))(x).shape)
print(tf.keras.layers.Reshape((-1, 3))(x).shape)
a = np.ones((2, 2), dtype="float32")
b = np.zeros((2, 3), dtype="float32")
print(tf.keras.layers.Concatenate()([a, b]).numpy())
print(tf.keras.layers.Concatenate(axis=0)([a, a]).shape)
print(tf.keras.layers.Add()([a, a, a]).numpy())
print(tf.keras.layers.Multiply()([a * 2, a * 3]).numpy())
print(tf.keras.layers.Average()([a, a * 3]).numpy())
print(tf.keras.layers.Subtract()([a, a * 3]).numpy())
print(tf.keras.layers.Activation("sigmoid")(np.zeros((1, 2), "float32")).numpy())
