import tensorflow as tf

indices = tf.constant([0, 2, -1, 1])
print(tf.one_hot(indices, 3))
print(tf.one_hot(indices, 3, on_value=5, off_value=-1))
print(tf.one_hot(indices, 3, on_value=tf.constant(2, tf.int64), off_value=tf.constant(0, tf.int64)))
print(tf.one_hot(indices, 3, on_value=True, off_value=False))
print(tf.one_hot(indices, 3, dtype=tf.float64, axis=0))
try:
    tf.one_hot(indices, 3, on_value=1.0, dtype=tf.int32)
except TypeError as error:
    print("TypeError:", error)
