import tensorflow as tf

x = tf.constant([0.5, 2.0, 3.5, 4.0])
print(tf.debugging.Assert(tf.reduce_all(x > 0), [x]))
try:
    tf.debugging.Assert(tf.reduce_all(x < 3), ["x too large:", x], summarize=2)
except tf.errors.InvalidArgumentError as e:
    print(e)
try:
    tf.Assert(False, ["bad value", 3.5])
except tf.errors.InvalidArgumentError as e:
    print(e)
tf.debugging.assert_equal(tf.shape(x), [4])
print(tf.debugging.check_numerics(x, "x is finite").numpy())
tf.debugging.check_numerics(tf.math.log(x - 1.0), "log(x - 1)")
