"""Checks for exercises/24_build_the_backward_pass.ipynb (lesson 24, optional: a backward pass
written by hand over a TF1 graph, checked against tf.gradients).

Every check builds its own small graphs, which the learner has not seen, and compares the
learner's gradient tensors with `tf.gradients` of the same graph at several input values. Only
TensorFlow's public API is used (`tensor.op`, `op.inputs`, `op.type`, `tf.gradients`), so the
checks run the same on learntf and on TensorFlow 2.21.
"""

import numbers
import re

import numpy as np

from course.checks import expect, fail, question
from course.checks.engine import tf1 as tf

RULE_TYPES = ("AddV2", "Sub", "Mul", "Square", "Sin", "Tanh")
SEEDS = (0, 1, 2)  # the input values at which gradients are compared


def _is_gradients_op(op):
    """tf.gradients puts every op it adds under a name scope `gradients` (`gradients_1`, ...)."""
    return re.match(r"^gradients(_\d+)?/", op.name) is not None


def _call_counting_new_ops(graph, function, *args):
    """function(*args), and the ops it added to `graph`."""
    before = set(op.name for op in graph.get_operations())
    result = function(*args)
    new = [op for op in graph.get_operations() if op.name not in before]
    return result, new


def _expect_no_tf_gradients(new_ops, what):
    expect(
        not any(_is_gradients_op(op) for op in new_ops),
        f"{what} called tf.gradients (it added ops under the name scope gradients/): you skipped "
        "the API you are building. Build the gradient from the ops' local rules instead.",
    )


def _ancestors(tensor):
    """Every op `tensor` depends on through op.inputs, itself included."""
    seen, stack = set(), [tensor.op]
    while stack:
        op = stack.pop()
        if op not in seen:
            seen.add(op)
            stack.extend(t.op for t in op.inputs)
    return seen


# --- question 1: topological order -------------------------------------------------------------


def _q1_graphs():
    """Graphs the learner has not seen: a diamond (s used by two ops), a tensor used twice by one
    op, and ops in the graph that the loss does not use."""
    graph = tf.Graph()
    with graph.as_default():
        p = tf.placeholder(tf.float32, name="p")
        q = tf.placeholder(tf.float32, name="q")
        tf.cos(q, name="not_used")
        s = tf.sin(p, name="s")
        left = tf.multiply(s, q, name="left")
        right = tf.tanh(s, name="right")
        total = tf.add(left, right, name="total")
        loss_a = tf.subtract(total, tf.multiply(p, p, name="pp"), name="loss_a")
        r = tf.placeholder(tf.float32, name="r")
        loss_b = tf.square(tf.sin(tf.square(r, name="r2"), name="sr2"), name="loss_b")
    return [loss_a, loss_b]


@question(1)
def q1(topo_order):
    expect(callable(topo_order), "topo_order should be a function: def topo_order(loss): ...")
    for loss in _q1_graphs():
        order = topo_order(loss)
        expect(
            isinstance(order, (list, tuple)),
            f"topo_order should return a list of operations; it returned a {type(order).__name__}.",
        )
        for item in order:
            expect(
                isinstance(item, tf.Operation),
                f"topo_order's list holds a {type(item).__name__}: list operations "
                "(tensor.op), not tensors or names.",
            )
        names = [op.name for op in order]
        twice = sorted({name for name in names if names.count(name) > 1})
        expect(
            not twice,
            f"{twice} appear more than once in your order: an op whose output is used by two "
            "ops (or twice by one) is reached along two paths. Remember which ops you have "
            "visited already, and skip them.",
        )
        needed = _ancestors(loss)
        missing = sorted(op.name for op in needed if op not in order)
        expect(
            not missing,
            f"your order misses {missing}: follow op.inputs (and each input's .op) all the way "
            "back, down to the placeholders and constants.",
        )
        extra = sorted(op.name for op in order if op not in needed)
        expect(
            not extra,
            f"{extra} are in your order, but the loss does not depend on them: walk back from "
            "loss.op through op.inputs instead of listing every op of the graph.",
        )
        position = {op: i for i, op in enumerate(order)}
        for op in order:
            for t in op.inputs:
                expect(
                    position[t.op] < position[op],
                    f"{op.name!r} comes before {t.op.name!r}, which computes one of its inputs: "
                    "add an op to the list only after all the ops that compute its inputs "
                    "(visit the inputs first, then append the op).",
                )


# --- question 2: local derivative rules -------------------------------------------------------

