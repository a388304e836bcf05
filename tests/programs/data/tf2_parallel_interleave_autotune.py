import tensorflow as tf

files = tf.data.Dataset.from_tensor_slices(tf.constant([0, 100, 200], tf.int64))
ds = files.interleave(
    lambda base: tf.data.Dataset.range(base, base + 3),
    cycle_length=3,
    block_length=2,
    num_parallel_calls=tf.data.experimental.AUTOTUNE,
    deterministic=True,
)
print(ds)
print(list(ds.as_numpy_iterator()))
print(tf.data.AUTOTUNE, tf.data.INFINITE_CARDINALITY, tf.data.UNKNOWN_CARDINALITY)
