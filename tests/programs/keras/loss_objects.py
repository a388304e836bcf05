import numpy as np
import tensorflow as tf

y_true = np.array([[0.0, 1.0], [1.0, 1.0], [0.0, 0.0]], dtype="float32")
y_pred = np.array([[0.4, 0.6], [0.8, 0.3], [0.1, 0.2]], dtype="float32")
for loss in [
    tf.keras.losses.MeanSquaredError(),
    tf.keras.losses.MeanAbsoluteError(reduction="sum"),
    tf.keras.losses.Huber(delta=0.5),
    tf.keras.losses.BinaryCrossentropy(),
    tf.keras.losses.BinaryCrossentropy(from_logits=True, label_smoothing=0.1),
    tf.keras.losses.KLDivergence(),
    tf.keras.losses.MeanAbsolutePercentageError(),
    tf.keras.losses.MeanSquaredLogarithmicError(),
    tf.keras.losses.Poisson(),
    tf.keras.losses.Hinge(),
    tf.keras.losses.SquaredHinge(),
    tf.keras.losses.LogCosh(),
    tf.keras.losses.CosineSimilarity(axis=1),
]:
    print(loss.name, round(float(loss(y_true, y_pred)), 4))
mse = tf.keras.losses.MeanSquaredError(reduction="none")
print(np.round(mse(y_true, y_pred).numpy(), 4))
print(
    round(
        float(tf.keras.losses.MeanSquaredError()(y_true, y_pred, sample_weight=[1.0, 0.0, 2.0])), 4
    )
)
scce = tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True)
print(round(float(scce(np.array([1, 0]), np.array([[1.0, 2.0, 0.5], [0.3, 0.1, 0.2]]))), 4))
