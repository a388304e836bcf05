import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

batch_size = tf.placeholder(tf.int64, shape=[])
dataset = tf.data.Dataset.range(10).shuffle(10, seed=4).batch(batch_size)
iterator = dataset.make_initializable_iterator()
batch = iterator.get_next()
with tf.Session() as sess:
    for size in (4, 5):
        sess.run(iterator.initializer, feed_dict={batch_size: size})
        while True:
            try:
                print(size, sess.run(batch))
            except tf.errors.OutOfRangeError:
                break
