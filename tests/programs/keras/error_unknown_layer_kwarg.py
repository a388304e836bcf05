import tensorflow as tf

layer = tf.keras.layers.Dense(4, name="d")
print(layer.name, layer.built)
tf.keras.layers.Dense(4, kernel_size=3)
