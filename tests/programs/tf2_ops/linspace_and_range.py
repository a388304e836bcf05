import tensorflow as tf

# Evenly spaced points, as in the "Introduction to tensors" guide's plots.
x = tf.linspace(-1.0, 1.0, 5)
print(x)
print(tf.linspace(0.0, 10.0, 3).numpy())
print(tf.linspace([0.0, 5.0], [10.0, 40.0], 5))
print(tf.linspace([0.0, 5.0], [10.0, 40.0], 5, axis=-1))
print(tf.range(1, 10, 3))
