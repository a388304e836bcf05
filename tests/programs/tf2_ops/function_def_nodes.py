import tensorflow as tf


@tf.function
def affine(x):
    w = tf.constant([[1.0], [2.0]])
    return tf.nn.relu(tf.matmul(x, w) + 1.0)


concrete = affine.get_concrete_function(tf.TensorSpec([None, 2], tf.float32))
fdef = concrete.function_def
print([arg.name for arg in fdef.signature.input_arg])
print([node.op for node in fdef.node_def])
print(sorted(fdef.ret))
graph_def = concrete.graph.as_graph_def()
print([node.op for node in graph_def.node])
print(concrete(tf.constant([[1.0, -1.0], [2.0, 3.0]])))
