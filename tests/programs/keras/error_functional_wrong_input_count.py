import numpy as np
import tensorflow as tf

a = tf.keras.Input(shape=(2,))
b = tf.keras.Input(shape=(3,))
out = tf.keras.layers.Dense(1)(tf.keras.layers.Concatenate()([a, b]))
model = tf.keras.Model([a, b], out)
print(model([np.ones((1, 2), "float32"), np.ones((1, 3), "float32")]).shape)
try:
    tf.keras.layers.Concatenate()(np.ones((1, 2), "float32"))
except ValueError as error:
    print("ValueError", str(error)[:40])
tf.keras.layers.Dense(-3)
