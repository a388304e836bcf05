import os
import tempfile

import numpy as np
import tensorflow as tf

tf.keras.utils.set_random_seed(19)
a = tf.keras.Input(shape=(3,), name="a")
b = tf.keras.Input(shape=(2,), name="b")
h = tf.keras.layers.Dense(4, activation="tanh", name="ha")(a)
merged = tf.keras.layers.Concatenate(name="cat")([h, b])
out = tf.keras.layers.Dense(1, name="out")(merged)
model = tf.keras.Model([a, b], out, name="two_inputs")
xa = np.linspace(-1, 1, 6, dtype="float32").reshape(2, 3)
xb = np.ones((2, 2), dtype="float32")
with tempfile.TemporaryDirectory() as tmp:
    path = os.path.join(tmp, "f.keras")
    model.save(path)
    loaded = tf.keras.models.load_model(path)
print(type(loaded).__name__, loaded.name, [layer.name for layer in loaded.layers])
print(np.allclose(model([xa, xb]), loaded([xa, xb])))
config = model.get_config()
print(sorted(config), [layer["class_name"] for layer in config["layers"]])
print(config["input_layers"], config["output_layers"])
