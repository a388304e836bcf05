import tensorflow as tf

rows = tf.data.Dataset.from_tensor_slices([[1, 2], [3, 4]])
print(list(rows.unbatch().as_numpy_iterator()))
scalars = tf.data.Dataset.range(3)
scalars.unbatch()
