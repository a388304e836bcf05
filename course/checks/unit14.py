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


@question(1)
def q1(product, m_val):
    x = np.array([[1.0, 2.0], [3.0, 4.0]])
    value = _value(m_val, "m_val")
    expect(callable(product), "product should be a function of one matrix.")
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
    rng = np.random.default_rng(14)
    for n in (2, 3):
        a = rng.normal(size=(n, n)).astype(np.float32)
        a_tensor = tf.constant(a)
        with tf.GradientTape() as tape:
            tape.watch(a_tensor)
            result = product(a_tensor)
            if not isinstance(result, tf.Tensor):
                fail(
                    f"product returned a {type(result).__name__}, not a tensor: it skipped "
                    "TensorFlow (NumPy's @ or np.matmul computes outside it, so no tape can "
                    "record it). Compute the product with a TensorFlow operation."
                )
            total = tf.reduce_sum(result)
        got = _value(result, "product's result")
        typed = got.shape == (2, 2) and (n == 3 or np.allclose(got, x @ x))
        if typed:
            fail(
                "product gives x @ x whatever matrix it is called with: the numbers were typed "
                "in. Compute the product of the argument `a`."
            )
        expect(
            got.shape == (n, n) and np.allclose(got, a @ a, atol=1e-4),
            f"for a {n}x{n} matrix a, product(a) is not a @ a.",
        )
        grad = tape.gradient(total, a_tensor)
        expect(
            grad is not None,
            "a tape around product(a) recorded no path from a to the result: compute it with "
            "TensorFlow operations on a, not with NumPy.",
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


@question(3)
def q3(grad_f, grads):
    expect(
        callable(grad_f), "grad_f should be the gradient function that gradients_function makes."
    )
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
    for x, y in ((3.0, 2.0), (1.0, -1.0), (-2.0, 0.5), (0.25, 3.0)):
        expected = [y, x + 2 * y]  # d/dx (xy + y^2) = y, d/dy = x + 2y
        got = grads if (x, y) == (3.0, 2.0) else grad_f(x, y)
        got = [float(_value(g, "each gradient")) for g in got]
        if (x, y) != (3.0, 2.0) and np.allclose(got, [2.0, 7.0]):
            fail(
                f"at x = {x}, y = {y}, grad_f still gives [2.0, 7.0], the gradient at (3, 2): "
                "the numbers were typed in. Let gradients_function differentiate f for you."
            )
        expect(
            np.allclose(got, expected, atol=1e-5),
            f"at x = {x}, y = {y}, the gradients are {got}. Differentiate x*y + y**2 by hand "
            "with respect to x, then y, and compare.",
        )


@question(4)
def q4(grad_fn, grads_and_vars, w, b):
    expect(callable(grad_fn), "grad_fn should be the function that implicit_gradients makes.")
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

    def expected_at(w_value, b_value, x, y):
        residual = w_value * x + b_value - y  # d/dw (wx+b-y)^2 = 2(wx+b-y)x
        return {w.name: 2 * residual * x, b.name: 2 * residual}

    def compare(pairs, expected, where):
        for grad, var in pairs:
            got = float(_value(grad, "a gradient"))
            expect(
                np.isclose(got, expected[var.name], atol=1e-4),
                f"{where}, the gradient for {var.name} is {got}; did you call the gradient "
                "function at the point asked?",
            )

    w0, b0 = float(w.numpy()), float(b.numpy())
    compare(grads_and_vars, expected_at(w0, b0, 3.0, 4.0), "at x = 3, y = 4")
    typed = {var.name: float(_value(grad, "a gradient")) for grad, var in grads_and_vars}
    try:
        for w_value, b_value, x, y in ((w0, b0, -1.0, 2.0), (0.5, -2.0, 2.0, 1.0)):
            w.assign(w_value)
            b.assign(b_value)
            pairs = grad_fn(x, y)
            expected = expected_at(w_value, b_value, x, y)
            got = {var.name: float(_value(grad, "a gradient")) for grad, var in pairs}
            if got == typed:
                fail(
                    f"at x = {x}, y = {y}, with w = {w_value} and b = {b_value}, grad_fn gives "
                    "the same gradients as at x = 3, y = 4: the numbers were typed in. Let "
                    "implicit_gradients differentiate the loss for you."
                )
            compare(pairs, expected, f"at x = {x}, y = {y}, with w = {w_value}, b = {b_value}")
    finally:
        w.assign(w0)
        b.assign(b0)


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
