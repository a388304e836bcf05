import tensorflow as tf

params = tf.Variable(tf.reshape(tf.range(12.0), [3, 4]))

with tf.GradientTape(persistent=True) as tape:
    columns = tf.gather(params, [3, 1, 3], axis=1)
    rows = tf.gather(params, [2, 2, 0])
    picked = tf.gather(params, [[0, 3], [1, 1], [2, 0]], batch_dims=1)

print(columns.numpy())
print(tf.convert_to_tensor(tape.gradient(columns, params)).numpy())
print(tf.convert_to_tensor(tape.gradient(rows, params)).numpy())
print(picked.numpy())
print(tf.convert_to_tensor(tape.gradient(picked, params)).numpy())
