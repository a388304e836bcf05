import tensorflow as tf

ds = tf.data.Dataset.range(4)
print(list(ds.repeat(2).as_numpy_iterator()))
print(ds.repeat().cardinality().numpy() == tf.data.INFINITE_CARDINALITY)
print(list(ds.repeat().take(10).as_numpy_iterator()))
print(list(ds.skip(1).take(2).as_numpy_iterator()))
print(
    ds.skip(10).cardinality().numpy(),
    ds.take(-1).cardinality().numpy(),
    ds.repeat(3).cardinality().numpy(),
)
