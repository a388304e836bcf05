import tensorflow as tf

edges = tf.constant([0.0, 1.0, 2.0, 3.0])
values = tf.constant([-0.5, 0.0, 1.5, 3.0, 4.0])
print(tf.searchsorted(edges, values))
print(tf.searchsorted(edges, values, side="right"))
seq = tf.constant([[0, 3, 9, 9, 10], [1, 2, 3, 4, 5]])
print(tf.searchsorted(seq, tf.constant([[2, 4, 9], [0, 2, 6]])))
