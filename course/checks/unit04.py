"""Checks for exercises/04_autodiff.ipynb (lesson 04: tf.gradients, checking a gradient with
finite differences, the ways to differentiate a program and what each costs)."""

import re

import numpy as np

from course.checks import expect, explains, fail, question
from course.checks._graphs import ops_needed
from course.checks.engine import tf1 as tf

# points (a, b) at which question 1's gradients are compared with finite differences
POINTS_Q1 = ((2.0, 1.0), (0.5, -3.0), (4.0, 2.5), (-1.5, 0.75))
# values of w at which question 3's gradient is compared with finite differences
POINTS_Q3 = (1.0, -0.5, 2.0, 3.5)


def _whole_number(value, what):
    expect(
        isinstance(value, (int, np.integer)) and not isinstance(value, bool),
        f"{what} should be a whole number.",
    )
    return int(value)


def _built_by_tf_gradients(tensor):
    """tf.gradients puts every op it adds under a name scope `gradients` (`gradients_1`, ...)."""
    return re.match(r"^gradients(_\d+)?/", tensor.op.name) is not None


def _central_difference(sess, loss, variable, point, feeds, h=1e-2):
    """(loss(v + h) - loss(v - h)) / 2h, with the variables fed their values (float64 result)."""
    up = sess.run(loss, feed_dict={**feeds, variable: point + h})
    down = sess.run(loss, feed_dict={**feeds, variable: point - h})
    return (np.float64(up) - np.float64(down)) / (2 * h)


@question(1)
def q1(grad_a, grad_b, a, b, loss):
    for name, grad in (("grad_a", grad_a), ("grad_b", grad_b)):
        if grad is None:
            fail(
                f"{name} is None: tf.gradients returns None for a variable the tensor you "
                "differentiate does not depend on. Differentiate `loss`."
            )
        expect(
            isinstance(grad, tf.Tensor),
            f"{name} should be a tensor, one element of the list tf.gradients "
            f"returns; it is a {type(grad).__name__}.",
        )
    with tf.Session(graph=a.graph) as sess:
        sess.run([a.initializer, b.initializer])
        for a_val, b_val in POINTS_Q1:
            feeds = {a: a_val, b: b_val}
            ga, gb = sess.run([grad_a, grad_b], feed_dict=feeds)
            fd_a = _central_difference(sess, loss, a, a_val, {b: b_val})
            fd_b = _central_difference(sess, loss, b, b_val, {a: a_val})

            def close(x, y):
                return np.isclose(x, y, rtol=1e-3, atol=1e-2)

            if close(ga, fd_b) and close(gb, fd_a) and not close(ga, fd_a):
                fail(
                    "grad_a and grad_b are swapped: tf.gradients returns the gradients in the "
                    "order of the list of variables you pass it."
                )
            expect(
                close(ga, fd_a) and close(gb, fd_b),
                f"at a = {a_val}, b = {b_val} your gradients are ({ga:g}, {gb:g}), but nudging a "
                f"and b changes loss at rates ({fd_a:.4g}, {fd_b:.4g}). A gradient must follow a "
                "and b wherever they are: a number typed in is right at one point only. Build "
                "the gradients of `loss` with tf.gradients.",
            )
    for name, grad in (("grad_a", grad_a), ("grad_b", grad_b)):
        expect(
            _built_by_tf_gradients(grad),
            f"{name} has the right values, but it was not built by tf.gradients (its op "
            f"{grad.op.name!r} is not under the name scope gradients/): you skipped the API "
            "and wrote the derivative by hand. Let tf.gradients build it.",
        )


