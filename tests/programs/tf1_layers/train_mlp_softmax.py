import os

import numpy as np

os.environ["TF_USE_LEGACY_KERAS"] = "1"
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()
tf.set_random_seed(1)

rng = np.random.RandomState(0)
images = rng.rand(32, 16).astype(np.float32)
labels = (images[:, :4].sum(axis=1) * 2).astype(np.int64) % 3

x = tf.placeholder(tf.float32, [None, 16], name="x")
y = tf.placeholder(tf.int64, [None], name="y")
hidden = tf.layers.dense(x, 10, activation=tf.nn.relu, name="hidden1")
hidden = tf.layers.dense(hidden, 8, activation=tf.nn.relu, name="hidden2")
logits = tf.layers.dense(hidden, 3, name="outputs")
xentropy = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=y, logits=logits)
loss = tf.reduce_mean(xentropy, name="loss")
training_op = tf.train.GradientDescentOptimizer(0.5).minimize(loss)
accuracy = tf.reduce_mean(tf.cast(tf.equal(tf.argmax(logits, 1), y), tf.float32))
init = tf.global_variables_initializer()
with tf.Session() as sess:
    init.run()
    print(sess.run("hidden1/kernel:0")[0])
    for epoch in range(5):
        for start in range(0, 32, 8):
            batch = {x: images[start : start + 8], y: labels[start : start + 8]}
            sess.run(training_op, feed_dict=batch)
        print(epoch, sess.run([loss, accuracy], {x: images, y: labels}))
