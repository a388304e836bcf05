import tensorflow as tf

ds = tf.data.Dataset.range(6)
evens = ds.filter(lambda x: tf.equal(x % 2, 0))
print(list(evens.as_numpy_iterator()))
bad = ds.filter(lambda x: x % 2)
