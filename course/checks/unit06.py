"""Checks for exercises/06_feeding_data.ipynb (lesson 06: placeholders and feed_dict, placeholders
against variables, assign from a placeholder, mini-batch gradient descent, logistic regression)."""

import numpy as np

from course.checks import expect, fail, question
from course.checks._graphs import ops_needed
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
def q3(fetch_batch, n_batches, data_plus_bias, target, batch_size):
    expect(callable(fetch_batch), "fetch_batch should be a function of batch_index.")
    expect(isinstance(n_batches, (int, np.integer)), "n_batches should be a whole number.")
    X_batch, y_batch = (np.asarray(part) for part in fetch_batch(2))
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
        "fetch_batch(2) should return the third block of batch_size rows, in order (batch 0 "
        "starts at row 0), with the targets of the same rows.",
    )
    n_rows = len(data_plus_bias)
    used = n_batches * batch_size
    if used < n_rows:
        fail(
            f"{n_batches} batches of {batch_size} rows cover {used} rows: the last "
            f"{n_rows - used} rows are never fed. Round the number of batches up."
        )
    last = n_rows // batch_size if n_rows % batch_size else n_rows // batch_size - 1
    expect(
        n_batches == last + 1,
        f"n_batches is {n_batches}; {n_rows} rows in batches of {batch_size} make {last + 1}, "
        "the last one shorter.",
    )
    X_last, y_last = (np.asarray(part) for part in fetch_batch(last))
    expect(
        len(X_last) == n_rows - last * batch_size
        and np.allclose(X_last, data_plus_bias[last * batch_size :])
        and np.allclose(np.asarray(y_last).ravel(), target[last * batch_size :]),
        f"fetch_batch({last}), the last batch, should hold the remaining "
        f"{n_rows - last * batch_size} rows.",
    )


