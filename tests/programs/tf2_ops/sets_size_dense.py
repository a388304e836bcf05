import tensorflow as tf

print(tf.sets.size(tf.constant([[1, 2, 2]])))
