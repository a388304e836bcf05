import tensorflow as tf

ds = tf.data.Dataset.range(1, 4)
repeated = ds.flat_map(lambda x: tf.data.Dataset.from_tensors(x).repeat(x))
print(repeated.element_spec)
print(list(repeated.as_numpy_iterator()))
rows = tf.data.Dataset.from_tensor_slices([[1, 2, 3], [4, 5, 6]])
print(list(rows.flat_map(tf.data.Dataset.from_tensor_slices).as_numpy_iterator()))
