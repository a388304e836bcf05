import tensorflow as tf

ragged = tf.data.Dataset.range(1, 4).map(lambda n: tf.range(n))
print(ragged.element_spec)
print(list(ragged.padded_batch(3).as_numpy_iterator()))
try:
    for batch in ragged.batch(2):
        print(batch)
except tf.errors.InvalidArgumentError as e:
    print(type(e).__name__, "Cannot add tensor to the batch" in str(e))
