import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

x = tf.placeholder(tf.float32, [None], name="x")
# tf.Print passes its input through and logs the data tensors (to stderr) when it runs.
x_logged = tf.Print(x, [tf.shape(x), x], message="x is: ", summarize=4)
y = tf.reduce_sum(x_logged * 2.0)
grad = tf.gradients(y, x)[0]
print(x_logged.op.type, x_logged.shape.as_list(), x_logged.dtype)
with tf.Session() as sess:
    print(sess.run([y, grad], {x: [1.0, 2.0, 3.0]}))
