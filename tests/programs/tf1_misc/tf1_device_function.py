import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()


def place(op):
    # Put the variables' ops on one device, everything else on another.
    return "/cpu:0" if op.type in ("VariableV2", "Assign") else "/device:CPU:0"


with tf.device(place):
    w = tf.Variable([[1.0], [2.0]], name="w")
    x = tf.placeholder(tf.float32, [None, 2], name="x")
    y = tf.matmul(x, w, name="y")
for op in tf.get_default_graph().get_operations():
    print(op.name, op.type, repr(op.device))
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    print(sess.run(y, {x: [[1.0, 1.0], [2.0, 0.5]]}))
