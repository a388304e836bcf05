"""Checks for exercises/14_eager_execution.ipynb (lesson 14: eager execution, one snapshot or
many runs, the tfe gradient helpers written with the tape, applying gradients, per-operation
overhead)."""

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
    try:
        return np.asarray(
            tensor_or_number.numpy() if hasattr(tensor_or_number, "numpy") else tensor_or_number
        )
    except Exception:  # a graph tensor whose .numpy() raises (TensorFlow's symbolic tensors)
        fail(
            f"{what} is a symbolic graph tensor: it has no value until a session runs it. "
            "Eagerly, the operation runs when you call it; do not build a graph."
        )


def _kind(value):
    return "a NumPy array" if isinstance(value, np.ndarray) else f"a {type(value).__name__}"


def _first_power_above(a, limit):
    """Question 1's answer, from first principles, in NumPy (float64)."""
    power, n = a, 1
    while np.abs(power).max() <= limit:
        power, n = power @ a, n + 1
    return n, power


@question(1)
def q1(first_power_above, n_x, power_x):
    expect(callable(first_power_above), "first_power_above should be a function of (a, limit).")
    x = np.array([[1.0, 2.0], [3.0, 4.0]])
    cases = [
        (x, 100.0),
        (np.array([[0.5, 1.0, 0.0], [0.0, 1.5, 0.5], [1.0, 0.0, 1.0]]), 20.0),
        (np.array([[2.0, 0.0], [0.0, 1.0]]), 8.0),  # 2, 4, 8, 16: 8 is not above 8
        (np.array([[-3.0, 1.0], [0.0, 2.0]]), 1.0),  # a itself is already above
    ]
    for index, (a, limit) in enumerate(cases):
        expected_n, expected = _first_power_above(a, limit)
        if index == 0:
            n, result = n_x, power_x
            where = "for x and the limit 100"
        else:
            a_tensor = tf.constant(a.astype(np.float32))
            with tf.GradientTape() as tape:
                tape.watch(a_tensor)
                n, result = first_power_above(a_tensor, limit)
                if not isinstance(result, tf.Tensor):
                    fail(
                        f"first_power_above returned {_kind(result)} as the power, not "
                        "a tensor: it skipped TensorFlow (NumPy's @ or np.matmul computes outside "
                        "it). Take the powers with a TensorFlow operation."
                    )
                total = tf.reduce_sum(result)
            where = f"for the {len(a)}x{len(a)} matrix {a.tolist()} and the limit {limit}"
        got = _value(result, "the power")
        if index > 0 and got.shape == (2, 2) and np.allclose(got, [[37, 54], [81, 118]]):
            fail(
                f"{where}, first_power_above still gives x's third power: the numbers were "
                "typed in. Compute the powers of the argument `a`."
            )
        try:
            n = int(_value(n, "n"))
        except (TypeError, ValueError):
            fail(f"{where}, n is {n!r}; it should be a whole number, the power reached.")
        if got.shape == a.shape and np.allclose(got, a**n) and not np.allclose(a**n, expected):
            fail(
                f"{where}, the result is each entry of a raised to a power, element by element: "
                "a matrix power multiplies whole matrices, rows with columns (tf.matmul)."
            )
        if got.shape == expected.shape and np.allclose(got, expected, rtol=1e-4, atol=1e-4):
            expect(
                n == expected_n,
                f"{where}, the matrix you return is right but n is {n}: n should be the "
                "power of a that it is (a itself is the power 1), not the number of products.",
            )
        expect(
            got.shape == expected.shape
            and n == expected_n
            and np.allclose(got, expected, rtol=1e-4, atol=1e-4),
            f"{where}, first_power_above gives n = {n}: stop at the first power whose largest "
            "absolute entry is above the limit (an entry equal to the limit is not above it).",
        )
        if index > 0:
            expect(
                tape.gradient(total, a_tensor) is not None,
                "a tape around first_power_above(a, limit) recorded no path from a to the "
                "power: compute it with TensorFlow operations on a, not with NumPy.",
            )


def _keyword(text, words):
    text = text.lower() if isinstance(text, str) else ""
    return any(word in text for word in words)


