import numpy as np
import tensorflow as tf

tf.keras.utils.set_random_seed(25)
base = tf.keras.Sequential(
    [
        tf.keras.Input(shape=(4,)),
        tf.keras.layers.Dense(8, activation="relu", name="feature"),
        tf.keras.layers.BatchNormalization(name="bn"),
    ],
    name="base",
)
base.trainable = False
model = tf.keras.Sequential([base, tf.keras.layers.Dense(1, name="head")], name="transfer")
model.build((None, 4))
model.summary()
print(len(model.trainable_weights), len(model.non_trainable_weights))
before = base.get_weights()
model.compile(optimizer="sgd", loss="mse")
x = np.linspace(-1, 1, 32, dtype="float32").reshape(8, 4)
model.fit(x, x[:, :1], epochs=1, verbose=0)
print(all(np.array_equal(a, b) for a, b in zip(before, base.get_weights())))
print(model.get_layer("head").kernel.shape, model.get_layer(index=0).name)
