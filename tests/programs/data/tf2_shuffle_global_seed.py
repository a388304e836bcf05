import tensorflow as tf

tf.random.set_seed(2024)
a = tf.data.Dataset.range(12).shuffle(5)
b = tf.data.Dataset.range(12).shuffle(12)
print(list(a.as_numpy_iterator()))
print(list(b.as_numpy_iterator()))
