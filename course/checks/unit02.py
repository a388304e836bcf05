"""Checks for exercises/02_managing_graphs.ipynb (lesson 02: managing graphs, node value
lifecycle)."""

import numpy as np

from course.checks import expect, fail, question
from course.checks._graphs import is_closed, variable_ops
from course.checks.engine import tf1 as tf


def is_pair(value):
    return isinstance(value, (tuple, list)) and len(value) == 2


def _pair(value, what):
    expect(
        isinstance(value, (tuple, list)) and len(value) == 2,
        f"{what} should be a pair of two numbers, like (1, 2).",
    )
    return tuple(int(v) for v in value)


@question(1)
def q1(build_model):
    expect(callable(build_model), "build_model should be a function, defined with def.")
    default = tf.get_default_graph()
    before = len(default.get_operations())
    built = [build_model() for _ in range(3)]
    if tf.get_default_graph() is not default:
        fail(
            "calling build_model replaced the default graph (tf.reset_default_graph() does that): "
            "everything built before the call is cut off from new code. Build in a tf.Graph() of "
            "your own, made the default only inside a with block."
        )
    for result in built:
        expect(
            isinstance(result, (tuple, list)) and len(result) == 2,
            "build_model should return the pair graph, y.",
        )
        graph, y = result
        expect(
            isinstance(graph, tf.Graph),
            f"the first thing build_model returns should be a tf.Graph; it is a "
            f"{type(graph).__name__}.",
        )
        expect(
            isinstance(y, tf.Tensor),
            f"y should be a tensor, a node of the graph; it is a {type(y).__name__}.",
        )
        if y.graph is default:
            fail(
                "y went into the default graph. A new op joins whichever graph is the default "
                "when it is created; creating a tf.Graph() does not make it the default by itself."
            )
        expect(y.graph is graph, "y is not in the graph that build_model returns with it.")
    expect(
        len(default.get_operations()) == before,
        "calling build_model added nodes to the default graph: build every node inside the with "
        "block of your own graph.",
    )
    graphs = [graph for graph, _ in built]
    expect(
        len({id(graph) for graph in graphs}) == len(graphs),
        "build_model returned the same graph twice: create a new tf.Graph() at each call.",
    )
    for graph, y in built:
        names = [op.name for op in variable_ops(graph)]
        expect(
            names == ["w"],
            f"each graph should hold one variable, named w; one of them holds {names}.",
        )
        with graph.as_default():  # graphs the check itself made by calling build_model
            init = tf.global_variables_initializer()
        with tf.Session(graph=graph) as sess:
            sess.run(init)
            expect(sess.run(y) == 6, "y should be w * 2, with w's initial value 3.")


@question(2)
def q2(names):
    expect(
        isinstance(names, (list, tuple)) and all(isinstance(n, str) for n in names),
        "names should be a list of strings, one op name per variable.",
    )
    expect(
        len(names) == 3,
        "the loop made three variables: give three names, in the order they were made.",
    )
    if len(set(names)) < 3:
        fail(
            "two ops of one graph never share a name. When a name is taken, TensorFlow makes the "
            "new one unique: print counter.op.name after each run of the line to see how."
        )
    expect(
        list(names) == ["counter", "counter_1", "counter_2"],
        "look at the graph: [op.name for op in tf.get_default_graph().get_operations()] lists "
        "every op; the variables are the ops named like the variable, without a '/'.",
    )


@question(3)
def q3(counter):
    expect(
        isinstance(counter, tf.Variable),
        f"counter should be a tf.Variable; it is a {type(counter).__name__}.",
    )
    default = tf.get_default_graph()
    expect(
        counter.graph is default,
        "counter is not in the current default graph. Start from a fresh default "
        "graph, and build counter in it (not in a graph of your own).",
    )
    names = [op.name for op in variable_ops(default)]
    expect(
        names == ["counter"],
        f"the default graph holds {len(names)} variables ({', '.join(names)}): the ones built by "
        "earlier cells are still there, and every run of your cell adds one more. Start the cell "
        "by replacing the default graph with an empty one.",
    )


@question(4)
def q4(x_runs_separate, x_runs_together):
    expect(
        all(isinstance(v, (int, np.integer)) for v in (x_runs_separate, x_runs_together)),
        "answer with two whole numbers.",
    )
    expect(
        x_runs_separate > 1,
        "y.eval() and u.eval() are two separate runs of the graph. Does TensorFlow "
        "reuse a value computed in an earlier run, or are all node values dropped "
        "when a run ends?",
    )
    expect(
        x_runs_separate == 2,
        "u needs x along two paths (through y and through z), but x is computed once per run "
        "and handed to every node that needs it. How many runs are there?",
    )
    expect(
        x_runs_together == 1,
        "in one run, a node's value is computed once and handed to every node that "
        "needs it, however many fetches depend on it.",
    )


