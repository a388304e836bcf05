import tensorflow as tf

x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
print(tf.math.reduce_variance(x))
print(tf.math.reduce_variance(x, axis=0))
print(tf.math.reduce_std(x, axis=1))
print(tf.math.reduce_std(x, keepdims=True))
print(tf.math.reduce_logsumexp(x, axis=1))
mean, variance = tf.nn.moments(x, axes=[0])
print(mean, variance)
mean, variance = tf.nn.moments(x, axes=[0, 1], keepdims=True)
print(mean, variance)
