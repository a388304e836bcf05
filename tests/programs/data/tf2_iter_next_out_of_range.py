import tensorflow as tf

it = iter(tf.data.Dataset.from_tensor_slices([10, 20]))
print(next(it).numpy())
print(it.get_next().numpy())
print(next(it, "done"))
it.get_next()
