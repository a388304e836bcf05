import tensorflow as tf

x = tf.constant([1, 2, 3])
y = tf.constant([4, 5])
X, Y = tf.meshgrid(x, y)
print(X)
print(Y)
rows, cols = tf.meshgrid(x, y, indexing="ij")
print(rows)
print(cols)
