import tensorflow as tf

a = tf.constant([7, -7], dtype=tf.int32)
b = tf.constant([2, 2], dtype=tf.int32)
print((a / b).dtype.name, (a / b).numpy())
small = tf.constant([7, 9], dtype=tf.int16)
print((small / small).dtype.name)
print((a // b).numpy(), (a % b).numpy())
print(tf.math.divide_no_nan(tf.constant([1.0, 2.0]), tf.constant([0.0, 4.0])).numpy())

for left, right in [
    (tf.constant([1], tf.int8), tf.constant([1], tf.int16)),
    (tf.constant([True]), tf.constant([True])),
    (tf.constant([1, 2]), 0.5),
]:
    try:
        left / right
    except TypeError as error:
        print("TypeError:", str(error).split(".")[0])
