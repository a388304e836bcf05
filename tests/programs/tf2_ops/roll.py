import tensorflow as tf

x = tf.constant([0, 1, 2, 3, 4])
print(tf.roll(x, shift=2, axis=0))
print(tf.roll(x, shift=-1, axis=0))
m = tf.reshape(tf.range(6), [2, 3])
print(tf.roll(m, shift=[1, 1], axis=[0, 1]))
v = tf.Variable([1.0, 2.0, 3.0])
with tf.GradientTape() as tape:
    loss = tf.reduce_sum(tf.roll(v, 1, 0) * tf.constant([1.0, 10.0, 100.0]))
print(tape.gradient(loss, v))
