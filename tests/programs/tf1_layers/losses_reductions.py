import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

labels = tf.constant([[1.0, 0.0], [2.0, 1.0], [0.5, -1.0]])
preds = tf.constant([[0.5, 0.5], [2.5, 0.0], [0.0, -2.0]])
weights = tf.constant([[1.0], [0.0], [2.0]])
R = tf.losses.Reduction
results = {}
for name in ["NONE", "SUM", "MEAN", "SUM_OVER_BATCH_SIZE", "SUM_BY_NONZERO_WEIGHTS"]:
    reduction = getattr(R, name)
    results[name] = (
        tf.losses.mean_squared_error(labels, preds, weights=weights, reduction=reduction),
        tf.losses.absolute_difference(labels, preds, weights=weights, reduction=reduction),
        tf.losses.huber_loss(labels, preds, weights=weights, delta=0.75, reduction=reduction),
    )
with tf.Session() as sess:
    for name, tensors in results.items():
        for t, v in zip(tensors, sess.run(tensors)):
            print(name, t.name, t.shape, v)
print(len(tf.losses.get_losses()))
