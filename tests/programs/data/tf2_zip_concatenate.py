import tensorflow as tf

a = tf.data.Dataset.range(1, 4)
b = tf.data.Dataset.range(4, 7)
c = tf.data.Dataset.range(7, 13)
print(list(tf.data.Dataset.zip((a, b)).as_numpy_iterator()))
z = tf.data.Dataset.zip(a, (b, c))
print(z.element_spec)
print(list(z.as_numpy_iterator()), z.cardinality().numpy())
ab = a.concatenate(b)
print(ab, list(ab.as_numpy_iterator()), len(ab))
