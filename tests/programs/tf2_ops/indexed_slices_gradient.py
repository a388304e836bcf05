import tensorflow as tf

embeddings = tf.Variable([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0], [7.0, 8.0]])
with tf.GradientTape() as tape:
    rows = tf.gather(embeddings, [0, 2, 0])
    loss = tf.reduce_sum(rows * rows)
grad = tape.gradient(loss, embeddings)
print(type(grad).__name__)
print(grad.indices)
print(grad.values)
print(grad.dense_shape)
print(tf.convert_to_tensor(grad))
print(grad.shape, grad.dtype)
