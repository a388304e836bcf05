import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

dataset = tf.data.Dataset.range(6).shuffle(6, seed=11).repeat(2).batch(3)
batch = dataset.make_one_shot_iterator().get_next()
with tf.Session() as sess:
    for _ in range(4):
        print(sess.run(batch))
