"""tf.while_loop against TensorFlow 2.21 (tests/data/tf_while_loops.json, recorded by
scripts/record_tf_while_loops.py from tests/while_loop_cases.py), and its gradients against
finite differences.

Each recorded case runs on learntf: the same values (to float32 rounding), the same error class
and first line of the message, and in graph and tf.function modes the same op types in the
same order and the same While ops (type, number of inputs and outputs).  The "v1" cases
compare values only: TF builds TF 1's control flow there, learntf its While op (see
learntf/ops/while_v2.py)."""

import json
import pathlib

import numpy as np
import pytest
import while_loop_cases
from behaviour import learntf_behaviour

DATA = json.loads(
    (pathlib.Path(__file__).parent / "data" / "tf_while_loops.json").read_text(encoding="utf-8")
)
CASES = {case.name: case for case in while_loop_cases.CASES}


def run_on_learntf(case):
    import learntf
    import learntf.compat.v1 as tf1

    def concrete_graph(f, args):
        return f.get_concrete_function(*args).graph

    with learntf_behaviour(case.mode):
        return while_loop_cases.run_case(case, learntf, tf1, concrete_graph)


def assert_close(expected, actual, where="result"):
    if isinstance(expected, dict) and set(expected) == {"dtype", "value"}:
        assert isinstance(actual, dict) and actual.get("dtype") == expected["dtype"], (
            "%s: expected %r, got %r" % (where, expected, actual)
        )
        np.testing.assert_allclose(
            np.asarray(actual["value"], dtype=float),
            np.asarray(expected["value"], dtype=float),
            rtol=1e-4,
            atol=1e-5,
            err_msg=where,
        )
    elif isinstance(expected, dict):
        assert isinstance(actual, dict) and sorted(actual) == sorted(expected), where
        for key in expected:
            assert_close(expected[key], actual[key], "%s[%r]" % (where, key))
    elif isinstance(expected, list):
        assert isinstance(actual, list) and len(actual) == len(expected), (
            "%s: expected %r, got %r" % (where, expected, actual)
        )
        for index, (e, a) in enumerate(zip(expected, actual)):
            assert_close(e, a, "%s[%d]" % (where, index))
    else:
        assert actual == expected, where


@pytest.mark.parametrize("name", sorted(CASES))
def test_case_matches_tensorflow(name):
    case, recorded = CASES[name], DATA["cases"][name]
    assert recorded["source_sha256"] == while_loop_cases.source_digest(case), (
        "the case changed since it was recorded: run scripts/record_tf_while_loops.py"
    )
    mine = run_on_learntf(case)
    if "error" in recorded:
        assert mine.get("error") == recorded["error"], mine
        return
    assert "error" not in mine, mine["error"]
    assert_close(recorded["values"], mine["values"])
    if case.mode in ("graph", "function") and name not in GRAPH_DIFFERS:
        if name in ORDER_DIFFERS:  # (the same captures, in another order)
            assert [_sorted_types(w) for w in mine["while"]] == [
                _sorted_types(w) for w in recorded["while"]
            ]
            assert sorted(mine["names"]) == sorted(recorded["names"])
        else:
            assert mine["while"] == recorded["while"]
        if name not in OPS_DIFFER:
            assert mine["ops"] == recorded["ops"]
        if name not in NAMES_DIFFER and name not in ORDER_DIFFERS:
            assert mine["names"] == recorded["names"]


def _sorted_types(loop):
    return {**loop, "T": sorted(loop["T"])}


# Where learntf's graph has other ops than TF's around the loops: the gradient's zeros for a
# variable's handle are a Const of the variable's shape (TF: VariableShape and Fill), and
# tf.gradients makes a ZerosLike of the handle output (TF: nothing).
OPS_DIFFER = {"variable_grad_graph", "variable_grad_function"}

# Where op names differ (the op types are the same, but for OPS_DIFFER):
NAMES_DIFFER = {
    **dict.fromkeys(OPS_DIFFER, "the zeros for a variable's handle, above"),
    # an eager tensor a loop body captures inside a tf.function: TF names the function's
    # placeholder `while/input_4`, learntf after the tensor (eager/func_graph.py)
    "captured_function": "capture name",
    "stateful_body_function": "capture name",
    # TF moves the TensorListLength of a TensorArray write's gradient into the forward loop
    # and accumulates the length (TF's optimized reduction ops); learntf accumulates the
    # list itself
    "tensor_array_function": "accumulated tensor",
}

