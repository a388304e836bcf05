"""Programs with tf.cond, tf.case and tf.switch_case whose results learntf must print as
TensorFlow 2.21 does (issue 19).

scripts/record_tf_conds.py runs each program on real TensorFlow into tests/data/tf_conds.json;
tests/test_cond.py runs the same text on learntf and compares.  A program sees `tf` (TF 2's
API; in mode "v1", compat.v1 after disable_v2_behavior(), in a fresh graph), `np`, and
`show(*values)`, which records values (tensors as lists rounded to 5 decimals, op lists as
they are).  An exception ends the program and is recorded as its class and first line.
"""

import collections
import contextlib
import io

import numpy as np

CondCase = collections.namedtuple("CondCase", "name mode source")

CASES = [
    CondCase(
        "only_the_taken_branch_updates_a_variable",
        "function",
        """
v = tf.Variable(0)
@tf.function
def f(x):
    tf.cond(x > 0, lambda: v.assign_add(1), lambda: v.assign_add(10))
    return v.read_value()
show(f(tf.constant(1.0)), f(tf.constant(-1.0)), f(tf.constant(2.0)))
""",
    ),
    CondCase(
        "op_types_in_a_function",
        "function",
        """
v = tf.Variable(1.0)
@tf.function
def pure(x):
    return tf.cond(x > 0, lambda: x * 2.0, lambda: -x)
@tf.function
def reads(x):
    return tf.cond(x > 0, lambda: v * x, lambda: x)
@tf.function
def by_index(i, x):
    return tf.switch_case(i, [lambda: x, lambda: 2.0 * x])
spec = tf.TensorSpec([], tf.float32)
show([op.type for op in pure.get_concrete_function(spec).graph.get_operations()])
show([op.type for op in reads.get_concrete_function(spec).graph.get_operations()])
show([op.type for op in by_index.get_concrete_function(
    tf.TensorSpec([], tf.int32), spec).graph.get_operations()])
""",
    ),
    CondCase(
        "values_and_gradients_in_a_session",
        "v1",
        """
x = tf.placeholder(tf.float32, name="x")
y = tf.cond(x > 1.0, lambda: x * x * x, lambda: tf.sin(x) * 2.0)
dy = tf.gradients(y, x)[0]
d2y = tf.gradients(dy, x)[0]
with tf.Session() as sess:
    for value in (2.0, 0.5, -1.0):
        show(sess.run([y, dy, d2y], {x: value}))
""",
    ),
    CondCase(
        "a_ref_variable_assigned_in_one_branch",
        "v1",
        """
x = tf.placeholder(tf.float32, name="x")
v = tf.Variable(0.0)
z = tf.cond(x > 0, lambda: tf.assign_add(v, 1.0), lambda: tf.identity(v))
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    show(sess.run(z, {x: 1.0}), sess.run(z, {x: -1.0}), sess.run(z, {x: 1.0}), sess.run(v))
""",
    ),
    CondCase(
        "gradient_through_a_function_with_a_variable",
        "function",
        """
v = tf.Variable(3.0)
@tf.function
def f(x):
    return tf.cond(x > 0, lambda: v * x * x, lambda: tf.sin(x) + v)
for value in (2.0, -2.0):
    x = tf.constant(value)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = f(x)
    show(y, tape.gradient(y, [x, v]))
""",
    ),
    CondCase(
        "tape_inside_the_function_nested_conds",
        "function",
        """
@tf.function
def f(x):
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = tf.cond(x > 0, lambda: tf.cond(x > 1, lambda: x ** 3, lambda: x * x), lambda: -x)
    return y, tape.gradient(y, x)
show(f(tf.constant(2.0)), f(tf.constant(0.5)), f(tf.constant(-1.0)))
""",
    ),
    CondCase(
        "structures_and_eager_unpacking",
        "eager",
        """
x = tf.constant(2.0)
show(tf.cond(x > 0, lambda: {"a": x, "b": [x * 2, x * 3]}, lambda: {"a": -x, "b": [x, x]}))
show(tf.compat.v1.cond(x > 0, lambda: [x], lambda: [-x]))
show(tf.cond(x > 0, lambda: [x], lambda: [-x]))
""",
    ),
    CondCase(
        "structures_in_a_function",
        "function",
        """
@tf.function
def f(x):
    return tf.cond(x > 0, lambda: (x, {"k": x * 2}), lambda: (-x, {"k": x}))
show(f(tf.constant(2.0)), f(tf.constant(-2.0)))
""",
    ),
    CondCase(
        "branches_returning_none_numbers_and_ops",
        "function",
        """
v = tf.Variable(1.0)
@tf.function
def nothing(x):
    return tf.cond(x > 0, lambda: None, lambda: None)
@tf.function
def numbers(x):
    return tf.cond(x > 0, lambda: 1, lambda: 2)
@tf.function
def ops(x):
    return tf.cond(x > 0, lambda: v.assign_add(1.0).op, lambda: tf.no_op())
show(nothing(tf.constant(1.0)), numbers(tf.constant(-1.0)), ops(tf.constant(1.0)), v)
""",
    ),
    CondCase(
        "a_tensor_array_through_a_cond",
        "function",
        """
@tf.function
def f(x):
    ta = tf.TensorArray(tf.float32, size=2)
    ta = tf.cond(x > 0, lambda: ta.write(0, x).write(1, 2 * x), lambda: ta.write(0, -x))
    return ta.stack()
x = tf.constant(2.0)
with tf.GradientTape() as tape:
    tape.watch(x)
    y = tf.reduce_sum(f(x) * f(x))
show(f(tf.constant(3.0)), f(tf.constant(-3.0)), y, tape.gradient(y, x))
""",
    ),
    CondCase(
        "switch_case_and_its_default",
        "function",
        """
@tf.function
def f(i, x):
    return tf.switch_case(i, [lambda: x, lambda: 2.0 * x, lambda: 3.0 * x])
@tf.function
def g(i, x):
    return tf.switch_case(i, {0: lambda: x, 1: lambda: x * x}, default=lambda: -x)
show([f(tf.constant(i), tf.constant(5.0)) for i in (0, 1, 2, 3, -1)])
show([g(tf.constant(i), tf.constant(5.0)) for i in (0, 1, 2, -1)])
show(tf.switch_case(tf.constant(1), [lambda: tf.constant(1), lambda: tf.constant(2)]))
""",
    ),
    CondCase(
        "switch_case_gradient",
        "function",
        """
@tf.function
def f(i, x):
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = tf.switch_case(i, [lambda: x * x, lambda: tf.exp(x), lambda: 3.0 * x])
    return y, tape.gradient(y, x)
show([f(tf.constant(i), tf.constant(1.5)) for i in (0, 1, 2)])
""",
    ),
    CondCase(
        "case_picks_the_first_true_pair",
        "function",
        """
@tf.function
def f(x):
    return tf.case([(x > 1, lambda: x), (x > 0, lambda: 2 * x)], default=lambda: 3 * x)
show([f(tf.constant(v)) for v in (2.0, 0.5, -1.0)])
""",
    ),
    CondCase(
        "case_in_a_graph_op_types",
        "graph",
        """
x = tf.compat.v1.placeholder(tf.float32, [], name="x")
y = tf.case([(x > 1, lambda: x), (x > 0, lambda: 2 * x)], default=lambda: 3 * x)
show([(op.name, op.type) for op in tf.compat.v1.get_default_graph().get_operations()])
with tf.compat.v1.Session() as sess:
    show([sess.run(y, {x: v}) for v in (2.0, 0.5, -1.0)])
""",
    ),
    CondCase(
        "error_branches_return_different_structures",
        "function",
        """
@tf.function
def f(x):
    return tf.cond(x > 0, lambda: (x, x), lambda: x)
f(tf.constant(1.0))
""",
    ),
    CondCase(
        "error_branches_return_different_dtypes",
        "function",
        """
@tf.function
def f(x):
    return tf.cond(x > 0, lambda: x, lambda: tf.constant(1))
f(tf.constant(1.0))
""",
    ),
    CondCase(
        "error_a_python_bool_predicate_in_a_graph",
        "function",
        """
@tf.function
def f(x):
    return tf.cond(True, lambda: x, lambda: -x)
f(tf.constant(1.0))
""",
    ),
    CondCase(
        "error_a_vector_predicate",
        "function",
        """
@tf.function
def f(x):
    return tf.cond(x > 0, lambda: x, lambda: -x)
show(f(tf.constant([-2.0])))
f(tf.constant([1.0, -2.0, 3.0]))
""",
    ),
    CondCase(
        "error_a_missing_branch",
        "eager",
        """
tf.cond(tf.constant(True), lambda: 1)
""",
    ),
    CondCase(
        "an_error_in_the_branch_not_taken_does_not_happen",
        "function",
        """
@tf.function(input_signature=[tf.TensorSpec([None], tf.float32)])
def f(x):
    return tf.cond(tf.equal(tf.size(x), 2), lambda: x, lambda: tf.reshape(x, [3]))
show(f(tf.constant([4.0, 5.0])))  # (the other branch would fail: 2 values in shape [3])
""",
    ),
    CondCase(
        "python_side_effects_happen_while_tracing_both_branches",
        "function",
        """
traced = []
@tf.function
def f(x):
    def yes():
        traced.append("true")
        return x
    def no():
        traced.append("false")
        return -x
    return tf.cond(x > 0, yes, no)
show(f(tf.constant(1.0)), f(tf.constant(-1.0)), traced)
""",
    ),
]


