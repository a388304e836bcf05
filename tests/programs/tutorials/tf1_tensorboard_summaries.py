import glob
import tempfile

import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

logdir = tempfile.mkdtemp()
x = tf.Variable(0.0, name="x")
step = tf.assign_add(x, 1.0)
tf.summary.scalar("x", x)
tf.summary.histogram("x_hist", tf.stack([x, 2 * x]))
merged = tf.summary.merge_all()
print(merged.op.type, merged.dtype)
with tf.Session() as sess:
    writer = tf.summary.FileWriter(logdir, sess.graph)
    sess.run(tf.global_variables_initializer())
    for i in range(3):
        sess.run(step)
        writer.add_summary(sess.run(merged), i)
    writer.close()
files = glob.glob(logdir + "/events.out.tfevents.*")
print(len(files))
for event in tf.train.summary_iterator(files[0]):
    for value in event.summary.value:
        if value.HasField("simple_value"):
            print(event.step, value.tag, value.simple_value)
        else:
            print(event.step, value.tag, value.histo.num, value.histo.sum)
