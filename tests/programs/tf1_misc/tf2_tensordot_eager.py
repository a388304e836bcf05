import tensorflow as tf

a = tf.reshape(tf.range(6.0), [2, 3])
b = tf.reshape(tf.range(12.0), [3, 4])
print(tf.tensordot(a, b, axes=1).numpy())
print(tf.tensordot(a, a, axes=0).shape)
print(tf.tensordot(a, a, axes=[[0, 1], [0, 1]]).numpy())
print(tf.tensordot(tf.constant([1.0, 2.0]), tf.constant([3.0, 4.0]), axes=1).numpy())
with tf.GradientTape() as tape:
    tape.watch(a)
    y = tf.reduce_sum(tf.tensordot(a, b, axes=[[1], [0]]) ** 2)
print(tape.gradient(y, a).numpy())


@tf.function
def contract(x, y):
    return tf.tensordot(x, y, axes=[[1], [0]])


print(contract(a, b).numpy()[1])
print(tf.divide(7, 2).numpy(), tf.math.floordiv(7, 2).numpy(), tf.math.truediv(7, 2).numpy())
tf.tensordot(a, b, axes=[[0, 1], [0]])
