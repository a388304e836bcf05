import os
import tempfile

import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

path = os.path.join(tempfile.mkdtemp(), "vocab.txt")
with open(path, "w") as f:
    f.write("the\t10\ncat\t20\nsat\t30\n")
word_to_id = tf.lookup.StaticHashTable(
    tf.lookup.TextFileInitializer(
        path,
        tf.string,
        tf.lookup.TextFileIndex.WHOLE_LINE,
        tf.int64,
        tf.lookup.TextFileIndex.LINE_NUMBER,
        delimiter=" ",
    ),
    -1,
)
word_to_count = tf.lookup.StaticHashTable(
    tf.lookup.TextFileInitializer(path, tf.string, 0, tf.int64, 1, delimiter="\t"), 0
)
words = tf.constant(["cat", "dog", "the"])
with tf.Session() as sess:
    sess.run(tf.tables_initializer())
    print(sess.run(word_to_id.lookup(tf.constant(["sat\t30", "x"]))))
    print(sess.run(word_to_count.lookup(words)))
    print(sess.run([word_to_id.size(), word_to_count.size()]))
