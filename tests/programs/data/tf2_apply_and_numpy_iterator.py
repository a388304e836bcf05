import tensorflow as tf


def squares_of_evens(ds):
    return ds.filter(lambda x: x % 2 == 0).map(lambda x: x * x)


ds = tf.data.Dataset.range(10).apply(squares_of_evens)
print(ds.element_spec)
it = ds.as_numpy_iterator()
print(next(it), next(it))
print(list(it))
print(list(tf.data.Dataset.from_tensor_slices(["x", "yz"]).as_numpy_iterator()))
