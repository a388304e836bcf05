import os
import tempfile

import numpy as np
import tensorflow as tf

tf.keras.utils.set_random_seed(18)
rng = np.random.default_rng(18)
x = rng.normal(size=(16, 4)).astype("float32")
y = rng.normal(size=(16, 1)).astype("float32")
model = tf.keras.Sequential(
    [
        tf.keras.Input(shape=(4,)),
        tf.keras.layers.Dense(5, activation="relu"),
        tf.keras.layers.Dropout(0.2),
        tf.keras.layers.Dense(1),
    ],
    name="regressor",
)
model.compile(optimizer="adam", loss="mse", metrics=["mae"])
model.fit(x, y, epochs=2, verbose=0, shuffle=False)
with tempfile.TemporaryDirectory() as tmp:
    path = os.path.join(tmp, "model.keras")
    model.save(path)
    loaded = tf.keras.models.load_model(path)
print(type(loaded).__name__, loaded.name, [layer.name for layer in loaded.layers])
print([layer.get_config()["name"] for layer in loaded.layers], loaded.layers[0].units)
print(np.allclose(model.predict(x, verbose=0), loaded.predict(x, verbose=0)))
print(loaded.compiled, loaded.loss)
print(np.round(loaded.evaluate(x, y, verbose=0), 4).tolist())
loaded.summary()
