import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

rng = np.random.RandomState(3)
logits = tf.constant(rng.randn(3, 4).astype(np.float32))
labels = tf.constant([3, 0, 1])
onehot = tf.one_hot(labels, 4)
weights = tf.constant([0.5, 0.0, 2.0])
R = tf.losses.Reduction
for reduction in [R.NONE, R.SUM, R.MEAN, R.SUM_OVER_BATCH_SIZE, R.SUM_BY_NONZERO_WEIGHTS]:
    tensors = [
        tf.losses.softmax_cross_entropy(onehot, logits, weights, reduction=reduction),
        tf.losses.sparse_softmax_cross_entropy(labels, logits, weights, reduction=reduction),
        tf.losses.sigmoid_cross_entropy(
            onehot, logits, tf.reshape(weights, [3, 1]), reduction=reduction
        ),
        tf.losses.hinge_loss(onehot, logits, reduction=reduction),
        tf.losses.log_loss(onehot, tf.sigmoid(logits), reduction=reduction),
    ]
    with tf.Session() as sess:
        print(reduction, [t.shape.as_list() for t in tensors])
        for value in sess.run(tensors):
            print(np.round(value, 5).tolist())
