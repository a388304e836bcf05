import tensorflow as tf

scores = tf.constant([[0.1, 0.7, 0.2], [0.5, 0.3, 0.2]])
result = tf.math.top_k(scores, k=2)
print(result.values)
print(result.indices)
values, indices = tf.nn.top_k([1, 5, 3, 5, 2], k=3)
print(values.numpy(), indices.numpy())
x = tf.Variable([1.0, 4.0, 2.0, 3.0])
with tf.GradientTape() as tape:
    top = tf.math.top_k(x, k=2).values
    loss = tf.reduce_sum(top * tf.constant([10.0, 1.0]))
print(tape.gradient(loss, x))
