import tensorflow as tf

image = tf.reshape(tf.range(1, 10, dtype=tf.int32), [3, 3, 1])
up = tf.image.resize(image, [5, 6], method="nearest")
print(up.dtype, up.shape)
print(up[:, :, 0])
print(tf.image.resize(image, [2, 2], method=tf.image.ResizeMethod.NEAREST_NEIGHBOR)[:, :, 0])
print(tf.image.resize(tf.cast(image, tf.uint8), [2, 2]).dtype)
print(tf.image.resize(tf.ones([4, 8, 3]), [4, 4], preserve_aspect_ratio=True).shape)
