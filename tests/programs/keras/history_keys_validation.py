import numpy as np
import tensorflow as tf

tf.keras.utils.set_random_seed(6)
rng = np.random.default_rng(6)
x = rng.normal(size=(30, 4)).astype("float32")
y = (x[:, :1] > 0).astype("float32")
model = tf.keras.Sequential(
    [tf.keras.Input(shape=(4,)), tf.keras.layers.Dense(1, activation="sigmoid")]
)
model.compile(
    optimizer=tf.keras.optimizers.Adam(0.01),
    loss="binary_crossentropy",
    metrics=["accuracy", tf.keras.metrics.AUC(name="auc"), "mse"],
)
history = model.fit(x, y, validation_split=0.2, epochs=2, batch_size=8, verbose=0, shuffle=False)
print(list(history.history))
for key in sorted(history.history):
    print(key, np.round(history.history[key], 4).tolist())
result = model.evaluate(x, y, verbose=0, return_dict=True)
print(list(result))
print(model.metrics_names)
