import tensorflow as tf

a = tf.Variable([[2.0, 1.0], [1.0, 3.0]])
with tf.GradientTape() as tape:
    d = tf.linalg.det(a)
print(d)
print(tape.gradient(d, a))
b = tf.constant([[1.0], [2.0]])
with tf.GradientTape() as tape:
    x = tf.linalg.solve(a, b)
    loss = tf.reduce_sum(x)
print(tape.gradient(loss, a))
