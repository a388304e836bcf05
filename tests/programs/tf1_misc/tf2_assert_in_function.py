import tensorflow as tf


@tf.function
def safe_sqrt(x):
    tf.debugging.assert_non_negative(x, message="sqrt of a negative")
    return tf.sqrt(x)


print(safe_sqrt(tf.constant([4.0, 9.0])).numpy())
graph = safe_sqrt.get_concrete_function(tf.constant([4.0, 9.0])).graph
print(sorted({op.type for op in graph.get_operations()} & {"Assert", "Sqrt", "LessEqual", "All"}))
try:
    safe_sqrt(tf.constant([4.0, -1.0]))
except tf.errors.InvalidArgumentError as e:
    print(type(e).__name__, "raised")
