"""Checks for exercises/02_managing_graphs.ipynb (lesson 02: managing graphs, node value
lifecycle)."""

import numpy as np

from course.checks import expect, fail, question
from course.checks._graphs import is_closed, ops_needed, value_in_fresh_session, variable_ops
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
def q3(a, b, total, total_val):
    for value, name in ((a, "a"), (b, "b")):
        expect(
            isinstance(value, tf.Variable),
            f"{name} should be a tf.Variable; it is a {type(value).__name__}.",
        )
    expect(
        isinstance(total, tf.Tensor),
        f"total should be a tensor, a node of a graph; it is a {type(total).__name__}.",
    )
    _fetched((total_val,), "total_val")
    default = tf.get_default_graph()
    expect(
        all(node.graph is default for node in (a, b, total)),
        "a, b and total are not in the current default graph. tf.reset_default_graph() replaces "
        "the default graph with a new, empty one, and the nodes built before it stay in the old "
        "graph: where in the cell must the reset go so that the new nodes land in the new graph?",
    )
    names = [op.name for op in variable_ops(default)]
    expect(
        names == ["a", "b"],
        f"the default graph holds {len(names)} variables ({', '.join(names)}): the ones built by "
        "earlier cells, or by earlier runs of this one, are still there. Which line starts a "
        "cell on an empty default graph?",
    )
    expect(
        sorted(op.name for op in variable_ops(total)) == ["a", "b"],
        "total should be computed from a and b, as in the program you are fixing.",
    )
    expect(
        np.ndim(total_val) == 0 and total_val == value_in_fresh_session(total),
        f"total_val should be the value a session run of total returns; it is {total_val!r}.",
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


NAMED_OPS = ("x", "y", "z", "u", "v")


@question(5)
def q5(predicted, why, executed, run_metadata, y, v):
    expect(
        isinstance(predicted, (set, frozenset, list, tuple))
        and all(isinstance(name, str) for name in predicted),
        'predicted should be a set of op names, like {"x", "y"}.',
    )
    predicted = {name.strip() for name in predicted}
    expect(
        predicted <= set(NAMED_OPS),
        f"predicted should name only ops among {', '.join(NAMED_OPS)}; it holds "
        f"{', '.join(sorted(predicted - set(NAMED_OPS)))}.",
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
    ran = {name for name in traced if name in NAMED_OPS}
    needed = {op.name for fetch in (y, v) for op in ops_needed(fetch)} & set(NAMED_OPS)
    expect(
        ran == needed,
        "the trace is not of one run that fetches exactly y and v: each traced run replaces "
        "the trace, so trace the single sess.run([y, v]).",
    )
    if "u" in predicted:
        fail(
            "look at the trace: a run executes the ops its fetches need, whatever inputs happen "
            "to be at hand. Which fetch needs u?"
        )
    if "z" not in predicted:
        fail(
            "nobody fetched z, but v = z * w: a run executes every op on a path to a fetch, "
            "fetched or not."
        )
    expect(
        predicted == ran,
        "compare your prediction with the trace: a run executes every op its fetches need, and "
        "nothing else.",
    )
    expect(
        isinstance(why, str) and any(word in why.lower() for word in ("need", "depend", "prun")),
        "explain with what the fetches need: why does the run leave some ops out?",
    )


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
def q7(sess, w_val, w, grow):
    expect(
        isinstance(sess, tf.Session),
        f"sess should be the tf.Session you read w in; it is a {type(sess).__name__}.",
    )
    _fetched((w_val,), "w_val")
    expect(np.ndim(w_val) == 0, "w_val should be the value of w, one number.")
    reference = tf.Graph()
    with reference.as_default():
        w_again = tf.Variable(1, name="w")
        tf.assign_add(w_again, 5)
    built = sorted(op.name for op in w.graph.get_operations())
    extra = sorted(set(built) - {op.name for op in reference.get_operations()})
    expect(
        grow.graph is w.graph and not extra,
        f"the graph holds ops the set-up cell did not build ({', '.join(extra)}): fix how the "
        "program runs the graph, not the graph. Re-run the set-up cell, then your fixed cell.",
    )
    if w_val == 6:
        fail(
            "w is 6: the first +5 was lost. Where does w's value live, from when to when? "
            "And what does running w's initializer do to the value there?"
        )
    expect(
        w_val == 11,
        f"w_val is {w_val}: count how often grow runs after the last run of w's initializer, "
        "in the session you read w in.",
    )
    expect(
        is_closed(sess),
        "close the session when you are done: it holds its copy of w until it is closed.",
    )


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


# -- question 9 (optional, under the hood): asks learntf's own plan, on either engine ------------
def _kept_by_plan():
    """The ops learntf's plan keeps for sess.run([d, e], feed_dict={b: 5.0}) on the question's
    graph, and every op of that graph."""
    import learntf.compat.v1 as ltf

    with ltf.Graph().as_default() as graph:
        a = ltf.constant(2.0, name="a")
        b = ltf.multiply(a, 3.0, name="b")
        c = ltf.add(b, 1.0, name="c")
        d = ltf.square(c, name="d")
        e = ltf.subtract(b, 4.0, name="e")
        with ltf.Session() as sess:
            plan = sess.plan([d, e], feed_dict={b: 5.0})
    return {op.name for op in plan.ops}, {op.name for op in graph.get_operations()}


@question(9, optional=True)
def q9(kept):
    expect(
        isinstance(kept, (list, tuple, set)) and all(isinstance(n, str) for n in kept),
        'kept should be a list of op names, as strings, e.g. ["d", "e"].',
    )
    given = {n.strip() for n in kept}
    expected, every_op = _kept_by_plan()
    unknown = sorted(given - every_op)
    expect(
        not unknown,
        f"{unknown} are not ops of the graph: its ops are the names the cell above printed "
        "(a Python number becomes a Const op named after the argument it feeds, like c/y).",
    )
    fed_side = given - expected
    if fed_side:
        fail(
            f"the plan does not keep {sorted(fed_side)}. b is fed: its value stands in for the "
            "op that makes it, so the walk back stops there (find `not in fed` in "
            "op_dependencies), and ops that only b needed are pruned."
        )
    missing = expected - given
    if any("/" not in name for name in missing):
        fail(
            "the plan keeps every op a fetch needs, not only the fetched ops: walk back from d "
            "and from e through their inputs, stopping at the fed tensor."
        )
    if missing:
        fail(
            "the Python numbers 1.0 and 4.0 are Const ops of the graph too, and the plan keeps "
            "the Const ops its kept ops read (it lists them as known before the run)."
        )
