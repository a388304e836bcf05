import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

x = tf.placeholder(tf.float32, shape=[None, 2])
dataset = tf.data.Dataset.from_tensor_slices(x).map(lambda row: tf.reduce_sum(row)).batch(2)
iterator = tf.data.make_initializable_iterator(dataset)
total = iterator.get_next()
print(iterator.initializer.type, total.name, total.shape.as_list())
with tf.Session() as sess:
    sess.run(iterator.initializer, feed_dict={x: np.ones((3, 2), np.float32)})
    print(sess.run(total), sess.run(total))
    sess.run(iterator.initializer, feed_dict={x: np.arange(4, dtype=np.float32).reshape(2, 2)})
    print(sess.run(total))
