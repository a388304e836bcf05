import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

dataset = tf.data.Dataset.from_tensor_slices((tf.zeros([4, 3]), tf.ones([4], tf.int32))).batch(
    2, drop_remainder=True
)
x, y = tf.data.make_one_shot_iterator(dataset).get_next()
op = x.op
print(op.type, op.name, [t.name for t in op.outputs])
print(op.get_attr("output_types"))
print(x.shape.as_list(), y.shape.as_list())
