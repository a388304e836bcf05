import os

import numpy as np

os.environ["TF_USE_LEGACY_KERAS"] = "1"
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

rng = np.random.RandomState(2)
images = rng.rand(4, 5, 5, 2).astype(np.float32)
x = tf.constant(images)
out = tf.layers.batch_normalization(x, training=True, name="bn")
print(out.name, out.shape.as_list())
print([op.type for op in tf.get_collection(tf.GraphKeys.UPDATE_OPS)])
print([op.name for op in tf.get_collection(tf.GraphKeys.UPDATE_OPS)])
frozen = tf.layers.batch_normalization(x, training=False, name="bn", reuse=True)
print(frozen.name, len(tf.get_collection(tf.GraphKeys.UPDATE_OPS)))
weights = tf.reshape(tf.range(50, dtype=tf.float32) / 10.0, [5, 5, 2])
loss = tf.reduce_sum(tf.sin(out) * weights)
grads = tf.gradients(loss, [x] + tf.trainable_variables())
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    print(np.round(sess.run(out)[0, 0], 5))
    sess.run(tf.get_collection(tf.GraphKeys.UPDATE_OPS))
    print(sess.run(tf.global_variables()[2:]))
    print(np.round(sess.run(frozen)[1, 2], 5))
    g = sess.run(grads)
    print(np.round(g[0][0, 0], 5), g[1], g[2])
