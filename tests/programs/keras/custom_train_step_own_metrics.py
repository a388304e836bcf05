import numpy as np
import tensorflow as tf
from tensorflow import keras

loss_tracker = keras.metrics.Mean(name="loss")
mae_metric = keras.metrics.MeanAbsoluteError(name="mae")


class CustomModel(keras.Model):
    def __init__(self):
        super().__init__()
        self.dense = keras.layers.Dense(1)

    def call(self, inputs):
        return self.dense(inputs)

    def train_step(self, data):
        x, y = data
        with tf.GradientTape() as tape:
            y_pred = self(x, training=True)
            loss = keras.losses.mse(y, y_pred)
        grads = tape.gradient(loss, self.trainable_variables)
        self.optimizer.apply_gradients(zip(grads, self.trainable_variables))
        loss_tracker.update_state(loss)
        mae_metric.update_state(y, y_pred)
        return {"loss": loss_tracker.result(), "mae": mae_metric.result()}

    def test_step(self, data):
        x, y = data
        y_pred = self(x, training=False)
        loss_tracker.update_state(keras.losses.mse(y, y_pred))
        mae_metric.update_state(y, y_pred)
        return {"loss": loss_tracker.result(), "mae": mae_metric.result()}

    @property
    def metrics(self):
        return [loss_tracker, mae_metric]


keras.utils.set_random_seed(8)
model = CustomModel()
model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.1))
x = np.linspace(-1, 1, 40, dtype="float32").reshape(20, 2)
y = (x[:, :1] * 2 - x[:, 1:]).astype("float32")
history = model.fit(x, y, epochs=3, batch_size=5, verbose=0, shuffle=False)
print(np.round(history.history["loss"], 4).tolist())
print(np.round(history.history["mae"], 4).tolist())
print(np.round(model.evaluate(x, y, verbose=0), 4).tolist())
