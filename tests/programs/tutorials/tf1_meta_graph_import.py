import os
import tempfile

import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

path = os.path.join(tempfile.mkdtemp(), "m")
theta = tf.Variable([[1.0], [2.0]], name="theta")
x = tf.placeholder(tf.float32, [None, 2], name="x")
y = tf.matmul(x, theta, name="y")
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    sess.run(theta.assign([[3.0], [4.0]]))
    tf.train.Saver().save(sess, path)

tf.reset_default_graph()
saver = tf.train.import_meta_graph(path + ".meta")
graph = tf.get_default_graph()
with tf.Session() as sess:
    saver.restore(sess, path)
    print(sess.run(graph.get_tensor_by_name("theta:0")))
    print(sess.run("y:0", feed_dict={"x:0": [[1.0, 1.0]]}))
    print([v.name for v in tf.global_variables()])
    print(graph.get_operation_by_name("y").type)
