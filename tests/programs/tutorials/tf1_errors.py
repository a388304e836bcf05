import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

x = tf.placeholder(tf.float32, shape=[None, 3], name="x")
y = x * 2
with tf.Session() as sess:
    try:
        sess.run(y)
    except tf.errors.InvalidArgumentError as e:
        print(type(e).__name__)
    w = tf.Variable(1.0, name="w")
    try:
        sess.run(w)
    except tf.errors.FailedPreconditionError as e:
        print(type(e).__name__)
    sess.run(y, feed_dict={x: [[1.0, 2.0]]})
