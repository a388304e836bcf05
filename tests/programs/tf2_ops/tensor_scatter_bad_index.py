import tensorflow as tf

print(tf.tensor_scatter_nd_update(tf.zeros([3]), [[5]], [1.0]))
