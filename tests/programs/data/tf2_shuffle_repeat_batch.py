import tensorflow as tf

tf.random.set_seed(123)
ds = tf.data.Dataset.range(6).shuffle(6, seed=5).repeat(2).batch(4)
for batch in ds:
    print(batch.numpy())
other = tf.data.Dataset.range(6).repeat(2).shuffle(3, seed=9)
print(list(other.as_numpy_iterator()))
