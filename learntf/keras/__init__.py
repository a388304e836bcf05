"""`learntf.keras` (also `from learntf import keras`): a small Keras on learntf (lessons 21 and 22).

    model = keras.models.Sequential([keras.layers.Dense(30, activation="relu", input_shape=(8,)),
                                     keras.layers.Dense(1)])
    model.compile(loss="mse", optimizer="sgd", metrics=["mae"])
    history = model.fit(x_train, y_train, epochs=10, validation_data=(x_valid, y_valid))

Where to read: layers.py (Layer: build once, call every time; Dense), models.py (Sequential,
summary, save_weights), trainer.py (compile/fit/evaluate/predict: the training loop, compiled
with tf.function), losses.py, metrics.py (stateful running values), optimizers.py,
callbacks.py (History, EarlyStopping, your own), backend.py (names, weights, gradients).
Beyond lessons 21 and 22: functional.py + functional_model.py (keras.Input, Model(inputs, outputs)),
conv_layers.py, core_layers.py (Dropout, Reshape, Embedding), normalization.py, merging.py,
confusion_metrics.py (Precision, Recall, AUC), more_losses.py, more_optimizers.py,
schedules.py, regularizers.py, constraints.py, more_callbacks.py (ModelCheckpoint, CSVLogger,
TensorBoard, ...), legacy_backend.py (K.mean, K.clip, ...), saving.py (the .keras file).

It follows Keras 3 as shipped with TensorFlow 2.21 where TensorFlow 2.0 differs: the old
spellings (`SGD(lr=...)`, `metric.reset_states()`, `keras.losses.mean_squared_error`) raise
errors that name the new ones.
"""

from learntf.keras import (
    activations,
    backend,
    callbacks,
    constraints,
    initializers,
    layers,
    losses,
    metrics,
    models,
    optimizers,
    regularizers,
    utils,
)
from learntf.keras.layers import Input, Layer
from learntf.keras.models import Model, Sequential
from learntf.version import __learntf_version__ as __version__  # this Keras is part of learntf
