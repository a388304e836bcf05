import numpy as np
import tensorflow as tf

rank_3_tensor = tf.constant(
    [
        [[0, 1, 2, 3, 4], [5, 6, 7, 8, 9]],
        [[10, 11, 12, 13, 14], [15, 16, 17, 18, 19]],
        [[20, 21, 22, 23, 24], [25, 26, 27, 28, 29]],
    ]
)
print(rank_3_tensor.shape, rank_3_tensor.ndim, tf.size(rank_3_tensor).numpy())
print(rank_3_tensor[:, :, 4])
print(tf.reshape(rank_3_tensor, [3, -1]))
print(tf.transpose(rank_3_tensor, [1, 0, 2]).shape)
x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
print(np.array(x))
print(tf.reduce_max(x), tf.argmax(x), tf.nn.softmax(x))
print(tf.cast(x, tf.int32))
print(tf.concat([x, x], axis=0).shape, tf.stack([x, x]).shape)
print(tf.expand_dims(x, 0).shape, tf.squeeze(tf.ones([1, 2, 1])).shape)
print(x * tf.constant([10.0, 20.0]))
print(tf.where(x > 2, x, tf.zeros_like(x)))
print(tf.one_hot([0, 2], 3))
print(tf.range(1, 10, delta=3))
print(tf.zeros([2, 3], dtype=tf.int64))
print(tf.fill([2, 2], 7))
print(tf.gather(x, [1, 0]))
print(tf.tile(tf.constant([1, 2]), [3]))
