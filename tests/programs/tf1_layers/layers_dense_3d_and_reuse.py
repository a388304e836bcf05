import os

import numpy as np

os.environ["TF_USE_LEGACY_KERAS"] = "1"
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()
tf.set_random_seed(9)

sequence = tf.constant(np.linspace(-1, 1, 24, dtype=np.float32).reshape(2, 3, 4))
projected = tf.layers.dense(sequence, 2, name="proj")
print(projected.shape.as_list())


def tower(inputs, reuse):
    with tf.variable_scope("tower", reuse=reuse):
        h = tf.layers.dense(inputs, 3, activation=tf.nn.tanh)
        return tf.layers.dense(h, 1)


a = tower(tf.ones([1, 4]), reuse=False)
b = tower(tf.fill([1, 4], 2.0), reuse=True)
print(a.name, b.name)
print([v.name for v in tf.trainable_variables()])
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    print(sess.run(projected))
    print(sess.run([a, b]))
