import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

x = tf.placeholder(tf.float32, shape=[])
y = tf.cond(x > 0, lambda: x * 2, lambda: x - 1)
i = tf.constant(0)
total = tf.constant(0)
_, result = tf.while_loop(lambda i, t: i < 5, lambda i, t: (i + 1, t + i), [i, total])
with tf.Session() as sess:
    print(sess.run(y, {x: 3.0}), sess.run(y, {x: -3.0}))
    print(sess.run(result))
