import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

features = [[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]
dataset = tf.data.Dataset.from_tensor_slices(features).batch(2)
next_batch = dataset.make_one_shot_iterator().get_next()
print(next_batch.shape.as_list())
with tf.Session() as sess:
    while True:
        try:
            print(sess.run(next_batch))
        except tf.errors.OutOfRangeError:
            print("end of dataset")
            break
