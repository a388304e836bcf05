import tensorflow as tf

# Labels that do not sum to 1: the logits' gradient is softmax * sum(labels) - labels.
logits = tf.Variable([[1.0, 2.0, 0.5], [0.0, -1.0, 1.0]])
labels = tf.constant([[1.0, 1.0, 0.0], [0.2, 0.3, 0.1]])

with tf.GradientTape() as tape:
    loss = tf.nn.softmax_cross_entropy_with_logits(labels=labels, logits=logits)
print("loss", loss.numpy())
print("grad", tape.gradient(loss, logits).numpy())

with tf.GradientTape() as tape:
    total = tf.reduce_sum(tf.nn.sigmoid_cross_entropy_with_logits(labels=labels, logits=logits))
print("sigmoid grad", tape.gradient(total, logits).numpy())
