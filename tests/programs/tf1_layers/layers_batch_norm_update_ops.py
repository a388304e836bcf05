import os

import numpy as np

os.environ["TF_USE_LEGACY_KERAS"] = "1"
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

rng = np.random.RandomState(0)
data = rng.randn(8, 3).astype(np.float32) * [1.0, 2.0, 0.5] + [0.5, -1.0, 2.0]
x = tf.placeholder(tf.float32, [None, 3])
training = tf.placeholder_with_default(False, [], name="training")
h = tf.layers.batch_normalization(x, momentum=0.9, training=training)
print(h.shape.as_list())
print([v.name for v in tf.global_variables()])
print([v.name for v in tf.trainable_variables()])
update_ops = tf.get_collection(tf.GraphKeys.UPDATE_OPS)
print(len(update_ops))
loss = tf.reduce_mean(tf.square(h - 1.0))
with tf.control_dependencies(update_ops):
    train_op = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(3):
        _, value = sess.run([train_op, loss], {x: data, training: True})
        print(step, value)
    mean, var = sess.run(
        ["batch_normalization/moving_mean:0", "batch_normalization/moving_variance:0"]
    )
    print(mean, var)
    print(sess.run(h, {x: data[:2]}))
    print(sess.run(h, {x: data[:2], training: True}))
