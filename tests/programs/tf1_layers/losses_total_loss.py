import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
y = tf.constant([[1.0], [2.0]])
w = tf.get_variable("w", [2, 1], initializer=tf.constant_initializer(0.1))
pred = tf.matmul(x, w)
data_loss = tf.losses.mean_squared_error(y, pred)
tf.add_to_collection(tf.GraphKeys.REGULARIZATION_LOSSES, 0.01 * tf.nn.l2_loss(w))
extra = tf.reduce_sum(tf.abs(w))
tf.losses.add_loss(extra)
print(tf.losses.get_regularization_loss().name)
total = tf.losses.get_total_loss()
print(total.name, [loss.name for loss in tf.losses.get_losses()])
no_reg = tf.losses.get_total_loss(add_regularization_losses=False, name="data_total")
train = tf.train.GradientDescentOptimizer(0.05).minimize(total)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(3):
        _, t, d = sess.run([train, total, no_reg])
        print(step, "%.5f %.5f" % (t, d))
    print(sess.run(w))
