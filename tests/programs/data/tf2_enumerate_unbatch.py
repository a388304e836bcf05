import tensorflow as tf

ds = tf.data.Dataset.from_tensor_slices(["a", "b", "c"])
for i, letter in ds.enumerate(start=10):
    print(i.numpy(), letter.numpy())
batched = tf.data.Dataset.range(8).batch(3)
flat = batched.unbatch()
print(flat.element_spec, flat.cardinality().numpy())
print(list(flat.as_numpy_iterator()))
