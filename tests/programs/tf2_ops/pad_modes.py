import tensorflow as tf

t = tf.constant([[1, 2, 3], [4, 5, 6]])
paddings = tf.constant([[1, 1], [2, 2]])
print(tf.pad(t, paddings, "CONSTANT"))
print(tf.pad(t, paddings, "REFLECT"))
print(tf.pad(t, paddings, "SYMMETRIC"))
print(tf.pad(t, [[0, 0], [1, 0]], constant_values=-1))
