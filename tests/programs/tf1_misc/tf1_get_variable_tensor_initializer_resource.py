import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()
tf.enable_resource_variables()

w = tf.get_variable("w", initializer=tf.constant(2.0))
x = tf.placeholder(tf.float32, [None])
loss = tf.reduce_mean(tf.square(w * x - 3.0))
train = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
print(w.name, w.dtype, w.op.type)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(3):
        _, loss_value = sess.run([train, loss], {x: [1.0, 2.0]})
        print(step, loss_value)
    print(sess.run(w))