def _shuffled_minibatch_gd(
    data_plus_bias, target, order_per_epoch=True, epochs=5, batch_size=50, learning_rate=0.05
):
    """Question 4's fixed program, replayed in float32 NumPy (MSE gradient: 2/m X^T (X theta -
    y)): rng = default_rng(42), one permutation of the rows per epoch (or only one before the
    first epoch), the same order for the inputs and the targets."""
    X = data_plus_bias.astype(np.float32)
    y = target.reshape(-1, 1).astype(np.float32)
    theta = np.zeros((X.shape[1], 1), np.float32)
    rng = np.random.default_rng(42)
    order = rng.permutation(len(X))
    for epoch in range(epochs):
        if order_per_epoch and epoch > 0:
            order = rng.permutation(len(X))
        Xs, ys = X[order], y[order]
        for start in range(0, len(X) // batch_size * batch_size, batch_size):
            Xb, yb = Xs[start : start + batch_size], ys[start : start + batch_size]
            gradient = np.float32(2 / len(Xb)) * Xb.T @ (Xb @ theta - yb)
            theta = theta - np.float32(learning_rate) * gradient
    return theta


@question(4)
def q4(best_theta, data_plus_bias, target):
    expect(
        isinstance(best_theta, np.ndarray),
        "best_theta should be theta's value, read with theta.eval() in the training session.",
    )
    expected = _shuffled_minibatch_gd(data_plus_bias, target)
    expect(
        best_theta.shape == expected.shape,
        f"best_theta has shape {best_theta.shape}, not {expected.shape}.",
    )
    if np.allclose(best_theta, expected, atol=1e-4):
        return
    exact = np.linalg.lstsq(data_plus_bias, target.reshape(-1, 1), rcond=None)[0]
    if np.allclose(best_theta, exact, atol=1e-4):
        fail(
            "best_theta is the exact least-squares solution, which 5 epochs of mini-batch "
            "gradient descent do not quite reach: train the graph, feeding each batch, instead "
            "of solving the problem in NumPy."
        )
    if np.all(np.abs(best_theta.ravel()[1:] - exact.ravel()[1:]) > 0.5):
        fail(
            "theta still learns almost nothing about the inputs: each row of X_shuffled is fed "
            "with the target of another row, so inputs and targets look unrelated. Which "
            "rows of target go with which rows of data_plus_bias?"
        )
    if np.allclose(best_theta, _shuffled_minibatch_gd(data_plus_bias, target, False), atol=1e-4):
        fail(
            "every epoch fed the same batches: the rows were shuffled once, before training. "
            "Draw a new order at the start of every epoch, as the program does."
        )
    fail(
        "best_theta is not what the check's replay gives: 5 epochs from theta = 0, each starting "
        "with one rng.permutation(m) from the rng made once before the epochs, then one "
        "training step per batch of 50 rows of that order, inputs and targets together."
    )


def _numpy_logistic_regression(X, y, steps=2000, learning_rate=0.5):
    theta = np.zeros((X.shape[1], 1))
    for _ in range(steps):
        p = 1 / (1 + np.exp(-X @ theta))
        theta -= learning_rate * X.T @ (p - y) / len(X)
    return theta


def _with_bias(data):
    return np.c_[np.ones((len(data), 1)), data]


def _feeds(X, y, inputs, labels):
    """A feed_dict for the learner's placeholders: a bias column if X takes 3 values per row,
    the labels as a column if y has two dimensions."""
    if X.shape[-1] == inputs.shape[1] + 1:
        inputs = _with_bias(inputs)
    feed = {X: inputs}
    if y is not None:
        feed[y] = labels.reshape(-1, 1) if len(y.shape) == 2 else labels
    return feed


@question(5)
def q5(X, y, y_proba, loss, training_op, y_pred_test, X_train, y_train, X_test, y_test):
    for name, node in (("X", X), ("y", y)):
        expect(
            isinstance(node, tf.Tensor) and node.op.type == "Placeholder",
            f"{name} should be a placeholder (made by tf.placeholder), fed with each mini-batch; "
            f"it is a {type(node).__name__}. The predictions must come from a graph you train.",
        )
    expect(
        isinstance(y_proba, tf.Tensor) and X.op in ops_needed(y_proba),
        "y_proba should be a tensor computed from the placeholder X.",
    )
    expect(
        any(op.type == "Sigmoid" for op in ops_needed(y_proba)),
        "y_proba should be the estimated probability: tf.sigmoid of the logits.",
    )
    expect(
        isinstance(loss, tf.Tensor) and {X.op, y.op} <= set(ops_needed(loss)),
        "loss should be a tensor computed from both placeholders, X and y.",
    )
    expect(
        isinstance(training_op, (tf.Operation, tf.Tensor)) and training_op.graph is X.graph,
        "training_op should be the op returned by the optimizer's minimize(loss).",
    )
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
    # the collection that tf.global_variables_initializer() initializes
    variables = X.graph.get_collection("variables")
    rng = np.random.default_rng(123)
    with tf.Session(graph=X.graph) as sess:
        sess.run([v.initializer for v in variables])
        first = slice(0, 50)
        got_loss, p = sess.run([loss, y_proba], _feeds(X, y, X_train[first], y_train[first]))
        p = np.clip(np.asarray(p, np.float64).reshape(-1), 1e-7, 1 - 1e-7)
        labels = y_train[first]
        log_loss = np.mean(-labels * np.log(p) - (1 - labels) * np.log(1 - p))
        expect(
            np.isclose(got_loss, log_loss, rtol=1e-3, atol=1e-5),
            f"on the first 50 training rows, loss is {float(got_loss):.4f}, but the log loss of "
            f"those probabilities is {log_loss:.4f}: use "
            "tf.nn.sigmoid_cross_entropy_with_logits on the logits, averaged with reduce_mean.",
        )
        for _ in range(50):
            for rows in np.array_split(rng.permutation(len(X_train)), len(X_train) // 50):
                sess.run(training_op, _feeds(X, y, X_train[rows], y_train[rows]))
        replayed = np.asarray(sess.run(y_proba, _feeds(X, None, X_test, None))).reshape(-1) >= 0.5

    theta = _numpy_logistic_regression(_with_bias(X_train), y_train.reshape(-1, 1))
    reference = np.mean(((_with_bias(X_test) @ theta).ravel() > 0) == y_test.astype(bool))
    replay_accuracy = np.mean(replayed == y_test.astype(bool))
    expect(
        replay_accuracy >= reference - 0.03,
        f"the check trained your graph again (50 epochs of mini-batches of 50): it reaches a "
        f"test accuracy of {replay_accuracy:.3f}, where a logistic regression on these features "
        f"reaches about {reference:.3f}. Check the bias column (the classes are not separated by "
        "a line through the origin) and the learning rate.",
    )
    accuracy = np.mean(predictions.astype(bool) == y_test.astype(bool))
    expect(
        accuracy >= reference - 0.02,
        f"your test accuracy is {accuracy:.3f}; your graph, trained by the check, reaches "
        f"{replay_accuracy:.3f}. Train on every mini-batch of every epoch, and threshold y_proba "
        "(run with the test inputs fed) at 0.5.",
    )
    agreement = np.mean(predictions.astype(bool) == replayed)
    expect(
        agreement >= 0.95,
        f"y_pred_test agrees with your trained graph's predictions on only {agreement:.0%} of "
        "the test set: compute it from y_proba, run in the training session with X_test fed.",
    )


def _run_question_6():
    """The program of question 6, in a graph of its own: (first line, second line or the
    error's class name)."""
    with tf.Graph().as_default():
        A = tf.placeholder(tf.float32, shape=(None, 3))
        B = A + 5
        v = tf.Variable(tf.zeros([1, 3]))
        save_B = tf.assign(v, B)
        with tf.Session() as sess:
            sess.run(v.initializer)
            sess.run(save_B, feed_dict={A: [[1, 2, 3]]})
            first = sess.run(v)
            try:
                second = sess.run(B)
            except Exception as error:  # the class name is the prediction to compare
                second = type(error).__name__
    return first, second


def _as_array(value):
    try:
        return np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        return None


@question(6)
def q6(first, second, why):
    real_first, real_second = _run_question_6()
    mine = _as_array(first)
    if mine is None or mine.shape != real_first.shape or not np.allclose(mine, real_first):
        if mine is not None and mine.shape == real_first.shape and np.allclose(mine, 0):
            fail(
                "first: save_B ran in the first run, with A fed, and stored B's value in v. "
                "What does a variable do with its value between runs? It keeps it."
            )
        fail(
            f"first: you predicted {first!r}. v holds what save_B stored, B = A + 5 computed "
            "with the A fed in that run."
        )
    if isinstance(real_second, str):
        if isinstance(second, str):
            expect(
                second.strip().split(".")[-1].lower() == real_second.lower(),
                f"second: you predicted {second!r}; running it raises a different error. Which "
                "error does a session raise when an input it needs has no value?",
            )
        else:
            guess = _as_array(second)
            if guess is not None and np.allclose(guess, 5):
                fail(
                    "second: a placeholder has no default value, zeros or otherwise: it holds "
                    "only a type and a shape."
                )
            fail(
                "second: B needs A, and a fed value lives for one run only: this run feeds "
                "nothing. Unlike v, A kept nothing."
            )
    expect(
        isinstance(why, str)
        and any(w in why.lower() for w in ("feed", "fed", "keep", "kept", "persist", "one run")),
        "the predictions are right; now say in `why` why the two lines differ (what a variable "
        "keeps between runs, and what a fed placeholder does not).",
    )


def _feed_outcomes():
    """What learntf's Session.run raises for question 7's four feeds ("none": it ran), from the
    live engine (learntf, also when the notebook runs on TensorFlow), so the expected answer
    cannot drift from the code the lesson prints."""
    import learntf.compat.v1 as engine

    graph = engine.Graph()
    outcomes = []
    with graph.as_default():
        x = engine.placeholder(engine.float32, shape=(None, 2), name="x")
        y = 2.0 * x
        z = y + 1.0
        feeds = [
            {x: engine.constant([[1.0, 2.0]])},
            {y: [[10.0, 20.0]]},
            {x: [["a", "b"]]},
            {x: [[1, 2]]},
        ]
        with engine.Session(graph=graph) as sess:
            for feed in feeds:
                try:
                    sess.run(z, feed_dict=feed)
                    outcomes.append("none")
                except Exception as error:
                    outcomes.append(type(error).__name__)
    return outcomes


_Q7_HINTS = (
    "feed 1: read the first check in _feed_value: what a feed value may not be, and which "
    "error says so.",
    "feed 2: a fed tensor need not be a placeholder. The run starts from the fed value of y and "
    "skips the ops that would compute it, so does it still need x?",
    "feed 3: _feed_value converts the value with np.asarray to the tensor's dtype, float32; "
    "which error does it raise when that conversion fails?",
    "feed 4: integers convert to float32 without loss, and the shape (1, 2) fits (None, 2): "
    "does any check in _feed_value object?",
)


@question(7, optional=True)
def q7(predicted, observed):
    expected = _feed_outcomes()
    expect(
        list(observed) == expected,
        "the cell that computes observed was changed or not run: run it as given.",
    )
    expect(
        isinstance(predicted, (list, tuple))
        and len(predicted) == 4
        and all(isinstance(p, str) or p is None for p in predicted),
        "predicted should be a list of four strings, one per feed: an error class's name such "
        'as "ValueError", or "none".',
    )
    given = ["none" if p is None else p.strip().lower() for p in predicted]
    for number, (mine, right, hint) in enumerate(zip(given, expected, _Q7_HINTS), start=1):
        expect(mine == right.lower(), f"your prediction for feed {number} is {mine!r}. {hint}")
