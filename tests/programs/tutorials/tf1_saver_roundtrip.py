import os
import tempfile

import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

directory = tempfile.mkdtemp()
path = os.path.join(directory, "model.ckpt")
v1 = tf.get_variable("v1", shape=[3], initializer=tf.zeros_initializer)
v2 = tf.get_variable("v2", shape=[5], initializer=tf.zeros_initializer)
inc_v1 = v1.assign(v1 + 1)
dec_v2 = v2.assign(v2 - 1)
saver = tf.train.Saver()
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    inc_v1.op.run()
    dec_v2.op.run()
    save_path = saver.save(sess, path)
    print(os.path.basename(save_path))
print(sorted(os.listdir(directory)))
tf.reset_default_graph()
v1 = tf.get_variable("v1", shape=[3])
v2 = tf.get_variable("v2", shape=[5])
saver = tf.train.Saver({"v2": v2})
with tf.Session() as sess:
    v1.initializer.run()
    saver.restore(sess, path)
    print("v1 : %s" % v1.eval().shape)
    print("v2 : %s" % v2.eval())
print(tf.train.latest_checkpoint(directory) == path)
reader = tf.train.NewCheckpointReader(path)
print(sorted(reader.get_variable_to_shape_map().items()))
