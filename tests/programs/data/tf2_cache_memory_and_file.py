import os
import tempfile

import tensorflow as tf

calls = []


def gen():
    calls.append(1)
    yield from range(3)


ds = tf.data.Dataset.from_generator(gen, output_signature=tf.TensorSpec((), tf.int32)).cache()
print(list(ds.as_numpy_iterator()), list(ds.as_numpy_iterator()), len(calls))
path = os.path.join(tempfile.mkdtemp(), "cache")
squares = tf.data.Dataset.range(4).map(lambda x: x * x).cache(path)
print(list(squares.as_numpy_iterator()))
print(list(squares.as_numpy_iterator()))
