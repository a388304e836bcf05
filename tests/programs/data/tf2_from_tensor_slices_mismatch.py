import tensorflow as tf

xs = tf.constant([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
ys = tf.constant([0, 1])
print("building the dataset")
ds = tf.data.Dataset.from_tensor_slices((xs, ys))
print(ds)
