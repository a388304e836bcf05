import numpy as np
import tensorflow as tf

tf.keras.utils.set_random_seed(23)
inputs = tf.keras.Input(shape=(4,), name="features")
shared = tf.keras.layers.Dense(6, activation="relu", name="shared")(inputs)
score = tf.keras.layers.Dense(1, name="score")(shared)
label = tf.keras.layers.Dense(3, activation="softmax", name="label")(shared)
model = tf.keras.Model(inputs=inputs, outputs=[score, label])
model.compile(
    optimizer=tf.keras.optimizers.SGD(0.1),
    loss=["mse", "sparse_categorical_crossentropy"],
    loss_weights=[1.0, 0.5],
    metrics=[["mae"], ["accuracy"]],
)
rng = np.random.default_rng(23)
x = rng.normal(size=(24, 4)).astype("float32")
y_score = rng.normal(size=(24, 1)).astype("float32")
y_label = rng.integers(0, 3, size=(24,))
history = model.fit(x, [y_score, y_label], epochs=2, batch_size=8, verbose=0, shuffle=False)
for key in history.history:
    print(key, np.round(history.history[key], 4).tolist())
print(np.round(model.evaluate(x, [y_score, y_label], verbose=0), 4).tolist())
print(model.metrics_names)
