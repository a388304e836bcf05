import tensorflow as tf

w = tf.Variable([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
x = tf.constant([[1.0, -1.0, 2.0]])
with tf.GradientTape() as tape:
    y = tf.einsum("bi,ij->bj", x, w)
    loss = tf.reduce_sum(y * y)
print(y)
print(tape.gradient(loss, w))


@tf.function
def bilinear(u, v, m):
    return tf.einsum("i,ij,j->", u, m, v)


print(bilinear(tf.constant([1.0, 2.0]), tf.constant([3.0, 4.0]), tf.eye(2)))
