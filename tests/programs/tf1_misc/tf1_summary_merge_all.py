import os
import tempfile

import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

logdir = tempfile.mkdtemp()
x = tf.placeholder(tf.float32, [None], name="x")
mean = tf.reduce_mean(x)
tf.summary.scalar("mean", mean)
tf.summary.histogram("values", x)
tf.summary.image("picture", tf.reshape(tf.tile(x[:4], [4]), [1, 4, 4, 1]))
extra = tf.summary.scalar("extra", mean * 2, collections=["other"])
merged = tf.summary.merge_all()
print(merged.op.type, merged.dtype)
print(tf.summary.merge_all("other") is not None, tf.summary.merge_all("missing"))
writer = tf.summary.FileWriter(logdir)
with tf.Session() as sess:
    for step in range(2):
        summary = sess.run(merged, {x: np.arange(8, dtype=np.float32) / (step + 1)})
        writer.add_summary(summary, step)
writer.close()
events = os.path.join(logdir, os.listdir(logdir)[0])
for event in tf.train.summary_iterator(events):
    for value in event.summary.value:
        kind = value.WhichOneof("value")
        simple = round(value.simple_value, 3) if kind == "simple_value" else ""
        print(event.step, value.tag, kind, simple)
