import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

tf.set_random_seed(3)
dataset = tf.data.Dataset.range(8).shuffle(8)
iterator = tf.data.make_initializable_iterator(dataset)
value = iterator.get_next()
with tf.Session() as sess:
    for _epoch in range(2):
        sess.run(iterator.initializer)
        print([int(sess.run(value)) for _ in range(8)])
