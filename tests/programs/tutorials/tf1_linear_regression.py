import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

rng = np.random.RandomState(42)
train_X = rng.uniform(0, 10, size=50).astype(np.float32)
train_Y = (2.5 * train_X + 1.0 + rng.normal(0, 0.5, size=50)).astype(np.float32)

X = tf.placeholder("float")
Y = tf.placeholder("float")
W = tf.Variable(0.1, name="weight")
b = tf.Variable(0.0, name="bias")
pred = tf.add(tf.multiply(X, W), b)
cost = tf.reduce_sum(tf.pow(pred - Y, 2)) / (2 * 50)
optimizer = tf.train.GradientDescentOptimizer(0.01).minimize(cost)
init = tf.global_variables_initializer()
with tf.Session() as sess:
    sess.run(init)
    for epoch in range(100):
        sess.run(optimizer, feed_dict={X: train_X, Y: train_Y})
        if (epoch + 1) % 25 == 0:
            c = sess.run(cost, feed_dict={X: train_X, Y: train_Y})
            print(
                "Epoch:",
                "%04d" % (epoch + 1),
                "cost=",
                "{:.6f}".format(c),
                "W=",
                sess.run(W),
                "b=",
                sess.run(b),
            )
    print("Optimization Finished!")
