import numpy as np
import tensorflow as tf

x = np.arange(1 * 4 * 4 * 2, dtype="float32").reshape(1, 4, 4, 2)
print(tf.keras.layers.MaxPooling2D(pool_size=2)(x).numpy()[0, :, :, 1])
print(tf.keras.layers.AveragePooling2D(pool_size=(2, 2), strides=1)(x).shape)
print(tf.keras.layers.AveragePooling2D(3, strides=2, padding="same")(x).numpy()[0, :, :, 0])
print(tf.keras.layers.GlobalAveragePooling2D()(x).numpy())
print(tf.keras.layers.GlobalMaxPooling2D(keepdims=True)(x).shape)
print(tf.keras.layers.Flatten()(x).shape)
