import tensorflow as tf

print(list(tf.data.Dataset.range(5).as_numpy_iterator()))
print(list(tf.data.Dataset.range(2, 5).as_numpy_iterator()))
print(list(tf.data.Dataset.range(1, 10, 3).as_numpy_iterator()))
print(list(tf.data.Dataset.range(5, 1, -2).as_numpy_iterator()))
ds = tf.data.Dataset.range(3, output_type=tf.int32)
print(ds.element_spec)
print(
    tf.data.Dataset.range(0).cardinality().numpy(),
    tf.data.Dataset.range(10, 0, -3).cardinality().numpy(),
)
