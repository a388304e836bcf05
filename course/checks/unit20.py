"""Checks for exercises/20_tracing.ipynb (lesson 20: retracing, variables captured by a traced
function, input signatures, where the speed of a traced function comes from)."""

import numpy as np

from course.checks import expect, fail, question
from course.checks.engine import tf2 as tf


def _is_tf_function(fn):
    return callable(fn) and hasattr(fn, "python_function") and hasattr(fn, "get_concrete_function")


def _count_traces():
    f = tf.function(lambda x: x + 1)
    logger = tf.get_logger()
    level = logger.level
    logger.setLevel("ERROR")  # these calls retrace often: no warning in the learner's notebook
    try:
        for arg in (
            tf.constant(1.0),
            tf.constant(2.0),
            tf.constant([1.0, 2.0]),
            tf.constant([3.0, 4.0]),
            1.0,
            1.0,
            2.0,
            tf.constant(1),
        ):
            f(arg)
    finally:
        logger.setLevel(level)
    return f.experimental_get_tracing_count()


@question(1)
def q1(traces):
    expect(isinstance(traces, (int, np.integer)), "traces should be a whole number.")
    expected = _count_traces()
    if traces > expected:
        fail(
            "too many: tensors with the same dtype and shape share one trace, and a Python value "
            "seen before reuses its trace too. Group the eight calls by what a trace depends on."
        )
    if traces < expected:
        fail(
            "too few: for a Python value, the value itself is part of the trace's key, unlike a "
            "tensor, whose dtype and shape are. And an int32 tensor is not a float32 tensor."
        )


@question(2)
def q2(increment):
    expect(
        _is_tf_function(increment),
        "increment should be a tf.function (decorate it with @tf.function).",
    )
    try:
        first = int(increment().numpy())
    except ValueError as error:
        fail(
            "tf.function refused to create a variable on every call: create it once, outside the "
            "function, and let the function only update it. " + str(error).splitlines()[0]
        )
    second = int(increment().numpy())
    third = int(increment().numpy())
    expect(
        second == first + 1 and third == second + 1,
        f"three calls returned {first}, {second}, {third}: each call should add 1 to the same "
        "variable and return its new value (assign_add does both).",
    )


@question(3)
def q3(row_norms):
    expect(_is_tf_function(row_norms), "row_norms should be a tf.function.")
    for rows in (3, 2, 5):
        x = np.arange(rows * 3, dtype=np.float32).reshape(rows, 3)
        try:
            got = row_norms(tf.constant(x)).numpy()
        except (TypeError, ValueError):
            fail(
                f"row_norms refused a float32 matrix of {rows} rows and 3 columns: make the "
                "signature accept any number of rows (None in the shape)."
            )
        expect(
            np.allclose(got, (x * x).sum(axis=1)),
            f"row_norms of a {rows}x3 matrix gave {got.tolist()}: one squared length per row.",
        )
    count = row_norms.experimental_get_tracing_count()
    expect(
        count == 1,
        f"row_norms traced {count} times for 3, 2 and 5 rows: without a fixed signature, each "
        "new shape is a new trace. Declare the inputs with input_signature.",
    )
    for bad, what in (
        (np.ones((2, 4), np.float32), "a float32 matrix of 4 columns"),
        (np.ones((2, 3), np.int32), "an int32 matrix"),
    ):
        try:
            row_norms(tf.constant(bad))
        except (TypeError, ValueError):
            continue
        fail(
            f"row_norms accepted {what}: its signature should admit float32 rows of 3 values only."
        )


def _count_work(calls=20, steps=50):
    """Question 4's program, run here: (Python runs of the loop body, operations run) after
    `calls` traced calls, then after `calls` eager calls."""
    python_work = [0]
    arithmetic = tf.Variable(0)

    def many_small_ops(x):
        for _ in range(steps):
            python_work[0] += 1
            arithmetic.assign_add(1)
            x = tf.tanh(x) * 0.9 + 0.1
        return x

    traced_fn = tf.function(many_small_ops)
    x = tf.constant([0.5, -0.5])
    for _ in range(calls):
        traced_fn(x)
    traced = (python_work[0], int(arithmetic.numpy()))
    python_work[0] = 0
    arithmetic.assign(0)
    for _ in range(calls):
        many_small_ops(x)
    return traced, (python_work[0], int(arithmetic.numpy()))


def _pair(value, name):
    expect(
        isinstance(value, (tuple, list))
        and len(value) == 2
        and all(isinstance(v, (int, np.integer)) and not isinstance(v, bool) for v in value),
        f"{name} should be a pair of whole numbers, (python_work, arithmetic).",
    )
    return int(value[0]), int(value[1])


