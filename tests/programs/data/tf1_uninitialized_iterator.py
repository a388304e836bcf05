import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

dataset = tf.data.Dataset.range(4)
iterator = dataset.make_initializable_iterator()
value = iterator.get_next()
with tf.Session() as sess:
    sess.run(value)
