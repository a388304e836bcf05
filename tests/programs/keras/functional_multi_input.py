import numpy as np
import tensorflow as tf
from tensorflow import keras

tf.keras.utils.set_random_seed(1)
title = keras.Input(shape=(6,), name="title")
body = keras.Input(shape=(4,), name="body")
a = keras.layers.Dense(3, activation="relu")(title)
b = keras.layers.Dense(3, activation="relu")(body)
merged = keras.layers.concatenate([a, b])
priority = keras.layers.Dense(1, name="priority")(merged)
model = keras.Model(inputs=[title, body], outputs=priority)
model.summary()
rng = np.random.default_rng(1)
xt = rng.normal(size=(20, 6)).astype("float32")
xb = rng.normal(size=(20, 4)).astype("float32")
y = rng.normal(size=(20, 1)).astype("float32")
model.compile(optimizer=keras.optimizers.SGD(0.05), loss="mse")
history = model.fit([xt, xb], y, epochs=2, batch_size=10, verbose=0, shuffle=False)
print([round(v, 4) for v in history.history["loss"]])
print(model.predict([xt[:2], xb[:2]], verbose=0).round(4))
