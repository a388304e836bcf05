import os

import numpy as np

os.environ["TF_USE_LEGACY_KERAS"] = "1"
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()
tf.set_random_seed(8)

rng = np.random.RandomState(5)
images = rng.rand(6, 6, 6, 1).astype(np.float32)
labels = np.array([0, 1, 2, 1, 0, 2])

x = tf.placeholder(tf.float32, [None, 6, 6, 1])
y = tf.placeholder(tf.int32, [None])
is_training = tf.placeholder_with_default(False, [], name="is_training")
conv = tf.layers.conv2d(x, 4, 3, padding="same", use_bias=False)
conv = tf.layers.batch_normalization(conv, training=is_training, momentum=0.9)
conv = tf.nn.relu(conv)
pool = tf.layers.max_pooling2d(conv, 2, 2)
logits = tf.layers.dense(tf.layers.flatten(pool), 3)
loss = tf.losses.sparse_softmax_cross_entropy(y, logits)
update_ops = tf.get_collection(tf.GraphKeys.UPDATE_OPS)
print(len(update_ops), conv.shape, pool.shape, logits.shape)
with tf.control_dependencies(update_ops):
    train_op = tf.train.AdamOptimizer(0.01).minimize(loss)
print(sorted(v.name for v in tf.global_variables() if "batch_normalization" in v.name))
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(4):
        _, value = sess.run([train_op, loss], {x: images, y: labels, is_training: True})
        print(step, value)
    print(sess.run(loss, {x: images, y: labels}))
    print(sess.run("batch_normalization/moving_mean:0"))
    print(sess.run("batch_normalization/moving_variance:0"))
