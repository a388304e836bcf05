"""Checks for exercises/14_eager_execution.ipynb (lesson 09: eager execution, the tfe gradient
helpers written with the tape, the Huber loss, per-operation overhead)."""

import numpy as np

from course.checks import choice, expect, fail, question
from course.checks.engine import tf2 as tf


def _value(tensor_or_number, what):
    """A NumPy value from an eager tensor, an array or a number; fails on a graph tensor."""
    if isinstance(tensor_or_number, tf.Tensor) and not hasattr(tensor_or_number, "numpy"):
        fail(
            f"{what} is a symbolic graph tensor ({tensor_or_number.name}): it has no value until "
            "a session runs it. Eagerly, the operation runs when you call it; do not build a "
            "graph."
        )
    return np.asarray(
        tensor_or_number.numpy() if hasattr(tensor_or_number, "numpy") else tensor_or_number
    )


@question(1)
def q1(m_val):
    x = np.array([[1.0, 2.0], [3.0, 4.0]])
    value = _value(m_val, "m_val")
    expect(value.shape == (2, 2), f"m_val should be a 2x2 array; its shape is {value.shape}.")
    if np.allclose(value, x * x):
        fail(
            "that is x multiplied element by element (each entry squared). A matrix product "
            "combines rows with columns: tf.matmul."
        )
    expect(
        np.allclose(value, x @ x),
        "m_val is not the matrix product of x with itself; print it and compare "
        "with NumPy's x @ x.",
    )


@question(2)
def q2(answer):
    choice(
        answer,
        options=("a", "b", "c"),
        correct="b",
        hints={
            "a": "in graph mode x names a random op, not a matrix: each sess.run(x[i, j]) runs "
            "the random op again, so each entry comes from a new matrix.",
            "c": "in graph mode each sess.run(x[i, j]) runs the random op again (unit 02: node "
            "values live for one run). Which loop indexes one matrix that already holds its "
            "values?",
        },
    )


@question(3)
def q3(grads):
    expect(
        isinstance(grads, (list, tuple)) and len(grads) == 2,
        "grads should be what the gradient function returns: a list with one gradient per "
        "argument.",
    )
    if isinstance(grads[1], (list, tuple)):
        fail(
            "this looks like a pair of the function's value and the gradients. gradients_function "
            "returns only the gradients; the value_and_ version returns both."
        )
    x, y = 3.0, 2.0
    expected = [y, x + 2 * y]  # d/dx (xy + y^2) = y, d/dy = x + 2y
    got = [float(_value(g, "each gradient")) for g in grads]
    expect(
        np.allclose(got, expected),
        f"got the gradients {got}. Differentiate x*y + y**2 by hand with "
        "respect to x, then y, and compare at x = 3, y = 2.",
    )


@question(4)
def q4(grads_and_vars, w, b):
    expect(
        isinstance(grads_and_vars, (list, tuple)) and len(grads_and_vars) > 0,
        "grads_and_vars should be a list of (gradient, variable) pairs.",
    )
    if not all(isinstance(pair, (list, tuple)) and len(pair) == 2 for pair in grads_and_vars):
        fail(
            "these are not (gradient, variable) pairs: that is a gradient with respect to its "
            "arguments (x and y). implicit_gradients differentiates with respect to the variables "
            "the function uses."
        )
    variables = [var for _, var in grads_and_vars]
    expect(
        all(isinstance(var, tf.Variable) for var in variables),
        "the second item of each pair should be a tf.Variable.",
    )
    names = sorted(var.name for var in variables)
    expect(
        names == sorted([w.name, b.name]),
        f"the pairs are for {names}; the loss uses w and b only, and "
        "implicit_gradients returns one pair per variable used.",
    )
    residual = w.numpy() * 3.0 + b.numpy() - 4.0
    expected = {w.name: 2 * residual * 3.0, b.name: 2 * residual}  # d/dw (wx+b-y)^2 = 2(wx+b-y)x
    for grad, var in grads_and_vars:
        expect(
            np.isclose(float(_value(grad, "a gradient")), expected[var.name]),
            f"the gradient for {var.name} is {float(_value(grad, 'a gradient'))}; did you call "
            "the gradient function at x = 3., y = 4.?",
        )


@question(5)
def q5(huber_batch):
    expect(callable(huber_batch), "huber_batch should be a function of (y, y_predicted, m=1.0).")
    y = np.array([3.0, 3.0, -2.0, 0.0, 1.0], dtype=np.float32)
    p = np.array([2.5, 1.0, 20.0, 0.0, -0.5], dtype=np.float32)
    for m in (1.0, 2.0):
        t = np.abs(y - p)
        expected = np.where(t <= m, 0.5 * t**2, m * (t - 0.5 * m))
        try:
            got = huber_batch(tf.constant(y), tf.constant(p), m=m)
        except (ValueError, TypeError) as error:
            fail(
                f"huber_batch raised {type(error).__name__} on vectors: a Python `if` needs one "
                "True or False, and a comparison of two vectors gives one per element. Choose "
                "element by element instead."
            )
        got = _value(got, "huber_batch's result")
        expect(
            got.shape == y.shape,
            f"for 5 examples, huber_batch returned shape {got.shape}: return one loss "
            "per example, without averaging.",
        )
        if not np.allclose(got, expected, atol=1e-5):
            fail(
                f"with m = {m}, huber_batch gives {np.round(got, 4).tolist()}, not the Huber "
                "loss. Check both branches: the two pieces must meet at |t| = m, where both "
                "equal m*m/2."
            )


@question(6)
def q6(answer):
    choice(
        answer,
        options=("a", "b", "c"),
        correct="b",
        hints={
            "a": "the lesson timed one operation on a few numbers and on a million: for a few "
            "numbers, almost none of the time is arithmetic. What does every operation pay, "
            "whatever its size?",
            "c": "the times compared are for one epoch each, whatever the loss did. Count the "
            "steps in one epoch for each batch size, and the operations in one step.",
        },
    )
