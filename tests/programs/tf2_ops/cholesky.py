import tensorflow as tf

a = tf.constant([[4.0, 2.0], [2.0, 3.0]])
chol = tf.linalg.cholesky(a)
print(chol)
print(tf.matmul(chol, chol, transpose_b=True))
v = tf.Variable(a)
with tf.GradientTape() as tape:
    loss = tf.reduce_sum(tf.linalg.cholesky(v))
print(tape.gradient(loss, v))
