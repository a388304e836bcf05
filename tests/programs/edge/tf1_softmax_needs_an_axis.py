import tensorflow as tf

tf.compat.v1.disable_v2_behavior()

logits = tf.compat.v1.placeholder(tf.float32, shape=[None, 4])
probabilities = tf.nn.softmax(logits)
log_probabilities = tf.math.log_softmax(logits)
print(probabilities.shape, log_probabilities.shape)
with tf.compat.v1.Session() as sess:
    print(sess.run(probabilities, {logits: [[1.0, 2.0, 3.0, 4.0]]}))
tf.nn.softmax(tf.constant(2.0))
