import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

x = tf.placeholder(tf.float32, shape=[3])
dataset = tf.data.Dataset.from_tensor_slices(x)
print(dataset.element_spec)
iterator = tf.data.make_one_shot_iterator(dataset)
