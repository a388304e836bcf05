import numpy as np
import tensorflow as tf

tf.keras.utils.set_random_seed(0)
layer = tf.keras.layers.Dropout(0.5, seed=42)
x = np.ones((2, 6), dtype="float32")
print(layer(x).numpy())
print(layer(x, training=False).numpy())
print(layer(x, training=True).numpy())
print(layer(x, training=True).numpy())
print(tf.keras.layers.Dropout(0.0)(x, training=True).numpy().sum())
