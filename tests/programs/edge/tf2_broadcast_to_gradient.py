import tensorflow as tf

row = tf.Variable([1.0, 2.0, 3.0])
column = tf.Variable([[1.0], [2.0]])

with tf.GradientTape(persistent=True) as tape:
    grid = tf.broadcast_to(row, [2, 3])
    tall = tf.broadcast_to(column, [2, 3])
    weighted = tf.reduce_sum(grid * tf.constant([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]))

print(grid.numpy())
print("d grid / d row", tape.gradient(grid, row).numpy())
print("d tall / d column", tape.gradient(tall, column).numpy())
print("d weighted / d row", tape.gradient(weighted, row).numpy())
