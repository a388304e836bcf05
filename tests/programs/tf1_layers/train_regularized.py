import os

import numpy as np

os.environ["TF_USE_LEGACY_KERAS"] = "1"
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

rng = np.random.RandomState(7)
data = rng.randn(10, 3).astype(np.float32)
labels = rng.randint(0, 2, size=(10, 1)).astype(np.float32)


def l2(scale):
    return lambda w: scale * tf.nn.l2_loss(w)


x = tf.constant(data)
init = tf.constant_initializer(0.1)
h = tf.layers.dense(x, 4, tf.nn.tanh, kernel_initializer=init, kernel_regularizer=l2(0.01))
logits = tf.layers.dense(h, 1, kernel_initializer=init, kernel_regularizer=l2(0.02), name="logit")
tf.losses.sigmoid_cross_entropy(labels, logits)
reg_losses = tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES)
print(len(reg_losses))
total = tf.losses.get_total_loss()
train = tf.train.AdagradOptimizer(0.5).minimize(total)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    print(sess.run(reg_losses))
    for step in range(3):
        _, value = sess.run([train, total])
        print(step, value)
    print(sess.run(tf.losses.get_regularization_loss()))
