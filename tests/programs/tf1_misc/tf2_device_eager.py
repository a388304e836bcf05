import tensorflow as tf

with tf.device("/CPU:0"):
    x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
    y = tf.matmul(x, x)
print(y.device)
print(y.numpy())
# Without a GPU, eager execution places the ops on the CPU (soft placement).
with tf.device("/GPU:0"):
    z = tf.reduce_sum(y)
print(z.device, z.numpy())


@tf.function
def f(a):
    with tf.device("/cpu:0"):
        return a * 2.0


print(f(tf.constant(3.0)).numpy())
graph = f.get_concrete_function(tf.constant(3.0)).graph
print([(op.name, op.device) for op in graph.get_operations()])
