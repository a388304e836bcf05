import tensorflow as tf

ds = tf.data.Dataset.range(1, 6).map(lambda x: tf.fill([x], x))
print(ds.element_spec)
padded = ds.padded_batch(2)
print(padded.element_spec)
for b in padded:
    print(b.numpy())
fixed = ds.padded_batch(
    2, padded_shapes=[6], padding_values=tf.constant(-1, tf.int64), drop_remainder=True
)
print(fixed.element_spec)
print(list(fixed.as_numpy_iterator()))
