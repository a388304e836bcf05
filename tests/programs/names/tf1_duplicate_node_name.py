# A name ending in "/" is taken as it is, without a _1 suffix: a second op of that name
# is refused.
import tensorflow as tf

tf.compat.v1.disable_v2_behavior()

a = tf.constant(1.0, name="a/")
print(a.name)
b = tf.add(a, 1.0, name="b")
print(b.name)
tf.add(a, 2.0, name="b/")
