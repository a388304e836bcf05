import tensorflow as tf

logits = tf.constant([[1.0, 2.0, 3.0], [1.0, 1.0, 1.0]])
print(tf.math.softmax(logits).numpy())
print(tf.math.log_softmax(logits).numpy())
print(tf.reduce_max(tf.abs(tf.math.softmax(logits) - tf.nn.softmax(logits))).numpy())

x = tf.constant([7, -7, 7, -7])
y = tf.constant([3, 3, -3, -3])
print("mod", tf.math.mod(x, y).numpy())
print("floormod", tf.math.floormod(x, y).numpy())
print("%", (x % y).numpy())
print("cumsum", tf.math.cumsum(x).numpy())
print("cumsum reverse exclusive", tf.math.cumsum(x, reverse=True, exclusive=True).numpy())
print("logical_xor", tf.math.logical_xor(x > 0, y > 0).numpy())
