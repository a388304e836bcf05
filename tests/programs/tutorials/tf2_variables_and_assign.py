import tensorflow as tf

v = tf.Variable([[1, 2], [3, 4]], name="v")
print(v)
print(v.name, v.dtype, v.shape, v.trainable)
v.assign([[5, 6], [7, 8]])
v[0, 1].assign(60)
print(v.numpy())
v.assign_add(tf.ones_like(v))
print(tf.convert_to_tensor(v))
w = tf.Variable(1.0, trainable=False)
print(w.trainable)
v.assign([1.0, 2.0])
