"""Checks for exercises/02_managing_graphs.ipynb (lesson 02: managing graphs, node value
lifecycle)."""

import numpy as np

from course.checks import choice, expect, fail, question
from course.checks._graphs import variable_ops
from course.checks.engine import tf1 as tf


def _pair(value, what):
    expect(
        isinstance(value, (tuple, list)) and len(value) == 2,
        f"{what} should be a pair of two numbers, like (1, 2).",
    )
    return tuple(int(v) for v in value)


@question(1)
def q1(graph, x2):
    expect(
        isinstance(graph, tf.Graph), f"graph should be a tf.Graph; it is a {type(graph).__name__}."
    )
    expect(isinstance(x2, tf.Variable), f"x2 should be a tf.Variable; it is a {type(x2).__name__}.")
    if x2.graph is tf.get_default_graph():
        fail(
            "x2 went into the default graph. A new op joins whichever graph is the default when "
            "it is created; creating a tf.Graph() does not make it the default by itself."
        )
    expect(
        x2.graph is graph,
        "x2 is in some other graph than `graph`: create it while `graph` is the default.",
    )
    expect(
        graph is not tf.get_default_graph(),
        "after your cell, `graph` is still the default graph; "
        "make it the default only for the lines that build x2.",
    )


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
        x_runs_separate == 2,
        "y.eval() and z.eval() are two separate runs of the graph. Does TensorFlow "
        "reuse a value computed in an earlier run, or are all node values dropped "
        "when a run ends?",
    )
    expect(
        x_runs_together == 1,
        "in one run, a node's value is computed once and handed to every node that "
        "needs it, however many fetches depend on it.",
    )


@question(5)
def q5(y_val, z_val, executed):
    expect(
        np.ndim(y_val) == 0 and np.ndim(z_val) == 0 and (y_val, z_val) == (10, 15),
        f"y_val and z_val should be y's and z's values; they are {y_val!r} and {z_val!r}.",
    )
    expect(
        isinstance(executed, (list, tuple)) and all(isinstance(name, str) for name in executed),
        "executed should be executed_ops(run_metadata): the list of op names the traced run "
        "executed.",
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


@question(6)
def q6(together, separate):
    together, separate = _pair(together, "together"), _pair(separate, "separate")
    expect(
        together[0] == 1 and separate[0] == 1,
        "`a` is the first value fetched after initialization: "
        "by then, `step` has added 1 to a counter that started at 0.",
    )
    expect(
        together == (1, 10),
        "in one run, `step` runs once: a and b both see the counter after that single increment.",
    )
    expect(
        separate == (1, 20),
        "a.eval() and b.eval() are two runs, and each runs `step` again: an op with a "
        "side effect repeats it in every run that needs it.",
    )


@question(7)
def q7(w1, w2):
    expect(
        np.ndim(w1) == 0 and np.ndim(w2) == 0,
        "w1 and w2 should be the values of w read in each session.",
    )
    expect(w1 == 10, "w1 should be w's value in sess1, after set_w ran there.")
    expect(
        w2 == 1,
        "sess2 should still see w's initial value: each session keeps its own copy of every "
        "variable, so running set_w in one session does not change the other. Did you read w1 and "
        "w2 from two different sessions?",
    )


@question(8)
def q8(answer):
    choice(
        answer,
        options=("a", "b", "c"),
        correct="c",
        hints={
            "a": "the 10 lived in sess1's copy of w, and closing sess1 destroyed that copy.",
            "b": "a variable gets its initial value only when its initializer runs, in the "
            "session that runs it. Has anything run an initializer in sess3?",
        },
    )
