import tensorflow as tf

print(tf.math.top_k(tf.constant([1.0, 2.0, 3.0]), k=5))
