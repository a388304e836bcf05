import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

x = tf.placeholder(tf.float32, [None, 3, 4], name="x")
w = tf.Variable(np.ones([4, 2], np.float32), name="w")
y = tf.tensordot(x, w, axes=[[2], [0]])
print(y.shape.as_list())
loss = tf.reduce_mean(tf.square(y))
grad = tf.gradients(loss, w)[0]
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    feed = {x: np.arange(24, dtype=np.float32).reshape(2, 3, 4) / 10}
    print(sess.run(y, feed)[0])
    print(sess.run(grad, feed))
