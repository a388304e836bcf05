import tensorflow as tf

a = tf.constant([[1, 2, 3], [4, 5, 5]])
b = tf.constant([[2, 3, 7], [5, 6, 6]])
both = tf.sets.intersection(a, b)
print(both)
print(tf.sparse.to_dense(both))
print(tf.sparse.to_dense(tf.sets.union(a, b)))
print(tf.sparse.to_dense(tf.sets.difference(a, b)))
print(tf.sparse.to_dense(tf.sets.difference(a, b, aminusb=False)))
print(tf.sets.size(tf.sets.union(a, b)))
