import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

a = tf.constant(np.arange(24, dtype=np.float32).reshape(2, 3, 4), name="a")
b = tf.constant(np.arange(20, dtype=np.float32).reshape(4, 5), name="b")
c = tf.tensordot(a, b, axes=1)
d = tf.tensordot(a, tf.ones([3, 2]), axes=[[1], [0]])
e = tf.tensordot(b, b, axes=[[0, 1], [0, 1]])
print(c.shape, d.shape, e.shape)
print([(op.name, op.type) for op in tf.get_default_graph().get_operations()][:12])
grad_a, grad_b = tf.gradients(tf.reduce_sum(c), [a, b])
with tf.Session() as sess:
    print(sess.run(c)[1])
    print(sess.run(d)[0])
    print(sess.run(e))
    print(sess.run(grad_b))
    print(sess.run(grad_a)[0])