_BUILD = {
    "AddV2": lambda a, b: a + b,
    "Sub": lambda a, b: a - b,
    "Mul": lambda a, b: a * b,
    "Square": lambda a, b: tf.square(a),
    "Sin": lambda a, b: tf.sin(a),
    "Tanh": lambda a, b: tf.tanh(a),
}


def _values(seed, *shape_names):
    rng = np.random.RandomState(seed)
    return [rng.uniform(-2.0, 2.0, size=3).astype(np.float32) for _ in shape_names]


def _close(a, b):
    return np.allclose(a, b, rtol=1e-4, atol=1e-5)


def _expect_tensors(results, graph, what, count):
    expect(
        isinstance(results, (list, tuple)),
        f"{what} should return a list with one gradient per input; it returned a "
        f"{type(results).__name__}.",
    )
    expect(
        len(results) == count,
        f"{what} returned {len(results)} gradients for an op with {count} input(s): one per "
        "input, in the order of op.inputs.",
    )
    for grad in results:
        if isinstance(grad, (numbers.Number, np.ndarray, np.generic)):
            fail(
                f"{what} returned a number ({grad!r}), not a tensor: a number typed in is right "
                "at one point only. Build the gradient with tf ops from op.inputs, op.outputs "
                "and grad, so the graph computes it for any input."
            )
        expect(
            isinstance(grad, tf.Tensor),
            f"{what} returned a {type(grad).__name__}: return tensors built with tf ops.",
        )
        expect(
            grad.graph is graph,
            f"{what} returned a tensor from another graph: build it from op.inputs and grad.",
        )


@question(2)
def q2(rules):
    expect(
        isinstance(rules, dict),
        f"GRAD_RULES should be a dict from op type to rule; it is a {type(rules).__name__}.",
    )
    missing = [t for t in RULE_TYPES if t not in rules]
    expect(
        not missing,
        f"GRAD_RULES has no rule for {missing}. Its keys are op types as TensorFlow names them: "
        "print (a + b).op.type to see the name of the op `+` makes.",
    )
    for op_type in RULE_TYPES:
        graph = tf.Graph()
        with graph.as_default():
            a = tf.placeholder(tf.float32, shape=[3], name="a")
            b = tf.placeholder(tf.float32, shape=[3], name="b")
            grad = tf.placeholder(tf.float32, shape=[3], name="grad")
            y = _BUILD[op_type](a, b)
            inputs = list(y.op.inputs)
            what = f"your rule for {op_type}"
            mine, new_ops = _call_counting_new_ops(graph, rules[op_type], y.op, grad)
            _expect_no_tf_gradients(new_ops, what)
            _expect_tensors(mine, graph, what, len(inputs))
            theirs = tf.gradients(y, inputs, grad_ys=grad)
            with tf.Session(graph=graph) as sess:
                for seed in SEEDS:
                    a_val, b_val, g_val = _values(seed, "a", "b", "grad")
                    feed = {a: a_val, b: b_val, grad: g_val}
                    got, want = sess.run([list(mine), theirs], feed_dict=feed)
                    _diagnose_rule(op_type, got, want, a_val, b_val, g_val)


def _diagnose_rule(op_type, got, want, a_val, b_val, g_val):
    if all(_close(g, w) for g, w in zip(got, want)):
        return
    if op_type == "Mul" and _close(got[0], g_val * a_val) and _close(got[1], g_val * b_val):
        fail(
            "your rule for Mul gives input 0 (a) the gradient grad * a. Nudge a by a small h in "
            "a * b: the output moves by h times which input? (The rule for `Mul` in the "
            "lesson's table.)"
        )
    without_grad = {
        "Mul": [b_val, a_val],
        "Square": [2 * a_val],
        "Sin": [np.cos(a_val)],
        "Tanh": [1 - np.tanh(a_val) ** 2],
    }.get(op_type)
    if without_grad is not None and all(_close(g, w) for g, w in zip(got, without_grad)):
        fail(
            f"your rule for {op_type} returns the op's own derivative but forgets grad, the "
            "gradient of the loss with respect to the op's output: the chain rule multiplies "
            "the two."
        )
    if op_type == "Sub" and _close(got[1], g_val):
        fail(
            "your rule for Sub gives b the gradient +grad, but a - b falls when b grows: the "
            "gradient for b has a minus sign."
        )
    index = next(i for i, (g, w) in enumerate(zip(got, want)) if not _close(g, w))
    fail(
        f"your rule for {op_type} gives input {index} the gradient {np.round(got[index], 4)} "
        f"where tf.gradients gives {np.round(want[index], 4)} (a = {np.round(a_val, 4)}, "
        f"grad = {np.round(g_val, 4)}). Write the op's derivative with respect to that input, "
        "times grad."
    )


