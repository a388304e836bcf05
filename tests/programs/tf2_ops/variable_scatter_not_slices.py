import tensorflow as tf

v = tf.Variable([1.0, 2.0])
v.scatter_update([5.0, 6.0])
