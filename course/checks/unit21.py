"""Checks for exercises/21_custom_models.ipynb (lesson 13: custom losses and
layers, fit with EarlyStopping, stateful metrics, a training loop with GradientTape and
apply_gradients, resuming a training loop from a CheckpointManager's checkpoint)."""

import numpy as np

from course.checks import choice, expect, fail, question
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
        got = _array(customized_mae(tf.constant(y_true), tf.constant(y_pred)))
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


@question(2)
def q2(MyDense):
    expect(
        isinstance(MyDense, type), "pass the class MyDense itself (not an instance) to the check."
    )
    rng = np.random.default_rng(2)
    x = rng.normal(size=(5, 4)).astype(np.float32)  # 5 samples, 4 features
    layer = MyDense(3)
    try:
        layer(x)
    except Exception as error:
        fail(
            "calling MyDense(3) on a batch of 5 samples with 4 features failed "
            f"({type(error).__name__}: {str(error).splitlines()[0]}). build() receives "
            "input_shape = (5, 4): which entry is the batch size, and which the number of "
            "features?"
        )
    shapes = sorted(tuple(w.shape) for w in layer.trainable_weights)
    expect(
        shapes == [(3,), (4, 3)],
        f"after a call on (5, 4) inputs, MyDense(3)'s trainable weights have shapes "
        f"{shapes}; a dense layer with 3 units needs a kernel of (features, units) and "
        "a bias of (units,), made with add_weight in build().",
    )
    kernel = rng.normal(size=(4, 3)).astype(np.float32)
    bias = rng.normal(size=(3,)).astype(np.float32)
    for weight in layer.trainable_weights:
        weight.assign(kernel if tuple(weight.shape) == (4, 3) else bias)
    got = _array(layer(x))
    expect(
        got.shape == (5, 3),
        f"the output has shape {got.shape}; for 5 samples and 3 units it should be (5, 3).",
    )
    if np.allclose(got, x @ kernel, atol=1e-5):
        fail(
            "the output ignores the bias: with a nonzero bias, the layer's output equals x @ "
            "kernel alone. What does call() do with self.bias?"
        )
    expect(
        np.allclose(got, x @ kernel + bias, atol=1e-5),
        "with its weights set to random values, the layer's output is not x @ kernel + bias (no "
        "activation).",
    )


@question(3)
def q3(answer):
    choice(
        answer,
        options=("a", "b", "c"),
        correct="b",
        hints={
            "a": "when the layer object is made, its input has not been seen yet. What does "
            "build() need to know to choose the kernel's shape?",
            "c": "a layer that made new weights on every call would forget what it had learned. "
            "After the first call, layer.built is True: look at the lesson's cell that prints it.",
        },
    )


def _running_means(squared_errors):
    squared_errors = np.asarray(squared_errors, dtype=np.float64)
    return np.cumsum(squared_errors) / np.arange(1, len(squared_errors) + 1)


@question(4)
def q4(running, after_reset):
    running = _array(running).ravel()
    expect(
        running.shape == (3,), "running should hold three numbers, one per call before the reset."
    )
    squared_errors = [(2.0 - 0.0) ** 2, (4.0 - 1.0) ** 2, (3.0 - 3.0) ** 2]
    if np.allclose(running, squared_errors, atol=1e-3):
        fail(
            "those are the squared errors of each call on its own. A metric accumulates: each "
            "call returns the mean of everything it has seen since the last reset."
        )
    expect(
        np.allclose(running, _running_means(squared_errors), atol=1e-3),
        f"running is {running.tolist()}. Write down the squared error of each call, then after "
        "each call take the mean of all squared errors so far.",
    )
    after = float(_array(after_reset))
    if np.isclose(after, _running_means(squared_errors + [(1.0 - 2.0) ** 2])[-1], atol=1e-3):
        fail(
            "after_reset still counts the first three calls. What does reset_state() do to the "
            "metric's total and count?"
        )
    expect(
        np.isclose(after, (1.0 - 2.0) ** 2, atol=1e-3),
        f"after_reset is {after}: after reset_state(), only the calls made since the reset count.",
    )


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


