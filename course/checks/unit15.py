"""Checks for exercises/15_training_eagerly.ipynb (lesson 15: the Huber loss for one example and
for a batch, how hard an outlier pulls, an eager training step with a robust loss)."""

import numpy as np

from course.checks import expect, fail, question
from course.checks.engine import tf2 as tf


def _value(tensor_or_number):
    return np.asarray(
        tensor_or_number.numpy() if hasattr(tensor_or_number, "numpy") else tensor_or_number,
        dtype=np.float64,
    )


def _huber(t, m):
    t = np.abs(t)
    return np.where(t <= m, 0.5 * t**2, m * (t - 0.5 * m))


@question(1)
def q1(huber_batch):
    expect(callable(huber_batch), "huber_batch should be a function of (y, y_predicted, m=1.0).")
    y = np.array([3.0, 3.0, -2.0, 0.0, 1.0], dtype=np.float32)
    p = np.array([2.5, 1.0, 20.0, 0.0, -0.5], dtype=np.float32)
    for m in (1.0, 2.0):
        expected = _huber(y - p, m)
        p_tensor = tf.constant(p)
        try:
            with tf.GradientTape() as tape:
                tape.watch(p_tensor)
                got = huber_batch(tf.constant(y), p_tensor, m=m)
                if not isinstance(got, tf.Tensor):
                    fail(
                        f"huber_batch returned a {type(got).__name__}, not a tensor: it skipped "
                        "TensorFlow (NumPy's functions compute outside it, so no tape can "
                        "record them, and no gradient can train with it). Use TensorFlow's "
                        "operations."
                    )
                total = tf.reduce_sum(got)
        except (ValueError, TypeError) as error:
            fail(
                f"huber_batch raised {type(error).__name__} on vectors: a Python `if` needs one "
                "True or False, and a comparison of two vectors gives one per element. Choose "
                "element by element instead."
            )
        value = _value(got)
        expect(
            value.shape == y.shape,
            f"for 5 examples, huber_batch returned shape {value.shape}: return one loss "
            "per example, without averaging.",
        )
        if not np.allclose(value, expected, atol=1e-5):
            fail(
                f"with m = {m}, huber_batch gives {np.round(value, 4).tolist()}, not the Huber "
                "loss. Check both branches: the two pieces must meet at |t| = m, where both "
                "equal m*m/2."
            )
        grad = tape.gradient(total, p_tensor)
        expect(
            grad is not None,
            "a tape around huber_batch recorded no path from the predictions to the losses: "
            "compute with TensorFlow operations, not NumPy.",
        )
        # d huber(y - p) / dp = -clip(y - p, -m, m)
        expect(
            np.allclose(_value(grad), -np.clip(y - p, -m, m), atol=1e-5),
            f"with m = {m}, the gradient of huber_batch with respect to the predictions is not "
            "the Huber loss's: does each branch use the residual t as the formula says?",
        )


LABELS = np.array([0.5, -0.2, 10.0, -30.0])


@question(2)
def q2(predicted_huber, predicted_squared, why):
    for name, value in (
        ("predicted_huber", predicted_huber),
        ("predicted_squared", predicted_squared),
    ):
        expect(
            isinstance(value, (int, float, np.floating, np.integer)),
            f"{name} should be a number, your prediction (a fraction such as -3 / 40 is fine).",
        )
    # d/db mean(huber(y - b)) = -mean(clip(y - b, -m, m)); d/db mean((y - b)^2) = -2 mean(y - b)
    b, m = 0.0, 1.0
    huber = -np.mean(np.clip(LABELS - b, -m, m))
    squared = -2.0 * np.mean(LABELS - b)
    for got, expected, name in (
        (predicted_huber, huber, "predicted_huber"),
        (predicted_squared, squared, "predicted_squared"),
    ):
        if np.isclose(got, -expected, atol=1e-4) and not np.isclose(expected, 0.0):
            fail(
                f"{name} has the right size but the wrong sign. The loss grows when b moves away "
                "from the labels: which way does it grow when b rises from 0, given the labels' "
                "mean?"
            )
    if np.isclose(predicted_huber, -np.mean(LABELS - b), atol=1e-4) or np.isclose(
        predicted_huber, squared, atol=1e-4
    ):
        fail(
            "predicted_huber lets the labels 10 and -30 pull in proportion to their distance, as "
            "the squared loss does. Beyond m the Huber loss is a straight line: what is its slope "
            "there? The pull of each far label is capped."
        )
    expect(
        np.isclose(predicted_huber, huber, atol=1e-4),
        f"predicted_huber is {predicted_huber}. Take the derivative of each example's loss with "
        "respect to b (t/m-sized near 0, at most m in size beyond m), then the mean of the four.",
    )
    expect(
        np.isclose(predicted_squared, squared, atol=1e-4),
        f"predicted_squared is {predicted_squared}. The derivative of (y - b)**2 with respect to b "
        "is -2(y - b); take the mean of the four at b = 0.",
    )
    text = why.lower() if isinstance(why, str) else ""
    expect(
        any(
            word in text
            for word in (
                "cap",
                "clip",
                "linear",
                "constant",
                "at most",
                "bound",
                "limit",
                "slope",
                "no more",
            )
        ),
        "the predictions are right; now explain them in `why`, in a sentence: what happens to "
        "the Huber loss's slope, and so to the pull of a label, beyond m?",
    )


