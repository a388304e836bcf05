import tensorflow as tf

table = tf.Variable([[0.5, -0.5], [1.0, 1.0], [2.0, -2.0]])
opt = tf.keras.optimizers.SGD(learning_rate=0.25)
for ids in ([0, 1], [1, 1], [2]):
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(tf.square(tf.gather(table, ids)))
    grads = tape.gradient(loss, [table])
    opt.apply_gradients(zip(grads, [table]))
    print(table.numpy())
clipped, norm = tf.clip_by_global_norm([tf.convert_to_tensor(grads[0])], 1.0)
print(norm)
