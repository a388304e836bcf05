import tensorflow as tf

rgb = tf.constant([[[255, 0, 0], [0, 255, 0]], [[0, 0, 255], [128, 128, 128]]], dtype=tf.uint8)
gray = tf.image.rgb_to_grayscale(rgb)
print(gray.shape, gray.dtype)
print(gray[:, :, 0])
print(tf.image.rgb_to_grayscale(tf.image.convert_image_dtype(rgb, tf.float32))[:, :, 0])
print(tf.image.grayscale_to_rgb(gray).shape)
standard = tf.image.per_image_standardization(rgb)
print(standard.dtype)
print(tf.round(standard * 1000) / 1000)
print(tf.image.per_image_standardization(tf.ones([2, 2, 1])))
