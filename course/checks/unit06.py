"""Checks for exercises/06_feeding_data.ipynb (lesson 05: placeholders and feed_dict, placeholders
against variables, assign from a placeholder, mini-batch gradient descent, logistic regression)."""

import numpy as np

from course.checks import choice, expect, fail, question
from course.checks.engine import tf1 as tf


@question(1)
def q1(X, row_sums):
    expect(
        isinstance(X, tf.Tensor) and X.op.type == "Placeholder",
        f"X should be a placeholder (made by tf.placeholder); it is a {type(X).__name__}.",
    )
    expect(isinstance(row_sums, tf.Tensor), "row_sums should be a tensor computed from X.")
    batches = [
        np.arange(3, dtype=np.float32).reshape(1, 3),
        np.arange(12, dtype=np.float32).reshape(4, 3),
    ]
    with tf.Session(graph=X.graph) as sess:
        for batch in batches:
            try:
                value = sess.run(row_sums, feed_dict={X: batch})
            except ValueError:
                fail(
                    f"feeding a batch of {len(batch)} rows into X fails: X's shape fixes the "
                    "number of rows. Which value in a placeholder's shape means 'any length'?"
                )
            expect(
                np.shape(value) == (len(batch),) and np.allclose(value, batch.sum(axis=1)),
                f"for a batch of {len(batch)} rows, row_sums should hold one sum per row, "
                f"{len(batch)} numbers: sum along the columns (axis 1).",
            )


@question(2)
def q2(x, x_new_val, x_assign):
    expect(
        isinstance(x_new_val, tf.Tensor) and x_new_val.op.type == "Placeholder",
        "x_new_val should be a placeholder: the new value is chosen when the assignment runs.",
    )
    with tf.Session(graph=x.graph) as sess:
        sess.run(x.initializer)
        seen = []
        for value in (5.0, -1.5):
            sess.run(x_assign, feed_dict={x_new_val: value})
            seen.append(float(sess.run(x)))
    if seen[0] == seen[1]:
        fail(
            f"x became {seen[0]} both times, whatever was fed: the assignment does not take its "
            "new value from the placeholder."
        )
    expect(
        np.allclose(seen, [5.0, -1.5]),
        f"after feeding 5.0 then -1.5, x was {seen}: the assignment should "
        "store exactly the value fed to x_new_val.",
    )


@question(3)
def q3(fetch_batch, data_plus_bias, target, batch_size):
    expect(callable(fetch_batch), "fetch_batch should be a function of batch_index.")
    X_batch, y_batch = fetch_batch(2)
    X_batch, y_batch = np.asarray(X_batch), np.asarray(y_batch)
    expect(
        X_batch.shape == (batch_size, data_plus_bias.shape[1]),
        f"X_batch has shape {X_batch.shape}; a batch holds batch_size rows of every column of "
        "data_plus_bias.",
    )
    if y_batch.shape == (batch_size,):
        fail(
            f"y_batch has shape {y_batch.shape}, but the placeholder y has shape (None, 1): make "
            "the targets a column, one row per example."
        )
    expect(
        y_batch.shape == (batch_size, 1),
        f"y_batch has shape {y_batch.shape}; it should be (batch_size, 1).",
    )
    rows = slice(2 * batch_size, 3 * batch_size)
    expect(
        np.allclose(X_batch, data_plus_bias[rows]) and np.allclose(y_batch.ravel(), target[rows]),
        "fetch_batch(2) should return the third block of batch_size consecutive rows (batch 0 "
        "starts at row 0), with the targets of the same rows.",
    )


@question(4)
def q4(best_theta, data_plus_bias, target):
    expect(
        isinstance(best_theta, np.ndarray),
        "best_theta should be theta's value, read with theta.eval() in the training session.",
    )
    expected = np.linalg.lstsq(data_plus_bias, target.reshape(-1, 1), rcond=None)[0]
    expect(
        best_theta.shape == expected.shape,
        f"best_theta has shape {best_theta.shape}, not {expected.shape}.",
    )
    expect(
        np.allclose(best_theta, expected, atol=0.05),
        "best_theta is still far from the least-squares solution: run one training step for every "
        "batch of every epoch, each fed its own batch.",
    )


def _numpy_logistic_regression(X, y, steps=2000, learning_rate=0.5):
    theta = np.zeros((X.shape[1], 1))
    for _ in range(steps):
        p = 1 / (1 + np.exp(-X @ theta))
        theta -= learning_rate * X.T @ (p - y) / len(X)
    return theta


@question(5)
def q5(y_pred_test, X_train, y_train, X_test, y_test):
    predictions = np.asarray(y_pred_test).reshape(-1)
    expect(
        predictions.shape == (len(y_test),),
        f"y_pred_test should hold one prediction per test example "
        f"({len(y_test)}); it holds {predictions.size}.",
    )
    expect(
        np.all(np.isin(predictions, (0, 1))),
        "y_pred_test should hold class predictions, 0 or 1 (or False/True), not probabilities.",
    )

    def with_bias(data):
        return np.c_[np.ones((len(data), 1)), data]

    theta = _numpy_logistic_regression(with_bias(X_train), y_train.reshape(-1, 1))
    reference = np.mean(((with_bias(X_test) @ theta).ravel() > 0) == y_test.astype(bool))
    accuracy = np.mean(predictions.astype(bool) == y_test.astype(bool))
    expect(
        accuracy >= reference - 0.02,
        f"your test accuracy is {accuracy:.3f}; a logistic regression on these features reaches "
        f"about {reference:.3f}. Check the bias column (the classes are not separated by a line "
        "through the origin), that every mini-batch gets a training step, and that you threshold "
        "the probability (sigmoid of the logits) at 0.5.",
    )


@question(6)
def q6(answer):
    choice(
        answer,
        options=("a", "b", "c"),
        correct="b",
        hints={
            "a": "a placeholder has no default value: it holds only a type and a shape.",
            "c": "a fed value lives for one run only, like every node value except variables.",
        },
    )
