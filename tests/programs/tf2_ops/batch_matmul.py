import tensorflow as tf

a = tf.reshape(tf.range(12.0), [2, 2, 3])
b = tf.reshape(tf.range(12.0), [2, 3, 2])
print(tf.linalg.matmul(a, b))
print(tf.matmul(a, b, transpose_a=True, transpose_b=True))
print(tf.linalg.matmul(a, tf.ones([3, 1])))
