"""Checks for exercises/03_linear_regression.ipynb (lesson 03: the normal equation, batch gradient
descent with a hand-written gradient and tf.assign, the MSE curve)."""

import numpy as np

from course.checks import expect, fail, question
from course.checks._graphs import ops_needed
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


NORMAL_EQUATION_OPS = ("MatrixInverse", "MatMul", "Transpose")


def _op_types(tensor):
    return {op.type for op in ops_needed(tensor)}


def _design(x_data):
    x_data = np.asarray(x_data, dtype=np.float64)
    return np.c_[np.ones(len(x_data)), x_data, x_data**2]


@question(1)
def q1(x_data, y_data, theta, theta_value):
    if not isinstance(theta, tf.Tensor):
        fail(
            f"theta should be the tensor your graph computes (it is a {type(theta).__name__}): "
            "build the normal equation from TensorFlow ops, and keep its result in theta."
        )
    missing = [t for t in NORMAL_EQUATION_OPS if t not in _op_types(theta)]
    if missing:
        fail(
            f"theta's graph has no {', '.join(missing)} op: the normal equation was skipped, "
            "and theta holds an answer computed some other way (NumPy?). Build it in the graph "
            "with tf.transpose, tf.matmul and tf.matrix_inverse."
        )
    theta_value = _array(theta_value, "theta_value")
    X = _design(x_data)
    expected = np.linalg.inv(X.T @ X) @ X.T @ np.asarray(y_data, dtype=np.float64).reshape(-1, 1)
    if theta_value.size == 2:
        fail(
            "theta_value has 2 weights: a straight line, which cannot bend. The model needs one "
            "weight per column of its input matrix: a column of ones, x, and x squared."
        )
    expect(
        theta_value.shape == expected.shape,
        f"theta_value has shape {theta_value.shape}; with the columns 1, x and x², theta is a "
        f"column of 3 weights, shape {expected.shape}.",
    )
    expect(
        np.allclose(theta_value, expected, rtol=1e-3, atol=1e-3),
        "theta_value is not the least-squares solution. Check the input matrix (columns 1, x, "
        "x², in that order), the formula (inverse of X transposed times X, times X transposed, "
        "times y) and that y is a column (shape (m, 1)).",
    )
    with tf.Session(graph=theta.graph) as sess:
        graph_value = sess.run(theta)
    expect(
        np.allclose(theta_value, graph_value, rtol=1e-6, atol=1e-6),
        "theta_value is not the value of theta: it was typed in or computed outside the graph. "
        "Evaluate theta in a session and store what it returns.",
    )


def _evaluate_at(fetches, theta, points, feeds_after=None):
    """Run `fetches` with theta set to each of `points` (through its initializer's input, which
    adds nothing to the graph); `feeds_after` (an op) runs before fetching, if given."""
    values = []
    with tf.Session(graph=theta.graph) as sess:
        for point in points:
            sess.run(theta.initializer, {theta.initializer.inputs[1]: point})
            if feeds_after is not None:
                sess.run(feeds_after)
            values.append(sess.run(fetches))
    return values


def _theta_points(shape, count=3, seed=0):
    rng = np.random.default_rng(seed)
    return [rng.uniform(-3.0, 3.0, size=shape).astype(np.float32) for _ in range(count)]


def _mse_gradient(X_val, y_val, theta_val):
    return 2 / len(X_val) * X_val.T @ (X_val @ theta_val - y_val)


