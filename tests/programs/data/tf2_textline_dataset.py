import os
import tempfile

import tensorflow as tf

path = os.path.join(tempfile.mkdtemp(), "data.csv")
with open(path, "w") as f:
    f.write("name,score\nann,3\nbob,5\ncid,4\n")
lines = tf.data.TextLineDataset(path)
print(lines.element_spec)
print(list(lines.as_numpy_iterator()))
rows = lines.skip(1).map(lambda line: tf.strings.split(line, ","))
for fields in rows:
    print(fields.numpy())
