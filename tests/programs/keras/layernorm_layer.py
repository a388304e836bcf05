import numpy as np
import tensorflow as tf

ln = tf.keras.layers.LayerNormalization()
x = np.array([[1.0, 2.0, 3.0, 4.0], [2.0, 2.0, 2.0, 10.0]], dtype="float32")
print(np.round(ln(x).numpy(), 4))
print([(w.name, tuple(w.shape)) for w in ln.weights])
ln2 = tf.keras.layers.LayerNormalization(axis=[1, 2], epsilon=1e-5)
print(np.round(ln2(x.reshape(1, 2, 4)).numpy(), 4))
print(ln2.gamma.shape)
