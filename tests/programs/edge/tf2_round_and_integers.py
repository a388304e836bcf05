import tensorflow as tf

# tf.round rounds half to even; an integer tensor comes back unchanged.
x = tf.constant([0.5, 1.5, 2.5, -0.5, -1.5, 2.4, 2.6])
print(tf.round(x).numpy())
ints = tf.constant([3, -2, 7])
rounded = tf.round(ints)
print(rounded.dtype.name, rounded.numpy())

halves = tf.constant([0.5, 1.5, 2.5], dtype=tf.float64)
print(tf.round(halves).dtype.name, tf.round(halves).numpy())
print(tf.math.floor(x).numpy())
print(tf.math.ceil(x).numpy())
