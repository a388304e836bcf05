import numpy as np
import tensorflow as tf

bn = tf.keras.layers.BatchNormalization(momentum=0.9)
x = np.array([[1.0, 2.0], [3.0, 6.0], [5.0, 10.0]], dtype="float32")
print(np.round(bn(x, training=True).numpy(), 4))
print([w.name for w in bn.weights])
print([w.name for w in bn.trainable_weights], [w.name for w in bn.non_trainable_weights])
print(np.round(bn.moving_mean.numpy(), 4), np.round(bn.moving_variance.numpy(), 4))
print(np.round(bn(x, training=False).numpy(), 4))
print(np.round(bn(x).numpy(), 4))
