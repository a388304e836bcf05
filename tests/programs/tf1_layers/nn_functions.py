import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

x = tf.constant([[-2.0, -0.5, 0.0], [0.5, 1.0, 3.0]])
labels = tf.constant([[0.0, 1.0, 1.0], [1.0, 0.0, 1.0]])
outputs = {
    "selu": tf.nn.selu(x),
    "l2_normalize": tf.nn.l2_normalize(x, axis=1),
    "l2_normalize_all": tf.nn.l2_normalize(x),
    "log_softmax": tf.nn.log_softmax(x),
    "l2_loss": tf.nn.l2_loss(x),
    "weighted_xent": tf.nn.weighted_cross_entropy_with_logits(
        labels=labels, logits=x, pos_weight=2.0
    ),
    "sigmoid_xent": tf.nn.sigmoid_cross_entropy_with_logits(labels=labels, logits=x),
    "softmax_xent": tf.nn.softmax_cross_entropy_with_logits(labels=labels / 2, logits=x),
    "softmax_xent_v2": tf.nn.softmax_cross_entropy_with_logits_v2(labels=labels / 2, logits=x),
}
mean, var = tf.nn.moments(x, axes=[0])
outputs["moments"] = tf.stack([mean, var])
outputs["batchnorm"] = tf.nn.batch_normalization(x, mean, var, 0.5, 2.0, 1e-3)
with tf.Session() as sess:
    for name, value in sess.run(outputs).items():
        print(name, np.round(value, 5).tolist())
    print(outputs["selu"].name, outputs["l2_normalize"].name, outputs["batchnorm"].name)
    print(outputs["weighted_xent"].name, mean.name, var.name)
