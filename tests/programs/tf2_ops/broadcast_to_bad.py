import tensorflow as tf

print(tf.broadcast_to(tf.constant([1, 2, 3]), [2, 2]))
