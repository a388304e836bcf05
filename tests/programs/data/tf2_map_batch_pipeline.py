import tensorflow as tf

ds = tf.data.Dataset.range(10)
ds = ds.map(lambda x: (tf.cast(x, tf.float32) / 10.0, x % 3), num_parallel_calls=tf.data.AUTOTUNE)
ds = ds.batch(4).prefetch(tf.data.AUTOTUNE)
print(ds.element_spec)
print(ds.cardinality().numpy())
for xb, yb in ds:
    print(xb.numpy(), yb.numpy())
