"""Checks for exercises/18_gradient_tape.ipynb (lesson 18: GradientTape, persistent and nested
tapes, the None of an unconnected source, gradient descent with assign_sub).

The learner writes functions of a function (`derivative(f, x0)`, ...): each check calls them
with functions the learner has not seen, counts how often they are called, and compares with
derivatives worked out by hand here, so a typed-in number, a formula for one function, or a
numeric slope fails."""

import numpy as np

from course.checks import expect, fail, question
from course.checks.engine import tf2 as tf


def _number(value, what):
    expect(
        value is not None,
        f"{what} is None: the tape found no recorded operation connecting the target to "
        "that source.",
    )
    expect(
        isinstance(value, (tf.Tensor, tf.Variable)),
        f"{what} is a {type(value).__name__}, not a tensor: it should come from "
        "tape.gradient, not be typed in or computed by hand.",
    )
    value = np.asarray(value.numpy())
    expect(value.shape == (), f"{what} should be one number; its shape is {value.shape}.")
    return float(value)


class _Counted:
    """A function of tensors that counts its calls."""

    def __init__(self, fn):
        self.fn, self.calls = fn, 0

    def __call__(self, *args):
        self.calls += 1
        return self.fn(*args)


# (f, x0, f'(x0), f''(x0)), each worked out by hand
_FUNCTIONS = [
    (lambda x: x**3 + 2 * x, 2.0, 3 * 2.0**2 + 2, 6 * 2.0),
    (lambda x: x**4 - 2 * x, -1.5, 4 * (-1.5) ** 3 - 2, 12 * (-1.5) ** 2),
    (lambda x: tf.exp(x) * x, 0.5, np.exp(0.5) * 1.5, np.exp(0.5) * 2.5),
]


def _ask(fn_name, learner_fn, f, x0):
    counted = _Counted(f)
    try:
        got = learner_fn(counted, x0)
    except RuntimeError as error:
        fail(f"{fn_name} raised RuntimeError: {str(error).splitlines()[0]}")
    return got, counted.calls


@question(1)
def q1(derivative):
    expect(callable(derivative), "derivative should be a function of (f, x0).")
    for index, (f, x0, expected, _) in enumerate(_FUNCTIONS):
        got, calls = _ask("derivative", derivative, f, x0)
        if got is None:
            fail(
                "derivative returned None: the tape did not follow x. A tape watches variables "
                "by itself; a constant needs tape.watch(x) inside the `with` block, before f "
                "uses it."
            )
        if calls > 1:
            fail(
                f"derivative called f {calls} times for one derivative: a numeric slope needs "
                "two calls and is only close. Record one call of f on a tape and ask the tape."
            )
        if calls == 0:
            fail(
                "derivative never called f: the derivative must come from a tape recording "
                "f(x), not from a formula worked out by hand."
            )
        got = _number(got, f"derivative(f, {x0})")
        if index > 0 and np.isclose(got, _FUNCTIONS[0][2]):
            fail(
                f"derivative gave {got} for another function too: it must use the f it is "
                "given, recorded on a tape, not a number worked out for x**3 + 2*x."
            )
        expect(
            np.isclose(got, expected, rtol=1e-5),
            f"for f(x) = {['x**3 + 2x', 'x**4 - 2x', 'exp(x) * x'][index]} at {x0}, derivative "
            f"gave {got}. Record z = f(x) inside the tape and pass (z, x) to tape.gradient.",
        )


def _both(g, a, b):
    # g's partial derivatives, worked out by hand for the functions the check uses
    return {
        "prod": (2 * a * b, a * a + 1),
        "sum": (3.0, 2 * b),
        "exp": (np.exp(a * b) * b, np.exp(a * b) * a),
    }[g]


_GS = {
    "prod": lambda x1, x2: x1**2 * x2 + x2,
    "sum": lambda x1, x2: 3 * x1 + x2**2,
    "exp": lambda x1, x2: tf.exp(x1 * x2),
}


