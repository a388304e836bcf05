"""Checks for exercises/18_gradient_tape.ipynb (lesson 11: GradientTape, persistent and nested
tapes, gradient descent with assign_sub)."""

import numpy as np

from course.checks import choice, expect, fail, question
from course.checks.engine import tf2 as tf


def _number(value, what):
    expect(
        value is not None,
        f"{what} is None: the tape found no recorded operation connecting the target to "
        "that source.",
    )
    value = np.asarray(value.numpy() if hasattr(value, "numpy") else value)
    expect(value.shape == (), f"{what} should be one number; its shape is {value.shape}.")
    return float(value)


@question(1)
def q1(dz_dx):
    if dz_dx is None:
        fail(
            "dz_dx is None: the tape did not follow x. A tape watches variables by itself; a "
            "constant needs tape.watch(x) inside the `with` block, before x is used."
        )
    got = _number(dz_dx, "dz_dx")
    expected = 3 * 2.0**2 + 2  # d/dx (x^3 + 2x) = 3x^2 + 2
    expect(
        np.isclose(got, expected),
        f"dz_dx is {got}. Differentiate x**3 + 2*x by hand and compare at x = 2; "
        "did you record z inside the tape and pass (z, x) to tape.gradient?",
    )


@question(2)
def q2(answer):
    choice(
        answer,
        options=("a", "b", "c"),
        correct="b",
        hints={
            "a": "only a persistent tape answers twice. A tape made without arguments frees its "
            "record after the first gradient() call: what can a second call do with no record?",
            "c": "None means no recorded operation connects a source to the target; here z does "
            "depend on x2. What is left of the tape's record after the first call?",
        },
    )


@question(3)
def q3(grad_z1, grad_z2):
    g1, g2 = _number(grad_z1, "grad_z1"), _number(grad_z2, "grad_z2")
    x = 5.0
    if np.isclose(g1, 3 + 2 * x) or np.isclose(g2, 3 + 2 * x):
        fail(
            "a gradient of 13 is d(z1 + z2)/dx: given a list of targets, tape.gradient returns "
            "the gradient of their sum. Ask for one target at a time."
        )
    expect(np.isclose(g1, 3.0), f"grad_z1 is {g1}; z1 = 3x.")
    expect(np.isclose(g2, 2 * x), f"grad_z2 is {g2}; z2 = x**2, at x = 5.")


@question(4)
def q4(d2f_dx2):
    got = _number(d2f_dx2, "d2f_dx2")
    x = 3.0
    if np.isclose(got, 3 * x**2):
        fail(
            "that is the first derivative, 3x**2. Let an outer tape record while the inner tape "
            "computes it, then ask the outer tape for the derivative of that derivative."
        )
    expect(
        np.isclose(got, 6 * x),
        f"d2f_dx2 is {got}. Differentiate x**3 twice by hand and compare at x = 3.",
    )


@question(5)
def q5(answer):
    choice(
        answer,
        options=("a", "b", "c"),
        correct="b",
        hints={
            "a": "the same nested tapes found the other entries (6, 6 and 14). What does the "
            "first derivative x2**2 have to do with x1?",
            "c": "a tape watches the variables its operations read by itself, and x1 and x2 are "
            "variables. Look at which variables the expression x2**2 reads.",
        },
    )


@question(6)
def q6(x):
    expect(
        isinstance(x, tf.Variable),
        f"x should still be the tf.Variable of the setup cell; it is a "
        f"{type(x).__name__}. Update it with assign_sub instead of `x = ...`.",
    )
    expected = np.float32(0.0)
    for _ in range(50):  # h'(x) = 4x - 8
        expected = expected - np.float32(0.1) * (np.float32(4) * expected - np.float32(8))
    got = float(x.numpy())
    if got < 0:
        fail(
            f"x went to {got:.4g}, away from the minimum: that is uphill. The gradient points "
            "where h grows; step against it."
        )
    if abs(got) > 10:
        fail(
            f"x went to {got:.4g}: each step moved it by the same amount. The gradient changes as "
            "x moves: compute it again in every step, inside the loop."
        )
    expect(
        np.isclose(got, expected, atol=1e-4),
        f"x is {got:.6g}. Run the setup cell again (x back to 0), then exactly 50 steps with "
        "learning rate 0.1.",
    )
