"""Checks for exercises/22_training_loops.ipynb (lesson 22: stateful metrics, a training step
with GradientTape and apply_gradients, resuming a training loop from a CheckpointManager's
checkpoint)."""

import numpy as np

from course.checks import choice, expect, fail, question
from course.checks.engine import tf2 as tf


def _array(value):
    return np.asarray(value.numpy() if hasattr(value, "numpy") else value, dtype=np.float64)


def _running_means(squared_errors):
    squared_errors = np.asarray(squared_errors, dtype=np.float64)
    return np.cumsum(squared_errors) / np.arange(1, len(squared_errors) + 1)


@question(1)
def q1(running, after_reset):
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


def _one_step(kernel, bias, x, y, learning_rate):
    error = x @ kernel + bias - y
    return (
        kernel - learning_rate * 2.0 / len(x) * (x.T @ error),
        bias - learning_rate * 2.0 / len(x) * error.sum(axis=0),
    )


@question(2)
def q2(train_step, model, x_small, y_small):
    expect(
        callable(train_step),
        "train_step should be a function of (model, optimizer, x_batch, y_batch).",
    )
    # Replay: a new model, optimizer and batch, one step, compared with NumPy.
    rng = np.random.default_rng(22)
    x = rng.normal(size=(10, 3)).astype(np.float32)
    y = rng.normal(size=(10, 1)).astype(np.float32)
    kernel0 = rng.normal(size=(3, 1)).astype(np.float32)
    bias0 = rng.normal(size=(1,)).astype(np.float32)
    fresh = tf.keras.models.Sequential([tf.keras.Input(shape=(3,)), tf.keras.layers.Dense(1)])
    fresh.set_weights([kernel0, bias0])
    fresh_optimizer = tf.keras.optimizers.SGD(learning_rate=0.05)
    train_step(fresh, fresh_optimizer, x, y)
    if getattr(fresh, "compiled", False):
        fail(
            "train_step called compile (and fit): fit took the step for you. Write the step "
            "itself: a GradientTape around the prediction and the loss, tape.gradient, and the "
            "optimizer's apply_gradients."
        )
    kernel, bias = (np.asarray(w, dtype=np.float64) for w in fresh.get_weights())
    if np.allclose(kernel, kernel0) and np.allclose(bias, bias0):
        weights = [np.asarray(w, dtype=np.float64) for w in model.get_weights()]
        if len(weights) == 2 and (np.any(weights[0]) or np.any(weights[1])):
            fail(
                "train_step left a new model's weights unchanged, yet the setup cell's model has "
                "trained weights: they were typed in or set by hand, not learned. train_step "
                "itself must update the weights."
            )
        fail(
            "train_step left the weights unchanged: gradients were computed but never applied "
            "to the variables. Which optimizer method takes (gradient, variable) pairs?"
        )
    if not (np.all(np.isfinite(kernel)) and np.abs(kernel).max() < 1e3):
        fail("one step blew the weights up: is the loss one number, the mean over the batch?")
    expected = _one_step(
        kernel0.astype(np.float64),
        bias0.astype(np.float64),
        x.astype(np.float64),
        y.astype(np.float64),
        0.05,
    )
    summed = _one_step(
        kernel0.astype(np.float64),
        bias0.astype(np.float64),
        x.astype(np.float64),
        y.astype(np.float64),
        0.05 * len(x),
    )
    if np.allclose(kernel, summed[0], atol=1e-4) and np.allclose(bias, summed[1], atol=1e-4):
        fail(
            "the step is 10 times too big for a batch of 10: the loss is one value per sample, "
            "and the gradient of a vector is the gradient of its sum. Make the loss one number, "
            "the mean over the batch."
        )
    expect(
        np.allclose(kernel, expected[0], atol=1e-4) and np.allclose(bias, expected[1], atol=1e-4),
        "on a new model and batch, train_step's update is not one gradient-descent step on the "
        "mean squared error: record the prediction and the loss inside the tape, then apply the "
        "gradients of model.trainable_variables.",
    )
    weights = [np.asarray(w, dtype=np.float64) for w in model.get_weights()]
    expect(len(weights) == 2, "model should still be the setup cell's model: one Dense(1) layer.")
    expected_kernel, expected_bias = _gradient_descent(
        np.asarray(x_small), np.asarray(y_small), 20, 0.1
    )
    for steps in (40, 60):
        k, b = _gradient_descent(np.asarray(x_small), np.asarray(y_small), steps, 0.1)
        if np.allclose(weights[0], k, atol=1e-4) and np.allclose(weights[1], b, atol=1e-4):
            fail(
                f"the setup cell's model has the weights of {steps} steps: run the setup cell "
                "again (it resets the weights to zero), then your answer cell once."
            )
    expect(
        np.allclose(weights[0], expected_kernel, atol=1e-4)
        and np.allclose(weights[1], expected_bias, atol=1e-4),
        "train_step works, but the setup cell's model does not have the weights of 20 steps "
        "from zero: run the setup cell again, then your answer cell once.",
    )


@question(3)
def q3(answer):
    choice(
        answer,
        options=("a", "b", "c", "d", "e"),
        correct="b",
        hints={
            "a": "a model that had overfitted would do worse on the validation set, not better. "
            "Look at how the training loss of an epoch is put together: from which weights, and "
            "when?",
            "c": "both sets come from the same generator: neither is easier. Look at how the "
            "training loss of an epoch is put together: from which weights, and when?",
            "d": "this model's loss is the mean squared error and nothing else: both losses are "
            "the same function. Look at how the training loss of an epoch is put together: from "
            "which weights, and when?",
            "e": "both sets were scaled with the training set's mean and standard deviation, "
            "and both losses are computed on the scaled features. Look at how the training loss "
            "of an epoch is put together: from which weights, and when?",
        },
    )


# The weights question 4's crashed run started from (its setup cell's `warm_start`): a run that
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


@question(4)
def q4(model, optimizer, x_small, y_small):
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


@question(5)
def q5(answer):
    choice(
        answer,
        options=("a", "b", "c", "d"),
        correct="c",
        hints={
            "a": "question 4's check compared your resumed run with an uninterrupted one, Adam's "
            "state included, and found the same weights: nothing was lost. Where were the saved "
            "values while their variables did not exist?",
            "b": "did your restore cell raise anything? It ran before the first step. What does "
            "status.assert_consumed() say before the first step, and after it?",
            "d": "a checkpoint matches each saved value to a variable by its path in the object "
            "graph (optimizer, then its slot for a weight), not to whatever variable exists: "
            "the model's weights took their own values. Where did Adam's wait?",
        },
    )
