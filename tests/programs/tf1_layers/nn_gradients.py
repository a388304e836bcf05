import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

x = tf.Variable([[-2.0, -0.5, 0.3], [0.5, 1.0, 3.0]])
labels = tf.constant([[0.0, 1.0, 1.0], [1.0, 0.0, 1.0]])
mean, var = tf.nn.moments(x, axes=[0])
terms = [
    tf.reduce_sum(tf.nn.selu(x) * [1.0, 2.0, 3.0]),
    tf.reduce_sum(tf.nn.l2_normalize(x, axis=1) * [1.0, -1.0, 0.5]),
    tf.reduce_sum(
        tf.nn.weighted_cross_entropy_with_logits(labels=labels, logits=x, pos_weight=3.0)
    ),
    tf.reduce_sum(tf.nn.batch_normalization(x, mean, var, None, None, 1e-3) * [1.0, 2.0, -1.0]),
    tf.reduce_sum(var),
]
grads = [tf.gradients(t, x)[0] for t in terms]
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for t, g in zip(sess.run(terms), sess.run(grads)):
        print(np.round(t, 5), np.round(g, 4).tolist())
