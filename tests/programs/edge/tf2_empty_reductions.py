import tensorflow as tf

empty = tf.zeros([0, 3])
print(tf.reduce_max(empty, axis=0).numpy())
print(tf.reduce_min(empty, axis=0).numpy())
print(tf.reduce_sum(empty, axis=0).numpy())
print(tf.reduce_prod(empty, axis=0).numpy())
print(tf.reduce_max(tf.zeros([0], tf.int32)).numpy())
print(tf.reduce_any(tf.zeros([0], tf.bool)).numpy(), tf.reduce_all(tf.zeros([0], tf.bool)).numpy())
print(tf.argmax(tf.constant([[True, False], [False, True]]), axis=1).numpy())
