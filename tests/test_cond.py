"""tf.cond, tf.case and tf.switch_case as TensorFlow 2.21 runs them (issue 19).

The programs of tests/cond_cases.py print on learntf what they printed on real TensorFlow
(tests/data/tf_conds.json, recorded by scripts/record_tf_conds.py); the gradients through the
taken branch are also checked against finite differences, first and second order."""

import json
import pathlib

import cond_cases
import pytest
from behaviour import learntf_behaviour

RECORDING = json.loads(
    (pathlib.Path(__file__).parent / "data" / "tf_conds.json").read_text(encoding="utf-8")
)

# Where learntf knowingly answers otherwise: TF 2.21 fails an internal `assert` (AssertionError
# "[2, 1]") before its own structure check; learntf raises the TypeError that check words.
KNOWN_DIFFERENT = {"error_branches_return_different_structures"}


@pytest.mark.parametrize("case", cond_cases.CASES, ids=lambda case: case.name)
def test_learntf_prints_what_tensorflow_printed(case):
    import learntf as tf
    import learntf.compat.v1 as tf1

    expected = RECORDING["cases"][case.name]
    with learntf_behaviour("v1" if case.mode == "v1" else "function"):
        got = cond_cases.run(case, tf, tf1)
    assert got["shown"] == expected["shown"]
    if case.name in KNOWN_DIFFERENT:
        assert got["error"][0] == "TypeError"
        assert "must have the same number, type, and overall structure" in got["error"][1]
    else:
        assert got["error"] == expected["error"]


def test_every_case_is_recorded():
    assert sorted(RECORDING["cases"]) == sorted(case.name for case in cond_cases.CASES)
    assert RECORDING["tensorflow_version"].startswith("2.21")


def _finite_difference(f, x, eps=1e-3):
    return (f(x + eps) - f(x - eps)) / (2 * eps)


@pytest.mark.parametrize("x0", [2.0, 0.7, -1.3])
def test_gradients_of_a_cond_in_a_graph_match_finite_differences(x0):
    import learntf.compat.v1 as tf

    with learntf_behaviour("v1"), tf.Graph().as_default():
        x = tf.placeholder(tf.float64, [], name="x")
        y = tf.cond(x > 1.0, lambda: x * x * x, lambda: tf.sin(x) * tf.exp(x))
        dy = tf.gradients(y, x)[0]
        d2y = tf.gradients(dy, x)[0]
        with tf.Session() as sess:
            value = lambda v: sess.run(y, {x: v})  # noqa: E731
            slope = lambda v: sess.run(dy, {x: v})  # noqa: E731
            assert slope(x0) == pytest.approx(_finite_difference(value, x0), rel=1e-5)
            assert sess.run(d2y, {x: x0}) == pytest.approx(_finite_difference(slope, x0), rel=1e-5)


def test_gradient_through_nested_conds_and_a_variable_in_a_function():
    with learntf_behaviour("function"):
        _nested_conds_and_a_variable()


def _nested_conds_and_a_variable():
    import learntf as tf

    v = tf.Variable(1.5, dtype=tf.float64)

    @tf.function
    def f(x):
        inner = lambda: tf.cond(x > 1, lambda: v * x**3, lambda: tf.exp(v * x))  # noqa: E731
        return tf.cond(x > 0, inner, lambda: v - x)

    for x0 in (2.0, 0.5, -1.0):
        x = tf.constant(x0, tf.float64)
        with tf.GradientTape() as tape:
            tape.watch(x)
            y = f(x)
        dx, dv = tape.gradient(y, [x, v])
        by_x = lambda t: f(tf.constant(t, tf.float64)).numpy()  # noqa: E731
        assert dx.numpy() == pytest.approx(_finite_difference(by_x, x0), rel=1e-5)
        saved = v.numpy()

        def by_v(t, x=x):
            v.assign(t)
            return f(x).numpy()

        assert dv.numpy() == pytest.approx(_finite_difference(by_v, saved), rel=1e-5)
        v.assign(saved)


def test_the_branch_not_taken_is_not_run_and_its_ops_are_in_its_function():
    """The If op's branches are functions: their ops are not in the graph that holds the If,
    and a branch that is not taken computes nothing (its assert does not fire)."""
    import learntf.compat.v1 as tf

    with learntf_behaviour("v1"), tf.Graph().as_default() as graph:
        x = tf.placeholder(tf.float32, [], name="x")
        y = tf.cond(x > 0, lambda: tf.sqrt(x), lambda: -x)
        assert [op.type for op in graph.get_operations()] == [
            "Placeholder",
            "Const",
            "Greater",
            "StatelessIf",
            "Identity",
        ]
        branches = graph.get_operation_by_name("cond")
        then_ops = [op.type for op in branches.get_attr("then_branch").graph.get_operations()]
        else_ops = [op.type for op in branches.get_attr("else_branch").graph.get_operations()]
        assert "Sqrt" in then_ops and "Neg" not in then_ops
        assert "Neg" in else_ops and "Sqrt" not in else_ops
        with tf.Session() as sess:
            assert sess.run(y, {x: 4.0}) == 2.0
            assert sess.run(y, {x: -4.0}) == 4.0  # (no NaN from the square root)


def test_a_graph_with_a_cond_is_written_with_its_branch_functions():
    """The GraphDef holds one FunctionDef per branch, named as TF names them (cond_true_N)."""
    import learntf.compat.v1 as tf

    with learntf_behaviour("v1"), tf.Graph().as_default() as graph:
        x = tf.placeholder(tf.float32, [], name="x")
        tf.cond(x > 0, lambda: x * 2.0, lambda: x - 1.0)
        graph_def = graph.as_graph_def()
    names = sorted(f.signature.name for f in graph_def.library.function)
    assert [n.rsplit("_", 1)[0] for n in names] == ["cond_false", "cond_true"]
    node = next(n for n in graph_def.node if n.name == "cond")
    assert node.attr["then_branch"].func.name in names
    true_fn = next(f for f in graph_def.library.function if f.signature.name.startswith("cond_t"))
    assert [a.name for a in true_fn.signature.input_arg] == ["mul_x"]  # (as TF names it)


def test_a_cond_output_has_the_most_specific_shape_both_branches_fit():
    """TF's If output_shapes: dimensions the branches agree on, None elsewhere; another rank
    gives an unknown shape."""
    import learntf.compat.v1 as tf
    from learntf.framework.tensor_shape import TensorShape

    assert TensorShape([2, 3]).most_specific_compatible_shape([2, 4]).as_list() == [2, None]
    assert TensorShape([2]).most_specific_compatible_shape([2, 1]).rank is None
    with learntf_behaviour("v1"), tf.Graph().as_default():
        p = tf.placeholder(tf.bool, [])
        a, b = tf.zeros([2, 3]), tf.zeros([2, 4])
        assert tf.cond(p, lambda: a, lambda: b).shape.as_list() == [2, None]
        assert tf.cond(p, lambda: a, lambda: tf.zeros([2])).shape.rank is None
