import os
import tempfile

import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

folder = tempfile.mkdtemp()
files = []
for i in range(2):
    files.append(os.path.join(folder, "part%d.csv" % i))
    with open(files[-1], "w") as f:
        f.write("x,y\n%d,%d\n%d,%d\n" % (i, i + 1, i + 2, i + 3))
lines = tf.data.Dataset.from_tensor_slices(files).flat_map(
    lambda name: tf.data.TextLineDataset(name).skip(1)
)
record = tf.data.make_one_shot_iterator(lines).get_next()
with tf.Session() as sess:
    for _ in range(4):
        print(sess.run(record))
