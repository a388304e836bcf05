import tensorflow as tf

g = tf.constant([[3.0, 4.0], [6.0, 8.0]])
print(tf.clip_by_norm(g, 5.0))
print(tf.clip_by_norm(g, 5.0, axes=[1]))
print(tf.clip_by_norm(tf.constant([0.3, 0.4]), 5.0))
print(tf.clip_by_value(g, 4.0, 7.0))
