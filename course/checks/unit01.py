"""Checks for exercises/01_graphs_and_sessions.ipynb (lesson 01: graphs and sessions)."""

import numbers

import numpy as np

from course.checks import expect, fail, question
from course.checks._graphs import base_name, is_closed, value_in_fresh_session, variable_ops
from course.checks.engine import tf1 as tf


@question(1)
def q1(g):
    if isinstance(g, (numbers.Number, np.ndarray, np.generic)):
        fail(
            f"g is already a number ({g}): Python computed it on the spot. Build g from "
            "tf.Variable objects instead, so that g is a node of the graph and nothing is "
            "computed until a session runs it."
        )
    expect(
        isinstance(g, tf.Tensor),
        f"g should be a tf.Tensor, the output of the last operation in the expression; "
        f"it is a {type(g).__name__}.",
    )
    names = sorted(base_name(op.name) for op in variable_ops(g))
    expect(
        len(names) == 2,
        f"g should depend on exactly two variables, but it depends on {len(names)}. "
        "Make a and b with tf.Variable(...) (a tf.constant is not a variable).",
    )
    expect(
        names == ["a", "b"],
        f"name the variables a and b with name=... (g's variables are named {names}).",
    )
    expect(
        value_in_fresh_session(g) == 2 * 5 * 5 - 2 + 1,
        "the graph computes the wrong value: with a = 2 and b = 5, "
        "g = a*b*b - a + 1. Check the initial values and the expression.",
    )


def _ran_in_session(value, what, number):
    """A value fetched by sess.run or eval() is a NumPy value; a number typed in is a Python one."""
    if isinstance(value, (tf.Tensor, tf.Variable)):
        fail(
            f"{what} is a Tensor: a handle to a node of the graph, not its value. Ask the session "
            "to compute it, and store what it returns."
        )
    if isinstance(value, (bool, int, float)):
        fail(
            f"{what} is a plain Python number ({value!r}): it was typed in or computed by Python, "
            f"not fetched from the graph. A session run returns a NumPy value; get {what} from "
            "sess.run or eval()."
        )
    expect(
        isinstance(value, (np.generic, np.ndarray)) and np.ndim(value) == 0,
        f"{what} should be one number, fetched from the graph; it is {value!r}.",
    )
    expect(value == number, f"{what} is {value!r}, which is not the graph's value.")


def _session_on(session, tensor, what):
    expect(
        isinstance(session, tf.Session),
        f"{what} should be the session you opened; it is a {type(session).__name__}.",
    )
    expect(
        session.graph is tensor.graph,
        f"{what} runs another graph than the one holding f: open it after building f, "
        "in the same (default) graph.",
    )


@question(2)
def q2(result, sess, f, why):
    _session_on(sess, f, "sess")
    _ran_in_session(result, "result", value_in_fresh_session(f))
    expect(
        is_closed(sess),
        "the session is still open. A session holds resources (every variable's value) until you "
        "call sess.close(); close it once you have the result.",
    )
    expect(
        isinstance(why, str) and len(why.split()) >= 4,
        "explain in a sentence, in why, what was wrong with the program.",
    )
    expect(
        any(word in why.lower() for word in ("close", "free", "lost", "gone", "destroy")),
        "your explanation should say what closing a session does to the values it holds, and "
        "what the session opened afterwards has in it.",
    )


@question(3)
def q3(init, result, f):
    if callable(init) and not isinstance(init, tf.Operation):
        fail(
            "init is the function tf.global_variables_initializer itself. Calling it returns an "
            "op, one node that initializes every variable: store that op in init, and run that "
            "same op."
        )
    expect(
        isinstance(init, tf.Operation),
        "init should be one op (a tf.Operation) that initializes all the variables; it is a "
        f"{type(init).__name__}. A list of initializers works with sess.run, but the question "
        "asks for the single op that does it all.",
    )
    initialized = {op.name.split("/")[0] for op in init.control_inputs}
    needed = {op.name for op in variable_ops(f)}
    expect(
        needed <= initialized,
        f"init does not initialize every variable {f.op.name} needs: was it created before "
        "them? An initializer only covers the variables that exist when it is created.",
    )
    _ran_in_session(result, "result", value_in_fresh_session(f))


@question(4)
def q4(total, g, why):
    expect(isinstance(g, tf.Tensor), "keep g, the tensor of the setup cell: don't rebuild it.")
    names = {base_name(op.name) for op in variable_ops(g)}
    expect(names == {"x", "y", "z"}, "keep g as the setup cell builds it, from x, y and z.")
    _ran_in_session(total, "total", value_in_fresh_session(g))
    expect(
        isinstance(why, str) and len(why.split()) >= 4,
        "explain in a sentence, in why, what was wrong with the program.",
    )
    expect(
        any(word in why.lower() for word in ("before", "after", "earlier", "later", "exist")),
        "your explanation should say when init was created compared with z, and what that "
        "means for the variables init knows about.",
    )


