import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

dataset = tf.data.Dataset.from_tensor_slices(({"a": [1, 2]}, [[1.0, 2.0], [3.0, 4.0]]))
print(tf.data.get_output_types(dataset))
print(dataset.output_types)
print(dataset.element_spec)
it = tf.data.make_one_shot_iterator(dataset.shuffle(2, seed=3))
features, label = it.get_next()
print(features["a"].dtype, label.dtype)
with tf.Session() as sess:
    print(sess.run([features, label]))
