import tensorflow as tf

a = tf.constant([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
q, r = tf.linalg.qr(a)
print(q)
print(r)
print(tf.matmul(q, r))
print(tf.linalg.qr(a, full_matrices=True).q.shape)
y, idx, count = tf.unique_with_counts(tf.constant(["b", "a", "b", "b", "c"]))
print(y, idx, count)
