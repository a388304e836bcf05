import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

next_element = tf.data.make_one_shot_iterator(tf.data.Dataset.range(2)).get_next()
with tf.Session() as sess:
    print(sess.run(next_element))
    print(sess.run(next_element))
    sess.run(next_element)
