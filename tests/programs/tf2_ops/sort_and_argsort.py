import tensorflow as tf

x = tf.constant([3, 1, 4, 1, 5, 9, 2, 6])
print(tf.sort(x))
print(tf.sort(x, direction="DESCENDING"))
print(tf.argsort(x))
print(tf.argsort(x, direction="DESCENDING"))
m = tf.constant([[3.0, 1.0, 2.0], [0.5, 0.25, 1.5]])
print(tf.sort(m, axis=0))
print(tf.argsort(m, axis=1))
print(tf.sort(tf.constant([2, 0, 1], dtype=tf.uint8)))
