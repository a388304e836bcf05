import numpy as np
import tensorflow as tf

tf.keras.utils.set_random_seed(26)
model = tf.keras.Sequential(
    [
        tf.keras.Input(shape=(3,)),
        tf.keras.layers.Dense(8, activation="relu"),
        tf.keras.layers.Dropout(0.25, seed=5),
        tf.keras.layers.Dense(1),
    ]
)
optimizer = tf.keras.optimizers.Adam(0.01)
loss_fn = tf.keras.losses.MeanSquaredError()
metric = tf.keras.metrics.MeanAbsoluteError()
x = np.linspace(-1, 1, 30, dtype="float32").reshape(10, 3)
y = x.sum(axis=1, keepdims=True)
for step in range(3):
    with tf.GradientTape() as tape:
        pred = model(x, training=True)
        loss = loss_fn(y, pred)
    grads = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(zip(grads, model.trainable_variables))
    metric.update_state(y, model(x, training=False))
    print(step, round(float(loss), 4), round(float(metric.result()), 4))
print(int(optimizer.iterations.numpy()), len(optimizer.variables))
