import tensorflow as tf

# On bools the operators are logical; on integers they are bitwise.
a = tf.constant([True, True, False, False])
b = tf.constant([True, False, True, False])
print("a & b", (a & b).numpy())
print("a | b", (a | b).numpy())
print("a ^ b", (a ^ b).numpy())
print("~a", (~a).numpy())

m = tf.constant([12, 10, 7], dtype=tf.int32)
n = tf.constant([10, 6, 1], dtype=tf.int32)
print("m & n", (m & n).numpy())
print("m | n", (m | n).numpy())
print("m ^ n", (m ^ n).numpy())
print("~m", (~m).numpy())
print("logical_xor", tf.math.logical_xor(a, b).numpy())
print("bitwise_xor", tf.bitwise.bitwise_xor(m, n).numpy())

try:
    tf.constant([1.5]) ^ tf.constant([2.5])
except tf.errors.InvalidArgumentError as error:
    print("float ^ float:", type(error).__name__)
