import tensorflow as tf

v = tf.constant([3.0, -4.0])
print(tf.norm(v))
print(tf.norm(v, ord=1))
print(tf.norm(v, ord=float("inf")))
m = tf.constant([[1.0, -2.0], [3.0, 4.0]])
print(tf.norm(m))
print(tf.norm(m, axis=1))
print(tf.norm(m, axis=0, keepdims=True))
print(tf.norm(m, ord="fro", axis=[0, 1]))
print(tf.norm(m, ord=1, axis=[0, 1]))
print(tf.norm(m, ord=float("inf"), axis=[-2, -1]))
print(tf.norm(m, ord=3, axis=1))
