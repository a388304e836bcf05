import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

x = tf.placeholder(tf.float32, shape=[None, 3], name="x")
order = tf.argsort(x, axis=1, direction="DESCENDING")
top = tf.math.top_k(x, k=2)
ranked = tf.sort(x, axis=0)
a = tf.placeholder(tf.float32, shape=[2, 2], name="a")
solved = tf.linalg.solve(a, tf.ones([2, 1]))
print(
    order.shape.as_list(),
    top.values.shape.as_list(),
    ranked.shape.as_list(),
    solved.shape.as_list(),
)
print(top.values.op.type, solved.op.type)
with tf.Session() as sess:
    feed = {x: [[0.3, 0.1, 0.7], [2.0, 5.0, 1.0]], a: [[2.0, 1.0], [1.0, 3.0]]}
    print(sess.run([order, top.indices, ranked], feed))
    print(sess.run(solved, feed))
