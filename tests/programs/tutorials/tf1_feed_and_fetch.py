import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

a = tf.placeholder(tf.int32, shape=[3], name="a")
b = tf.constant([10, 20, 30], name="b")
c = tf.add(a, b, name="c")
d = tf.reduce_sum(c, name="d")
with tf.Session() as sess:
    print(sess.run(c, feed_dict={a: [1, 2, 3]}))
    print(sess.run([c, d], feed_dict={a: np.array([1, 1, 1])}))
    print(sess.run({"sum": d, "pair": (c, b)}, feed_dict={a: [0, 0, 0]}))
    print(sess.run(d, feed_dict={b: [1, 1, 1], a: [1, 1, 1]}))
    print(d.eval(feed_dict={a: [5, 5, 5]}))
print(c.op.inputs[0].name, c.op.inputs[1].name, [t.name for t in c.op.outputs])
print(tf.get_default_graph().as_graph_def().node[2].name)
print(len(tf.get_default_graph().get_operations()))
g = tf.Graph()
with g.as_default():
    e = tf.constant(1.0)
print(e.graph is g, e.graph is tf.get_default_graph())
sess = tf.Session()
print(sess.run(d, {a: [1, 2, 3]}))
sess.close()
sess.run(d, {a: [1, 2, 3]})
