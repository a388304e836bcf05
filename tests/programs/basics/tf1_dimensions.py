import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

x = tf.placeholder(tf.float32, [None, 784], name="x")
print(x)
print(x.shape, x.get_shape())
print(repr(x.shape))
n_inputs = x.get_shape()[1].value
print(n_inputs, repr(x.shape[1]), x.shape[1])
print(x.shape[0] is None or x.shape[0].value is None)
print(x.shape.as_list())
w = tf.Variable(tf.zeros([n_inputs, 10]))
print(w.shape, [int(d) for d in w.shape])
v = tf.placeholder(tf.int32, [None])
print(v.shape)
