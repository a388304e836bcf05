"""Checks for exercises/05_optimizers.ipynb (lesson 05: optimizers, compute_gradients and
apply_gradients, momentum and its slots, logistic regression with the log loss from the logits)."""

import numpy as np

from course.checks import expect, explains, fail, question
from course.checks._graphs import ops_needed
from course.checks.engine import tf1 as tf


def _op_types(training_op):
    """The types of the ops running training_op runs (it and everything it depends on)."""
    op = training_op if isinstance(training_op, tf.Operation) else training_op.op
    return {o.type for o in ops_needed(_AsTensor(op))}


class _AsTensor:
    """Lets ops_needed start from an op (minimize() returns a NoOp, which has no outputs)."""

    def __init__(self, op):
        self.op = op


def _is_op(value):
    return isinstance(value, (tf.Operation, tf.Tensor))


def _mse_gradient(theta, X, y):
    return 2 / len(X) * X.T @ (X @ theta - y)


def _sigmoid(z):
    return 0.5 * (1 + np.tanh(0.5 * z))  # 1 / (1 + e^-z), without overflow for large |z|


def _log_loss(z, y):
    """The mean log loss from the logits, computed the stable way (exact for any z)."""
    return np.mean(np.maximum(z, 0) - z * y + np.log1p(np.exp(-np.abs(z))))


def _momentum_steps(theta0, X, y, learning_rate, momentum, steps):
    theta, velocity = theta0.astype(np.float64), np.zeros_like(theta0, dtype=np.float64)
    for _ in range(steps):
        velocity = momentum * velocity + _mse_gradient(theta, X, y)
        theta = theta - learning_rate * velocity
    return theta


@question(1)
def q1(training_op, init, theta, X, y):
    expect(_is_op(training_op), "training_op should be the op minimize() returns.")
    expect(
        isinstance(init, tf.Operation),
        "init should be the op tf.global_variables_initializer() returns.",
    )
    types = _op_types(training_op)
    if not types & {"ApplyMomentum", "ResourceApplyMomentum"}:
        if types & {"ApplyGradientDescent", "ResourceApplyGradientDescent"}:
            fail(
                "the graph has no slot variable for theta, so this optimizer keeps no velocity "
                "between steps: plain gradient descent, not momentum."
            )
        fail(
            "the graph holds no update built by an optimizer: you skipped the API and wrote "
            "the update yourself. Let tf.train.MomentumOptimizer(...).minimize(mse) build it."
        )
    with theta.graph.as_default():
        names = [v.op.name for v in tf.global_variables()]
    expect(
        any(name.startswith(theta.op.name + "/") for name in names),
        "the graph has no slot variable for theta: minimize `mse` with a MomentumOptimizer.",
    )
    with tf.Session(graph=theta.graph) as sess:
        X_val, y_val = sess.run([X, y])
        starts = [None, np.array([[1.0], [-2.0], [0.5]], dtype=np.float32)]
        for start in starts:
            try:
                sess.run(init)
            except tf.errors.FailedPreconditionError:
                fail("running init fails: build init with tf.global_variables_initializer().")
            if start is not None:
                theta.load(start, sess)
            theta0 = sess.run(theta)
            try:
                for _ in range(3):
                    sess.run(training_op)
            except tf.errors.FailedPreconditionError:
                fail(
                    "running init, then training_op, fails: a variable is still uninitialized, "
                    "the optimizer's slot variables (theta/Momentum), which minimize() creates. "
                    "global_variables_initializer() covers only the variables that exist when "
                    "it is called."
                )
            after = sess.run(theta)
            expected = _momentum_steps(theta0, X_val, y_val, 0.01, 0.9, 3)
            expect(
                np.allclose(after, expected, rtol=1e-4, atol=1e-5),
                "after three steps theta is not where momentum with learning_rate=0.01 and "
                "momentum=0.9 puts it. Minimize `mse` with exactly those settings.",
            )


# starting points for question 2's single steps: at each, some gradient components exceed 1
STARTS_Q2 = ([[0.0], [0.0], [0.0]], [[5.0], [-3.0], [2.0]], [[-2.0], [4.0], [0.5]])