@question(2)
def q2(gradients, X, y, theta, penalty):
    expect(not isinstance(gradients, (list, tuple)), "gradients should be one tensor, not a list.")
    _tensor_in_default_graph(gradients, "gradients")
    points = _theta_points(tuple(theta.shape))
    values = _evaluate_at([X, y, gradients], theta, points)
    X_val, y_val, grad_val = values[0]
    expect(
        np.shape(grad_val) == (X_val.shape[1], 1),
        f"gradients has shape {np.shape(grad_val)}; it needs one "
        f"partial derivative per weight in theta, shape {(X_val.shape[1], 1)}.",
    )
    if all(np.allclose(v[2], grad_val) for v in values[1:]):
        fail(
            "gradients has the same value whatever theta is: it is a number worked out once "
            "(typed in, or computed in NumPy), not a node that depends on theta. Build it from "
            "the graph's tensors, with tf.matmul and tf.transpose."
        )
    for point, (_, _, value) in zip(points, values):
        mse_part = _mse_gradient(X_val, y_val, point)
        expected = mse_part + 2 * penalty * point
        if np.allclose(value, mse_part, rtol=1e-4, atol=1e-4):
            fail(
                "gradients is the gradient of the MSE alone: the cost also has the penalty term, "
                "penalty times the sum of theta's squared weights. Differentiate that term too, "
                "weight by weight."
            )
        if np.allclose(value, expected / 2, rtol=1e-4, atol=1e-4):
            fail(
                "gradients is half the true gradient. Differentiate the squares: what does d/dθ "
                "of a square bring down in front?"
            )
        if np.allclose(value, -expected, rtol=1e-4, atol=1e-4):
            fail(
                "gradients points the wrong way (its sign is flipped): the error is predictions "
                "minus targets."
            )
        expect(
            np.allclose(value, expected, rtol=1e-4, atol=1e-4),
            "gradients does not match the gradient of the cost at every theta. Derive the two "
            "terms separately (the MSE's, as in the lesson, and the penalty's), then add them; "
            "compare your tensor's value with the same formula in NumPy for a few thetas.",
        )


@question(3)
def q3(training_op, theta, X, y, learning_rate):
    expect(
        isinstance(training_op, (tf.Tensor, tf.Operation)),
        f"training_op should be a node of the graph, not a {type(training_op).__name__}.",
    )
    points = _theta_points(tuple(theta.shape), seed=1)
    X_val, y_val = _evaluate_at([X, y], theta, points[:1])[0]
    after = _evaluate_at(theta, theta, points, feeds_after=training_op)
    if all(np.allclose(a, p) for a, p in zip(after, points)):
        fail(
            "running training_op computes a new theta, but it is never stored: the variable theta "
            "is the same after the run. A variable only changes when an op that writes it runs."
        )
    steps = [a - p for a, p in zip(after, points)]
    if all(np.allclose(s, steps[0], rtol=1e-4, atol=1e-5) for s in steps[1:]):
        fail(
            "training_op moves theta by the same step whatever theta is: its gradient does not "
            "depend on theta (a number worked out once?). Use the graph's gradients tensor."
        )
    for point, value in zip(points, after):
        expected = point - learning_rate * _mse_gradient(X_val, y_val, point)
        expect(
            np.allclose(value, expected, rtol=1e-4, atol=1e-4),
            "after one run of training_op, theta is not one gradient-descent step further: it "
            "should become theta - learning_rate * gradients.",
        )


def _replay(X_data, y_data, theta, learning_rate, epochs):
    """The MSE before each epoch's step, and the final theta, of batch gradient descent."""
    X_data = np.asarray(X_data, dtype=np.float64)
    y_data = np.asarray(y_data, dtype=np.float64).reshape(-1, 1)
    theta = np.asarray(theta, dtype=np.float64)
    history = []
    for _ in range(epochs):
        error = X_data @ theta - y_data
        history.append(float(np.mean(error**2)))
        theta = theta - learning_rate * 2 / len(X_data) * X_data.T @ error
    return np.array(history), theta


START_THETA = [[0.5], [-0.2], [0.1]]


def _replay_until(X_data, y_data, theta, learning_rate, threshold, max_epochs):
    """The MSEs read before each step until one is below `threshold` (that one included)."""
    X_data = np.asarray(X_data, dtype=np.float64)
    y_data = np.asarray(y_data, dtype=np.float64).reshape(-1, 1)
    theta = np.asarray(theta, dtype=np.float64)
    history = []
    for _ in range(max_epochs):
        error = X_data @ theta - y_data
        history.append(float(np.mean(error**2)))
        if history[-1] < threshold:
            break
        theta = theta - learning_rate * 2 / len(X_data) * X_data.T @ error
    return np.array(history), theta


