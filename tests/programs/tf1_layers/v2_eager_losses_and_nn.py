import tensorflow as tf

labels = tf.constant([[1.0, 0.0], [0.0, 1.0]])
logits = tf.constant([[2.0, -1.0], [0.5, 0.5]])
print(tf.compat.v1.losses.softmax_cross_entropy(labels, logits).numpy())
print(tf.compat.v1.losses.mean_squared_error(labels, tf.nn.sigmoid(logits), weights=[[1.0], [2.0]]))
print(tf.compat.v1.losses.get_losses())
x = tf.Variable([-1.0, 0.5, 2.0])
with tf.GradientTape() as tape:
    y = tf.reduce_sum(tf.nn.selu(x) + tf.nn.l2_normalize(x))
print(y.numpy(), tape.gradient(y, x).numpy())
mean, variance = tf.nn.moments(x, axes=[0])
print(mean.numpy(), variance.numpy())
print(tf.nn.embedding_lookup(tf.reshape(tf.range(6.0), [3, 2]), [2, 0]).numpy())
decayed = tf.compat.v1.train.exponential_decay(0.1, 5, 2, 0.5, staircase=True)
print(callable(decayed), decayed().numpy())
print(tf.nn.weighted_cross_entropy_with_logits(labels, logits, pos_weight=2.0).numpy())
