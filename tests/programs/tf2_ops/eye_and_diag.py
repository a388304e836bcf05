import tensorflow as tf

print(tf.eye(3))
print(tf.eye(2, 3, dtype=tf.int32))
print(tf.eye(2, batch_shape=[2]))
d = tf.linalg.diag([1.0, 2.0, 3.0])
print(d)
print(tf.linalg.diag_part(tf.reshape(tf.range(9.0), [3, 3])))
print(tf.linalg.trace(tf.reshape(tf.range(9.0), [3, 3])))
