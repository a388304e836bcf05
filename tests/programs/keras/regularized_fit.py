import numpy as np
import tensorflow as tf

tf.keras.utils.set_random_seed(10)
rng = np.random.default_rng(10)
x = rng.normal(size=(32, 4)).astype("float32")
y = rng.normal(size=(32, 1)).astype("float32")
model = tf.keras.Sequential(
    [
        tf.keras.Input(shape=(4,)),
        tf.keras.layers.Dense(
            8, activation="relu", kernel_regularizer=tf.keras.regularizers.l2(0.01)
        ),
        tf.keras.layers.Dense(
            1,
            kernel_regularizer=tf.keras.regularizers.l1(0.01),
            activity_regularizer=tf.keras.regularizers.l2(0.001),
        ),
    ]
)
model.compile(optimizer=tf.keras.optimizers.SGD(0.05), loss="mse")
history = model.fit(x, y, epochs=3, batch_size=8, verbose=0, shuffle=False)
print(np.round(history.history["loss"], 4).tolist())
print(round(float(model.evaluate(x, y, verbose=0)), 4))