@question(2)
def q2(reverse_traversals, forward_traversals, numerical_traversals):
    reverse = _whole_number(reverse_traversals, "reverse_traversals")
    forward = _whole_number(forward_traversals, "forward_traversals")
    numerical = _whole_number(numerical_traversals, "numerical_traversals")
    n_inputs, n_outputs = 10, 3
    if reverse == 2:
        fail(
            "reverse mode: one backward pass gives the derivatives of ONE output with respect "
            "to every input. Here there are several outputs; count one backward pass per output, "
            "plus the forward pass."
        )
    expect(
        reverse == n_outputs + 1,
        "reverse mode: one forward pass computes every node's value, then one backward pass "
        "per output.",
    )
    if forward == n_outputs:
        fail(
            "forward mode: one pass carries the derivative along one INPUT direction, and gives "
            "it for every output at once. How many input directions are there?"
        )
    expect(
        forward == n_inputs,
        "forward mode: one pass with dual numbers per input direction.",
    )
    if numerical == n_inputs:
        fail(
            "numerical differentiation compares f at nudged points with f at the point itself: "
            "count the evaluation at the point too."
        )
    expect(
        numerical == n_inputs + 1,
        "numerical differentiation (forward differences): one evaluation per nudged input "
        "(each gives every output), plus one at the point itself.",
    )


@question(3)
def q3(grad_w, loss, w):
    if grad_w is None:
        fail(
            "grad_w is still None: tf.gradients found no path in the graph from w to loss. Is "
            "`pred` computed from the variable w, or from a NumPy number copied out of a "
            "session (which the graph knows only as a constant)?"
        )
    expect(
        isinstance(grad_w, tf.Tensor),
        f"grad_w should be the tensor tf.gradients returns; it is a {type(grad_w).__name__}.",
    )
    expect(
        w.op in ops_needed(loss),
        "loss does not depend on the variable w: build pred from w itself, not from its value.",
    )
    with tf.Session(graph=w.graph) as sess:
        sess.run(w.initializer)
        for w_val in POINTS_Q3:
            g = sess.run(grad_w, feed_dict={w: w_val})
            fd = _central_difference(sess, loss, w, w_val, {})
            expect(
                np.isclose(g, fd, rtol=1e-3, atol=1e-2),
                f"at w = {w_val}, grad_w is {g:g}, but nudging w changes loss at a rate of "
                f"{fd:.4g}. A number typed in is right at one point only: grad_w must be "
                "tf.gradients(loss, [w])[0], with loss computed from w.",
            )
    expect(
        _built_by_tf_gradients(grad_w),
        "grad_w has the right values but was not built by tf.gradients: you skipped the API.",
    )


@question(4)
def q4(predicted_forward, predicted_central, explanation, forward, central):
    for name, value in (
        ("predicted_forward", predicted_forward),
        ("predicted_central", predicted_central),
    ):
        expect(
            isinstance(value, (int, float, np.floating)) and not isinstance(value, bool),
            f"{name} should be a number (your prediction, written before running the cell).",
        )
    w, h = 2.0, 0.1
    f = lambda v: v**3  # noqa: E731
    true_forward = (f(w + h) - f(w)) / h
    true_central = (f(w + h) - f(w - h)) / (2 * h)
    expect(
        np.isclose(forward, true_forward, atol=1e-6)
        and np.isclose(central, true_central, atol=1e-6),
        "the cell that computes `forward` and `central` was changed or not run: run it as given.",
    )
    if np.isclose(predicted_forward, 12.0) or np.isclose(predicted_central, 12.0, atol=1e-3):
        fail(
            "12 is the exact derivative, but a difference quotient with h = 0.1 is not exact: "
            "expand (2 + h)³ = 8 + 12h + 6h² + h³ and divide the difference by h (and, for the "
            "central one, subtract (2 - h)³ first)."
        )
    expect(
        np.isclose(predicted_forward, forward, atol=0.006),
        f"your forward prediction {predicted_forward} differs from what the run printed. "
        "Expand (2 + h)³ - 2³, divide by h = 0.1: which terms remain besides 12?",
    )
    expect(
        np.isclose(predicted_central, central, atol=0.006),
        f"your central prediction {predicted_central} differs from what the run printed. "
        "Subtract (2 - h)³ from (2 + h)³: which terms cancel?",
    )
    explains(
        explanation,
        ("cancel", "symmetr", "both side", "h²", "h^2", "h**2", "square", "even"),
        "your explanation should say what happens to the h-terms of the expansion when you "
        "subtract f(w - h) from f(w + h) (which of them remain, which disappear?).",
    )
