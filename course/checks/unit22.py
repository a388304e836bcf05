"""Checks for exercises/22_training_loops.ipynb (lesson 22: stateful metrics, a training step
with GradientTape and apply_gradients, resuming a training loop from a CheckpointManager's
checkpoint)."""

import shutil
import tempfile

import numpy as np

from course.checks import expect, fail, question
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


def _linear_model(kernel, bias):
    model = tf.keras.models.Sequential([tf.keras.Input(shape=(3,)), tf.keras.layers.Dense(1)])
    model.set_weights([kernel, bias])
    return model


def _one_step(kernel, bias, x, y, learning_rate):
    error = x @ kernel + bias - y
    return (
        kernel - learning_rate * 2.0 / len(x) * (x.T @ error),
        bias - learning_rate * 2.0 / len(x) * error.sum(axis=0),
    )


@question(2)
def q2(train_step):
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
    fresh = _linear_model(kernel0, bias0)
    fresh_optimizer = tf.keras.optimizers.SGD(learning_rate=0.05)
    try:
        train_step(fresh, fresh_optimizer, x, y)
    except ValueError as error:
        fail(
            f"train_step raised ValueError: {str(error).splitlines()[0]} A tape records only "
            "the operations run inside its `with` block: is every computation that leads from "
            "the weights to the loss among them?"
        )
    if getattr(fresh, "compiled", False):
        fail(
            "train_step called compile (and fit): fit took the step for you. Write the step "
            "itself: a GradientTape around the prediction and the loss, tape.gradient, and the "
            "optimizer's apply_gradients."
        )
    kernel, bias = (np.asarray(w, dtype=np.float64) for w in fresh.get_weights())
    if np.allclose(kernel, kernel0) and np.allclose(bias, bias0):
        fail(
            "train_step left the weights unchanged: gradients were computed but never applied "
            "to the variables. Which optimizer method takes (gradient, variable) pairs?"
        )
    expect(
        int(np.asarray(fresh_optimizer.iterations)) == 1,
        "the weights changed, but the optimizer took no step (its iterations count is "
        f"{int(np.asarray(fresh_optimizer.iterations))}): the update did not go through it. Let "
        "the tape compute the gradients and the optimizer apply them.",
    )
    if not (np.all(np.isfinite(kernel)) and np.abs(kernel).max() < 1e3):
        fail("one step blew the weights up: is the loss one number, the mean over the batch?")
    x64, y64 = x.astype(np.float64), y.astype(np.float64)
    start = (kernel0.astype(np.float64), bias0.astype(np.float64))
    expected = _one_step(*start, x64, y64, 0.05)
    summed = _one_step(*start, x64, y64, 0.05 * len(x))
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
    # Twenty steps from zero on another data set, with another optimizer: the whole descent.
    x = rng.normal(size=(16, 3)).astype(np.float32)
    y = (x @ np.array([[0.5], [1.0], [-1.5]]) - 0.5).astype(np.float32)
    model = _linear_model(np.zeros((3, 1), np.float32), np.zeros(1, np.float32))
    optimizer = tf.keras.optimizers.SGD(learning_rate=0.1)
    for _ in range(20):
        train_step(model, optimizer, x, y)
    expected_kernel, expected_bias = _gradient_descent(x, y, 20, 0.1)
    weights = [np.asarray(w, dtype=np.float64) for w in model.get_weights()]
    expect(
        np.allclose(weights[0], expected_kernel, atol=1e-4)
        and np.allclose(weights[1], expected_bias, atol=1e-4),
        "one step is right, but 20 calls of train_step from zero weights do not give 20 steps of "
        "gradient descent: does train_step depend on anything besides its arguments?",
    )


def _explains(why, *groups, hint):
    """Fail with `hint` unless the explanation `why` names an idea of every group of words."""
    expect(isinstance(why, str), "why should be a sentence, a string.")
    text = why.lower()
    for words in groups:
        expect(any(word in text for word in words), hint)


def _fit_one_epoch(learning_rate=0.125, batches=4):
    """Question 3's run in NumPy: a Dense(1) model on copies of (x=1, y=2), one sample per
    batch, from zero weights. Returns the losses of the batches, each computed before its step,
    and the loss after the last step."""
    kernel, bias, losses = 0.0, 0.0, []
    for _ in range(batches):
        error = kernel + bias - 2.0
        losses.append(error**2)
        kernel, bias = kernel - learning_rate * 2 * error, bias - learning_rate * 2 * error
    return losses, (kernel + bias - 2.0) ** 2