@question(5)
def q5(isess, value, f, why):
    expect(
        isinstance(isess, tf.InteractiveSession),
        f"isess should be a tf.InteractiveSession (it is a {type(isess).__name__}). Unlike "
        "tf.Session, it makes itself the default session as soon as it is created, so eval() "
        "works without a with block.",
    )
    expect(isess.graph is f.graph, "open isess on the graph that holds f (the default graph).")
    _ran_in_session(value, "value", value_in_fresh_session(f) + 1)
    plus_one = [
        op
        for op in f.graph.get_operations()
        if op.type in ("Add", "AddV2") and f in list(op.inputs)
    ]
    if not plus_one:
        fail(
            "the graph has no node computing f + 1: the + 1 was done by Python, after the run. "
            "Build f + 1 as a node of the graph and evaluate that node with eval()."
        )
    expect(
        is_closed(isess),
        "the InteractiveSession is still open: without a with block nothing closes it for you. "
        "Call close().",
    )
    expect(
        isinstance(why, str) and len(why.split()) >= 4,
        "explain in a sentence, in why, what was wrong with the program.",
    )
    expect(
        "default" in why.lower(),
        "your explanation should say which session is the default one inside the with block, "
        "and so in which session the initializer ran.",
    )


def _error_name(run):
    try:
        run()
    except Exception as error:  # the error class is what the learner predicts
        return type(error).__name__
    return None


@question(6)
def q6(prediction, why, f):
    expect(
        isinstance(prediction, str) and prediction.strip() != "",
        'prediction should be the name of an error class, as a string, e.g. "TypeError".',
    )
    with tf.Session(graph=f.graph) as sess:
        pass
    closed = sess

    def run_in_closed_block():
        with closed.as_default():
            f.eval()

    actual = _error_name(run_in_closed_block)
    outside = _error_name(f.eval) if tf.get_default_session() is None else None
    given = prediction.strip().split(".")[-1].split(":")[0]
    if given != actual:
        if given == outside:
            fail(
                "that is the error of eval() with no default session at all. Inside the block, "
                "is there a default session? What state is it in?"
            )
        fail(
            f"you predicted {given}, but the run says otherwise: read the error the next cell "
            "printed, then explain it."
        )
    expect(
        isinstance(why, str) and "default" in why.lower(),
        "explain with the words of the lesson: which session does f.eval() use inside the "
        "with block (the default one), and what has happened to it?",
    )


# -- question 7 (optional, under the hood): reads learntf's registry itself, on either engine ----
_OPDEF_FUNCTIONS = ("infer", "kernel", "gradient")


def _opdef_calls():
    """Which of Maximum's OpDef functions learntf calls while building, then while running, the
    question's program: the live registry's functions, watched for the time of one run."""
    import learntf.compat.v1 as ltf
    from learntf.framework.op_registry import get_op_def

    op_def = get_op_def("Maximum")
    saved = {name: getattr(op_def, name) for name in _OPDEF_FUNCTIONS}
    calls = {"build": set(), "run": set()}
    stage = ["build"]

    def watched(name, function):
        def call(*args, **kwargs):
            calls[stage[0]].add(name)
            return function(*args, **kwargs)

        return call

    try:
        for name, function in saved.items():
            if callable(function):
                setattr(op_def, name, watched(name, function))
        with ltf.Graph().as_default():
            a = ltf.constant([1.0, 5.0, 2.0], name="a")
            b = ltf.constant([4.0, 0.0, 3.0], name="b")
            z = ltf.maximum(a, b)
            stage[0] = "run"
            with ltf.Session() as sess:
                sess.run(z)
    finally:
        for name, function in saved.items():
            setattr(op_def, name, function)
    return calls["build"], calls["run"]


def _function_names(value, what):
    expect(
        isinstance(value, (list, tuple, set)) and all(isinstance(v, str) for v in value),
        f'{what} should be a list of names, as strings, e.g. ["infer"] (or [] for none).',
    )
    names = {v.strip().lower() for v in value}
    unknown = sorted(names - set(_OPDEF_FUNCTIONS))
    expect(
        not unknown,
        f"{what} names {unknown}: use the names of the OpDef's functions, "
        '"infer", "kernel" and "gradient".',
    )
    return names


@question(7, optional=True)
def q7(at_build, at_run):
    build, run = _function_names(at_build, "at_build"), _function_names(at_run, "at_run")
    expected_build, expected_run = _opdef_calls()
    if "gradient" in build | run and "gradient" not in expected_build | expected_run:
        fail(
            "the gradient is used only when you ask for derivatives (unit 04): neither "
            "building z nor running it differentiates anything."
        )
    if "kernel" in build and "kernel" not in expected_build:
        fail(
            "building the graph computes nothing (the lesson's first section): look at what "
            "apply_op calls in graph mode, and which OpDef function it never calls there."
        )
    if build != expected_build:
        fail(
            "apply_op needs the new op's output shape and dtype to make its Tensor: which line "
            "of apply_op asks the OpDef for them, and which function does it call?"
        )
    if run != expected_run:
        fail(
            "a session run computes values: which OpDef function turns NumPy inputs into "
            "NumPy outputs? (What apply_op already worked out is not worked out again.)"
        )
