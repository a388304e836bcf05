import tensorflow as tf

scale = tf.Variable(3.0)
offset = tf.constant(0.5)
ds = tf.data.Dataset.range(3).map(lambda x: tf.cast(x, tf.float32) * scale + offset)
print(list(ds.as_numpy_iterator()))
scale.assign(10.0)
print(list(ds.as_numpy_iterator()))
