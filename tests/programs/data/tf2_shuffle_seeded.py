import tensorflow as tf

tf.random.set_seed(7)
ds = tf.data.Dataset.range(10).shuffle(buffer_size=4, seed=42)
print(list(ds.as_numpy_iterator()))
print(list(ds.as_numpy_iterator()))
full = tf.data.Dataset.range(8).shuffle(8, seed=1, reshuffle_each_iteration=False)
print(list(full.as_numpy_iterator()))
print(list(full.as_numpy_iterator()))
