import tensorflow as tf

print(tf.math.reduce_variance(tf.constant([1, 2, 3])))
