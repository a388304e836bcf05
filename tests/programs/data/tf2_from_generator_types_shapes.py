import tensorflow as tf


def rows():
    for i in range(3):
        yield [float(i)] * (i + 1), i


ds = tf.data.Dataset.from_generator(
    rows, output_types=(tf.float32, tf.int64), output_shapes=([None], [])
)
print(ds.element_spec)
for values, label in ds:
    print(values.numpy(), label.numpy())
print(ds.cardinality().numpy())
