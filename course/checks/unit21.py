"""Checks for exercises/21_custom_models.ipynb (lesson 21: custom losses and layers, when a
layer builds its weights, fit with EarlyStopping)."""

import numpy as np

from course.checks import expect, fail, question
from course.checks.engine import tf2 as tf


def _array(value):
    return np.asarray(value.numpy() if hasattr(value, "numpy") else value, dtype=np.float64)


@question(1)
def q1(customized_mae):
    expect(callable(customized_mae), "customized_mae should be a function of (y_true, y_pred).")
    rng = np.random.default_rng(13)
    for _ in range(3):
        y_true = rng.normal(size=(6, 1)).astype(np.float32)
        y_pred = rng.normal(size=(6, 1)).astype(np.float32)
        pred_tensor = tf.constant(y_pred)
        with tf.GradientTape() as tape:
            tape.watch(pred_tensor)
            result = customized_mae(tf.constant(y_true), pred_tensor)
        if not isinstance(result, tf.Tensor):
            fail(
                f"customized_mae returned a {type(result).__name__}, not a tensor: it skipped "
                "TensorFlow (NumPy computes outside it, so no tape can record it, and fit could "
                "not train with it). Use TensorFlow's operations."
            )
        got = _array(result)
        expect(
            got.shape == (),
            f"customized_mae returned an array of shape {got.shape}, one value per element. "
            "A loss for compile here should reduce everything to one number: the mean.",
        )
        expected = np.mean(np.abs(y_pred - y_true))
        if np.isclose(abs(got), abs(np.mean(y_pred - y_true)), atol=1e-5):
            fail(
                "your loss averages the signed differences, so errors of +1 and -1 cancel out to "
                "0. Each error should count by its size, whatever its sign."
            )
        expect(
            np.isclose(got, expected, atol=1e-5),
            f"customized_mae gives {got:.5g} where NumPy's mean of |y_pred - y_true| is "
            f"{expected:.5g}.",
        )
        grad = tape.gradient(result, pred_tensor)
        expect(
            grad is not None
            and np.allclose(_array(grad), np.sign(y_pred - y_true) / y_true.size, atol=1e-6),
            "a tape around customized_mae does not give the gradient of the mean absolute "
            "error: compute it with TensorFlow operations on y_true and y_pred.",
        )


@question(2)
def q2(ScaleShift):
    expect(
        isinstance(ScaleShift, type),
        "pass the class ScaleShift itself (not an instance) to the check.",
    )
    expect(
        issubclass(ScaleShift, tf.keras.layers.Layer),
        "ScaleShift does not subclass keras.layers.Layer: without it, Keras cannot track its "
        "weights, train them or stack it in a model. Write class ScaleShift(keras.layers.Layer).",
    )
    rng = np.random.default_rng(2)
    x = rng.normal(size=(5, 4)).astype(np.float32)  # 5 samples, 4 features
    layer = ScaleShift()
    expect(
        not layer.weights,
        "ScaleShift() has weights before its first call: create them in build(), which Keras "
        "calls once the input's shape is known.",
    )
    try:
        first = _array(layer(x))
    except Exception as error:
        fail(
            "calling ScaleShift() on a batch of 5 samples with 4 features failed "
            f"({type(error).__name__}: {str(error).splitlines()[0]}). build() receives "
            "input_shape = (5, 4): which entry is the batch size, and which the number of "
            "features?"
        )
    shapes = sorted(tuple(w.shape) for w in layer.trainable_weights)
    if shapes == [(5,), (5,)]:
        fail(
            "the weights have 5 entries each, one per sample: that is the batch size, which "
            "changes from batch to batch. One scale and one shift per feature: input_shape[-1]."
        )
    expect(
        shapes == [(4,), (4,)],
        f"after a call on (5, 4) inputs, ScaleShift's trainable weights have shapes {shapes}; "
        "it needs a scale and a shift of (features,), made with add_weight in build().",
    )
    expect(
        first.shape == (5, 4) and np.allclose(first, x, atol=1e-6),
        "with its new weights (scale all ones, shift all zeros), the layer should give back its "
        "input unchanged: check the initializers and call().",
    )
    scale = getattr(layer, "scale", None)
    shift = getattr(layer, "shift", None)
    expect(
        scale is not None and shift is not None,
        "keep the weights as self.scale and self.shift, as the question asks.",
    )
    scale_value = rng.normal(size=(4,)).astype(np.float32)
    shift_value = rng.normal(size=(4,)).astype(np.float32)
    scale.assign(scale_value)
    shift.assign(shift_value)
    got = _array(layer(x))
    if np.allclose(got, x * scale_value, atol=1e-5):
        fail(
            "the output ignores the shift: with a nonzero shift, the layer's output equals "
            "x * scale alone. What does call() do with self.shift?"
        )
    expect(
        np.allclose(got, x * scale_value + shift_value, atol=1e-5),
        "with its weights set to random values, the layer's output is not x * scale + shift "
        "(each feature scaled and shifted by its own numbers).",
    )


