import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()
tf.set_random_seed(42)

x = tf.ones([4, 5])
kept = tf.layers.dropout(x, rate=0.4, training=True)
same = tf.layers.dropout(x, rate=0.4)
seeded = tf.layers.dropout(x, 0.5, training=True, seed=7, noise_shape=[4, 1])
is_training = tf.placeholder(tf.bool, [])
switched = tf.layers.dropout(x, 0.25, training=is_training)
print(kept.name, same.name, seeded.name)
with tf.Session() as sess:
    print(sess.run(kept))
    print(sess.run(same))
    print(sess.run(seeded))
    print(sess.run(switched, {is_training: False}))
    print(sess.run(switched, {is_training: True}))
