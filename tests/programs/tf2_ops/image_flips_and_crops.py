import tensorflow as tf

image = tf.reshape(tf.range(12), [2, 3, 2])
print(tf.image.flip_left_right(image)[:, :, 0])
print(tf.image.flip_up_down(image)[:, :, 0])
print(tf.reverse(tf.constant([[1, 2, 3], [4, 5, 6]]), axis=[1]))
square = tf.reshape(tf.range(16.0), [4, 4, 1])
print(tf.image.central_crop(square, 0.5)[:, :, 0])
batch = tf.stack([square, square])
print(tf.image.flip_left_right(batch)[0, :, :, 0])
