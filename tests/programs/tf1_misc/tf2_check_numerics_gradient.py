import tensorflow as tf

x = tf.Variable([1.0, 0.0, 2.0])
with tf.GradientTape() as tape:
    y = tf.debugging.check_numerics(x * x, "square")
    z = tf.reduce_sum(tf.sqrt(y))
print(z.numpy())
g = tape.gradient(z, x)