# --- question 3: the backward pass ------------------------------------------------------------

# The check's own rules, so that question 3 does not depend on question 2's answer.
_RULES = {
    "AddV2": lambda op, grad: [grad, grad],
    "Sub": lambda op, grad: [grad, -grad],
    "Mul": lambda op, grad: [grad * op.inputs[1], grad * op.inputs[0]],
    "Square": lambda op, grad: [grad * 2.0 * op.inputs[0]],
    "Sin": lambda op, grad: [grad * tf.cos(op.inputs[0])],
    "Tanh": lambda op, grad: [grad * (1.0 - tf.square(op.outputs[0]))],
}


def _q3_graph(kind):
    """(loss, xs, placeholders) for a graph the learner has not seen."""
    graph = tf.Graph()
    with graph.as_default():
        u = tf.placeholder(tf.float32, shape=[3], name="u")
        v = tf.placeholder(tf.float32, shape=[3], name="v")
        w = tf.placeholder(tf.float32, shape=[3], name="w")
        if kind == "chain":  # each tensor used once, three ops deep
            loss = tf.square(tf.sin(u) * v)
            xs = [u, v]
        elif kind == "unused":  # w is in the graph, but the loss does not use it
            loss = tf.tanh(u) - v
            xs = [w, u, v]
        else:  # fan-out: u is used by three ops, sin(u) by two
            s = tf.sin(u)
            loss = u * u + s * v - tf.tanh(s)
            xs = [u, v, w]
    return loss, xs, (u, v, w)


@question(3)
def q3(backward):
    expect(callable(backward), "backward should be a function: def backward(loss, xs, rules).")
    for kind in ("chain", "unused", "fan-out"):
        loss, xs, placeholders = _q3_graph(kind)
        graph = loss.graph
        with graph.as_default():
            mine, new_ops = _call_counting_new_ops(graph, backward, loss, xs, _RULES)
            _expect_no_tf_gradients(new_ops, "your backward")
            theirs = tf.gradients(loss, xs)
        expect(
            isinstance(mine, (list, tuple)) and len(mine) == len(xs),
            "backward should return a list with one gradient (or None) per x, in the order of "
            f"xs; it returned {mine!r}.",
        )
        for x, m, t in zip(xs, mine, theirs):
            if t is None:
                given = "a tensor" if isinstance(m, tf.Tensor) else repr(m)
                expect(
                    m is None,
                    f"the loss does not depend on {x.op.name}, and your backward gives it "
                    f"{given}. tf.gradients returns None there, not 0: 'no path from x to the "
                    "loss' is not the same as 'a slope of 0 at this point'. Return None for an "
                    "x that received no gradient.",
                )
                continue
            if m is None:
                fail(
                    f"your backward returns None for {x.op.name}, but the loss depends on it. "
                    "Is every op visited after ALL the ops that use its output? Walk the "
                    "topological order in reverse, from the loss back to the inputs."
                )
            if isinstance(m, (numbers.Number, np.ndarray, np.generic)):
                fail(
                    f"your backward returned a number ({m!r}) for {x.op.name}: a number typed "
                    "in is right for one graph at one point only. Return the gradient tensors "
                    "your rules build, so the graph computes them for any input."
                )
            expect(
                isinstance(m, tf.Tensor) and m.graph is graph,
                f"your backward returned a {type(m).__name__} for {x.op.name}: return tensors "
                "of the loss's graph, built by the rules.",
            )
            if kind == "chain":  # here every true gradient depends on the inputs' values
                expect(
                    any(op.type == "Placeholder" for op in _ancestors(m)),
                    f"your gradient for {x.op.name} does not depend on any input: it is a "
                    "constant, a number typed in, right for one graph at one point only. "
                    "Return the gradient tensors your rules build from the graph's ops.",
                )
        pairs = [(m, t) for m, t in zip(mine, theirs) if t is not None]
        with tf.Session(graph=graph) as sess:
            for seed in SEEDS:
                values = _values(seed, "u", "v", "w")
                feed = dict(zip(placeholders, values))
                got, want = sess.run([[m for m, _ in pairs], [t for _, t in pairs]], feed_dict=feed)
                for g, w in zip(got, want):
                    if _close(g, w):
                        continue
                    if kind == "fan-out":
                        fail(
                            "on a graph where one tensor feeds several ops, your gradient is "
                            f"{np.round(g, 4)} where tf.gradients gives {np.round(w, 4)}. A "
                            "tensor used by two ops receives a gradient from each: add them "
                            "up; don't let the second overwrite the first."
                        )
                    fail(
                        f"on a chain of ops, your gradient is {np.round(g, 4)} where "
                        f"tf.gradients gives {np.round(w, 4)}. Visit the ops in reverse "
                        "topological order, starting from d loss/d loss = 1 (tf.ones_like), and "
                        "give each input what the op's rule returns for it."
                    )


