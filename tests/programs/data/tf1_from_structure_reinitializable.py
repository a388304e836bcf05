import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

train = tf.data.Dataset.range(100).map(lambda x: x * 2).batch(3)
valid = tf.data.Dataset.range(5).batch(3)
iterator = tf.data.Iterator.from_structure(
    tf.data.get_output_types(train), tf.data.get_output_shapes(train)
)
batch = iterator.get_next()
train_init = iterator.make_initializer(train)
valid_init = iterator.make_initializer(valid)
print([op.type for op in tf.get_default_graph().get_operations() if "Iterator" in op.type])
with tf.Session() as sess:
    sess.run(train_init)
    print(sess.run(batch), sess.run(batch))
    sess.run(valid_init)
    print(sess.run(batch), sess.run(batch))
    sess.run(train_init)
    print(sess.run(batch))
