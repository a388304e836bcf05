import os
import tempfile

import numpy as np
import tensorflow as tf

tf.keras.utils.set_random_seed(14)
rng = np.random.default_rng(14)
x = rng.normal(size=(16, 2)).astype("float32")
y = (x[:, :1] > 0).astype("float32")
model = tf.keras.Sequential(
    [tf.keras.Input(shape=(2,)), tf.keras.layers.Dense(1, activation="sigmoid")]
)
model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
with tempfile.TemporaryDirectory() as tmp:
    path = os.path.join(tmp, "log.csv")
    model.fit(
        x,
        y,
        epochs=3,
        batch_size=8,
        verbose=0,
        shuffle=False,
        validation_data=(x, y),
        callbacks=[tf.keras.callbacks.CSVLogger(path)],
    )
    with open(path) as f:
        lines = f.read().splitlines()
print(lines[0])
for line in lines[1:]:
    print([round(float(v), 4) for v in line.split(",")])
