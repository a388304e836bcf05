import tensorflow as tf

image = tf.reshape(tf.range(16.0), [4, 4, 1])
small = tf.image.resize(image, [2, 2])
print(small[:, :, 0])
big = tf.image.resize(image, [6, 5])
print(big.shape)
print(big[:, :, 0])
batch = tf.stack([image, 2.0 * image])
print(tf.image.resize(batch, [3, 3])[1, :, :, 0])