# Where only the values are compared: TF builds the Shape ops a gradient takes of forward
# values inside the forward loop and accumulates the shapes (TF's "optimized reduction ops",
# an optimization for unknown shapes); learntf takes the shapes of the popped values.
GRAPH_DIFFERS = {"unknown_length_grad_function", "nested_second_order_function"}
# (and with two tapes watching a loop in a tf.function, TF builds the loop inside a function
# call, PartitionedCall, so that the outer tape sees the accumulators; learntf builds the While
# op and tells the tapes of its new outputs, ops/while_v2.py)

# Where the backward loop captures the same forward values in another order, so its inputs
# (and the accumulators made for them) come in another order: TF creates the inner loop's
# accumulators in another order, and the gradient of a tf.cond in a loop body reads the
# predicate first (learntf: after its branches' values, ops/cond_v2.py).
ORDER_DIFFERS = {"nested_grad_graph", "cond_in_body_grad_graph"}


# -- gradients against finite differences -----------------------------------------------------
# learntf's own forward loop is checked against TF above; here its gradients are checked against
# central differences of that forward loop (float64, so the differences are accurate).
H = 1e-5


def central_difference(f, x):
    return (f(x + H) - f(x - H)) / (2 * H)


def loop_value(tf, x):
    """y after 3 iterations of y <- sin(y) * x + y * y / 4, in float64."""
    return tf.while_loop(
        lambda i, y: i < 3, lambda i, y: (i + 1, tf.sin(y) * x + y * y / 4.0), (0, x)
    )[1]


def graph_value(build, x0):
    import learntf as tf

    with learntf_behaviour("graph"):
        with tf.Graph().as_default():
            x = tf.constant(x0, dtype=tf.float64)
            fetches = build(tf, x)
            with tf.compat.v1.Session() as sess:
                sess.run(tf.compat.v1.global_variables_initializer())
                return sess.run(fetches)


@pytest.mark.parametrize("x0", [0.3, -0.8, 1.1])
def test_gradients_first_and_second_order_in_a_graph(x0):
    def build(tf, x):
        y = loop_value(tf, x)
        g = tf.gradients(y, x)[0]
        return [y, g, tf.gradients(g, x)[0]]

    y, g, gg = graph_value(build, x0)
    np.testing.assert_allclose(g, central_difference(lambda v: graph_value(build, v)[0], x0), 1e-6)
    np.testing.assert_allclose(gg, central_difference(lambda v: graph_value(build, v)[1], x0), 1e-6)


def test_gradient_tape_in_tf_function_first_and_second_order():
    import learntf as tf

    with learntf_behaviour("function"):

        @tf.function
        def f(x):
            with tf.GradientTape() as outer:
                outer.watch(x)
                with tf.GradientTape() as inner:
                    inner.watch(x)
                    y = loop_value(tf, x)
                g = inner.gradient(y, x)
            return y, g, outer.gradient(g, x)

        x0 = 0.6
        y, g, gg = (t.numpy() for t in f(tf.constant(x0, dtype=tf.float64)))
        value = lambda v: f(tf.constant(v, dtype=tf.float64))  # noqa: E731
        np.testing.assert_allclose(g, central_difference(lambda v: value(v)[0].numpy(), x0), 1e-6)
        np.testing.assert_allclose(gg, central_difference(lambda v: value(v)[1].numpy(), x0), 1e-6)


def test_eager_tape_records_the_python_loop():
    import learntf as tf

    with learntf_behaviour("eager"):
        x = tf.constant(0.6, dtype=tf.float64)
        with tf.GradientTape() as outer:
            outer.watch(x)
            with tf.GradientTape() as inner:
                inner.watch(x)
                y = loop_value(tf, x)
            g = inner.gradient(y, x)
        gg = outer.gradient(g, x)
        value = lambda v: loop_value(tf, tf.constant(v, dtype=tf.float64)).numpy()  # noqa: E731
        np.testing.assert_allclose(g.numpy(), central_difference(value, 0.6), 1e-6)
        grad = lambda v: _eager_grad(tf, v)  # noqa: E731
        np.testing.assert_allclose(gg.numpy(), central_difference(grad, 0.6), 1e-6)


