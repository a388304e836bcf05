import os
import tempfile

import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()
tf.enable_resource_variables()

path = os.path.join(tempfile.mkdtemp(), "model")
with tf.Graph().as_default():
    theta = tf.get_variable("theta", initializer=tf.constant([1.0, 2.0]))
    b = tf.Variable(5.0, name="b")
    y = tf.add(theta * 2.0, b, name="y")
    saver = tf.train.Saver()
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(theta.assign([3.0, 4.0]))
        saver.save(sess, path)

with tf.Graph().as_default() as graph:
    with tf.Session() as sess:
        saver = tf.train.import_meta_graph(path + ".meta")
        saver.restore(sess, path)
        print(sess.run(graph.get_tensor_by_name("y:0")))
        print(sess.run(graph.get_tensor_by_name("theta/Read/ReadVariableOp:0")))
        variables = tf.global_variables()
        print([v.name for v in variables])
        print(sess.run(variables))
        print(graph.get_tensor_by_name("theta:0").dtype)
        print([op.name for op in graph.get_operations() if op.name.startswith("theta")])
