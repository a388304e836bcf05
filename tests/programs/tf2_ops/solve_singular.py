import tensorflow as tf

a = tf.constant([[1.0, 2.0], [2.0, 4.0]])
b = tf.constant([[1.0], [2.0]])
print(tf.linalg.det(a))
x = tf.linalg.solve(a, b)
print(x)
