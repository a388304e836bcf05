import tensorflow as tf

a = tf.constant([[1.0, 2.0], [2.0, 1.0]])
print(tf.linalg.cholesky(a))
