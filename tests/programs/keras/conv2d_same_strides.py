import numpy as np
import tensorflow as tf

tf.keras.utils.set_random_seed(3)
layer = tf.keras.layers.Conv2D(2, (3, 3), strides=2, padding="same", use_bias=False)
x = np.arange(2 * 5 * 5 * 3, dtype="float32").reshape(2, 5, 5, 3) / 50.0
y = layer(x)
print(y.shape)
print(layer.kernel.shape, layer.bias)
print(np.round(y.numpy()[0, :, :, 0], 4))
print([w.path for w in layer.weights])
