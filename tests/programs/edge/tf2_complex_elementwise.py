import tensorflow as tf

z = tf.constant([1 + 1j, -2 + 0.5j, 0.5j], dtype=tf.complex64)
print(tf.sqrt(z).numpy())
print(tf.exp(z).numpy())
print(tf.math.log(z).numpy())
print(tf.math.reciprocal(z).numpy())
print(tf.sigmoid(z).numpy())
print(tf.cast(z, tf.float32).numpy())
print(tf.cast(z, tf.bool).numpy())
print(tf.cast(z, tf.int32).numpy())