@question(3)
def q3(before, after_first, after_second):
    for name, value, size in (
        ("before", before, 2),
        ("after_first", after_first, 2),
        ("after_second", after_second, 3),
    ):
        expect(
            isinstance(value, tuple) and len(value) == size,
            f"{name} should be a tuple of {size} items, like the one the code makes.",
        )
    # The real run, from first principles: Keras's own Dense layer.
    layer = tf.keras.layers.Dense(3)
    real_before = (layer.built, len(layer.weights))
    layer(np.ones((5, 4), np.float32))
    real_first = (layer.built, len(layer.weights))
    layer(np.ones((7, 4), np.float32))
    real_second = (layer.built, len(layer.weights), tuple(layer.kernel.shape))
    if tuple(before) != real_before:
        fail(
            "before: when the layer object is made, its input has not been seen yet. What does "
            "build() need to know to choose the kernel's shape, and when does Keras know it?"
        )
    if tuple(after_first) != real_first:
        fail(
            "after_first: the first call runs build() with the input's shape. How many weights "
            "does a dense layer with a bias create there?"
        )
    if after_second[1] != real_second[1]:
        fail(
            "after_second: a layer that made new weights on every call would forget what it had "
            "learned. Once built is True, does Keras call build() again?"
        )
    expect(
        tuple(after_second[2]) == real_second[2],
        "after_second: the kernel's shape is (features, units). The second batch has 7 rows, "
        "the first 5: is either number the batch size, or the number of features?",
    )
    expect(tuple(after_second) == real_second, "after_second does not match the real run.")


def _early_stopping(val_losses, patience, min_delta):
    """Keras's EarlyStopping rule, in plain Python: how many epochs fit runs, and the best epoch."""
    best, best_epoch, wait = np.inf, 0, 0
    for epoch, value in enumerate(val_losses):
        if value + min_delta < best:
            best, best_epoch, wait = value, epoch, 0
        else:
            wait += 1
            if wait >= patience:
                return epoch + 1, best_epoch
    return len(val_losses), best_epoch


Q5_VAL_LOSSES = [0.90, 0.60, 0.50, 0.45, 0.448, 0.446, 0.444, 0.442, 0.40, 0.39, 0.395, 0.392]


@question(4)
def q4(epochs_run):
    expect(
        isinstance(epochs_run, (int, np.integer)), "epochs_run should be a whole number of epochs."
    )
    expected, best_epoch = _early_stopping(Q5_VAL_LOSSES, patience=3, min_delta=0.01)
    if epochs_run == expected:
        return
    if epochs_run == _early_stopping(Q5_VAL_LOSSES, patience=3, min_delta=0.0)[0]:
        fail(
            "that is what happens with min_delta=0, where any decrease counts. With "
            "min_delta=0.01, a value must beat the best so far by more than 0.01 to count as an "
            "improvement."
        )
    if epochs_run == expected - 1:
        fail(
            "one short: epochs are numbered from 0, and the epoch in which training stops has run "
            "too. The question asks how many epochs ran."
        )
    if epochs_run == best_epoch + 1:
        fail(
            "that is the epoch of the last improvement. EarlyStopping does not stop there: it "
            "waits `patience` epochs without an improvement first."
        )
    fail(
        f"{epochs_run} is not it. Go through the list epoch by epoch, keeping the best value so "
        "far and the number of epochs since the last improvement (an improvement beats the best "
        "by more than min_delta)."
    )
