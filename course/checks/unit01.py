"""Checks for exercises/01_graphs_and_sessions.ipynb (lesson 01: graphs and sessions)."""

import numbers

import numpy as np

from course.checks import choice, expect, fail, question
from course.checks._graphs import base_name, is_closed, value_in_fresh_session, variable_ops
from course.checks.engine import tf1 as tf


@question(1)
def q1(f):
    if isinstance(f, (numbers.Number, np.ndarray, np.generic)):
        fail(
            f"f is already a number ({f}): Python computed it on the spot. Build f from "
            "tf.Variable objects instead, so that f is a node of the graph and nothing is "
            "computed until a session runs it."
        )
    expect(
        isinstance(f, tf.Tensor),
        f"f should be a tf.Tensor, the output of the last + in the expression; "
        f"it is a {type(f).__name__}.",
    )
    names = sorted(base_name(op.name) for op in variable_ops(f))
    expect(
        len(names) == 2,
        f"f should depend on exactly two variables, but it depends on {len(names)}. "
        "Make x and y with tf.Variable(...) (a tf.constant is not a variable).",
    )
    expect(
        names == ["x", "y"],
        f"name the variables x and y with name=... (f's variables are named {names}).",
    )
    expect(
        value_in_fresh_session(f) == 42,
        "the graph computes the wrong value: with x = 3 and y = 4, "
        "f = x*x*y + y + 2. Check the initial values and the expression.",
    )


@question(2)
def q2(result, sess):
    if isinstance(result, (tf.Tensor, tf.Variable)):
        fail(
            "result is a Tensor: a handle to a node of the graph, not its value. "
            "Ask the session to compute it, and store what sess.run returns."
        )
    expect(isinstance(sess, tf.Session), "sess should be the tf.Session() you opened.")
    expect(np.ndim(result) == 0 and result == 42, f"result should be f's value; it is {result!r}.")
    expect(
        is_closed(sess),
        "the session is still open. A session holds resources (every variable's value) until you "
        "call sess.close(); close it once you have the result.",
    )


@question(3)
def q3(init, result):
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
    initialized = {base_name(op.name.split("/")[0]) for op in init.control_inputs}
    expect(
        {"x", "y"} <= initialized,
        "init does not initialize both x and y: was it created before them? "
        "An initializer only covers the variables that exist when it is created.",
    )
    expect(
        np.ndim(result) == 0 and result == 42,
        f"result should be f's value, 42 for x = 3 and y = 4; it is {result!r}.",
    )


@question(4)
def q4(answer):
    choice(
        answer,
        options=("a", "b", "c"),
        correct="a",
        hints={
            "b": "a brand-new session has no variable values: f.eval() inside the with block "
            "would then fail. Which session does eval() use when you don't pass one?",
            "c": "nothing in a graph is computed outside a session; eval() still needs one. Which "
            "one does it use?",
        },
    )


@question(5)
def q5(isess, value):
    expect(
        isinstance(isess, tf.InteractiveSession),
        f"isess should be a tf.InteractiveSession (it is a {type(isess).__name__}). Unlike "
        "tf.Session, it makes itself the default session as soon as it is created, so eval() "
        "works without a with block.",
    )
    expect(
        np.ndim(value) == 0 and value == 43, f"value should be the value of f + 1; it is {value!r}."
    )
    expect(
        is_closed(isess),
        "the InteractiveSession is still open: without a with block nothing closes it for you. "
        "Call close().",
    )
