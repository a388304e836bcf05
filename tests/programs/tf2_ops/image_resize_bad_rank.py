import tensorflow as tf

print(tf.image.resize(tf.ones([4, 4]), [2, 2]))
