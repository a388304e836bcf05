import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

a = tf.constant([1.0, 2.0], name="a")
with tf.device("/gpu:0"):
    b = tf.multiply(a, 2.0, name="b")
print(b.device)
# No GPU here: placing the graph fails when the session first runs it.
with tf.Session() as sess:
    print(sess.run(b))
