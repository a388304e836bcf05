import tensorflow as tf

image = tf.Variable(tf.reshape(tf.range(9.0), [1, 3, 3, 1]))
with tf.GradientTape() as tape:
    out = tf.image.resize(image, [2, 2])
    loss = tf.reduce_sum(out * tf.reshape([1.0, 2.0, 3.0, 4.0], [1, 2, 2, 1]))
print(out[0, :, :, 0])
print(tape.gradient(loss, image)[0, :, :, 0])
