import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

w = tf.placeholder(tf.float32, [2, 2], name="w")
checks = [
    tf.assert_positive(w, message="weights must be positive"),
    tf.assert_rank(w, 2),
    tf.assert_type(w, tf.float32),
]
with tf.control_dependencies(checks):
    log_w = tf.log(w)
with tf.Session() as sess:
    print(sess.run(log_w, {w: [[1.0, 2.0], [3.0, 4.0]]}))
    print(sess.run(log_w, {w: [[1.0, -2.0], [3.0, 4.0]]}))
