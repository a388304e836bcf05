"""Checks for exercises/10_visualizing_training.ipynb (lesson 07: summaries, event files, name
scopes)."""

import glob
import os

import numpy as np

from course.checks import choice, expect, fail, question
from course.checks.engine import tf1 as tf

# Question 1's training: learning rate, epochs, batches per epoch, and a point every 5th batch.
Q1_LEARNING_RATE, Q1_EPOCHS, Q1_BATCHES, Q1_EVERY = 0.1, 3, 10, 5


def _numpy_training_curve(fetch_batch, batch_size=100):
    """The MSE of every 5th batch before its gradient step, by plain NumPy gradient descent from
    theta = 0: what question 1's event file should hold."""
    steps, values, theta = [], [], None
    for epoch in range(Q1_EPOCHS):
        for batch_index in range(Q1_BATCHES):
            X_batch, y_batch = (
                np.asarray(a, dtype=np.float64) for a in fetch_batch(epoch, batch_index, batch_size)
            )
            if theta is None:
                theta = np.zeros((X_batch.shape[1], 1))
            error = X_batch @ theta - y_batch
            if batch_index % Q1_EVERY == 0:
                steps.append(epoch * Q1_BATCHES + batch_index)
                values.append(np.mean(error**2))
            theta -= Q1_LEARNING_RATE * 2.0 / len(X_batch) * X_batch.T @ error
    return steps, np.array(values)


def _read_scalars(logdir):
    """{run: {tag: (steps, values)}}: the scalar points of every directory under `logdir` that
    holds event files (a run), read with tf.train.summary_iterator, files in name order."""
    runs = {}
    for path in sorted(
        glob.glob(os.path.join(logdir, "**", "events.out.tfevents.*"), recursive=True)
    ):
        tags = runs.setdefault(os.path.relpath(os.path.dirname(path), logdir), {})
        for event in tf.train.summary_iterator(path):
            for value in event.summary.value:
                if value.HasField("simple_value"):
                    tags.setdefault(value.tag, []).append((event.step, value.simple_value))
    return {
        run: {
            tag: (np.array([s for s, _ in points]), np.array([v for _, v in points]))
            for tag, points in tags.items()
        }
        for run, tags in runs.items()
    }


def _one_run(logdir, what):
    runs = _read_scalars(logdir)
    expect(
        runs, f"there is no event file in {logdir!r}: create the tf.summary.FileWriter on {what}."
    )
    expect(
        len(runs) == 1,
        f"{logdir!r} holds several runs ({', '.join(runs)}): write every point of this "
        "training with one FileWriter, into that directory.",
    )
    return next(iter(runs.values()))


@question(1)
def q1(logdir, fetch_batch):
    tags = _one_run(logdir, "logdir")
    expect(
        tags,
        "the event file holds no point yet. A FileWriter keeps events in a buffer: call its "
        "close() (or flush()) when the training is done, so that they reach the disk.",
    )
    expect(
        "MSE" in tags, f"the event file has the tags {', '.join(tags)}; write mse_summary's value."
    )
    steps, values = tags["MSE"]
    expected_steps, expected_values = _numpy_training_curve(fetch_batch)
    steps = [int(s) for s in steps]
    if len(steps) > 1 and set(steps) == {0}:
        fail(
            "every point is at step 0: add_summary(summary) without its second argument, "
            "global_step, puts every event at step 0, and the curve collapses into a vertical "
            "line."
        )
    if len(steps) > 1 and (steps != sorted(steps) or len(set(steps)) < len(steps)):
        fail(
            f"the steps {steps} start again at 0 every epoch: batch_index restarts with each "
            "epoch. The step must count the batches trained since the start, across epochs."
        )
    expect(
        len(steps) == len(expected_steps),
        f"the event file holds {len(steps)} points; there should be one for every 5th batch "
        f"(batch_index % 5 == 0) of each of the {Q1_EPOCHS} epochs.",
    )
    expect(
        steps == expected_steps,
        f"the points are at steps {steps}: each should be at the number of "
        "batches trained before it, counted across epochs.",
    )
    expect(
        np.allclose(values, expected_values, rtol=1e-3, atol=1e-5),
        "the steps are right but not the values: write the MSE of the batch that is about to be "
        "trained, before running training_op on it (the first point is the MSE with the initial "
        "theta).",
    )


