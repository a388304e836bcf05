import numpy as np
import tensorflow as tf

for constraint in [
    tf.keras.constraints.max_norm(1.0),
    tf.keras.constraints.NonNeg(),
    tf.keras.constraints.unit_norm(),
    tf.keras.constraints.MinMaxNorm(0.5, 1.5, rate=0.5),
]:
    w = tf.constant([[3.0, -0.2], [4.0, 0.1]])
    print(type(constraint).__name__, np.round(constraint(w).numpy(), 4))
layer = tf.keras.layers.Dense(2, kernel_constraint=tf.keras.constraints.NonNeg(), use_bias=False)
layer.build((None, 2))
layer.set_weights([np.array([[0.5, 0.1], [0.2, 0.3]], "float32")])
opt = tf.keras.optimizers.SGD(1.0)
with tf.GradientTape() as tape:
    loss = tf.reduce_sum(layer(tf.constant([[1.0, 2.0]])))
grads = tape.gradient(loss, layer.trainable_variables)
opt.apply_gradients(zip(grads, layer.trainable_variables))
print(layer.kernel.numpy())
