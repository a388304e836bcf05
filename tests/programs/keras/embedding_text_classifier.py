import numpy as np
import tensorflow as tf

tf.keras.utils.set_random_seed(20)
rng = np.random.default_rng(20)
x = rng.integers(0, 50, size=(32, 6))
y = (x[:, 0] > 25).astype("float32")
model = tf.keras.Sequential(
    [
        tf.keras.Input(shape=(6,), dtype="int32"),
        tf.keras.layers.Embedding(50, 4),
        tf.keras.layers.Flatten(),
        tf.keras.layers.Dense(8, activation="relu"),
        tf.keras.layers.Dense(1, activation="sigmoid"),
    ]
)
model.compile(
    optimizer=tf.keras.optimizers.SGD(0.5), loss="binary_crossentropy", metrics=["accuracy"]
)
model.summary()
history = model.fit(x, y, epochs=2, batch_size=8, verbose=0, shuffle=False)
print({k: np.round(v, 4).tolist() for k, v in history.history.items()})
print(model.predict(x[:3], verbose=0).shape)
