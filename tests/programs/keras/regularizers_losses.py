import numpy as np
import tensorflow as tf

tf.keras.utils.set_random_seed(9)
layer = tf.keras.layers.Dense(
    3, kernel_regularizer=tf.keras.regularizers.l2(0.1), bias_regularizer="l1"
)
layer.build((None, 2))
layer.set_weights(
    [
        np.array([[1.0, -2.0, 0.5], [0.0, 1.0, -1.0]], "float32"),
        np.array([0.5, -0.5, 1.0], "float32"),
    ]
)
print([round(float(v), 4) for v in layer.losses])
for reg in [
    tf.keras.regularizers.L1(0.2),
    tf.keras.regularizers.L2(),
    tf.keras.regularizers.l1_l2(l1=0.1, l2=0.2),
    tf.keras.regularizers.L1L2(l2=0.3),
    tf.keras.regularizers.get("l1_l2"),
]:
    print(
        type(reg).__name__,
        round(float(reg(tf.constant([[1.0, -2.0], [3.0, 0.5]]))), 4),
        reg.get_config(),
    )
model = tf.keras.Sequential([tf.keras.Input(shape=(2,)), layer])
print(len(model.losses), round(float(tf.add_n(model.losses)), 4))
