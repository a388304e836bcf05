import tensorflow as tf

pixels = tf.constant([[0, 128, 255]], dtype=tf.uint8)
as_float = tf.image.convert_image_dtype(pixels, tf.float32)
print(as_float)
back = tf.image.convert_image_dtype(as_float, tf.uint8)
print(back)
print(tf.image.convert_image_dtype(tf.constant([1.2, -0.1, 0.5]), tf.uint8, saturate=True))
print(tf.image.convert_image_dtype(pixels, tf.int32))
print(tf.image.convert_image_dtype(tf.constant([70000], tf.int32), tf.uint8))
