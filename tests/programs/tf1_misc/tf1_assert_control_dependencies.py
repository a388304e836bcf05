import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

x = tf.placeholder(tf.float32, [None], name="x")
check = tf.Assert(tf.less_equal(tf.reduce_max(x), 1.0), [x], name="max_check")
with tf.control_dependencies([check]):
    y = tf.identity(x * 2.0, name="y")
with tf.Session() as sess:
    print(sess.run(y, {x: [0.25, 0.5]}))
    try:
        sess.run(y, {x: [0.5, 3.0, 2.0, 7.0]})
    except tf.errors.InvalidArgumentError as e:
        print("caught:", type(e).__name__)
    sess.run(y, {x: [2.0]})
