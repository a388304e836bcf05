import tensorflow as tf

x = tf.Variable([3.0, 4.0])
with tf.GradientTape() as tape:
    n = tf.norm(x)
print(n)
print(tape.gradient(n, x))
print(tf.linalg.norm([[1.0, 1.0], [1.0, 1.0]]))
