# Python's check of op names lets a final newline through ("$" matches before it); the
# runtime refuses the node when a session first runs the graph.
import tensorflow as tf

tf.compat.v1.disable_v2_behavior()

value = tf.constant(1.0, name="value\n")
print(repr(value.op.name))
with tf.compat.v1.Session() as sess:
    try:
        sess.run(value)
    except tf.errors.InvalidArgumentError as error:
        print("InvalidArgumentError:", str(error).split("\n\n")[1].splitlines()[0])
total = tf.add(value, 1.0, name="total\n")
