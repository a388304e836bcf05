import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

predictions = tf.placeholder(tf.float32, [None, 2])
targets = tf.placeholder(tf.float32, [None, 2])
weights = tf.placeholder(tf.float32, [None, 1])
loss = tf.losses.mean_squared_error(targets, predictions, weights=weights)
absolute = tf.losses.absolute_difference(targets, predictions, scope="abs_loss")
print(loss.name, absolute.name)
feed = {
    predictions: np.array([[1.0, 2.0], [3.0, 4.0], [0.0, 1.0]]),
    targets: np.array([[1.5, 2.0], [2.0, 5.0], [0.0, 0.0]]),
    weights: np.array([[1.0], [0.0], [3.0]]),
}
with tf.Session() as sess:
    print(sess.run([loss, absolute], feed))
    feed[weights] = np.zeros([3, 1])
    print(sess.run(loss, feed))
