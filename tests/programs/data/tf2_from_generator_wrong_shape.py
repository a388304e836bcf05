import tensorflow as tf


def pairs():
    yield [1.0, 2.0]
    yield [3.0, 4.0, 5.0]


ds = tf.data.Dataset.from_generator(
    pairs, output_signature=tf.TensorSpec(shape=(2,), dtype=tf.float32)
)
it = iter(ds)
print(next(it).numpy())
print(next(it).numpy())
