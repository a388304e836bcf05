import numpy as np
import tensorflow as tf

tf.keras.utils.set_random_seed(12)
rng = np.random.default_rng(12)
x = rng.normal(size=(20, 2)).astype("float32")
y = x.sum(axis=1, keepdims=True).astype("float32")
model = tf.keras.Sequential([tf.keras.Input(shape=(2,)), tf.keras.layers.Dense(1)])
model.compile(optimizer=tf.keras.optimizers.SGD(0.1), loss="mse")


def schedule(epoch, lr):
    return lr if epoch < 1 else lr * 0.5


history = model.fit(
    x,
    y,
    epochs=4,
    batch_size=10,
    verbose=0,
    shuffle=False,
    callbacks=[tf.keras.callbacks.LearningRateScheduler(schedule)],
)
print(sorted(history.history))
print(np.round(history.history["learning_rate"], 5).tolist())
print(np.round(history.history["loss"], 4).tolist())
print(round(float(model.optimizer.learning_rate.numpy()), 5))
