import tensorflow as tf

t = tf.zeros([5], dtype=tf.int32)
print(tf.tensor_scatter_nd_update(t, [[1], [3]], [7, 9]))
print(tf.tensor_scatter_nd_add(tf.ones([4]), [[0], [0], [2]], [1.0, 2.0, 3.0]))
m = tf.reshape(tf.range(6.0), [2, 3])
print(tf.tensor_scatter_nd_update(m, [[0, 2], [1, 0]], [-1.0, -2.0]))
print(tf.tensor_scatter_nd_update(m, [[1]], [[10.0, 11.0, 12.0]]))
print(tf.tensor_scatter_nd_sub(m, [[0, 0]], [5.0]))
print(tf.scatter_nd([[0], [2]], [1.0, 2.0], [4]))