@question(3)
def q3(train_loss, val_loss, why):
    train_loss, val_loss = float(_array(train_loss)), float(_array(val_loss))
    losses, final = _fit_one_epoch()
    after_step = losses[1:] + [final]  # each batch's loss with the weights after its step

    def near(value, target):
        return np.isclose(value, target, rtol=1e-3, atol=1e-6)

    if near(train_loss, losses[-1]):
        fail(
            "that is the last batch's loss. fit reports, for the epoch, a metric over all its "
            "batches: what does a metric return after several calls?"
        )
    if near(train_loss, np.mean(after_step)):
        fail(
            "fit computes each batch's loss in the same tape as the step's gradient: before its "
            "step, with the weights the step starts from. Start from the error -2."
        )
    if near(train_loss, final):
        fail(
            "that is the loss of the final weights. The epoch's training loss is put together "
            "while it trains: which weights did each batch's loss see?"
        )
    expect(
        near(train_loss, np.mean(losses)),
        f"train_loss is {train_loss}. Write down the error before each of the four steps, the "
        "loss of each batch, and what a metric does with them.",
    )
    if near(val_loss, losses[-1]) or near(val_loss, losses[0]):
        fail(
            "fit computes the validation loss at the end of the epoch, after the last step: "
            "what is the error then?"
        )
    expect(
        near(val_loss, final),
        f"val_loss is {val_loss}: the validation loss uses the weights after the last step.",
    )
    _explains(
        why,
        ("mean", "average", "running", "accumulat"),
        (
            "before",
            "earlier",
            "during",
            "while",
            "previous",
            "older",
            "first",
            "final",
            "worse",
            "after",
            "updat",
            "step",
        ),
        hint="your explanation should say what the training loss averages, and with which "
        "weights each part was computed (earlier ones, or the final ones).",
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


def _resume_reports():
    """Question 5's program, run here: an Adam run on its own data, saved every 10 steps and
    stopped after step 37, then restored into a new Adam and into an SGD optimizer."""
    rng = np.random.default_rng(5)
    x = rng.normal(size=(16, 3)).astype(np.float32)
    y = (x @ np.array([[1.0], [-2.0], [0.5]]) + 1.0).astype(np.float32)

    def step(model, optimizer):
        with tf.GradientTape() as tape:
            loss = tf.reduce_mean(tf.keras.losses.mse(y, model(x)))
        grads = tape.gradient(loss, model.trainable_variables)
        optimizer.apply_gradients(zip(grads, model.trainable_variables))

    def consumed(status):
        try:
            status.assert_consumed()
            return True
        except AssertionError:
            return False

    folder = tempfile.mkdtemp(prefix="learntf-check22-")
    try:
        model = _linear_model(np.zeros((3, 1), np.float32), np.zeros(1, np.float32))
        optimizer = tf.keras.optimizers.Adam(learning_rate=0.1)
        checkpoint = tf.train.Checkpoint(model=model, optimizer=optimizer)
        manager = tf.train.CheckpointManager(checkpoint, folder, max_to_keep=5)
        for number in range(1, 38):
            step(model, optimizer)
            if number % 10 == 0:
                manager.save(checkpoint_number=number)
        reports = []
        for optimizer in (
            tf.keras.optimizers.Adam(learning_rate=0.1),
            tf.keras.optimizers.SGD(learning_rate=0.1),
        ):
            model = _linear_model(np.zeros((3, 1), np.float32), np.zeros(1, np.float32))
            checkpoint = tf.train.Checkpoint(model=model, optimizer=optimizer)
            status = checkpoint.restore(tf.train.latest_checkpoint(folder))
            report = [int(np.asarray(optimizer.iterations)), consumed(status)]
            step(model, optimizer)
            report += [int(np.asarray(optimizer.iterations)), consumed(status)]
            status.expect_partial()  # SGD leaves Adam's values unused: no warning about them
            reports.append(report)
        return reports
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _report(value, name):
    expect(
        isinstance(value, (list, tuple)) and len(value) == 4,
        f"{name} should be a list of four values, like the printed ones: [count, True or False, "
        "count, True or False].",
    )
    counts, flags = (value[0], value[2]), (value[1], value[3])
    expect(
        all(isinstance(c, (int, np.integer)) and not isinstance(c, bool) for c in counts)
        and all(isinstance(f, (bool, np.bool_)) for f in flags),
        f"{name}: the first and third values are step counts (whole numbers), the second and "
        "fourth True or False.",
    )
    return [int(value[0]), bool(value[1]), int(value[2]), bool(value[3])]


@question(5)
def q5(adam_report, sgd_report, why):
    adam, sgd = _report(adam_report, "adam_report"), _report(sgd_report, "sgd_report")
    expected_adam, expected_sgd = _resume_reports()
    for got, expected in ((adam, expected_adam), (sgd, expected_sgd)):
        if got[0] != expected[0]:
            if got[0] == 0:
                fail(
                    "the step counter: optimizer.iterations exists as soon as the optimizer "
                    "does, so restore assigns its saved value at once, before any step."
                )
            fail(
                f"the count after restoring is {got[0]}: which is the newest checkpoint in "
                "ckpt_dir? The steps after the last save were lost in the crash."
            )
        expect(
            got[2] == got[0] + 1,
            "the third value is the step count after one more step: one step adds 1 to "
            "optimizer.iterations.",
        )
    if adam[1] != expected_adam[1] or sgd[1] != expected_sgd[1]:
        fail(
            "before the first step, some of the optimizer's variables do not exist yet (an "
            "optimizer creates them at its first apply_gradients): can every saved value have "
            "found its variable at that point?"
        )
    if adam[3] != expected_adam[3]:
        fail(
            "after its first apply_gradients, Adam has created its running averages, under the "
            "same paths as the run that saved: what happens to a saved value that was waiting "
            "for its variable?"
        )
    if sgd[3] != expected_sgd[3]:
        fail(
            "SGD keeps no running averages: which variable could Adam's saved averages be "
            "assigned to, after any number of SGD steps?"
        )
    _explains(
        why,
        ("creat", "exist", "never", "no such", "has no", "have no", "does not have"),
        ("average", "moment", "slot", "state", "variable"),
        hint="your explanation should say which optimizer variables exist after one step with "
        "each optimizer, and what the saved values need in order to be assigned.",
    )
