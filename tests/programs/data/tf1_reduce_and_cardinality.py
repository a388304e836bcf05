import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

dataset = tf.data.Dataset.range(1, 5).map(lambda x: tf.cast(x, tf.float32))
total = dataset.reduce(0.0, lambda s, x: s + x)
count = dataset.batch(3).cardinality()
print(total.dtype, count.dtype)
with tf.Session() as sess:
    print(sess.run([total, count]))
