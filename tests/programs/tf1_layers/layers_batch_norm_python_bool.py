import os

import numpy as np

os.environ["TF_USE_LEGACY_KERAS"] = "1"
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

x = tf.constant(np.arange(12, dtype=np.float32).reshape(4, 3) ** 1.5)
train_out = tf.layers.batch_normalization(x, training=True, center=False)
test_out = tf.layers.batch_normalization(x, training=False, scale=False, epsilon=0.1)
print(train_out.name, test_out.name)
print([v.name for v in tf.global_variables()])
updates = tf.get_collection(tf.GraphKeys.UPDATE_OPS)
print([u.name for u in updates])
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    print(sess.run(train_out))
    print(sess.run(test_out))
    for _ in range(2):
        sess.run(updates)
    print(sess.run(tf.global_variables()))
