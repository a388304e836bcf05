import tensorflow as tf

# Some ops accept a dtype that has no CPU kernel: eagerly the op cannot be placed.
for name, attempt in [
    ("reciprocal int32", lambda: tf.math.reciprocal(tf.constant([2, 4]))),
    ("matmul uint8", lambda: tf.matmul(tf.ones([2, 2], tf.uint8), tf.ones([2, 2], tf.uint8))),
    ("matmul int32", lambda: tf.matmul(tf.ones([2, 2], tf.int32), tf.ones([2, 2], tf.int32))),
]:
    try:
        print(name, attempt().numpy().tolist())
    except tf.errors.NotFoundError as error:
        print(name, type(error).__name__)


@tf.function
def reciprocal(x):
    return tf.math.reciprocal(x)


try:
    reciprocal(tf.constant([2, 4]))
except tf.errors.InvalidArgumentError as error:
    print("in a tf.function:", type(error).__name__)
