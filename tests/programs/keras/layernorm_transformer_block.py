import numpy as np
import tensorflow as tf

tf.keras.utils.set_random_seed(22)
inputs = tf.keras.Input(shape=(5, 8))
x = tf.keras.layers.LayerNormalization(epsilon=1e-6)(inputs)
x = tf.keras.layers.Dense(16, activation="relu")(x)
x = tf.keras.layers.Dropout(0.1)(x)
x = tf.keras.layers.Dense(8)(x)
outputs = tf.keras.layers.Add()([inputs, x])
block = tf.keras.Model(inputs, outputs, name="ffn_block")
block.summary()
data = np.linspace(-2, 2, 80, dtype="float32").reshape(2, 5, 8)
out = block(data, training=False)
print(out.shape, round(float(tf.reduce_mean(out)), 4))
print(np.allclose(block(data).numpy(), out.numpy()))
