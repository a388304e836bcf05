import tensorflow as tf

m = tf.constant([[1.0, -2.0], [3.0, 4.0]])
print(tf.norm(m, ord=-1))
