import tensorflow as tf

floats = tf.constant([1.0, 2.0])
ints = tf.constant([1, 2])
attempts = {
    "where": lambda: tf.where(tf.constant([True, False]), floats, ints),
    "stack": lambda: tf.stack([floats, ints]),
    "concat": lambda: tf.concat([floats, ints], 0),
    "add": lambda: tf.add(floats, ints),
    "add_n": lambda: tf.math.add_n([floats, ints]),
}
for name, attempt in attempts.items():
    try:
        attempt()
    except tf.errors.InvalidArgumentError as error:
        print(name, type(error).__name__, str(error).split("[Op")[0].strip())
