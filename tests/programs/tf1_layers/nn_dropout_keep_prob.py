import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()
tf.set_random_seed(0)

x = tf.reshape(tf.range(1.0, 13.0), [3, 4])
keep_prob = tf.placeholder_with_default(1.0, [])
dropped = tf.nn.dropout(x, keep_prob=0.5)
dropped_rate = tf.nn.dropout(x, rate=0.25, seed=11)
dropped_feed = tf.nn.dropout(x, 0.75)
print(dropped.name, dropped_rate.name)
with tf.Session() as sess:
    print(sess.run(dropped))
    print(sess.run(dropped_rate))
    print(sess.run(dropped_feed))
