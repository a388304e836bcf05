import tensorflow as tf

ds = tf.data.Dataset.range(1, 6)
print(ds.reduce(tf.constant(0, tf.int64), lambda state, x: state + x).numpy())
count_sum = ds.map(lambda x: tf.cast(x, tf.float32)).reduce(
    (0.0, 0), lambda state, x: (state[0] + x, state[1] + 1)
)
print(count_sum[0].numpy(), count_sum[1].numpy())
print(tf.data.Dataset.range(4).reduce(tf.constant(1, tf.int64), lambda p, x: p * (x + 1)))