def _eager_grad(tf, v):
    x = tf.constant(v, dtype=tf.float64)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = loop_value(tf, x)
    return tape.gradient(y, x).numpy()


def test_gradient_with_respect_to_a_variable_read_in_the_body():
    import learntf as tf

    def build_at(w0):
        def build(tf, x):
            w = tf.Variable(w0, dtype=tf.float64)
            y = tf.while_loop(lambda i, y: i < 4, lambda i, y: (i + 1, tf.tanh(y * w) + x), (0, x))[
                1
            ]
            return [y, tf.gradients(y, w)[0]]

        return build

    y, g = graph_value(build_at(0.7), 0.5)
    np.testing.assert_allclose(
        g, central_difference(lambda w: graph_value(build_at(w), 0.5)[0], 0.7), 1e-6
    )

    with learntf_behaviour("function"):
        w = tf.Variable(0.7, dtype=tf.float64)

        @tf.function
        def f(x):
            with tf.GradientTape() as tape:
                y = tf.while_loop(
                    lambda i, y: i < 4, lambda i, y: (i + 1, tf.tanh(y * w) + x), (0, x)
                )[1]
            return y, tape.gradient(y, w)

        y_f, g_f = f(tf.constant(0.5, dtype=tf.float64))
        np.testing.assert_allclose([y_f.numpy(), g_f.numpy()], [y, g], 1e-10)


def test_gradient_of_nested_loops_and_maximum_iterations():
    def nested(tf, x):
        def outer_body(i, y):
            inner = tf.while_loop(
                lambda j, z: j < i, lambda j, z: (j + 1, tf.sin(z) * x + 0.5), (0, y)
            )[1]
            return i + 1, inner * x

        y = tf.while_loop(lambda i, y: i < 3, outer_body, (0, x))[1]
        g = tf.gradients(y, x)[0]
        return [y, g, tf.gradients(g, x)[0]]

    def limited(tf, x):
        y = tf.while_loop(lambda y: y < 1e9, lambda y: (y * x + 1.0,), [x], maximum_iterations=3)
        return [y[0], tf.gradients(y, x)[0]]

    for build in (nested, limited):
        results = graph_value(build, 1.3)
        for order in range(len(results) - 1):
            np.testing.assert_allclose(
                results[order + 1],
                central_difference(lambda v, b=build, k=order: graph_value(b, v)[k], 1.3),
                1e-6,
            )


def test_the_forward_loop_is_run_once_for_value_and_gradient():
    """The backward loop reads the values the forward loop pushed: one session run gives both,
    and the forward While now outputs its accumulators (TF's rewrite)."""
    import learntf as tf

    with learntf_behaviour("graph"):
        with tf.Graph().as_default() as graph:
            x = tf.constant(2.0)
            y = tf.while_loop(lambda i, p: i < 3, lambda i, p: (i + 1, p * x), (0, x))[1]
            (forward,) = [op for op in graph.get_operations() if op.type == "StatelessWhile"]
            assert len(forward.outputs) == 5
            grad = tf.gradients(y, x)[0]
            assert len(forward.outputs) == 6 and forward.outputs[5].dtype == tf.variant
            assert forward.get_attr("_num_original_outputs") == 6
            types = {op.type for op in forward.get_attr("body").graph.get_operations()}
            assert "TensorListPushBack" in types
            with tf.compat.v1.Session() as sess:
                assert sess.run([y, grad]) == [16.0, 32.0]  # x**4 and 4 * x**3


def test_a_cond_that_is_not_boolean_fails_when_the_loop_runs():
    """TF builds the loop, then fails running it: its LoopCond takes a bool (TF's message,
    recorded by hand: "Input 'input' passed int32 expected bool while building NodeDef
    'while/LoopCond/_8' using Op<name=LoopCond; signature=input:bool -> output:bool>")."""
    import learntf as tf

    with learntf_behaviour("graph"):
        with tf.Graph().as_default():
            result = tf.while_loop(lambda x: x, lambda x: (x - 1,), [tf.constant(5)])
            with tf.compat.v1.Session() as sess:
                with pytest.raises(tf.errors.InvalidArgumentError) as caught:
                    sess.run(result)
    assert "Input 'input' passed int32 expected bool while building NodeDef" in str(caught.value)
