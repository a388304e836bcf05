import tensorflow as tf

flags = tf.constant([True, False, True, True])
print("any", tf.reduce_any(flags).numpy(), "all", tf.reduce_all(flags).numpy())

# The mean of bools is refused: cast first.
try:
    tf.reduce_mean(flags)
except tf.errors.InvalidArgumentError as error:
    print("reduce_mean(bool):", type(error).__name__)
print("fraction true", tf.reduce_mean(tf.cast(flags, tf.float32)).numpy())

# reduce_any wants bools.
numbers = tf.constant([[0.0, 1.0], [0.0, 0.0]])
try:
    tf.reduce_any(numbers, axis=1)
except tf.errors.InvalidArgumentError as error:
    print("reduce_any(float):", type(error).__name__)
print(tf.reduce_any(numbers > 0, axis=1).numpy())

try:
    tf.reduce_max(flags)
except tf.errors.InvalidArgumentError as error:
    print("reduce_max(bool):", type(error).__name__)