@question(2)
def q2(same_runs, same_pair, same_eager, why):
    for name, value in (
        ("same_runs", same_runs),
        ("same_pair", same_pair),
        ("same_eager", same_eager),
    ):
        expect(
            isinstance(value, (bool, np.bool_)), f"{name} should be True or False, your prediction."
        )
    # The real run, from first principles: the program itself.
    graph = tf.Graph()
    with graph.as_default():
        tf.random.set_seed(3)
        r = tf.random.uniform([2])
        with tf.compat.v1.Session() as sess:
            first = sess.run(r[0])
            second = sess.run(r[0])
            pair = sess.run([r[0], r[0]])
    tf.random.set_seed(3)
    e = tf.random.uniform([2])
    real = (bool(first == second), bool(pair[0] == pair[1]), bool(e[0].numpy() == e[0].numpy()))
    if bool(same_runs) != real[0]:
        fail(
            "first and second: in graph mode r names a random op, not a set of numbers. Each "
            "sess.run runs the random op again (unit 02: a node's value lives for one run), "
            "with the seed only fixing the sequence of draws."
        )
    if bool(same_pair) != real[1]:
        fail(
            "pair: both fetches are in one run. How many times does one run compute a node "
            "that two fetches need?"
        )
    if bool(same_eager) != real[2]:
        fail("e: an eager tensor already holds its values. Does reading it draw anything?")
    expect(
        _keyword(why, ("run", "draw", "execut", "comput")),
        "the predictions are right; now explain them in `why`, in a sentence: what makes two "
        "reads of r[0] see the same numbers or new ones (say when the random op runs).",
    )


def _run_question_3():
    """Question 3's program, with the tape written out as tfe.gradients_function does it."""
    v = tf.Variable(3.0, name="v")

    def f(x, y, z):
        return v * x * y + x**2

    args = [tf.convert_to_tensor(arg) for arg in (2.0, 1.0, 5.0)]
    with tf.GradientTape() as tape:
        tape.watch(args)
        value = f(*args)
    return [None if g is None else float(g.numpy()) for g in tape.gradient(value, args)]


@question(3)
def q3(predicted, why):
    expect(
        isinstance(predicted, (list, tuple)),
        "predicted should be a list: one item per item of grads, a number or None.",
    )
    real = _run_question_3()
    if len(predicted) != len(real):
        fail(
            f"you predicted {len(predicted)} items. gradients_function differentiates f with "
            "respect to its arguments, one item per argument; the variable v is not one of them."
        )
    for index, (mine, actual) in enumerate(zip(predicted, real)):
        name = "xyz"[index]
        if actual is None:
            if mine is not None:
                fail(
                    f"the item for {name}: f never uses {name}, so the tape recorded no "
                    f"operation on it: there is no path from {name} to the result. A gradient "
                    "of 0 would mean a path whose effect is zero; tape.gradient tells the two "
                    "apart."
                )
            continue
        try:
            ok = mine is not None and np.isclose(float(mine), actual, atol=1e-5)
        except (TypeError, ValueError):
            ok = False
        expect(
            ok,
            f"the item for {name}: you predicted {mine!r}. Differentiate v*x*y + x**2 with "
            f"respect to {name}, holding the others fixed, at x = 2, y = 1 (v = 3).",
        )
    expect(
        _keyword(why, ("argument", "used", "path", "record", "depend")),
        "the predictions are right; now explain them in `why`, in a sentence: what does "
        "gradients_function differentiate with respect to, and when is an item None?",
    )


