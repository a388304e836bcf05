import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

x = tf.placeholder(tf.float32, [None], name="x")
y = tf.check_numerics(tf.log(x), "log of x")
grad = tf.gradients(tf.reduce_sum(y), x)[0]
print(y.op.type)
print([op.type for op in grad.graph.get_operations() if op.type == "CheckNumerics"])
with tf.Session() as sess:
    print(sess.run([y, grad], {x: [1.0, 2.0]}))
    sess.run(y, {x: [1.0, -1.0]})
