import numpy as np
import tensorflow as tf

tf.keras.utils.set_random_seed(13)
rng = np.random.default_rng(13)
x = rng.normal(size=(30, 3)).astype("float32")
y = rng.normal(size=(30, 1)).astype("float32")
model = tf.keras.Sequential([tf.keras.Input(shape=(3,)), tf.keras.layers.Dense(1)])
model.compile(optimizer=tf.keras.optimizers.SGD(0.3), loss="mse")
callbacks = [
    tf.keras.callbacks.ReduceLROnPlateau(monitor="loss", factor=0.5, patience=1, min_lr=0.01),
    tf.keras.callbacks.EarlyStopping(monitor="loss", patience=3, min_delta=0.01),
]
history = model.fit(x, y, epochs=12, batch_size=30, verbose=0, shuffle=False, callbacks=callbacks)
print(len(history.history["loss"]), history.epoch)
print(np.round(history.history["loss"], 4).tolist())
print(np.round(history.history["learning_rate"], 4).tolist())
