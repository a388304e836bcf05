import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

a = tf.placeholder(tf.int32, [3], name="a")
b = tf.constant([1, 2, 3], name="b")
check = tf.assert_equal(a, b, message="labels differ", summarize=5)
with tf.control_dependencies([check]):
    total = tf.reduce_sum(a)
with tf.Session() as sess:
    print(sess.run(total, {a: [1, 2, 3]}))
    print(sess.run(total, {a: [1, 2, 4]}))
