import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

logits = tf.Variable([[2.0, 1.0, 0.1], [0.5, 2.5, 0.3]])
labels = tf.Variable([[0.7, 0.2, 0.1], [0.0, 1.0, 0.0]])
v1 = tf.nn.softmax_cross_entropy_with_logits(labels=labels, logits=logits)
v2 = tf.nn.softmax_cross_entropy_with_logits_v2(labels=labels, logits=logits)
log_probs = tf.nn.log_softmax(logits)
manual = -tf.reduce_sum(labels * log_probs, axis=1)
print(v1.name, v2.name, log_probs.name)
g1 = tf.gradients(tf.reduce_sum(v1), [logits, labels])
g2 = tf.gradients(tf.reduce_sum(v2), [logits, labels])
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    print(sess.run([v1, v2, manual]))
    print(g1[1] is None, sess.run(g1[0]))
    print(sess.run(g2))
