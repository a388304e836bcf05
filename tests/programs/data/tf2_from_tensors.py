import tensorflow as tf

ds = tf.data.Dataset.from_tensors([1, 2, 3])
print(ds)
print(ds.cardinality())
print(list(ds.as_numpy_iterator()))
pairs = tf.data.Dataset.from_tensors((tf.zeros([2, 2]), "label")).repeat(2)
for matrix, text in pairs:
    print(matrix.shape, text.numpy())
