import tensorflow as tf


def tokens():
    yield [1, 2, 3]
    yield [4]


ds = tf.data.Dataset.from_generator(tokens, output_types=tf.int32)
print(ds.element_spec)
print(ds)
for t in ds:
    print(t.numpy(), t.shape)
print(ds.padded_batch(2, padded_shapes=[4]).element_spec)
