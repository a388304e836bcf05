import tensorflow as tf

print(tf.math.segment_max([1.0, 2.0, 3.0], [1, 0, 1]))
