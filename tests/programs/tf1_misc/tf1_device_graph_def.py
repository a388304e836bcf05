import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

with tf.device("/cpu:0"):
    a = tf.constant(3.0, name="a")
    b = tf.square(a, name="b")
c = tf.add(b, 1.0, name="c")
graph_def = tf.get_default_graph().as_graph_def()
for node in graph_def.node:
    print(node.name, node.op, repr(node.device))

with tf.Graph().as_default() as g:
    tf.import_graph_def(graph_def, name="")
    print([(op.name, op.device) for op in g.get_operations()])
    with tf.Session() as sess:
        print(sess.run("c:0"))
