import tensorflow as tf

print(tf.sort([3.0, 1.0, 2.0], direction="UP"))