def _plain(value):
    """A value as plain JSON: tensors and arrays as (rounded) lists, structures kept."""
    if hasattr(value, "numpy"):
        value = value.numpy()
    if isinstance(value, (np.ndarray, np.generic)):
        if value.dtype.kind == "f":
            value = np.round(value.astype(np.float64), 5)
        return value.tolist()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in sorted(value.items())}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def run(case, tf, tf1):
    """The case's record: {"shown": [each show()'s values], "error": [class, first line]}."""
    shown = []
    namespace = {
        "tf": tf1 if case.mode == "v1" else tf,
        "np": np,
        "show": lambda *values: shown.append(_plain(list(values))),
    }
    error = None
    with contextlib.redirect_stdout(io.StringIO()):
        try:
            if case.mode in ("v1", "graph"):
                with tf.Graph().as_default():
                    exec(case.source, namespace)
            else:
                exec(case.source, namespace)
        except Exception as exc:
            error = [type(exc).__name__, _first_line(str(exc))]
    return {"shown": shown, "error": error}


def _first_line(message):
    """The first line of an error's message that says what went wrong (for an error raised by
    a function's run, the line after TF's "Graph execution error:" and "Detected at node")."""
    for line in message.strip().splitlines():
        line = line.strip()
        if line and not line.startswith(("Graph execution error", "Detected at", "<stack")):
            return line
    return ""
