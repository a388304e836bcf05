import os
import tempfile

import numpy as np
import tensorflow as tf

tf.keras.utils.set_random_seed(15)
rng = np.random.default_rng(15)
x = rng.normal(size=(24, 3)).astype("float32")
y = rng.normal(size=(24, 1)).astype("float32")
model = tf.keras.Sequential([tf.keras.Input(shape=(3,)), tf.keras.layers.Dense(1)])
model.compile(optimizer=tf.keras.optimizers.SGD(0.8), loss="mse")
with tempfile.TemporaryDirectory() as tmp:
    path = os.path.join(tmp, "best.weights.h5")
    checkpoint = tf.keras.callbacks.ModelCheckpoint(
        path, monitor="val_loss", save_best_only=True, save_weights_only=True
    )
    history = model.fit(
        x,
        y,
        epochs=5,
        batch_size=24,
        verbose=0,
        shuffle=False,
        validation_data=(x[:8], y[:8]),
        callbacks=[checkpoint],
    )
    val = history.history["val_loss"]
    print(np.round(val, 4).tolist(), int(np.argmin(val)))
    print(round(float(checkpoint.best), 4))
    model.load_weights(path)
    print(round(float(model.evaluate(x[:8], y[:8], verbose=0)), 4))
try:
    tf.keras.callbacks.ModelCheckpoint("weights.ckpt", save_weights_only=True)
except ValueError as error:
    print(error)
