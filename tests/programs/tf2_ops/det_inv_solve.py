import tensorflow as tf

a = tf.constant([[3.0, 1.0], [1.0, 2.0]])
b = tf.constant([[9.0], [8.0]])
print(tf.linalg.det(a))
print(tf.linalg.inv(a))
x = tf.linalg.solve(a, b)
print(x)
print(tf.matmul(a, x))
batch = tf.stack([a, 2.0 * a])
print(tf.linalg.det(batch))
