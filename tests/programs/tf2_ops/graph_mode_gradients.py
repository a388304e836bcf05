import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

a = tf.Variable([[3.0, 1.0], [1.0, 2.0]])
x = tf.placeholder(tf.float32, shape=[2, 2])
loss = tf.linalg.det(a) + tf.reduce_sum(tf.einsum("ij,jk->ik", a, x))
(grad_a,) = tf.gradients(loss, [a])
(norm_grad,) = tf.gradients(tf.norm(x), [x])
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    print(sess.run(grad_a, {x: [[1.0, 0.0], [0.0, 1.0]]}))
    print(sess.run(norm_grad, {x: [[3.0, 0.0], [0.0, 4.0]]}))
