import tensorflow as tf

counts = tf.Variable(tf.zeros([4], dtype=tf.int32))


@tf.function
def count(ids):
    counts.scatter_add(tf.IndexedSlices(tf.ones_like(ids), ids))
    return counts.read_value()


print(count(tf.constant([0, 1, 1, 3])))
print(count(tf.constant([3, 3])))
