import tensorflow as tf

ds = tf.data.Dataset.range(3).map(lambda x: x + 1)


@tf.function
def first_two():
    it = iter(ds)
    a = next(it)
    b = next(it)
    return a + b


print(first_two().numpy(), first_two().numpy())
graph = first_two.get_concrete_function().graph
print([op.type for op in graph.get_operations() if "Iterator" in op.type])


@tf.function
def one_too_many():
    it = iter(tf.data.Dataset.range(1))
    next(it)
    return next(it)


one_too_many()
