"""Checks for exercises/11_comparing_runs.ipynb (lesson 11: name scopes, comparing runs, a
missing global_step, TF 2's summaries)."""

import glob
import os
import tempfile

import numpy as np

from course.checks import expect, fail, question
from course.checks.engine import tf1 as tf


def _event_files(logdir):
    return sorted(glob.glob(os.path.join(logdir, "**", "events.out.tfevents.*"), recursive=True))


def _read_scalars(logdir):
    """{run: {tag: (steps, values)}}: the scalar points of every directory under `logdir` that
    holds event files (a run), read with tf.train.summary_iterator, files in name order (the
    newest file of a run counts, as in the exercise's read_scalars)."""
    runs = {}
    for path in _event_files(logdir):
        tags = runs[os.path.relpath(os.path.dirname(path), logdir)] = {}
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


def _names_in_scopes():
    """Question 1's program, built in a graph of its own."""
    with tf.Graph().as_default():
        a = tf.placeholder(tf.float32, shape=(None,), name="a")
        with tf.name_scope("loss") as scope:
            error = a - 1.0
            mse = tf.reduce_mean(tf.square(error), name="mse")
        with tf.name_scope("loss") as scope_again:
            mse_again = tf.reduce_mean(tf.square(error), name="mse")
        return [error.op.name, mse.op.name, scope, scope_again, mse_again.op.name]


@question(1)
def q1(names):
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
        "scope gets the scope's name as a prefix, with a '/'.",
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


def _steps_without_global_step(values):
    """Question 2's program, run in a graph and a folder of its own: the steps read back."""
    with tf.Graph().as_default() as graph, tempfile.TemporaryDirectory() as logdir:
        loss = tf.placeholder(tf.float32, shape=(), name="loss_value")
        loss_summary = tf.summary.scalar("loss", loss)
        with tf.Session() as sess, tf.summary.FileWriter(logdir, graph) as writer:
            for value in values:
                writer.add_summary(sess.run(loss_summary, feed_dict={loss: value}))
        (tags,) = _read_scalars(logdir).values()
    return [int(step) for step in tags["loss"][0]]


@question(2)
def q2(steps, why):
    expect(
        isinstance(steps, (list, tuple)) and all(isinstance(s, (int, np.integer)) for s in steps),
        "steps should be a list of whole numbers, one per add_summary call.",
    )
    expected = _steps_without_global_step([4.0, 3.0, 2.0, 1.0])
    expect(len(steps) == len(expected), f"the cell writes {len(expected)} summaries: give 4 steps.")
    if list(steps) != expected:
        fail(
            "add_summary does not count its calls: an event's step is only what you pass as "
            "global_step, and when you pass nothing it takes a default. Run the next cell and "
            "look at the steps."
        )
    text = why.lower() if isinstance(why, str) else ""
    expect(
        "step" in text and len(text.split()) >= 4,
        "why should say, in a sentence, which argument the program left out and what "
        "add_summary does without it.",
    )
    expect(
        any(word in text for word in ("vertical", "same x", "one x", "x = 0", "x=0", "line")),
        "why should also say what TensorBoard draws from these points: where do they sit on "
        "the x axis, and what shape does the curve take?",
    )


def _same_values(given, read):
    """True if `given` is a (steps, values) pair equal to the pair read from the event file."""
    try:
        steps, values = (np.asarray(part, dtype=float) for part in given)
    except (TypeError, ValueError):
        return False
    return (
        steps.shape == read[0].shape
        and values.shape == read[1].shape
        and np.array_equal(steps, read[0])
        and np.allclose(values, read[1])
    )


@question(3)
def q3(slower_run, runs, logdir="q3_logs"):
    on_disk = _read_scalars(logdir)
    expect(
        len(on_disk) == 2, f"{logdir!r} should hold the two runs: run the cell that trains them."
    )
    expect(
        isinstance(runs, dict)
        and sorted(runs) == sorted(on_disk)
        and all(
            isinstance(runs[run], dict)
            and "MSE" in runs[run]
            and _same_values(runs[run]["MSE"], on_disk[run]["MSE"])
            for run in on_disk
        ),
        f'runs should be what read_scalars("{logdir}") returns, the curves read back from the '
        "event files: decide from them, not from a guess.",
    )
    expect(
        slower_run in on_disk,
        f"slower_run should be one of the run names: {', '.join(sorted(on_disk))}.",
    )
    early = {run: np.mean(tags["MSE"][1][1:5]) for run, tags in on_disk.items()}
    if slower_run != max(early, key=early.get):
        fail(
            "a smaller learning rate takes smaller steps down the slope, so its MSE falls more "
            "slowly. Compare the two runs' MSE a few points after step 0, where both started "
            "equal."
        )


