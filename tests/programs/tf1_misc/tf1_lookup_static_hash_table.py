import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

keys = tf.constant(["apple", "banana", "cherry"])
values = tf.constant([0, 1, 2], dtype=tf.int64)
table = tf.lookup.StaticHashTable(tf.lookup.KeyValueTensorInitializer(keys, values), -1)
words = tf.placeholder(tf.string, [None])
ids = table.lookup(words)
size = table.size()
print(ids.name, ids.dtype, ids.shape.as_list(), size)
print([(op.name, op.type) for op in tf.get_default_graph().get_operations()])
print(tf.get_collection(tf.GraphKeys.TABLE_INITIALIZERS), tf.GraphKeys.TABLE_INITIALIZERS)
init = tf.tables_initializer()
print(init.name, init.type)
print(table.key_dtype, table.value_dtype, table.name, table.resource_handle)
with tf.Session() as sess:
    sess.run(init)
    print(sess.run([ids, size], {words: ["banana", "kiwi", "apple"]}))
