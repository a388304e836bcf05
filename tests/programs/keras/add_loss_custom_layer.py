import numpy as np
import tensorflow as tf


class ActivityPenalty(tf.keras.layers.Layer):
    def __init__(self, rate=0.01, **kwargs):
        super().__init__(**kwargs)
        self.rate = rate

    def call(self, inputs):
        self.add_loss(self.rate * tf.reduce_sum(tf.square(inputs)))
        return inputs


tf.keras.utils.set_random_seed(11)
inputs = tf.keras.Input(shape=(3,))
h = tf.keras.layers.Dense(4)(inputs)
h = ActivityPenalty(0.05)(h)
outputs = tf.keras.layers.Dense(1)(h)
model = tf.keras.Model(inputs, outputs)
x = np.ones((2, 3), dtype="float32")
model(x)
print(len(model.losses))
model.compile(optimizer="sgd", loss="mse")
rng = np.random.default_rng(11)
history = model.fit(
    rng.normal(size=(16, 3)).astype("float32"),
    rng.normal(size=(16, 1)).astype("float32"),
    epochs=2,
    batch_size=8,
    verbose=0,
    shuffle=False,
)
print(np.round(history.history["loss"], 4).tolist())
