import tensorflow as tf

params = tf.constant([["a", "b"], ["c", "d"]])
print(tf.gather_nd(params, [[0, 0], [1, 1]]))
print(tf.gather_nd(params, [[1]]))
x = tf.constant([1, 2, 3, 4])
print(tf.boolean_mask(x, [True, False, True, False]))
print(tf.boolean_mask(tf.reshape(tf.range(6), [3, 2]), [True, False, True]))
print(tf.sequence_mask([1, 3, 2], 5))
print(tf.sequence_mask([[1, 3], [2, 0]]))