@question(5)
def q5(epochs_run):
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


def _gradient_descent(x, y, steps, learning_rate):
    """Full-batch gradient descent on the mean squared error of a linear model from zero weights, in
    NumPy."""
    x, y = x.astype(np.float64), y.astype(np.float64)
    kernel, bias = np.zeros((x.shape[1], 1)), np.zeros(1)
    for _ in range(steps):
        error = x @ kernel + bias - y  # d(mean of error**2)/d(prediction) = 2 * error / n
        kernel = kernel - learning_rate * 2.0 / len(x) * (x.T @ error)
        bias = bias - learning_rate * 2.0 / len(x) * error.sum(axis=0)
    return kernel, bias


@question(6)
def q6(model, x_small, y_small):
    weights = [w for w in model.get_weights()]
    expect(len(weights) == 2, "model should still be the setup cell's model: one Dense(1) layer.")
    kernel, bias = (np.asarray(w, dtype=np.float64) for w in weights)
    if (
        not (np.all(np.isfinite(kernel)) and np.all(np.isfinite(bias)))
        or np.abs(kernel).max() > 1e3
    ):
        fail(
            "the weights blew up: the steps were far too big. Is your loss one number, the mean "
            "over the batch? keras.losses.mse gives one value per sample, and the gradient of a "
            "vector is the gradient of its sum: 16 times larger here."
        )
    if not np.any(kernel) and not np.any(bias):
        fail(
            "the weights are still all zero: gradients were computed but never applied to the "
            "variables. Which optimizer method takes (gradient, variable) pairs?"
        )
    expected_kernel, expected_bias = _gradient_descent(
        np.asarray(x_small), np.asarray(y_small), 20, 0.1
    )
    for steps in (40, 60):
        k, b = _gradient_descent(np.asarray(x_small), np.asarray(y_small), steps, 0.1)
        if np.allclose(kernel, k, atol=1e-4) and np.allclose(bias, b, atol=1e-4):
            fail(
                f"the weights are those after {steps} steps: run the setup cell again (it resets "
                "the weights to zero), then your answer cell once."
            )
    expect(
        np.allclose(kernel, expected_kernel, atol=1e-4)
        and np.allclose(bias, expected_bias, atol=1e-4),
        "the weights are not those of 20 steps of gradient descent on the mean squared error "
        "(learning rate 0.1, from zero). Run the setup cell again, then your answer once; each "
        "step should record the prediction and the loss inside the tape.",
    )


@question(7)
def q7(answer):
    choice(
        answer,
        options=("a", "b", "c"),
        correct="b",
        hints={
            "a": "a model that had overfitted would do worse on the validation set, not better. "
            "Look at how the training loss of an epoch is put together: from which weights, and "
            "when?",
            "c": "both sets come from the same generator: neither is easier. Look at how the "
            "training loss of an epoch is put together: from which weights, and when?",
        },
    )


# The weights question 8's crashed run started from (its setup cell's `warm_start`): a run that
# restores nothing and starts from make_model()'s zeros cannot reach its weights.
WARM_START = ([[0.5], [0.5], [0.5]], [-1.0])


