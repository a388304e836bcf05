import tensorflow as tf


def report(check):
    try:
        check()
        print("passed")
    except (tf.errors.InvalidArgumentError, ValueError, TypeError) as e:
        print(type(e).__name__ + ":", str(e).replace("\n", " | "))


x = tf.constant([1, 2, 3])
y = tf.constant([1, 2, 4])
report(lambda: tf.debugging.assert_equal(x, x))
report(lambda: tf.debugging.assert_equal(x, y))
report(lambda: tf.debugging.assert_equal(x, y, message="mismatch", summarize=2))
report(lambda: tf.debugging.assert_none_equal(x, y))
report(lambda: tf.debugging.assert_less(x, 3))
report(lambda: tf.debugging.assert_less_equal(x, 3))
report(lambda: tf.debugging.assert_greater(tf.constant([[1, 5]]), tf.constant([[2, 3]])))
report(lambda: tf.debugging.assert_greater_equal(y, x))
report(lambda: tf.debugging.assert_positive(tf.constant([1.0, -2.0])))
report(lambda: tf.debugging.assert_non_negative(tf.constant([[1, -1], [2, 3]])))
report(lambda: tf.debugging.assert_negative(x, message="expected negatives"))
report(lambda: tf.debugging.assert_rank(x, 2))
report(lambda: tf.debugging.assert_type(x, tf.float32))
report(lambda: tf.debugging.assert_near(tf.constant([1.0, 2.0]), tf.constant([1.0, 2.1])))
report(lambda: tf.debugging.assert_near(tf.constant([1.0]), tf.constant([1.05]), atol=0.1))