@question(3)
def q3(step, w, b):
    expect(callable(step), "step should be a function of (x_batch, y_batch).")
    learning_rate = 0.01
    rng = np.random.default_rng(15)
    w0, b0 = float(w.numpy()), float(b.numpy())
    try:
        for trial in range(3):
            x = rng.uniform(-2.0, 2.0, size=8).astype(np.float32)
            y = (1.5 * x - 0.5 + rng.normal(0.0, 1.0, size=8)).astype(np.float32)
            y[trial] += 25.0  # an outlier
            w_start, b_start = float(rng.uniform(-1, 1)), float(rng.uniform(-1, 1))
            w.assign(w_start)
            b.assign(b_start)
            loss = step(tf.constant(x), tf.constant(y))
            w_got, b_got = float(w.numpy()), float(b.numpy())
            residual = y.astype(np.float64) - (x * w_start + b_start)
            # d/dw mean|y - (wx + b)| = mean(-sign(r) x), d/db = mean(-sign(r))
            grad_w, grad_b = np.mean(-np.sign(residual) * x), np.mean(-np.sign(residual))
            expected = (w_start - learning_rate * grad_w, b_start - learning_rate * grad_b)
            if np.isclose(w_got, w_start) and np.isclose(b_got, b_start):
                fail(
                    "after step, w and b are unchanged: the gradients were never applied. Which "
                    "optimizer method takes (gradient, variable) pairs?"
                )
            squared_grads = (np.mean(-2 * residual * x), np.mean(-2 * residual))
            squared = (
                w_start - learning_rate * squared_grads[0],
                b_start - learning_rate * squared_grads[1],
            )
            if np.allclose((w_got, b_got), squared, atol=1e-5):
                fail(
                    "that step follows the squared loss, whose pull grows with the residual. The "
                    "question asks for the mean absolute loss: tf.abs of the residuals."
                )
            if not (
                abs(w_got - w_start) < 5 * learning_rate
                and abs(b_got - b_start) < 5 * learning_rate
            ):
                fail(
                    "step moved w and b far more than one gradient step of learning rate 0.01 "
                    "could: did it solve for the line directly (np.polyfit or the like)? Take "
                    "one gradient step with the tape and the optimizer."
                )
            expect(
                np.allclose((w_got, b_got), expected, atol=1e-5),
                "step's update of w and b is not one gradient step on the mean absolute loss "
                "of the line x * w + b (learning rate 0.01).",
            )
            expect(
                np.isclose(float(_value(loss)), np.mean(np.abs(residual)), atol=1e-4),
                "step should return the batch's mean absolute loss, computed before the update.",
            )
    finally:
        w.assign(w0)
        b.assign(b0)


def _eager_probe():
    """Question 4, on learntf's own engine: for each failing call, whether execute reached the
    op's kernel, and the class of the error raised.  The inputs are made first; only the op
    under test has its kernel wrapped, for the duration of its call."""
    import learntf
    from learntf.framework import op_registry

    def run(op_name, call, *inputs):
        op_def = op_registry.get_op_def(op_name)
        kernel, ran = op_def.kernel, []

        def watched(*args, **kwargs):
            ran.append(True)
            return kernel(*args, **kwargs)

        op_def.kernel = watched
        try:
            call(*inputs)
            error = None
        except Exception as exc:
            error = type(exc).__name__
        finally:
            op_def.kernel = kernel
        return bool(ran), error

    return [
        run("MatMul", learntf.matmul, learntf.ones([2, 3]), learntf.ones([2, 3])),
        run("GatherV2", learntf.gather, learntf.ones([3]), learntf.constant([5])),
        run("AddV2", lambda x, y: x + y, learntf.ones([2]), learntf.ones([3])),
        run(
            "AddV2",
            lambda x, y: x + y,
            learntf.constant([1, 2]),
            learntf.constant([1.0, 2.0]),
        ),
    ]


@question(4, optional=True)
def q4(kernel_ran, error_class):
    expect(
        isinstance(kernel_ran, (list, tuple))
        and len(kernel_ran) == 4
        and all(isinstance(ran, bool) for ran in kernel_ran),
        "kernel_ran should be a list of four booleans, one per call: True or False.",
    )
    expect(isinstance(error_class, str), "error_class should be a class name, as a string.")
    probe = _eager_probe()
    actual = [ran for ran, _ in probe]
    if list(kernel_ran) != actual:
        if actual[1] and not kernel_ran[1]:
            fail(
                "call 2: shape and dtype inference sees the inputs' shapes and dtypes, not their "
                "values. Can it know that index 5 does not exist in 3 elements?"
            )
        if actual[2] and not kernel_ran[2]:
            fail(
                "call 3: read the first lines of execute again. Which ops are tried before "
                "_infer, and what does that path call?"
            )
        if kernel_ran[3] and not actual[3]:
            fail(
                "call 4: the fast path takes element-wise arithmetic on floating tensors of one "
                "dtype only. What happens to int32 + float32?"
            )
        if kernel_ran[0] and not actual[0]:
            fail(
                "call 1: _infer runs before the kernel and checks the inputs' shapes: can a "
                "[2, 3] matrix multiply a [2, 3] matrix?"
            )
        fail(
            f"kernel_ran {list(kernel_ran)} is not what execute does: follow it line by line "
            "for each call, from the fast path to the kernel."
        )
    expected = {error for _, error in probe}
    expect(
        len(expected) == 1 and error_class.strip() == expected.pop(),
        f"the calls do not raise {error_class}. Look at the except clauses of execute and "
        "_infer: what does each turn the kernel's or the inference's error into?",
    )
