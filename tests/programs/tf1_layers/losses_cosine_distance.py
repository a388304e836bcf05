import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

labels = tf.nn.l2_normalize(tf.constant([[1.0, 0.0, 1.0], [0.0, 2.0, 1.0]]), axis=1)
predictions = tf.nn.l2_normalize(tf.constant([[0.5, 0.5, 1.0], [1.0, 1.0, 0.0]]), axis=1)
loss = tf.losses.cosine_distance(labels, predictions, axis=1)
per_example = tf.losses.cosine_distance(
    labels, predictions, axis=1, reduction=tf.losses.Reduction.NONE
)
weighted = tf.losses.cosine_distance(labels, predictions, axis=1, weights=[[2.0], [0.0]])
print(loss.name, per_example.shape.as_list())
with tf.Session() as sess:
    print(sess.run([loss, per_example, weighted]))
tf.losses.cosine_distance(labels, predictions)