# --- question 4: checking a backward pass against tf.gradients --------------------------------


@question(4)
def q4(max_gap):
    expect(
        callable(max_gap),
        "max_gap should be a function: def max_gap(backward_fn, loss, xs, feed_dicts).",
    )
    graph = tf.Graph()
    with graph.as_default():
        a = tf.placeholder(tf.float32, name="a")
        b = tf.placeholder(tf.float32, name="b")
        c = tf.placeholder(tf.float32, name="c")
        loss = a * a + tf.sin(b)
        xs = [a, b, c]
    # At the first point (a = 0) the "overwrote fan-out" bug below is invisible.
    a_values = (0.0, -1.0, 2.5)
    feeds = [{a: a_val, b: 0.5 * i, c: 1.0} for i, a_val in enumerate(a_values)]

    def exact(loss, xs):
        return tf.gradients(loss, xs)

    def overwrote_fan_out(loss, xs):  # d/da (a * a) from one use of a only: a instead of 2a
        return [xs[0] * 1.0, tf.cos(xs[1]), None]

    def zero_not_none(loss, xs):  # a gradient for c, which the loss does not use
        return [2.0 * xs[0], tf.cos(xs[1]), tf.zeros_like(xs[2])]

    def lost_a(loss, xs):  # None for a, which the loss does use
        return [None, tf.cos(xs[1]), None]

    def as_float(value, what):
        expect(
            isinstance(value, (numbers.Real, np.floating, np.integer))
            and not isinstance(value, bool),
            f"max_gap should return one number (the largest gap); for {what} it returned "
            f"{value!r}.",
        )
        return float(value)

    with graph.as_default():
        gap = as_float(max_gap(exact, loss, xs, feeds), "tf.gradients itself")
        expect(
            gap <= 1e-5,
            f"max_gap of tf.gradients against itself should be 0, but yours is {gap:g}. Compare "
            "each x's gradient from backward_fn with the same x's from tf.gradients; where both "
            "are None there is nothing to compare.",
        )
        gap = as_float(max_gap(overwrote_fan_out, loss, xs, feeds), "a backward pass with a bug")
        want = max(abs(a_val) for a_val in a_values)  # |a - 2a|
        if gap == 0.0:
            fail(
                "max_gap found no gap for a backward pass that is wrong at most points but right "
                "at the first one. Evaluate the gradients at EVERY feed dict, not only the first: "
                "one point can hide a bug."
            )
        if np.isclose(gap, max(-a_val for a_val in a_values)):
            fail(
                f"max_gap returned {gap:g}, the largest signed difference. A gradient that is "
                "too small is as wrong as one too large: take the absolute value of the "
                "difference (np.abs) before the maximum."
            )
        expect(
            np.isclose(gap, want, rtol=1e-4),
            f"for a backward pass whose gradient for a is a instead of 2a, max_gap returned "
            f"{gap:g}. It should be the largest |backward_fn - tf.gradients| over every x and "
            "every feed dict.",
        )
        gap = as_float(max_gap(zero_not_none, loss, xs, feeds), "a backward pass with a bug")
        expect(
            gap == float("inf"),
            f"a backward pass that gives a gradient (zeros) for c, where tf.gradients gives None, "
            f"got max_gap {gap:g}. That is a bug even though the numbers are 0: return "
            "float('inf') when exactly one of the two gradients is None.",
        )
        gap = as_float(max_gap(lost_a, loss, xs, feeds), "a backward pass with a bug")
        expect(
            gap == float("inf"),
            f"a backward pass that returns None for a, which the loss uses, got max_gap {gap:g}: "
            "return float('inf') when exactly one of the two gradients is None.",
        )
