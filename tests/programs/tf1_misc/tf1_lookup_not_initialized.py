import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

init = tf.lookup.KeyValueTensorInitializer([1, 2, 3], [0.5, 1.5, 2.5], tf.int64, tf.float32)
table = tf.lookup.StaticHashTable(init, default_value=0.0)
scores = table.lookup(tf.constant([3, 1, 7], tf.int64))
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())  # variables only: the table stays empty
    print(sess.run(scores))
