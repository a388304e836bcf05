import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

x = tf.constant([[1.0], [2.0], [3.0], [4.0]])
y = tf.constant([[2.0], [4.1], [5.9], [8.2]])
w = tf.Variable([[0.0]])
b = tf.Variable([0.0])
loss = tf.losses.mean_squared_error(y, tf.matmul(x, w) + b)
global_step = tf.Variable(0, trainable=False, name="global_step")
learning_rate = tf.train.exponential_decay(0.05, global_step, 2, 0.7, staircase=True)
optimizer = tf.train.MomentumOptimizer(learning_rate, 0.8)
train = optimizer.minimize(loss, global_step=global_step)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for _ in range(6):
        _, lr, value = sess.run([train, learning_rate, loss])
        print(sess.run(global_step), "lr=%.5f" % lr, "loss=%.5f" % value)
    print(sess.run([w, b]))
