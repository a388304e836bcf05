import tensorflow as tf

t = tf.Variable([1.0, 2.0, 3.0, 4.0])
u = tf.Variable([10.0, 20.0])
with tf.GradientTape() as tape:
    out = tf.tensor_scatter_nd_update(t, [[0], [2]], u)
    loss = tf.reduce_sum(out * tf.constant([1.0, 2.0, 3.0, 4.0]))
g_t, g_u = tape.gradient(loss, [t, u])
print(out)
print(g_t)
print(g_u)
