import tensorflow as tf

grads = [tf.constant([3.0, 4.0]), tf.constant([[12.0]])]
clipped, norm = tf.clip_by_global_norm(grads, 6.5)
print(norm)
for c in clipped:
    print(c)
print(tf.linalg.global_norm(grads))
clipped, norm = tf.clip_by_global_norm(grads, 100.0)
print(clipped[0], norm)
