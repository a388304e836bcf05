import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

train = tf.data.Dataset.range(100).repeat()
valid = tf.data.Dataset.range(5).map(lambda x: x * -1)
handle = tf.placeholder(tf.string, shape=[])
iterator = tf.data.Iterator.from_string_handle(
    handle, tf.data.get_output_types(train), tf.data.get_output_shapes(train)
)
next_element = iterator.get_next()
train_iterator = tf.data.make_one_shot_iterator(train)
valid_iterator = tf.data.make_initializable_iterator(valid)
print([op.type for op in tf.get_default_graph().get_operations() if "Iterator" in op.type])
with tf.Session() as sess:
    train_handle = sess.run(train_iterator.string_handle())
    valid_handle = sess.run(valid_iterator.string_handle())
    print(type(train_handle).__name__)
    for _ in range(2):
        print(
            sess.run(next_element, {handle: train_handle}),
            sess.run(next_element, {handle: train_handle}),
        )
        sess.run(valid_iterator.initializer)
        print(
            sess.run(next_element, {handle: valid_handle}),
            sess.run(next_element, {handle: valid_handle}),
        )