@question(2)
def q2(training_op, theta, X, y, learning_rate):
    expect(_is_op(training_op), "training_op should be the op apply_gradients() returns.")
    types = _op_types(training_op)
    if not types & {"ApplyGradientDescent", "ResourceApplyGradientDescent"}:
        fail(
            "the graph holds no update built by the optimizer: you skipped the API and wrote "
            "the update with tf.assign. Hand the clipped (gradient, variable) pairs to the "
            "optimizer's apply_gradients()."
        )
    with tf.Session(graph=theta.graph) as sess:
        sess.run(theta.initializer)
        X_val, y_val = sess.run([X, y])
        for start in STARTS_Q2:
            theta.load(np.array(start, dtype=np.float32), sess)
            theta0 = sess.run(theta)
            sess.run(training_op)
            after = sess.run(theta)
            gradient = _mse_gradient(theta0, X_val, y_val)
            clipped = np.clip(gradient, -1.0, 1.0)
            full = theta0 - learning_rate * gradient
            if np.allclose(after, full, rtol=1e-4, atol=1e-6):
                fail(
                    "theta took a full gradient step: some gradient components are larger than "
                    "1 here, and they must be clipped between compute_gradients() and "
                    "apply_gradients()."
                )
            expect(
                np.allclose(after, theta0 - learning_rate * clipped, rtol=1e-4, atol=1e-6),
                "one run of training_op should move theta by -learning_rate times the gradient "
                "of mse, with each component of the gradient limited to the range [-1, 1].",
            )


# values of theta (one column per outcome) at which question 3's tensors are evaluated; the last
# one makes huge logits
THETAS_Q3 = (
    [[0.0, 0.0], [0.0, 0.0], [0.0, 0.0]],
    [[-1.0, 0.3], [0.8, -0.4], [0.5, 1.1]],
    [[2.0, -0.5], [-0.3, 0.6], [1.2, -0.7]],
    [[0.0, 0.0], [40.0, -40.0], [40.0, 40.0]],
)


