import tensorflow as tf

ds = tf.data.Dataset.range(10).filter(lambda x: x % 2 == 0)
print(ds.cardinality().numpy() == tf.data.UNKNOWN_CARDINALITY)
print(tf.data.experimental.cardinality(ds).numpy())
print(list(ds.as_numpy_iterator()))
print(len(ds))
