import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()


def clip_and_count(values, limit):
    clipped = np.minimum(values, limit)
    return clipped, np.int64((values > limit).sum())


x = tf.placeholder(tf.float32, [None], name="x")
clipped, count = tf.py_func(clip_and_count, [x, 2.0], [tf.float32, tf.int64], name="clip")
clipped.set_shape(x.shape)
total = tf.reduce_sum(clipped)
print(clipped.op.type, clipped.op.name, clipped.dtype, count.dtype)
print(tf.gradients(total, x))
with tf.Session() as sess:
    print(sess.run([clipped, count, total], {x: [1.0, 2.5, 3.0]}))
    print(sess.run(count, {x: [0.5]}))
