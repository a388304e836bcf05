import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

x = tf.constant([[1, 2], [3, 4]], name="x")
print(tf.assert_rank(x, 2).name)
try:
    tf.assert_rank(x, 3, message="want a batch of images")
except ValueError as e:
    print("ValueError:", e)
try:
    tf.assert_type(x, tf.float32)
except TypeError as e:
    print("TypeError:", e)
p = tf.placeholder(tf.float32, None, name="p")
check = tf.assert_rank(p, 1)
with tf.Session() as sess:
    sess.run(check, {p: [1.0, 2.0]})
    print("rank 1 ok")
    sess.run(check, {p: [[1.0]]})
