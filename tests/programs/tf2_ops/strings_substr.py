import tensorflow as tf

s = tf.constant(["hello", "world", "tensor"])
print(tf.strings.substr(s, 1, 3))
print(tf.strings.substr(s, -3, 2))
print(tf.strings.substr(s, [0, 1, 2], [1, 2, 3]))
print(tf.strings.substr("café au lait", 3, 2, unit="UTF8_CHAR"))
print(tf.strings.substr("short", 2, 100))