def _fetched(values, what):
    """Values a session run returns are NumPy values; numbers typed in are Python ones."""
    if any(isinstance(v, (bool, int, float)) for v in values):
        fail(
            f"{what}: plain Python numbers, typed in rather than fetched from the graph. "
            "Run the graph in a session and store what it returns."
        )
    expect(
        all(isinstance(v, (np.generic, np.ndarray)) for v in values),
        f"{what} should hold values returned by a session run.",
    )


def _executed_ops(run_metadata):
    return [
        node.node_name for device in run_metadata.step_stats.dev_stats for node in device.node_stats
    ]


@question(5)
def q5(y_val, z_val, executed, run_metadata):
    expect(
        np.ndim(y_val) == 0 and np.ndim(z_val) == 0 and (y_val, z_val) == (10, 15),
        f"y_val and z_val should be y's and z's values; they are {y_val!r} and {z_val!r}.",
    )
    expect(
        isinstance(executed, (list, tuple)) and all(isinstance(name, str) for name in executed),
        "executed should be executed_ops(run_metadata): the list of op names the traced run "
        "executed.",
    )
    traced = _executed_ops(run_metadata)
    if not traced:
        fail(
            "run_metadata holds no trace: no traced run happened, so executed was not read from "
            "one. Pass options=trace and run_metadata=run_metadata to sess.run."
        )
    expect(
        list(executed) == traced,
        "executed is not what run_metadata's trace lists: store executed_ops(run_metadata), "
        "after the traced run.",
    )
    if "y" not in executed or "z" not in executed:
        fail(
            "the trace shows only one of y and z: each traced run replaces the trace, so this is "
            "the last of several runs. Fetch y and z together, in a single sess.run."
        )
    expect(
        executed.count("x") == 1,
        f"x ran {executed.count('x')} times in that run; fetch y and z in one run, "
        "and trace that run.",
    )
    _fetched((y_val, z_val), "y_val and z_val")


@question(6)
def q6(together, separate):
    fetched = (*together, *separate) if is_pair(together) and is_pair(separate) else ()
    together, separate = _pair(together, "together"), _pair(separate, "separate")
    expect(
        together[0] == 1 and separate[0] == 1,
        "`a` is the first value fetched after initialization: "
        "by then, `step` has added 1 to a counter that started at 0.",
    )
    expect(
        together == (1, 2),
        "in one run, `step` runs once: a and b both see the counter after that single increment, "
        "and b adds a and step.",
    )
    expect(
        separate != together,
        "a.eval() and b.eval() are two runs, and each runs `step` again: an op with a "
        "side effect repeats it in every run that needs it.",
    )
    expect(
        separate == (1, 4),
        "b.eval() is a run of its own: it runs step again, and recomputes a, which b needs, from "
        "that new step value; nothing is kept from a.eval()'s run.",
    )
    _fetched(fetched, "together and separate")


@question(7)
def q7(sess1, sess2, w1, w2):
    expect(
        isinstance(sess1, tf.Session) and isinstance(sess2, tf.Session),
        "sess1 and sess2 should be the two tf.Session objects you opened.",
    )
    expect(
        np.ndim(w1) == 0 and np.ndim(w2) == 0,
        "w1 and w2 should be the values of w read in each session.",
    )
    expect(
        sess1 is not sess2,
        "each session keeps its own copy of every variable, so running grow in one session does "
        "not change the other. Did you open two different sessions?",
    )
    expect(
        w1 == 11,
        "w1 should be w's value in sess1: initial value 1, then grow (+5) twice, in sess1.",
    )
    expect(
        w2 == 6,
        "w2 should be w's value in sess2: each session keeps its own copy of every variable, "
        "and grow ran once in sess2.",
    )
    expect(
        is_closed(sess1) and is_closed(sess2),
        "close both sessions when you are done: each holds its copy of w until it is closed.",
    )
    _fetched((w1, w2), "w1 and w2")


@question(8)
def q8(prediction, why, w, set_w):
    with tf.Session(graph=w.graph) as sess:
        sess.run(set_w)
        actual = sess.run(w)
    given = prediction
    if isinstance(prediction, str):
        given = prediction.strip().split(".")[-1]
        if given == "FailedPreconditionError":
            fail(
                "you expected an error, but the run printed a value. Reading w fails while "
                "nothing has given w a value in sess3; but what does set_w do to w? Look at "
                "w.initializer.type and set_w.op.type."
            )
        try:
            given = int(given)
        except ValueError:
            fail(
                "prediction should be a number, or the class name of an error as a string; "
                f"you gave {prediction!r}."
            )
    expect(
        isinstance(given, (int, np.integer)) and not isinstance(given, bool),
        f"prediction should be a whole number (or an error's class name); it is {prediction!r}.",
    )
    if given == 1:
        fail(
            "w gets its initial value only when its initializer runs, and nothing in sess3 runs "
            "it. What does sess3 run instead?"
        )
    expect(
        given == actual,
        "that is not what the run printed: read the output of the cell after your answer, and "
        "explain it.",
    )
    expect(
        isinstance(why, str) and "assign" in why.lower(),
        "explain with the op types: what kind of op is set_w, and what kind of op is w's "
        "initializer?",
    )
