import tensorflow as tf

ds = tf.data.Dataset.range(1, 6)
out = ds.interleave(
    lambda x: tf.data.Dataset.from_tensors(x).repeat(6), cycle_length=2, block_length=4
)
print(list(out.as_numpy_iterator()))
out = ds.interleave(
    lambda x: tf.data.Dataset.range(10 * x, 10 * x + x), cycle_length=3, block_length=1
)
print(list(out.as_numpy_iterator()))
print(out.element_spec)
