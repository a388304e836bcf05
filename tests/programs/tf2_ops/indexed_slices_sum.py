import tensorflow as tf

table = tf.Variable(tf.ones([3, 2]))
with tf.GradientTape(persistent=True) as tape:
    a = tf.reduce_sum(tf.gather(table, [0]))
    b = tf.reduce_sum(tf.gather(table, [2]))
    both = a + 2.0 * b
    mixed = a + tf.reduce_sum(table)
g = tape.gradient(both, table)
print(g)
print(tape.gradient(mixed, table))
print(-g)
print(tf.IndexedSlices(tf.constant([[1.0, 2.0]]), tf.constant([1]), tf.constant([3, 2])))
