import tensorflow as tf

x = tf.constant([1, 2, 3])
print(tf.broadcast_to(x, [3, 3]))
print(tf.broadcast_dynamic_shape(tf.constant([1, 3]), tf.constant([2, 1])))
print(tf.broadcast_to(tf.constant(7.0), [2, 2]))
