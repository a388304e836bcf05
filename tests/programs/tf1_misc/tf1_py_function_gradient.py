import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()


def cube(t):
    return t * t * t


x = tf.Variable([1.0, 2.0, 3.0], name="x")
y = tf.py_function(cube, [x], tf.float32, name="cube")
loss = tf.reduce_sum(y)
(grad,) = tf.gradients(loss, [x])
print(y.op.type, grad.op.type)
train = tf.train.GradientDescentOptimizer(0.01).minimize(loss)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    print(sess.run([y, grad]))
    sess.run(train)
    print(sess.run(x))
