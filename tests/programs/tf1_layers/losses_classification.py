import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

rng = np.random.RandomState(0)
logits = tf.constant(rng.randn(4, 3).astype(np.float32))
onehot = tf.one_hot([0, 2, 1, 2], 3)
sparse = tf.constant([0, 2, 1, 2])
weights = tf.constant([1.0, 2.0, 0.0, 0.5])
losses = [
    tf.losses.softmax_cross_entropy(onehot, logits),
    tf.losses.softmax_cross_entropy(onehot, logits, label_smoothing=0.1),
    tf.losses.softmax_cross_entropy(onehot, logits, weights=weights),
    tf.losses.sparse_softmax_cross_entropy(sparse, logits),
    tf.losses.sparse_softmax_cross_entropy(sparse, logits, weights=weights),
    tf.losses.sparse_softmax_cross_entropy(tf.reshape(sparse, [4, 1]), logits),
    tf.losses.sigmoid_cross_entropy(onehot, logits),
    tf.losses.sigmoid_cross_entropy(onehot, logits, label_smoothing=0.2),
    tf.losses.hinge_loss(onehot, logits),
    tf.losses.log_loss(onehot, tf.nn.sigmoid(logits)),
    tf.losses.log_loss(onehot, tf.nn.sigmoid(logits), weights=tf.reshape(weights, [4, 1])),
]
with tf.Session() as sess:
    for t, v in zip(losses, sess.run(losses)):
        print(t.name, v)
    print([t.name for t in tf.get_collection(tf.GraphKeys.LOSSES)])