@question(3)
def q3(logits, y_proba, loss, training_op, theta, X, y):
    for name, value in (("logits", logits), ("y_proba", y_proba), ("loss", loss)):
        expect(
            isinstance(value, tf.Tensor),
            f"{name} should be a tensor of the graph, built from theta; it is a "
            f"{type(value).__name__}.",
        )
    expect(_is_op(training_op), "training_op should be the op minimize() returns.")
    for name, value in (("y_proba", y_proba), ("loss", loss)):
        expect(
            theta.op in ops_needed(value),
            f"{name} does not depend on theta: it is a number computed once (in NumPy, or "
            "copied out of a session), so you skipped the API. Build it in the graph from "
            "the logits, with tf.sigmoid and tf.nn.sigmoid_cross_entropy_with_logits.",
        )
    expect(
        y_proba.op.type == "Sigmoid",
        "y_proba should be tf.sigmoid(logits): you skipped the API.",
    )
    with tf.Session(graph=theta.graph) as sess:
        sess.run(theta.initializer)
        X_val, y_val = sess.run([X, y])
        n_pairs = y_val.size  # (student, outcome) pairs
        for point in THETAS_Q3:
            t = np.array(point, dtype=np.float32)
            z_val, p_val, loss_val = sess.run([logits, y_proba, loss], feed_dict={theta: t})
            z = X_val @ t
            expect(
                np.shape(z_val) == z.shape and np.allclose(z_val, z, rtol=1e-4, atol=1e-4),
                f"logits should hold one linear score per student and outcome, X·theta, of shape "
                f"{list(z.shape)} (tf.matmul(X, theta)); yours has shape {list(np.shape(z_val))}.",
            )
            expect(
                np.allclose(p_val, _sigmoid(z), rtol=1e-4, atol=1e-6),
                "y_proba should be the sigmoid of the logits.",
            )
            expected = _log_loss(z, y_val)
            if not np.isfinite(loss_val):
                fail(
                    f"at theta = {t.tolist()} the logits are huge and your loss is "
                    f"{loss_val}: it takes the log of probabilities that float32 rounded to 0 "
                    "or 1. Compute the log loss from the logits, not from y_proba."
                )
            if expected > 1e-3 and np.isclose(loss_val, n_pairs * expected, rtol=1e-3):
                fail("loss is the sum of all the pairs' losses: take their mean (reduce_mean).")
            if expected > 1e-3 and np.isclose(loss_val, y_val.shape[1] * expected, rtol=1e-3):
                fail(
                    "loss adds up one mean loss per outcome: average over all 400 (student, "
                    "outcome) pairs instead, with one reduce_mean over every element."
                )
            if point[1][0] == 40.0:
                expect(
                    np.isclose(loss_val, expected, rtol=1e-3),
                    f"at theta = {t.tolist()} the logits are huge, and your loss is "
                    f"{loss_val:.4g} where the log loss is {expected:.4g}: a formula on the "
                    "probabilities (even with a small epsilon) caps it. Compute the log loss "
                    "from the logits with tf.nn.sigmoid_cross_entropy_with_logits.",
                )
            expect(
                np.isclose(loss_val, expected, rtol=1e-3, atol=1e-5),
                f"at theta = {t.tolist()} loss is {loss_val:.5g}, but the mean log loss "
                f"there is {expected:.5g}. Use the log loss (not the MSE), averaged over all the "
                "(student, outcome) pairs.",
            )
        for point in THETAS_Q3[:3]:
            t = np.array(point, dtype=np.float32)
            theta.load(t, sess)
            sess.run(training_op)
            after = sess.run(theta)
            z = X_val @ t
            step = t - 0.1 * X_val.T @ (_sigmoid(z) - y_val) / n_pairs
            expect(
                np.allclose(after, step, rtol=1e-4, atol=1e-5),
                "one run of training_op should be one gradient-descent step on `loss` with "
                "learning rate 0.1: minimize the loss with tf.train.GradientDescentOptimizer.",
            )
    types = _op_types(training_op)
    expect(
        bool(types & {"ApplyGradientDescent", "ResourceApplyGradientDescent"}),
        "training_op should be built by the optimizer's minimize(): you skipped the API.",
    )


@question(4)
def q4(history, loss, theta, X, y, learning_rate, n_epochs):
    expect(
        isinstance(history, list) and len(history) == n_epochs,
        f"history should be the list of the {n_epochs} losses the program records.",
    )
    values = np.array(history, dtype=np.float64)
    if not np.all(np.isfinite(values)):
        first = int(np.argmin(np.isfinite(values)))
        fail(
            f"history turns to {values[first]} at epoch {first}: some probabilities reached "
            "exactly 0 or 1 in float32, and the loss took the log of 0. Compute the loss from "
            "the logits instead of from the probabilities."
        )
    with tf.Session(graph=theta.graph) as sess:
        sess.run(theta.initializer)
        X_val, y_val = sess.run([X, y])
        for point in ([[0.0], [3.0], [3.0]], [[1.0], [-25.0], [-30.0]]):
            t = np.array(point, dtype=np.float32)
            loss_val = sess.run(loss, feed_dict={theta: t})
            expected = _log_loss(X_val @ t, y_val)
            expect(
                np.isclose(loss_val, expected, rtol=1e-3, atol=1e-6),
                f"at theta = {t.ravel().tolist()} your loss is {loss_val:.4g} where the log loss "
                f"is {expected:.4g}: a formula on the probabilities (even with a small epsilon) "
                "is wrong once they round to 0 or 1. Compute the log loss from the logits.",
            )
    # the history recomputed: gradient descent on the log loss, from theta = 0
    t, expected_history = np.zeros((X_val.shape[1], 1)), []
    for _ in range(n_epochs):
        z = X_val @ t
        expected_history.append(_log_loss(z, y_val))
        t = t - learning_rate * X_val.T @ (_sigmoid(z) - y_val) / len(X_val)
    expect(
        np.allclose(values, expected_history, rtol=1e-3, atol=1e-6),
        "history does not match the losses gradient descent really goes through (the check "
        "recomputed them): record loss.eval() (or sess.run(loss)) once per epoch, before each "
        "training step, as the program does.",
    )