@question(4)
def q4(mse_history, steps, best_theta, X_data, y_data):
    expect(
        isinstance(mse_history, (list, tuple, np.ndarray)) and len(mse_history) > 0,
        "mse_history should be a list of the MSE values you read.",
    )
    history = np.asarray(mse_history, dtype=np.float64)
    expect(history.ndim == 1, "mse_history should be a flat list of numbers, one per MSE read.")
    if len(history) > 1 and np.allclose(history, history[0]):
        fail(
            "the MSE is the same at every epoch: the loop reads the MSE, but never runs the "
            "training step that changes theta."
        )
    expected, final_theta = _replay_until(X_data, y_data, START_THETA, 0.1, 0.1, 500)
    if len(history) > len(expected) and np.allclose(history[: len(expected)], expected, rtol=1e-3):
        fail(
            "the loop went on after the MSE fell below 0.1: check the MSE right after reading "
            "it, and leave the loop (break) before the next training step."
        )
    expect(
        len(history) == len(expected) and np.allclose(history, expected, rtol=1e-3, atol=1e-5),
        "mse_history is not the MSEs of this training run: replaying the steps gives other "
        "values (a history typed in or made up fails here). Read mse.eval() before each step, "
        "append it, and stop at the first value below 0.1, in one session.",
    )
    expect(
        isinstance(steps, (int, np.integer)) and steps == len(expected) - 1,
        "steps should count the training steps that ran: one fewer than the MSEs you read, "
        "since the loop stops before stepping again.",
    )
    best_theta = _array(best_theta, "best_theta")
    expect(
        best_theta.shape == final_theta.shape and np.allclose(best_theta, final_theta, atol=1e-4),
        "best_theta should be theta's value when the loop stopped, read in the same session.",
    )


@question(5)
def q5(prediction, why, X_data, y_data):
    history, _ = _replay(X_data, y_data, START_THETA, 1.5, 10)
    actual = "bigger" if history[-1] > history[0] else "smaller"
    expect(
        prediction in ("bigger", "smaller"),
        f'prediction should be "bigger" or "smaller"; it is {prediction!r}.',
    )
    expect(
        prediction == actual,
        "that is not what the run shows: read the MSEs the cell after your answer printed. "
        "Each step multiplies the error along the bias direction by (1 - 2·learning_rate): work "
        "it out for this learning rate.",
    )
    words = why.lower() if isinstance(why, str) else ""
    expect(
        any(w in words for w in ("overshoot", "too large", "too big", "diverg", "past the")),
        "explain what each step does with this learning rate: where does theta land, compared "
        "with the minimum?",
    )


# -- question 6 (optional, under the hood): learntf's own shape inference, on either engine ------
_PRODUCTS = (
    ((5, 3), (5, 4), {"transpose_a": True}),
    ((5, 3), (4, 3), {}),
    ((2, 1, 5, 3), (4, 3, 6), {}),
)


def _inferred_shape(p_shape, q_shape, options):
    """The static shape learntf's shape inference gives tf.matmul(p, q, **options), or None when
    building it raises ValueError."""
    import learntf.compat.v1 as ltf

    with ltf.Graph().as_default():
        p = ltf.placeholder(ltf.float32, shape=p_shape, name="p")
        q = ltf.placeholder(ltf.float32, shape=q_shape, name="q")
        try:
            return ltf.matmul(p, q, **options).shape.as_list()
        except ValueError:
            return None


def _as_shape(value):
    if value is None:
        return None
    expect(
        isinstance(value, (list, tuple)) and all(isinstance(d, (int, np.integer)) for d in value),
        f"each answer should be a list of numbers, like [3, 4], or None; {value!r} is not.",
    )
    return [int(d) for d in value]


@question(6, optional=True)
def q6(shapes):
    expect(
        isinstance(shapes, (list, tuple)) and len(shapes) == 3,
        "shapes should be a list of three answers, one per product, in order.",
    )
    given = [_as_shape(s) for s in shapes]
    expected = [_inferred_shape(*product) for product in _PRODUCTS]
    if given[0] != expected[0]:
        fail(
            "product 1: transpose_a=True swaps p's last two dimensions before anything is "
            "compared (the lines under `if transpose_a`): which of p's dimensions are its "
            "columns then?"
        )
    if given[1] != expected[1]:
        fail(
            "product 2: compare the columns of p with the rows of q (inner_a and inner_b). "
            "tf.matmul transposes nothing unless asked: what does _matmul_shape do when they "
            "differ?"
        )
    if given[2] != expected[2]:
        fail(
            "product 3: the last two dimensions multiply as matrices, and the dimensions "
            "before them (the batch) broadcast as in NumPy, (2, 1) with (4,): look at the "
            "broadcast_shape line."
        )
