import numpy as np
import tensorflow as tf

y_true = np.array([[0.0, 1.0, 0.0], [0.2, 0.5, 0.3]], dtype="float32")
y_pred = np.array([[0.1, 0.7, 0.2], [0.3, 0.3, 0.4]], dtype="float32")
losses = tf.keras.losses
for fn in [
    losses.mse,
    losses.MSE,
    losses.mae,
    losses.MAE,
    losses.mape,
    losses.msle,
    losses.kld,
    losses.KLD,
    losses.kullback_leibler_divergence,
    losses.huber,
    losses.logcosh,
    losses.poisson,
    losses.hinge,
    losses.squared_hinge,
    losses.categorical_hinge,
    losses.cosine_similarity,
    losses.categorical_crossentropy,
    losses.binary_crossentropy,
]:
    print(fn.__name__, np.round(fn(y_true, y_pred).numpy(), 4))
print(losses.get("mse").__name__, losses.get("kld").__name__)
