import tensorflow as tf

ds = tf.data.Dataset.from_tensor_slices({"age": [31, 45, 22], "height": [1.7, 1.8, 1.6]})
print(ds.element_spec)
for row in ds:
    print(row["age"].numpy(), round(float(row["height"]), 2))
print(list(ds.map(lambda d: d["age"] * 2).as_numpy_iterator()))
