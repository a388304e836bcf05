import tensorflow as tf

data = tf.constant([1.0, 2.0, 3.0, 4.0, 5.0])
ids = tf.constant([1, 0, 1, 2, 0])
print(tf.math.unsorted_segment_sum(data, ids, num_segments=4))
print(tf.math.unsorted_segment_mean(data, ids, num_segments=3))
print(tf.math.unsorted_segment_max(data, ids, num_segments=3))
print(tf.math.unsorted_segment_min(data, ids, num_segments=3))
print(tf.math.unsorted_segment_prod(data, ids, num_segments=3))
