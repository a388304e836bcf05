import tensorflow as tf

people = tf.data.Dataset.from_tensor_slices({"name": ["ann", "bo"], "age": [30, 40]})
for i, person in people.enumerate():
    print(i.numpy(), person["name"].numpy(), person["age"].numpy())
numbers = tf.data.Dataset.range(3)
pairs = tf.data.Dataset.zip((numbers, numbers.repeat()))
print(pairs.cardinality().numpy(), list(pairs.as_numpy_iterator()))
print(tf.data.Dataset.zip((numbers.repeat(), numbers.repeat())).cardinality().numpy())
print(numbers.concatenate(numbers.filter(lambda x: x > 0)).cardinality().numpy())
