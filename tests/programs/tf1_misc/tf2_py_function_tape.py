import numpy as np
import tensorflow as tf


def soft_step(t):
    return tf.sigmoid(4.0 * t)


x = tf.constant([-1.0, 0.0, 0.5])
with tf.GradientTape() as tape:
    tape.watch(x)
    y = tf.py_function(soft_step, [x], tf.float32)
    total = tf.reduce_sum(y * y)
print(y.numpy())
print(tape.gradient(total, x).numpy())

v = tf.Variable(2.0)
with tf.GradientTape() as tape:
    z = tf.py_function(lambda a: a**3, [v], Tout=tf.float32)
print(z.numpy(), tape.gradient(z, v).numpy())

pair = tf.py_function(lambda a, b: (a + b, a * b), [x, x], [tf.float32, tf.float32])
print([p.numpy() for p in pair])
print(tf.numpy_function(lambda a: np.sort(a)[::-1], [x], tf.float32).numpy())
print(tf.numpy_function(lambda a: a.sum() * 1.5, [x], tf.float32).dtype)