@question(5)
def q5(predicted_gd, predicted_momentum, explanation, w_gd, w_momentum):
    for name, value in (("predicted_gd", predicted_gd), ("predicted_momentum", predicted_momentum)):
        expect(
            isinstance(value, (int, float, np.floating)) and not isinstance(value, bool),
            f"{name} should be a number (your prediction, written before running the cell).",
        )
    # f(w) = w², w = 1, learning rate 0.1, momentum 0.9, two steps
    w, gd = 1.0, 1.0
    velocity = 0.0
    for _ in range(2):
        gd = gd - 0.1 * 2 * gd
        velocity = 0.9 * velocity + 2 * w
        w = w - 0.1 * velocity
    expect(
        np.isclose(w_gd, gd, atol=1e-6) and np.isclose(w_momentum, w, atol=1e-6),
        "the cell that computes w_gd and w_momentum was changed or not run: run it as given.",
    )
    expect(
        np.isclose(predicted_gd, w_gd, atol=0.006),
        f"your gradient-descent prediction {predicted_gd} differs from the run. Each step "
        "subtracts 0.1 times the gradient 2w: compute w after the first step, then the second.",
    )
    if np.isclose(predicted_momentum, w_gd, atol=0.006):
        fail(
            "momentum's second step is not the same as plain gradient descent's: the velocity "
            "from the first step is still there, decayed by the factor 0.9, when the second "
            "gradient is added."
        )
    expect(
        np.isclose(predicted_momentum, w_momentum, atol=0.006),
        f"your momentum prediction {predicted_momentum} differs from the run. Velocity: "
        "v = 0.9·v + gradient, then w = w - 0.1·v; the first step is the same as plain gradient "
        "descent.",
    )
    explains(
        explanation,
        (
            "velocity",
            "previous",
            "accumul",
            "remember",
            "past",
            "earlier",
            "first step",
            "last step",
        ),
        "your explanation should say what momentum's second step adds to the current gradient "
        "(what does the optimizer keep in its slot between steps?).",
    )


def _gradients_summed_into_x():
    """(how many gradients learntf's backward pass sums into x, the gradient's value) for
    y = x * x + 3x at x = 2, from the live engine (learntf, also when the notebook runs on
    TensorFlow), so the expected answer cannot drift from the code the lesson prints."""
    import learntf.compat.v1 as engine

    graph = engine.Graph()
    with graph.as_default():
        x = engine.constant(2.0)
        grad = engine.gradients(x * x + 3.0 * x, x)[0]
        with engine.Session(graph=graph) as sess:
            value = float(sess.run(grad))
    summed = grad.op.get_attr("N") if grad.op.type == "AddN" else 1
    return summed, value


@question(6, optional=True)
def q6(n_summed, predicted_gradient, grad_value):
    expected_n, expected_value = _gradients_summed_into_x()
    expect(
        np.isclose(grad_value, expected_value, atol=1e-6),
        "the cell that computes grad_value was changed or not run: run it as given.",
    )
    expect(
        isinstance(n_summed, (int, np.integer)) and not isinstance(n_summed, bool),
        "n_summed should be a whole number: how many gradients reach x before they are summed.",
    )
    expect(
        n_summed == expected_n,
        f"your n_summed is {n_summed}. backpropagate appends to x's list one gradient per input "
        "of an op that holds x (the loop `for t, grad in zip(op.inputs, in_grads)`), so count "
        "input slots, not ops: an op whose two inputs are both x sends it one gradient per input.",
    )
    expect(
        isinstance(predicted_gradient, (int, float, np.floating))
        and not isinstance(predicted_gradient, bool),
        "predicted_gradient should be a number (your prediction, written before running).",
    )
    expect(
        np.isclose(predicted_gradient, expected_value, atol=1e-6),
        f"your predicted gradient {predicted_gradient} differs from the run. Add up the terms "
        "the AddN sums: the Mul in x * x sends each input the gradient times the other input, "
        "and both of its inputs are x; 3.0 * x sends x 3.0 times the gradient.",
    )
