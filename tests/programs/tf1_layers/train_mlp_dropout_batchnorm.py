import os

import numpy as np

os.environ["TF_USE_LEGACY_KERAS"] = "1"
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()
tf.set_random_seed(5)

rng = np.random.RandomState(4)
data = rng.randn(16, 5).astype(np.float32)
target = (data @ rng.randn(5, 1)).astype(np.float32)

x = tf.placeholder(tf.float32, [None, 5])
y = tf.placeholder(tf.float32, [None, 1])
training = tf.placeholder_with_default(False, shape=(), name="training")
he_init = tf.variance_scaling_initializer()
h = tf.layers.dense(x, 8, kernel_initializer=he_init, name="hidden")
h = tf.layers.batch_normalization(h, training=training, momentum=0.8)
h = tf.nn.elu(h)
h = tf.layers.dropout(h, rate=0.25, training=training)
out = tf.layers.dense(h, 1, name="out")
loss = tf.losses.mean_squared_error(y, out)
extra_update_ops = tf.get_collection(tf.GraphKeys.UPDATE_OPS)
with tf.control_dependencies(extra_update_ops):
    train = tf.train.MomentumOptimizer(0.05, 0.9).minimize(loss)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(4):
        _, value = sess.run([train, loss], {x: data, y: target, training: True})
        print(step, value)
    print("eval", sess.run(loss, {x: data, y: target}))
    print(sess.run("batch_normalization/moving_mean:0"))
