import numpy as np
import tensorflow as tf

rng = np.random.default_rng(3)
x = rng.random((24, 3)).astype("float32")
y = rng.random((24, 2)).astype("float32")
for loss in ["mse", "mean_absolute_error", "huber", "kld", "msle", "log_cosh", "poisson", "bce"]:
    tf.keras.utils.set_random_seed(3)
    model = tf.keras.Sequential(
        [tf.keras.Input(shape=(3,)), tf.keras.layers.Dense(2, activation="softplus")]
    )
    model.compile(optimizer="sgd", loss=loss, metrics=["mape"])
    history = model.fit(x, y, epochs=2, batch_size=12, verbose=0, shuffle=False)
    print(loss, {k: np.round(v, 4).tolist() for k, v in history.history.items()})