@question(2)
def q2(steps):
    expect(
        isinstance(steps, (list, tuple)) and all(isinstance(s, (int, np.integer)) for s in steps),
        "steps should be a list of whole numbers, one per add_summary call.",
    )
    expect(len(steps) == 4, "the cell writes 4 summaries: give 4 steps.")
    if list(steps) != [0, 0, 0, 0]:
        fail(
            "add_summary does not count its calls: an event's step is only what you pass as "
            "global_step, and when you pass nothing it takes a default. Run the next cell and "
            "look at the steps."
        )


def _names_in_scopes():
    """Question 3's program, built in a graph of its own."""
    with tf.Graph().as_default():
        a = tf.placeholder(tf.float32, shape=(None,), name="a")
        with tf.name_scope("loss") as scope:
            error = a - 1.0
            mse = tf.reduce_mean(tf.square(error), name="mse")
        with tf.name_scope("loss") as scope_again:
            mse_again = tf.reduce_mean(tf.square(error), name="mse")
        return [error.op.name, mse.op.name, scope, scope_again, mse_again.op.name]


@question(3)
def q3(names):
    expect(
        isinstance(names, (list, tuple))
        and len(names) == 5
        and all(isinstance(x, str) for x in names),
        "names should be a list of 5 strings, in the order the question asks.",
    )
    expected = _names_in_scopes()
    expect(
        "/" in names[0] and "/" in names[1],
        'error and mse were created inside `with tf.name_scope("loss")`: an op made inside a name '
        "scope "
        "gets the scope's name as a prefix, with a '/'.",
    )
    expect(
        names[2].endswith("/") and names[3].endswith("/"),
        "`with tf.name_scope(...) as scope` gives scope the prefix itself, ending with '/'.",
    )
    expect(
        names[:3] == expected[:3],
        "look again at the first with block: what prefix does it give, and which "
        "default name does the subtraction `a - 1.0` get? Print error.op.name.",
    )
    if names[3] == names[2]:
        fail(
            "a scope's name is made unique like an op's: a second `with tf.name_scope(\"loss\")` "
            "does not reopen the first scope, it opens a new one."
        )
    expect(
        names[3:] == expected[3:],
        "the second block's scope was renamed: every op inside it takes the new "
        "prefix, and mse_again's own name is not taken within that new scope.",
    )


def _summary_tags():
    """Question 4's program in a graph of its own: the tags its two summaries write."""
    with tf.Graph().as_default():
        b = tf.placeholder(tf.float32, shape=(None,), name="b")
        mse = tf.reduce_mean(tf.square(b), name="mse")
        first = tf.summary.scalar("MSE", mse)
        second = tf.summary.scalar("MSE", mse)
        with tf.Session() as sess:
            values = sess.run([first, second], feed_dict={b: [1.0]})
    return tuple(tf.summary.Summary.FromString(value).value[0].tag for value in values)


@question(4)
def q4(tags):
    expect(
        isinstance(tags, (list, tuple))
        and len(tags) == 2
        and all(isinstance(t, str) for t in tags),
        'tags should be a pair of strings, like ("a", "b").',
    )
    expected = _summary_tags()
    if tags[0] == tags[1]:
        fail("two ops of one graph never share a name, and a summary's tag is its op's name.")
    expect(
        tuple(tags) == expected,
        "a summary op is named after its tag, and the graph already has an op called `mse`. "
        "TensorFlow compares names ignoring case when it makes them unique.",
    )


@question(5)
def q5(slower_run, runs):
    expect(
        isinstance(runs, dict) and len(runs) == 2,
        'runs should be what read_scalars("q5_logs") returns: a dict with one entry per run.',
    )
    expect(
        slower_run in runs, f"slower_run should be one of the run names: {', '.join(sorted(runs))}."
    )
    early = {run: np.mean(tags["MSE"][1][1:5]) for run, tags in runs.items()}
    if slower_run != max(early, key=early.get):
        fail(
            "a smaller learning rate takes smaller steps down the slope, so its MSE falls more "
            "slowly. Compare the two runs' MSE a few points after step 0, where both started "
            "equal."
        )


@question(6)
def q6(answer):
    choice(
        answer,
        options=("a", "b", "c"),
        correct="b",
        hints={
            "a": "TensorBoard shows the runs it finds under --logdir. A run's own directory holds "
            "only that run; to see both, point it at the directory that holds both runs' "
            "directories.",
            "c": "an event file is one run's file; TensorBoard's --logdir takes a directory and "
            "finds every run under it.",
        },
    )
