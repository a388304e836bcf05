import tensorflow as tf

data = tf.Variable([1.0, 5.0, 3.0, 3.0, 2.0])
ids = tf.constant([0, 0, 1, 1, 2])
with tf.GradientTape(persistent=True) as tape:
    mean = tf.math.segment_mean(data, ids)
    biggest = tf.math.segment_max(data, ids)
    loss = tf.reduce_sum(mean * tf.constant([1.0, 2.0, 3.0]))
print(mean)
print(tape.gradient(loss, data))
print(tape.gradient(biggest, data))
