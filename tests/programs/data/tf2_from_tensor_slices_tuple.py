import numpy as np
import tensorflow as tf

features = np.arange(8, dtype=np.float32).reshape(4, 2)
labels = np.array([0, 1, 0, 1])
ds = tf.data.Dataset.from_tensor_slices((features, labels))
print(ds.element_spec)
print(ds.cardinality().numpy(), len(ds))
for x, y in ds:
    print(x.numpy(), y.numpy())
