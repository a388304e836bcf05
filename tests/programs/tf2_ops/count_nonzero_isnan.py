import tensorflow as tf

x = tf.constant([[0, 1, 0], [2, 0, 3]])
print(tf.math.count_nonzero(x))
print(tf.math.count_nonzero(x, axis=0))
print(tf.math.count_nonzero(tf.constant([True, False, True])))
y = tf.constant([1.0, float("nan"), float("inf"), -float("inf")])
print(tf.math.is_nan(y))
print(tf.math.is_inf(y))
print(tf.math.is_finite(y))
print(tf.where(tf.math.is_nan(y), tf.zeros_like(y), y))
