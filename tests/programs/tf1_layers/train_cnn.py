import os

import numpy as np

os.environ["TF_USE_LEGACY_KERAS"] = "1"
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()
tf.set_random_seed(3)

rng = np.random.RandomState(1)
images = rng.rand(6, 8, 8, 1).astype(np.float32)
labels = np.eye(2, dtype=np.float32)[[0, 1, 1, 0, 1, 0]]

x = tf.placeholder(tf.float32, [None, 8, 8, 1])
y = tf.placeholder(tf.float32, [None, 2])
conv1 = tf.layers.conv2d(x, filters=4, kernel_size=3, padding="same", activation=tf.nn.relu)
pool1 = tf.layers.max_pooling2d(conv1, pool_size=2, strides=2)
conv2 = tf.layers.conv2d(pool1, 6, [3, 3], activation=tf.nn.relu)
pool2 = tf.layers.average_pooling2d(conv2, 2, 1)
flat = tf.layers.flatten(pool2)
logits = tf.layers.dense(flat, 2)
loss = tf.losses.softmax_cross_entropy(y, logits)
train = tf.train.AdamOptimizer(0.01).minimize(loss)
print([t.shape.as_list() for t in [conv1, pool1, conv2, pool2, flat, logits]])
print([v.name for v in tf.trainable_variables()])
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(4):
        _, value = sess.run([train, loss], {x: images, y: labels})
        print(step, value)
    print(sess.run(tf.nn.softmax(logits), {x: images[:2]}))
