import numpy as np
import tensorflow as tf


class Recorder(tf.keras.callbacks.Callback):
    def on_train_begin(self, logs=None):
        self.events = ["train_begin"]

    def on_epoch_end(self, epoch, logs=None):
        self.events.append("epoch%d:%s" % (epoch, ",".join(sorted(logs))))

    def on_train_batch_end(self, batch, logs=None):
        self.events.append("batch%d" % batch)

    def on_test_begin(self, logs=None):
        self.events.append("test_begin")


tf.keras.utils.set_random_seed(16)
x = np.linspace(0, 1, 12, dtype="float32").reshape(6, 2)
y = x[:, :1] * 3
model = tf.keras.Sequential([tf.keras.Input(shape=(2,)), tf.keras.layers.Dense(1)])
model.compile(optimizer="sgd", loss="mse", metrics=["mae"])
recorder = Recorder()
ends = []
lam = tf.keras.callbacks.LambdaCallback(on_epoch_end=lambda epoch, logs: ends.append(epoch))
model.fit(
    x,
    y,
    epochs=2,
    batch_size=4,
    verbose=0,
    shuffle=False,
    validation_split=0.34,
    callbacks=[recorder, lam],
)
print(recorder.events)
print(ends, recorder.model is model)