def _adam_runs(x, y, learning_rate, restored_at, steps):
    """A linear model trained by Adam (Keras's defaults) on the whole of (x, y) from WARM_START,
    in NumPy (float64): `(uninterrupted, restarted, from_zero)`, where uninterrupted[n] is
    (kernel, bias) after n steps, restarted[(at, k)] after restoring step `at`'s weights but
    starting Adam's state again, then k steps (1..steps), and from_zero[n] the run from zero
    weights."""
    x, y = x.astype(np.float64), y.astype(np.float64)
    beta_1, beta_2, epsilon = 0.9, 0.999, 1e-7

    def run(params, count):
        params = [p.copy() for p in params]
        moments = [(np.zeros_like(p), np.zeros_like(p)) for p in params]
        for iterations in range(1, count + 1):
            error = x @ params[0] + params[1] - y
            grads = [2.0 / len(x) * (x.T @ error), 2.0 / len(x) * error.sum(axis=0)]
            alpha = learning_rate * np.sqrt(1 - beta_2**iterations) / (1 - beta_1**iterations)
            for param, grad, (m, v) in zip(params, grads, moments):
                m += (grad - m) * (1 - beta_1)
                v += (grad * grad - v) * (1 - beta_2)
                param -= m * alpha / (np.sqrt(v) + epsilon)
            yield iterations, [p.copy() for p in params]

    start = [np.array(WARM_START[0], np.float64), np.array(WARM_START[1], np.float64)]
    uninterrupted = dict(run(start, max(restored_at) + steps))
    restarted = {
        (at, k): params for at in restored_at for k, params in run(uninterrupted[at], steps)
    }
    from_zero = dict(run([np.zeros((x.shape[1], 1)), np.zeros(1)], max(restored_at) + steps))
    return uninterrupted, restarted, from_zero


@question(8)
def q8(model, optimizer, x_small, y_small):
    weights = [np.asarray(w, dtype=np.float64) for w in model.get_weights()]
    expect(len(weights) == 2, "model should be a make_model() model: one Dense(1) layer.")
    iterations = int(np.asarray(optimizer.iterations))
    expect(
        iterations > 0,
        "this optimizer has taken no step. The weights must come from restoring the checkpoint "
        "and training on, not from numbers typed in or set by hand: restore into the model and "
        "optimizer you then train with.",
    )
    uninterrupted, restarted, from_zero = _adam_runs(
        np.asarray(x_small), np.asarray(y_small), 0.1, (10, 20, 30), 60
    )

    def same(params):
        return all(np.allclose(w, p, atol=2e-5) for w, p in zip(weights, params))

    step = next((n for n, params in uninterrupted.items() if same(params)), None)
    if step == 50:
        expect(
            iterations == 50,
            f"the weights are right, but the optimizer counts {iterations} steps: train with the "
            "optimizer the checkpoint restored.",
        )
        return
    if step is not None:
        fail(
            f"these are the weights the run had at step {step}, but it should end at step 50. "
            "Either nothing was restored, or an older checkpoint was: which checkpoint is the "
            "newest? And optimizer.iterations counts the restored steps too: train until it is 50."
        )
    if any(same(params) for params in from_zero.values()):
        fail(
            "these are the weights of a run from make_model()'s zero weights: nothing was "
            "restored. The crashed run started from `warm_start`, and what it learned is only in "
            "its checkpoints: restore the newest into your model and optimizer, then train on."
        )
    for (at, k), params in restarted.items():
        if same(params):
            fail(
                f"the weights were restored (step {at}), but the optimizer that trained {k} more "
                "steps started again from scratch: Adam's running averages and its step count "
                "were not restored into it. Is the optimizer you train with in the Checkpoint you "
                "restore?"
            )
    fail(
        f"these weights are not those of the crashed run resumed to step 50 (the optimizer counts "
        f"{iterations} steps). Make a new model and optimizer, put both in a tf.train.Checkpoint, "
        "restore the newest checkpoint, then train until optimizer.iterations is 50."
    )


@question(9)
def q9(answer):
    choice(
        answer,
        options=("a", "b", "c"),
        correct="c",
        hints={
            "a": "question 8's check compared your resumed run with an uninterrupted one, Adam's "
            "state included, and found the same weights: nothing was lost. Where were the saved "
            "values while their variables did not exist?",
            "b": "did your restore cell raise anything? It ran before the first step. What does "
            "status.assert_consumed() say before the first step, and after it?",
        },
    )