@question(2)
def q2(both_grads):
    expect(callable(both_grads), "both_grads should be a function of (g, a, b).")
    for name, (a, b) in (("prod", (2.0, 3.0)), ("sum", (-1.0, 0.5)), ("exp", (0.5, -1.0))):
        counted = _Counted(_GS[name])
        try:
            result = both_grads(counted, a, b)
        except RuntimeError as error:
            fail(
                "the second tape.gradient call raised RuntimeError ("
                + str(error).splitlines()[0]
                + "): a tape made without arguments frees its record after the first call. "
                "Keep the record, or ask for both gradients in one call."
            )
        expect(
            isinstance(result, (tuple, list)) and len(result) == 2,
            "both_grads should return two gradients, (dz_dx1, dz_dx2).",
        )
        got = [_number(r, w) for r, w in zip(result, ("dz_dx1", "dz_dx2"))]
        expected = _both(name, a, b)
        if name != "prod" and np.allclose(got, _both("prod", a, b)):
            fail(
                "both_grads gave the derivatives of x1**2 * x2 + x2 for another function g: it "
                "must differentiate the g it is given, recorded on a tape."
            )
        if counted.calls == 0:
            fail(
                "both_grads never called g: the gradients must come from a tape recording "
                "g(x1, x2), not from derivatives worked out by hand for one function."
            )
        expect(
            counted.calls == 1,
            f"both_grads called g {counted.calls} times: one recorded call of g is enough for "
            "both gradients.",
        )
        expect(
            np.allclose(got, expected, rtol=1e-5),
            f"at ({a}, {b}), both_grads gave {got}; record z = g(x1, x2) once inside the tape.",
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
def q4(second_derivative):
    expect(callable(second_derivative), "second_derivative should be a function of (f, x0).")
    for index, (f, x0, first, expected) in enumerate(_FUNCTIONS):
        got, calls = _ask("second_derivative", second_derivative, f, x0)
        if calls > 1:
            fail(
                f"second_derivative called f {calls} times: numeric slopes of slopes are "
                "rough. Record one call of f inside two nested tapes."
            )
        if calls == 0:
            fail(
                "second_derivative never called f: it must come from nested tapes recording "
                "f(x), not from a formula worked out by hand."
            )
        got = _number(got, f"second_derivative(f, {x0})")
        if np.isclose(got, first, rtol=1e-5):
            fail(
                f"second_derivative(f, {x0}) gave the first derivative, {first:g}. Let an outer "
                "tape record while the inner tape computes it, then ask the outer tape for the "
                "derivative of that derivative."
            )
        if index > 0 and np.isclose(got, _FUNCTIONS[0][3]):
            fail(
                f"second_derivative gave {got} for another function too: it must use the f it "
                "is given, not a number worked out for x**3 + 2*x."
            )
        expect(
            np.isclose(got, expected, rtol=1e-5),
            f"second_derivative(f, {x0}) gave {got}, not f''({x0}).",
        )


def _hessian_by_tapes():
    x1, x2 = tf.Variable(1.0), tf.Variable(2.0)
    with tf.GradientTape(persistent=True) as outer:
        with tf.GradientTape() as inner:
            z = x1**2 + 3 * x2
        firsts = inner.gradient(z, [x1, x2])
    rows = [outer.gradient(d, [x1, x2]) for d in firsts]
    return [[None if e is None else float(e.numpy()) for e in row] for row in rows]


@question(5)
def q5(hessian, why):
    expect(
        isinstance(hessian, (list, tuple))
        and len(hessian) == 2
        and all(isinstance(row, (list, tuple)) and len(row) == 2 for row in hessian),
        "hessian should be two rows of two entries: [[a, b], [c, d]].",
    )
    actual = _hessian_by_tapes()  # the real run, with the program of the question
    for i in range(2):
        for j in range(2):
            mine, real = hessian[i][j], actual[i][j]
            if real is None and mine is not None:
                fail(
                    f"entry [{i}][{j}]: you predicted {mine!r}, the tapes give None. Write out "
                    f"dz/dx{i + 1} and look at whether x{j + 1} appears in it. If it does not, "
                    "no recorded operation connects them."
                )
            if real is not None and (mine is None or not np.isclose(mine, real)):
                fail(
                    f"entry [{i}][{j}]: you predicted {mine!r}. dz/dx{i + 1} uses "
                    f"x{j + 1}: differentiate it by hand at (1, 2)."
                )
    expect(
        isinstance(why, str)
        and any(word in why.lower() for word in ("connect", "depend", "constant", "use")),
        "the predictions are right; now say in `why` what a None entry means (which "
        "operations connect, depend on or use which variable).",
    )


def _replay(grad, x0, learning_rate, tolerance, max_steps):
    x = np.float32(x0)
    for step in range(max_steps):
        g = np.float32(grad(x))
        if abs(g) < tolerance:
            return step, x
        x = np.float32(x - np.float32(learning_rate) * g)
    return max_steps, x


# (loss, its derivative by hand, x0, learning rate)
_LOSSES = [
    (lambda x: 2.0 * x**2 - 8.0 * x + 3.0, lambda x: 4 * x - 8, 0.0, 0.1),
    (lambda x: (x - 1.0) ** 4 + x**2, lambda x: 4 * (x - 1) ** 3 + 2 * x, 2.0, 0.05),
    (lambda x: tf.exp(x) - 2.0 * x, lambda x: np.exp(x) - 2, -1.0, 0.2),
]


@question(6)
def q6(descend_until_flat):
    expect(
        callable(descend_until_flat),
        "descend_until_flat should be a function of (loss, x, learning_rate, tolerance, "
        "max_steps).",
    )
    for loss, grad, x0, learning_rate in _LOSSES:
        x = tf.Variable(x0)
        counted = _Counted(loss)
        steps = descend_until_flat(counted, x, learning_rate, 1e-3, max_steps=200)
        expected_steps, expected_x = _replay(grad, x0, learning_rate, 1e-3, 200)
        expect(
            isinstance(steps, (int, np.integer)),
            f"descend_until_flat should return the number of steps, a whole number; it returned "
            f"a {type(steps).__name__}.",
        )
        got = float(x.numpy())
        if counted.calls == 0:
            fail(
                "loss was never called: the gradient must come from a tape recording loss(x) "
                "in every step, not from a formula worked out by hand or a number typed in."
            )
        if got == x0 and steps > 0:
            fail(
                f"descend_until_flat returned {steps} but x did not move: update x with "
                "assign_sub in every step, and count the steps you take."
            )
        if counted.calls == 1 and steps > 1:
            fail(
                "loss was called once for many steps, so every step used the same gradient: the "
                "gradient changes as x moves. Compute it again in every step, inside the loop."
            )
        if not np.isfinite(got) or abs(got - x0) > 50:
            fail(
                f"x went to {got:.4g}, away from the minimum: that is uphill. The gradient "
                "points where the loss grows; step against it."
            )
        if counted.calls > steps + 2:
            fail(
                f"loss was called {counted.calls} times for {steps} steps: a numeric slope "
                "calls it twice per step. Record one call per step on a tape and ask the tape."
            )
        expect(
            abs(steps - expected_steps) <= 1 and np.isclose(got, expected_x, atol=1e-3),
            f"from x = {x0} with learning rate {learning_rate}, descend_until_flat stopped "
            f"after {steps} steps at x = {got:.6g}. Step while |gradient| >= tolerance, "
            "compute the gradient of `loss` at the current x in every step, update x with "
            "assign_sub, and return how many updates were made.",
        )


# -- question 7 (optional): what the tape records, lesson 18's "Under the hood" -------------------
def _recorded_by_the_engine():
    """The op types learntf's tape records for question 7's program: read from the live engine
    (GradientTape._records), so the expected answer follows the code the lesson prints."""
    import learntf

    x = learntf.constant(1.0)
    c = learntf.constant(3.0)
    with learntf.GradientTape() as tape:
        tape.watch(x)
        a = c * c
        b = learntf.sin(x)
        learntf.exp(a)
        tape.watch(a)
        a * b
        learntf.exp(a)
    return [op.type for op, _ in tape._records]


@question(7, optional=True)
def q7(recorded):
    expect(
        isinstance(recorded, (list, tuple)) and all(isinstance(t, str) for t in recorded),
        'recorded should be a list of op types, strings such as ["Mul", "Exp"].',
    )
    expected = _recorded_by_the_engine()
    given = [t.strip().lower() for t in recorded]
    want = [t.lower() for t in expected]
    if given == want:
        return
    if given.count("mul") > want.count("mul") or given[:1] == ["mul"]:
        fail(
            "a = c * c has no watched input: c is a constant nobody watched, and no recorded op "
            "made it. _record skips such an op, whatever the with block says."
        )
    if given.count("exp") > want.count("exp"):
        fail(
            "_record decides when the op is made: when e = tf.exp(a) runs, is a watched yet? "
            "tape.watch changes nothing about ops already made."
        )
    if given.count("exp") < want.count("exp") or given.count("mul") < want.count("mul"):
        fail(
            "tape.watch(a) puts a among the watched tensors from then on, whatever made it: an op "
            "made later with a (or with a recorded op's output) as an input is recorded."
        )
    fail(
        "go through the ops in the order they run, and for each ask what _record asks: is one of "
        "its inputs watched, or made by an op already recorded?"
    )
