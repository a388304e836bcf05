import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

w = tf.get_variable("w", initializer=tf.constant([0.5, 1.5]))
print(w.shape)
# Giving shape= as well as a tensor initializer is TF's ValueError.
u = tf.get_variable("u", shape=[2], initializer=tf.constant([1.0, 2.0]))
print(u)
