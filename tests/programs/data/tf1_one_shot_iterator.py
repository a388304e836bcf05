import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

dataset = tf.data.Dataset.range(3).map(lambda x: x * 10)
iterator = tf.data.make_one_shot_iterator(dataset)
next_element = iterator.get_next()
print(next_element)
print([op.type for op in tf.get_default_graph().get_operations() if "Iterator" in op.type])
with tf.Session() as sess:
    for _ in range(3):
        print(sess.run(next_element))
