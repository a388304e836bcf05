import numpy as np
import tensorflow as tf


def samples(n):
    for i in range(n):
        yield {"x": np.full((2,), i, np.float32), "y": i % 2}


sig = {
    "x": tf.TensorSpec(shape=(2,), dtype=tf.float32),
    "y": tf.TensorSpec(shape=(), dtype=tf.int32),
}
ds = tf.data.Dataset.from_generator(samples, args=[4], output_signature=sig)
print(ds.element_spec)
for batch in ds.batch(2):
    print(batch["x"].numpy().tolist(), batch["y"].numpy().tolist())