@question(4)
def q4(descend):
    expect(callable(descend), "descend should be a function of (loss_fn, learning_rate, *args).")
    p = tf.Variable(1.5, name="p")
    q = tf.Variable(-0.5, name="q")
    r = tf.Variable(4.0, name="r")
    calls = []

    def loss_a(x):
        calls.append(x)
        return (p * x + q) ** 2  # r is not used

    def loss_b(x, y):
        calls.append(x)
        return p * p * x - q * y  # p is used twice

    def gradients_a(p0, q0, r0, x):
        residual = p0 * x + q0  # d/dp (px + q)^2 = 2(px + q)x
        return {"p": 2 * residual * x, "q": 2 * residual, "r": 0.0}

    def gradients_b(p0, q0, r0, x, y):
        return {"p": 2 * p0 * x, "q": -y, "r": 0.0}

    cases = [
        (loss_b, gradients_b, (1.0, 2.0, 4.0), 0.05, (3.0, 1.0)),
        (loss_a, gradients_a, (1.5, -0.5, 4.0), 0.1, (2.0,)),
        (loss_a, gradients_a, (-1.0, 2.0, 4.0), 0.02, (-3.0,)),
    ]
    for loss_fn, gradients, start, learning_rate, args in cases:
        for var, value in zip((p, q, r), start):
            var.assign(value)
        calls.clear()
        descend(loss_fn, learning_rate, *args)
        where = (
            f"descend(loss, {learning_rate}, {', '.join(map(str, args))}) from p, q, r = {start}"
        )
        if not calls:
            fail(
                f"{where} never called the loss it was given: descend should differentiate "
                "loss_fn, whichever it is, with tfe.implicit_gradients, not a formula for one "
                "loss (and not a step for the variables w and b)."
            )
        got = dict(zip("pqr", (float(var.numpy()) for var in (p, q, r))))
        grads = gradients(*start, *args)
        expected = {name: s - learning_rate * grads[name] for name, s in zip("pqr", start)}
        uphill = {name: s + learning_rate * grads[name] for name, s in zip("pqr", start)}
        if all(np.isclose(got[name], s) for name, s in zip("pqr", start)):
            fail(
                f"{where} left every variable unchanged. Giving the name `variable` a new value "
                "changes no tf.Variable: change each one in place with variable.assign(...)."
            )
        if np.allclose([got[n] for n in "pqr"], [uphill[n] for n in "pqr"], atol=1e-4):
            fail(
                f"{where} moved the variables uphill, along the gradient: gradient descent "
                "subtracts learning_rate * gradient."
            )
        expect(
            np.isclose(got["r"], start[2]),
            f"{where} changed r, which the loss does not use: move only the variables of the "
            "pairs tfe.implicit_gradients returns.",
        )
        expect(
            np.allclose([got[n] for n in "pq"], [expected[n] for n in "pq"], atol=1e-4),
            f"{where} moved (p, q) to ({got['p']:.4f}, {got['q']:.4f}), not by one step of "
            f"gradient descent with learning rate {learning_rate}: subtract learning_rate * "
            "gradient from each variable of the pairs, once.",
        )


@question(5)
def q5(step, w):
    expect(callable(step), "step should be the function of (x, y) from the program above.")
    learning_rate = 0.1
    for w0, x, y in ((1.0, 3.0, 6.0), (0.5, 2.0, 5.0), (-1.0, -1.5, 1.0)):
        w.assign(w0)
        step(x, y)
        got = float(w.numpy())
        expected = w0 - learning_rate * 2 * x * (w0 * x - y)  # d/dw (wx - y)^2 = 2x(wx - y)
        if np.isclose(got, w0):
            fail(
                f"from w = {w0}, step({x}, {y}) left w unchanged: the optimizer received no "
                "(gradient, variable) pair, because the tape never saw w being used. Which part "
                "of loss_fn takes w's value out of TensorFlow, where the tape cannot record it?"
            )
        if np.isclose(got, y / x) and not np.isclose(expected, y / x):
            fail(
                f"from w = {w0}, step({x}, {y}) jumped w straight to y / x: that solves the "
                "problem by hand instead of taking one gradient step. Keep step as it was, and "
                "fix loss_fn so the tape records w."
            )
        expect(
            np.isclose(got, expected, atol=1e-4),
            f"from w = {w0}, step({x}, {y}) moved w to {got}, not by one gradient step of "
            f"learning rate {learning_rate} on (w*x - y)**2. Keep step as it was.",
        )
    w.assign(1.0)


@question(6)
def q6(answer):
    choice(
        answer,
        options=("a", "b", "c", "d", "e"),
        correct="d",
        hints={
            "a": "float64 makes each number bigger; the arithmetic was not where the time went. "
            "What does every eager operation pay, whatever the size of its inputs?",
            "b": "the learning rate changes how far a step moves the weights, not what a step "
            "costs: every step still runs the same operations. What makes an epoch run fewer "
            "operations?",
            "c": "each step still runs the same eager operations on its row, each with its fixed "
            "overhead; NumPy inputs are converted to tensors at every operation. Count the "
            "operations in one epoch.",
            "e": "shuffling changes the order of the examples, not the number of steps or "
            "operations an epoch runs. What makes an epoch run fewer operations?",
        },
    )
