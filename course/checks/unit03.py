"""Checks for exercises/03_linear_regression.ipynb (lesson 03: the normal equation, batch gradient
descent with a hand-written gradient and tf.assign, the MSE curve)."""

import numpy as np

from course.checks import choice, expect, fail, question
from course.checks.engine import tf1 as tf


def _array(value, what):
    expect(
        isinstance(value, np.ndarray),
        f"{what} should be a NumPy array, the value a session run returns; "
        f"it is a {type(value).__name__}.",
    )
    return value


def _with_bias(data):
    return np.c_[np.ones((len(data), 1)), data]


def _least_squares(X, y):
    return np.linalg.lstsq(X, y, rcond=None)[0]


def _tensor_in_default_graph(tensor, what):
    expect(
        isinstance(tensor, (tf.Tensor, tf.Variable)),
        f"{what} should be a tensor (a node of the graph); it is a {type(tensor).__name__}.",
    )
    expect(
        tensor.graph is tf.get_default_graph(),
        f"{what} is not in the current default graph: build it in "
        "the default graph, after the setup cell.",
    )


@question(1)
def q1(data, target, theta_value):
    theta_value = _array(theta_value, "theta_value")
    X = _with_bias(np.asarray(data, dtype=np.float64))
    expected = _least_squares(X, np.asarray(target, dtype=np.float64).reshape(-1, 1))
    if theta_value.size == X.shape[1] - 1:
        fail(
            f"theta_value has {theta_value.size} weights, one per feature: the bias (intercept) "
            "has none. Give the model a constant input of 1 for it: a column of ones in front of "
            "the features."
        )
    expect(
        theta_value.shape == expected.shape,
        f"theta_value has shape {theta_value.shape}; with the bias "
        f"column, X has {X.shape[1]} columns, so theta is a column of "
        f"{X.shape[1]} weights, shape {expected.shape}.",
    )
    expect(
        np.allclose(theta_value, expected, rtol=1e-3, atol=1e-3),
        "theta_value is not the least-squares solution. Check the formula: inverse of (X "
        "transposed times X), times X transposed, times y; and that y is a column (shape (m, 1)).",
    )


def _values_in_fresh_session(tensors, theta):
    with tf.Session(graph=theta.graph) as sess:
        sess.run(theta.initializer)
        return sess.run(tensors)


@question(2)
def q2(gradients, X, y, theta):
    expect(not isinstance(gradients, (list, tuple)), "gradients should be one tensor, not a list.")
    _tensor_in_default_graph(gradients, "gradients")
    X_val, y_val, theta_val, grad_val = _values_in_fresh_session([X, y, theta, gradients], theta)
    m = X_val.shape[0]
    expected = 2 / m * X_val.T @ (X_val @ theta_val - y_val)
    expect(
        np.shape(grad_val) == expected.shape,
        f"gradients has shape {np.shape(grad_val)}; it needs one "
        f"partial derivative per weight in theta, shape {expected.shape}.",
    )
    if np.allclose(grad_val, expected / 2, rtol=1e-4, atol=1e-6):
        fail(
            "gradients is half the true gradient. Differentiate the square: what does d/dθ of (xθ "
            "- y)² bring down in front?"
        )
    if np.allclose(grad_val, -expected, rtol=1e-4, atol=1e-6):
        fail(
            "gradients points the wrong way (its sign is flipped): the error is predictions minus "
            "targets."
        )
    expect(
        np.allclose(grad_val, expected, rtol=1e-4, atol=1e-5),
        "gradients does not match the gradient of the MSE: (2/m) times X transposed times the "
        "error, where the error is X·theta - y. Compare your tensor's value with the same formula "
        "in NumPy.",
    )


@question(3)
def q3(training_op, theta, gradients, learning_rate):
    expect(
        isinstance(training_op, (tf.Tensor, tf.Operation)),
        f"training_op should be a node of the graph, not a {type(training_op).__name__}.",
    )
    with tf.Session(graph=theta.graph) as sess:
        sess.run(theta.initializer)
        before, grad_val = sess.run([theta, gradients])
        sess.run(training_op)
        after = sess.run(theta)
    if np.allclose(before, after):
        fail(
            "running training_op computes a new theta, but it is never stored: the variable theta "
            "is the same after the run. A variable only changes when an op that writes it runs."
        )
    expected = before - learning_rate * grad_val
    expect(
        np.allclose(after, expected, rtol=1e-4, atol=1e-6),
        "after one run of training_op, theta is not one gradient-descent step further: it should "
        "become theta - learning_rate * gradients.",
    )


@question(4)
def q4(mse_history, best_theta, X_data, y_data):
    expect(
        isinstance(mse_history, (list, tuple, np.ndarray)),
        "mse_history should be a list of MSE values.",
    )
    history = np.asarray(mse_history, dtype=np.float64)
    expect(
        history.ndim == 1 and len(history) == 200,
        f"mse_history should hold 200 numbers, one per epoch; it holds {history.size}.",
    )
    if np.allclose(history, history[0]):
        fail(
            "the MSE is the same at every epoch: the loop reads the MSE, but never runs the "
            "training step that changes theta."
        )
    expect(
        np.all(np.diff(history) <= 1e-6),
        "the MSE went up at some epoch: record the MSE once per epoch, "
        "before that epoch's training step, in one session.",
    )
    best_theta = _array(best_theta, "best_theta")
    expected = _least_squares(X_data, y_data)
    expect(
        best_theta.shape == expected.shape and np.allclose(best_theta, expected, atol=2e-3),
        "best_theta should be theta's value after the last epoch, read in the same session (it "
        "should be close to the least-squares solution).",
    )


@question(5)
def q5(answer):
    choice(
        answer,
        options=("a", "b", "c"),
        correct="b",
        hints={
            "a": "a bigger step is only faster while it does not overshoot. Each step multiplies "
            "the error along the bias direction by (1 - 2·learning_rate): work it out for this "
            "learning rate.",
            "c": "the learning rate scales every step; try it in lesson 03's training cell and "
            "watch the MSE.",
        },
    )
