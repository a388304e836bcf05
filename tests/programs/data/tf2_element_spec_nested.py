import tensorflow as tf

ds = tf.data.Dataset.range(3).map(lambda x: {"a": x, "b": (tf.cast(x, tf.float32), [x, x])})
print(ds.element_spec)
print(ds.batch(2).element_spec)
print(ds.batch(2, drop_remainder=True).element_spec["b"][1])
print(ds)
print(ds.shuffle(2))
print(ds.repeat().take(1))
