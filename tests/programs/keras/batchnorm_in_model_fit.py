import numpy as np
import tensorflow as tf

tf.keras.utils.set_random_seed(4)
rng = np.random.default_rng(4)
x = rng.normal(2.0, 3.0, size=(40, 3)).astype("float32")
y = (x.sum(axis=1, keepdims=True) > 6).astype("float32")
model = tf.keras.Sequential(
    [
        tf.keras.Input(shape=(3,)),
        tf.keras.layers.BatchNormalization(),
        tf.keras.layers.Dense(1, activation="sigmoid"),
    ]
)
model.compile(optimizer="sgd", loss="binary_crossentropy", metrics=["accuracy"])
model.summary()
history = model.fit(x, y, epochs=2, batch_size=10, verbose=0, shuffle=False)
print([round(v, 4) for v in history.history["loss"]])
bn = model.layers[0]
print(np.round(bn.moving_mean.numpy(), 4))
print(np.round(bn.moving_variance.numpy(), 4))
