import tensorflow as tf

a = tf.reshape(tf.range(16.0), [4, 4])
print(tf.linalg.band_part(a, 1, -1))
print(tf.linalg.band_part(a, 2, 1))
print(tf.linalg.band_part(a, 0, 0))
lower = tf.linalg.band_part(tf.ones([3, 3]), -1, 0)
print(lower)
