import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

rng = np.random.RandomState(1)
x = tf.Variable(rng.randn(2, 3, 3, 2).astype(np.float32))
scale = tf.Variable([1.5, 0.5])
offset = tf.Variable([0.1, -0.2])
y, mean, var = tf.nn.fused_batch_norm(x, scale, offset, epsilon=0.01)
y_inf, _, _ = tf.nn.fused_batch_norm(
    x, scale, offset, mean=[0.5, -0.5], variance=[2.0, 1.0], is_training=False
)
print(y.name, mean.name, var.name, y.shape, mean.shape)
weights = tf.reshape(tf.range(36, dtype=tf.float32), [2, 3, 3, 2])
loss = tf.reduce_sum(y * weights) + tf.reduce_sum(y_inf * y_inf)
dx, dscale, doffset = tf.gradients(loss, [x, scale, offset])
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    print(np.round(sess.run(y)[0, 0], 4).tolist())
    print(sess.run([mean, var]))
    print(np.round(sess.run(y_inf)[1, 2], 4).tolist())
    print(np.round(sess.run(dx)[0, 1], 4).tolist())
    print(sess.run([dscale, doffset]))
