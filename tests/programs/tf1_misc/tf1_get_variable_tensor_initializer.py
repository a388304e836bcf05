import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

# A constant tensor as initializer: the variable takes its shape and dtype.
w = tf.get_variable("w", initializer=tf.constant(0.0))
v = tf.get_variable("v", initializer=tf.constant([1.0, 2.0, 3.0]), dtype=tf.float32)
m = tf.get_variable("m", initializer=tf.ones([2, 2]) * 3)
print(w.name, w.shape, w.dtype)
print(v.name, v.shape, v.dtype)
print(m.name, m.shape, m.dtype)
y = tf.reduce_sum(v) * m + w
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    print(sess.run([w, v, m]))
    print(sess.run(y))