@question(4)
def q4(traced, eager, why):
    traced, eager = _pair(traced, "traced"), _pair(eager, "eager")
    expected_traced, expected_eager = _count_work()
    if traced[0] != expected_traced[0]:
        fail(
            f"python_work after the traced calls is not {traced[0]}: a traced call runs its "
            "graph, not your Python code. The Python code ran while tracing: how many of the "
            "calls traced, and how often did the loop go round each time?"
        )
    if traced[1] != expected_traced[1]:
        fail(
            f"arithmetic after the traced calls is not {traced[1]}: the graph runs all its "
            "operations at every call, assign_add included. It does not reuse an earlier "
            "call's results."
        )
    expect(
        eager == expected_eager,
        f"eager is not {eager}: run eagerly, each call runs the Python code, and every "
        "operation in it, once per pass through the loop.",
    )
    expect(isinstance(why, str), "why should be a sentence, a string.")
    text = why.lower()
    expect(
        any(word in text for word in ("python", "overhead", "per-operation", "per operation"))
        and any(word in text for word in ("once", "trac")),
        "your explanation should say what a traced call skips (the counts show it) and when "
        "that work was done instead; the arithmetic is the same both ways.",
    )


def _decay(n_steps):
    x = np.float32(100.0)
    for step in range(n_steps):
        x = x * (np.float32(1.0) - np.float32(0.01 * step))
    return x


@question(5)
def q5(run, decay_step):
    expect(callable(run), "run should be a function of n_steps.")
    expect(
        _is_tf_function(decay_step),
        "decay_step should stay the tf.function of the program: fix run, not decay_step.",
    )
    logger = tf.get_logger()
    level = logger.level
    logger.setLevel("ERROR")  # no retracing warning in the learner's notebook
    try:
        results = {n: run(n) for n in (20, 7, 12)}
    finally:
        logger.setLevel(level)
    for n, got in results.items():
        got = np.asarray(got.numpy() if hasattr(got, "numpy") else got)
        expect(
            got.shape == () and np.isclose(got, _decay(n), rtol=1e-5),
            f"run({n}) gave {got.tolist()}, not the program's result for {n} steps: run must "
            "still do n_steps steps of decay_step, whatever n_steps is.",
        )
    traces = decay_step.experimental_get_tracing_count()
    if traces == 0:
        fail(
            "decay_step was never traced: run calls the Python function, so every step runs "
            "eagerly. Call decay_step itself, and pass it what makes one trace serve every step."
        )
    if traces > 1:
        fail(
            f"run traced decay_step {traces} times: each new Python float is a new trace. Pass "
            "the rate as a tensor, whose dtype and shape stay the same at every step."
        )
    expect(
        np.isclose(decay_step(tf.constant(2.0), tf.constant(0.5)).numpy(), 1.0),
        "decay_step should still compute x * (1.0 - rate): fix run, not decay_step.",
    )


# -- question 6 (optional): the cache of traces, lesson 20's "Under the hood" ---------------------
def _traces_by_the_engine():
    """How often learntf's tf.function traces question 6's calls: counted on the live engine
    (Function._concrete_for's cache), so the expected answer follows the code the lesson prints."""
    import learntf

    def scaled(x, scale=2):
        return x * scale

    scaled = learntf.function(scaled)
    scaled(learntf.constant(1.0))
    scaled(learntf.constant(5.0), 2)
    scaled(learntf.constant(5.0), scale=2)
    scaled(learntf.constant(1.0), 3)
    scaled(learntf.constant([1.0]), scale=3)
    return scaled.experimental_get_tracing_count()


@question(6, optional=True)
def q6(traces):
    expect(
        isinstance(traces, (int, np.integer)) and not isinstance(traces, bool),
        "traces should be a whole number.",
    )
    expected = _traces_by_the_engine()
    if traces == 5:
        fail(
            "not every call traces: a call whose key is already in the cache reuses that trace. "
            "Write down the key of each call; which calls have the same key?"
        )
    if traces == expected + 1:
        fail(
            "_concrete_for binds the arguments to the signature and calls apply_defaults before "
            "it builds the key: scaled(t), scaled(t, 2) and scaled(t, scale=2) give it the same "
            "arguments."
        )
    if traces < expected:
        fail(
            "too few: a Python value is part of the key itself, unlike a tensor, whose dtype and "
            "shape are. A new Python value is a new key."
        )
    expect(
        traces == expected,
        "write down the key _concrete_for builds for each call (x's dtype and shape, and scale "
        "after apply_defaults), and count the different keys.",
    )
