import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

labels = tf.constant([[1.0, 0.0], [2.0, 1.0]])
preds = tf.constant([[0.5, 0.5], [2.5, 0.0]])
try:
    tf.losses.mean_squared_error(labels, preds, reduction="mean")
except ValueError as e:
    print("ValueError:", e)
try:
    tf.losses.mean_squared_error(None, preds)
except ValueError as e:
    print("ValueError:", e)
print(tf.losses.Reduction.all())
tf.losses.mean_squared_error(labels, preds, weights=tf.constant([[1.0, 2.0, 3.0]]))
