import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

with tf.device("/cpu:0"):
    a = tf.constant([1.0, 2.0], name="a")
    with tf.device("/device:CPU:0"):
        b = a * 2
with tf.device("/job:localhost/replica:0/task:0/cpu:0"):
    c = b + 1
with tf.device("/gpu:0"):
    with tf.device("/cpu:0"):
        d = tf.reduce_sum(c)
    with tf.device(None):
        e = d + 1
with tf.device("CPU:0"):
    f = e * e
for t in [a, b, c, d, e, f]:
    print(repr(t.op.name), repr(t.op.device), repr(t.device))
with tf.Session() as sess:
    print(sess.run(f))
