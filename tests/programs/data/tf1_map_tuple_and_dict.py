import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

images = tf.constant([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
labels = tf.constant([0, 1, 2])
dataset = tf.data.Dataset.from_tensor_slices((images, labels))
dataset = dataset.map(lambda x, y: {"x": x / 2.0, "y": tf.one_hot(y, 3)})
element = tf.data.make_one_shot_iterator(dataset).get_next()
print(sorted(element.keys()), element["y"].shape.as_list())
with tf.Session() as sess:
    for _ in range(3):
        out = sess.run(element)
        print(out["x"], out["y"])
