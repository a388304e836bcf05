import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

global_step = tf.train.get_or_create_global_step()
print(global_step.name, global_step.dtype)
w = tf.Variable([1.0, -2.0], name="w")
counter = tf.Variable(
    0, name="counter", trainable=False, collections=[tf.GraphKeys.LOCAL_VARIABLES]
)
tf.add_to_collection("my_losses", tf.reduce_sum(tf.square(w)))
tf.add_to_collection("my_losses", tf.constant(1.0))
total = tf.add_n(tf.get_collection("my_losses"), name="total")
print([v.name for v in tf.trainable_variables()])
print([v.name for v in tf.global_variables()])
print([v.name for v in tf.local_variables()])
print(len(tf.get_collection("my_losses")))
p = tf.placeholder_with_default(tf.constant([3.0, 4.0]), shape=[2], name="p")
y = tf.stop_gradient(p) * w
g = tf.gradients(tf.reduce_sum(y), [w, p])
with tf.Session() as sess:
    print(sess.run(tf.report_uninitialized_variables()))
    sess.run([tf.global_variables_initializer(), tf.local_variables_initializer()])
    print(sess.run(total))
    print(sess.run(g[0]), g[1])
    print(sess.run(tf.is_variable_initialized(w)))
    print(sess.run(tf.clip_by_value(w, -1.0, 0.5)))
    print(sess.run(tf.to_float(tf.constant([1, 2]))), sess.run(tf.to_int32(tf.constant([1.7]))))
    print(sess.run(tf.reduce_sum(tf.ones([2, 3]), 1, keep_dims=True)))
    print(sess.run(tf.arg_max(tf.constant([[1, 5, 2]]), 1)))
    print(sess.run(tf.squared_difference(3.0, 1.0)))
    print(sess.run(global_step))
    print(sess.run(tf.variables_initializer([w])) is None)
