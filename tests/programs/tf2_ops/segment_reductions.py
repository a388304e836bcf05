import tensorflow as tf

data = tf.constant([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0], [7.0, 8.0]])
ids = tf.constant([0, 0, 1, 3])
print(tf.math.segment_sum(data, ids))
print(tf.math.segment_mean(data, ids))
print(tf.math.segment_max(data, ids))
print(tf.math.segment_min(data, ids))
print(tf.math.segment_prod(data, ids))
