import tensorflow as tf

ints = tf.data.Dataset.range(3)
floats = tf.data.Dataset.from_tensor_slices([1.0, 2.0])
print(ints.element_spec, floats.element_spec)
ints.concatenate(floats)