@question(4)
def q4(predicted, why, logdir):
    expect(
        isinstance(predicted, (list, tuple)) and all(isinstance(r, str) for r in predicted),
        'predicted should be a list of run names (strings), like ["a", "b/c"].',
    )
    expect(os.path.isdir(logdir), f"{logdir!r} is missing: run the cell that writes the runs.")
    expected = sorted(
        os.path.relpath(os.path.dirname(path), logdir).replace(os.sep, "/")
        for path in _event_files(logdir)
    )
    expected = sorted(set(expected))
    given = sorted(str(r).rstrip("/") for r in predicted)
    top = os.path.basename(os.path.normpath(logdir))
    if any(name.startswith(top + "/") for name in given):
        fail(
            f"TensorBoard names each run by its path relative to the --logdir directory, so no "
            f"run name starts with {top + '/'!r}."
        )
    extra = [name for name in given if name not in expected]
    if extra:
        fail(
            f"{', '.join(extra)}: no such run under {logdir!r}. TensorBoard lists only the "
            "directories under --logdir that hold an event file."
        )
    missing = [name for name in expected if name not in given]
    if missing and all("/" in name for name in missing):
        fail(
            "a run is any directory below the log directory that holds an event file, however "
            "deep: look for event files in a directory below another run's."
        )
    expect(
        given == expected,
        "a run is a directory below --logdir that holds an event file, named by its path "
        "relative to --logdir; a directory holding no event file is no run.",
    )
    text = why.lower() if isinstance(why, str) else ""
    expect(
        "event" in text and len(text.split()) >= 4,
        "the runs are right; now say in why, in a sentence, what makes a directory a run for "
        "TensorBoard (what must it hold?).",
    )


def _expected_w(steps):
    """Question 5's training by hand: w starts at 0, loss (w - 3)^2, SGD with learning rate
    0.25. The values of w before each step, and after the last."""
    w, before = 0.0, []
    for _ in range(steps):
        before.append(w)
        w -= 0.25 * 2.0 * (w - 3.0)
    return before, w


@question(5)
def q5(logdir, w, epochs=2, batches=3):
    files = _event_files(logdir)
    expect(files, f"there is no event file in {logdir!r}: tf.summary.create_file_writer(logdir).")
    points, simple = [], False
    for path in files:
        for event in tf.train.summary_iterator(path):
            for value in event.summary.value:
                if value.HasField("simple_value"):
                    simple = True
                elif value.tag == "w":
                    tensor = value.tensor
                    if tensor.tensor_content:
                        number = np.frombuffer(tensor.tensor_content, np.float32)[0]
                    else:
                        number = tensor.float_val[0]
                    points.append((event.step, float(number)))
    expect(
        not simple,
        "the file holds TF 1 summaries (simple_value): write with TF 2's "
        "tf.summary.scalar(tag, value, step=...) inside `with writer.as_default():`.",
    )
    expect(
        points,
        "the event file still holds no value tagged 'w': tf.summary.scalar writes only while a "
        "writer is the default one, inside `with writer.as_default():` (outside, it has nowhere "
        "to write and returns False).",
    )
    before, after = _expected_w(epochs * batches)
    steps = [step for step, _ in points]
    if steps == [batch for _ in range(epochs) for batch in range(batches)]:
        fail(
            f"the points are at steps {steps}: the step starts again at 0 every epoch, so the "
            "second epoch is drawn over the first. Count the step across epochs, as lesson 11's "
            "train does."
        )
    expect(
        steps == list(range(epochs * batches)),
        f"the points are at steps {steps}: write one point per training step, at the steps "
        f"0 to {epochs * batches - 1} counted across the epochs.",
    )
    final = float(np.asarray(w.numpy() if hasattr(w, "numpy") else w))
    expect(
        abs(final - after) < 1e-5,
        f"w is {final:g} after the loop: it should have been trained by {epochs * batches} steps "
        "of the optimizer (apply_gradients), and the values written are what w took during "
        "that training, not numbers worked out by hand.",
    )
    values = [value for _, value in points]
    expect(
        np.allclose(values, before, atol=1e-6),
        "the values are not w before each training step: write w at the start of the step, "
        "before apply_gradients changes it.",
    )
