import tensorflow as tf

x = tf.constant([1, 1, 2, 4, 4, 4, 7, 8, 8])
y, idx = tf.unique(x)
print(y)
print(idx)
words = tf.constant(["cat", "dog", "cat", "bird"])
result = tf.unique(words)
print(result.y)
print(result.idx)
print(tf.unique(tf.constant([3.0, 1.0, 3.0]), out_idx=tf.int64))
