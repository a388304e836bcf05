import tensorflow as tf

a = tf.constant([[1.0, 2.0], [3.0, 4.0]])
b = tf.constant([[1.0, 1.0], [0.0, 1.0]])
print(tf.add(a, b))
print(a @ b)
print(tf.reduce_sum(a, axis=0).numpy())
x = tf.Variable(3.0)
with tf.GradientTape() as tape:
    y = x * x + 2.0 * x
print(tape.gradient(y, x))
