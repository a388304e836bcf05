import tensorflow as tf

print(tf.clip_by_global_norm(tf.constant([3.0, 4.0]), 1.0))
