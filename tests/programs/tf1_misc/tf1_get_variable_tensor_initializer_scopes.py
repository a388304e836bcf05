import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

with tf.variable_scope("layer"):
    b = tf.get_variable("bias", initializer=tf.zeros([3]))
    k = tf.get_variable("kernel", initializer=tf.random_normal([2, 3], seed=1), trainable=False)
with tf.variable_scope("layer", reuse=True):
    b_again = tf.get_variable("bias")
print(b is b_again, b.name, k.name)
print([v.name for v in tf.trainable_variables()])
print([v.name for v in tf.global_variables()])
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    print(sess.run(b))
    print(sess.run(tf.shape(k)))
