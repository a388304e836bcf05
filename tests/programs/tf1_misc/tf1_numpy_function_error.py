import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()


def parse(n):
    if n < 0:
        raise ValueError("n must be non-negative, got %d" % n)
    return np.arange(n, dtype=np.int32)


n = tf.placeholder(tf.int32, [])
r = tf.numpy_function(parse, [n], tf.int32)
with tf.Session() as sess:
    print(sess.run(r, {n: 4}))
    print(sess.run(r, {n: -1}))
