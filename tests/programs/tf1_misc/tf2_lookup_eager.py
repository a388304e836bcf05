import tensorflow as tf

init = tf.lookup.KeyValueTensorInitializer(["a", "b", "c"], [10, 20, 30])
table = tf.lookup.StaticHashTable(init, default_value=-1)
print(table.lookup(tf.constant(["b", "z", "a"])))
print(table.size(), table.lookup(tf.constant([["a", "c"], ["q", "b"]])))
print(table.key_dtype, table.value_dtype, table.default_value)
floats = tf.lookup.StaticHashTable(
    tf.lookup.KeyValueTensorInitializer(
        [1, 2], [1.5, 2.5], key_dtype=tf.int64, value_dtype=tf.float32
    ),
    0.0,
)
print(floats.lookup(tf.constant([2, 3], tf.int64)))
print(table[tf.constant("c")])


@tf.function
def encode(words):
    return table.lookup(words) * 2


print(encode(tf.constant(["c", "a"])))
for batch in tf.data.Dataset.from_tensor_slices(["a", "c", "x"]).map(table.lookup).batch(3):
    print(batch)
table.lookup(tf.constant([1, 2]))
