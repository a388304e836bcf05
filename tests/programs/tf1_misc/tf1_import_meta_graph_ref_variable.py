import os
import tempfile

import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

path = os.path.join(tempfile.mkdtemp(), "model")
with tf.Graph().as_default():
    theta = tf.Variable([1.0, 2.0, 3.0], name="theta")
    scaled = tf.multiply(theta, 2.0, name="scaled")
    saver = tf.train.Saver()
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(theta.assign_add([0.5, 0.5, 0.5]))
        saver.save(sess, path)

with tf.Graph().as_default() as graph:
    with tf.Session() as sess:
        saver = tf.train.import_meta_graph(path + ".meta")
        saver.restore(sess, path)
        print(sess.run(graph.get_tensor_by_name("theta:0")))
        print(sess.run(graph.get_tensor_by_name("theta/read:0")))
        print(sess.run(graph.get_tensor_by_name("scaled:0")))
        print(graph.get_tensor_by_name("theta:0").dtype)
