import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()
tf.set_random_seed(1234)

a = tf.random_uniform([2])
b = tf.random_normal([2], seed=7)
c = tf.truncated_normal([2, 2], stddev=0.1, seed=3)
w = tf.Variable(tf.random_normal([2, 2], stddev=0.35), name="weights")
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    print(sess.run(a))
    print(sess.run(a))
    print(sess.run(b))
    print(sess.run(c))
    print(sess.run(w))
with tf.Session() as sess:
    print(sess.run(a))
