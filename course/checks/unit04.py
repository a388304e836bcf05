"""Checks for exercises/04_autodiff.ipynb (lesson 04: tf.gradients, the four ways to
differentiate and what each costs, optimizers, compute_gradients/apply_gradients, slots)."""

import numpy as np

from course.checks import choice, expect, fail, question
from course.checks.engine import tf1 as tf


def _whole_number(value, what):
    expect(
        isinstance(value, (int, np.integer)) and not isinstance(value, bool),
        f"{what} should be a whole number.",
    )
    return int(value)


@question(1)
def q1(grad_a, grad_b, a, b):
    for name, grad in (("grad_a", grad_a), ("grad_b", grad_b)):
        expect(
            isinstance(grad, tf.Tensor),
            f"{name} should be a tensor, one element of the list tf.gradients "
            f"returns; it is a {type(grad).__name__}.",
        )
    with tf.Session(graph=a.graph) as sess:
        sess.run([a.initializer, b.initializer])
        a_val, b_val, ga, gb = sess.run([a, b, grad_a, grad_b])
    # loss = (a*b - 6)**2: d/da = 2(ab - 6)·b, d/db = 2(ab - 6)·a
    expected_a, expected_b = 2 * (a_val * b_val - 6) * b_val, 2 * (a_val * b_val - 6) * a_val
    if np.isclose(ga, expected_b) and np.isclose(gb, expected_a) and not np.isclose(ga, expected_a):
        fail(
            "grad_a and grad_b are swapped: tf.gradients returns the gradients in the order of "
            "the list of variables you pass it."
        )
    expect(
        np.isclose(ga, expected_a) and np.isclose(gb, expected_b),
        "these are not the partial derivatives of loss: differentiate `loss` (not another tensor) "
        "with respect to the list of variables [a, b].",
    )


@question(2)
def q2(reverse_traversals, forward_traversals, numerical_traversals):
    reverse = _whole_number(reverse_traversals, "reverse_traversals")
    forward = _whole_number(forward_traversals, "forward_traversals")
    numerical = _whole_number(numerical_traversals, "numerical_traversals")
    n_variables = 10
    expect(
        reverse == 1 + 1,
        "reverse mode: one forward pass computes every node's value, then how many "
        "backward passes does one output (the cost) need, however many variables?",
    )
    expect(
        forward == n_variables,
        "forward mode: one pass with dual numbers gives the derivative along one "
        "input direction. How many directions does a gradient of 10 variables have?",
    )
    if numerical == n_variables:
        fail(
            "numerical differentiation compares f at nudged points with f at the point itself: "
            "count the evaluation at the point too."
        )
    expect(
        numerical == n_variables + 1,
        "numerical differentiation (forward differences): one evaluation of "
        "the cost per nudged variable, plus one at the point itself.",
    )


def _momentum_steps(theta0, X, y, learning_rate, momentum, steps):
    theta, velocity = theta0.astype(np.float64), np.zeros_like(theta0, dtype=np.float64)
    for _ in range(steps):
        gradient = 2 / len(X) * X.T @ (X @ theta - y)
        velocity = momentum * velocity + gradient
        theta = theta - learning_rate * velocity
    return theta


@question(3)
def q3(training_op, init, theta, X, y):
    expect(
        isinstance(training_op, (tf.Operation, tf.Tensor)),
        "training_op should be the op minimize() returns.",
    )
    expect(
        isinstance(init, tf.Operation),
        "init should be the op tf.global_variables_initializer() returns.",
    )
    with theta.graph.as_default():
        names = [v.op.name for v in tf.global_variables()]
    if not any(name.startswith(theta.op.name + "/") for name in names):
        fail(
            "the graph has no slot variable for theta, so this optimizer keeps no velocity "
            "between steps: plain gradient descent, not momentum."
        )
    with tf.Session(graph=theta.graph) as sess:
        try:
            sess.run(init)
            theta0, X_val, y_val = sess.run([theta, X, y])
            for _ in range(3):
                sess.run(training_op)
        except tf.errors.FailedPreconditionError:
            fail(
                "running init, then training_op, fails: a variable is still uninitialized. init "
                "only covers the variables that exist when global_variables_initializer() is "
                "called, and minimize() creates the optimizer's slot variables."
            )
        after = sess.run(theta)
    expected = _momentum_steps(theta0, X_val, y_val, 0.01, 0.9, 3)
    expect(
        np.allclose(after, expected, rtol=1e-4, atol=1e-5),
        "after three steps theta is not where momentum with learning_rate=0.01 and momentum=0.9 "
        "puts it. Minimize `mse` with exactly those settings.",
    )


@question(4)
def q4(training_op, theta, X, y, learning_rate):
    expect(
        isinstance(training_op, (tf.Operation, tf.Tensor)),
        "training_op should be the op apply_gradients() returns.",
    )
    with tf.Session(graph=theta.graph) as sess:
        sess.run(theta.initializer)
        theta0, X_val, y_val = sess.run([theta, X, y])
        sess.run(training_op)
        after = sess.run(theta)
    gradient = 2 / len(X_val) * X_val.T @ (X_val @ theta0 - y_val)
    clipped = np.clip(gradient, -1.0, 1.0)
    if np.allclose(after, theta0 - learning_rate * gradient, rtol=1e-4, atol=1e-6):
        fail(
            "theta took a full gradient step: some gradient components are larger than 1 here, "
            "and they must be clipped between compute_gradients() and apply_gradients()."
        )
    expect(
        np.allclose(after, theta0 - learning_rate * clipped, rtol=1e-4, atol=1e-6),
        "one run of training_op should move theta by -learning_rate times the gradient, with each "
        "component of the gradient limited to the range [-1, 1].",
    )


@question(5)
def q5(answer):
    choice(
        answer,
        options=("a", "b", "c"),
        correct="b",
        hints={
            "a": "with many inputs, forward mode needs one pass per input, while reverse mode "
            "needs one backward pass per output. Which is cheaper for a cost of a million weights?",
            "c": "count the passes: forward mode needs one per input, reverse mode one per output "
            "(plus the forward pass). When are there fewer inputs than outputs?",
        },
    )
