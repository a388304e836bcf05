import numpy as np
import tensorflow as tf

tf.keras.utils.set_random_seed(24)
inputs = tf.keras.Input(shape=(3,))
h = tf.keras.layers.Dense(4, activation="tanh")(inputs)
a = tf.keras.layers.Dense(1, name="a")(h)
b = tf.keras.layers.Dense(1, activation="sigmoid", name="b")(h)
model = tf.keras.Model(inputs, {"a": a, "b": b})
model.compile(
    optimizer="adam", loss={"a": "mse", "b": "binary_crossentropy"}, metrics={"b": ["accuracy"]}
)
rng = np.random.default_rng(24)
x = rng.normal(size=(16, 3)).astype("float32")
ys = {
    "a": rng.normal(size=(16, 1)).astype("float32"),
    "b": (rng.random((16, 1)) > 0.5).astype("float32"),
}
history = model.fit(x, ys, epochs=2, batch_size=8, verbose=0, shuffle=False)
for key in history.history:
    print(key, np.round(history.history[key], 4).tolist())
