import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()
tf.set_random_seed(1)

rng = np.random.RandomState(0)
features = rng.randn(60, 4).astype(np.float32)
labels = np.eye(3)[(features[:, 0] + features[:, 1] > 0).astype(int) + (features[:, 2] > 1)]

x = tf.placeholder(tf.float32, [None, 4])
y_ = tf.placeholder(tf.float32, [None, 3])
W = tf.Variable(tf.zeros([4, 3]))
b = tf.Variable(tf.zeros([3]))
y = tf.nn.softmax(tf.matmul(x, W) + b)
cross_entropy = tf.reduce_mean(-tf.reduce_sum(y_ * tf.log(y), reduction_indices=[1]))
train_step = tf.train.GradientDescentOptimizer(0.5).minimize(cross_entropy)
correct_prediction = tf.equal(tf.argmax(y, 1), tf.argmax(y_, 1))
accuracy = tf.reduce_mean(tf.cast(correct_prediction, tf.float32))
sess = tf.InteractiveSession()
tf.global_variables_initializer().run()
for step in range(30):
    batch = slice((step * 20) % 60, (step * 20) % 60 + 20)
    train_step.run(feed_dict={x: features[batch], y_: labels[batch]})
print(accuracy.eval(feed_dict={x: features, y_: labels}))
print(cross_entropy.eval(feed_dict={x: features, y_: labels}))
print(y)
print(train_step.name, train_step.type)
sess.close()
