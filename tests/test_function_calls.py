"""A tf.function calling another tf.function (or a concrete function) while it is traced: one
call op in the caller's graph, as TensorFlow's (Stateful)PartitionedCall, computing what the
Python code says, with gradients through it (values from the maths)."""

import numpy as np
import pytest

import learntf as tf

pytestmark = pytest.mark.usefixtures("v2_behavior")


def _functions():
    v = tf.Variable(3.0)

    @tf.function
    def scaled(x):  # reads a variable: stateful
        return x * 2.0 * v

    @tf.function
    def doubled(x):  # pure
        return x * 2.0

    @tf.function
    def outer(x):
        return scaled(x) + doubled(x)

    return v, outer


def test_the_callers_graph_holds_tensorflows_call_ops():
    _, outer = _functions()
    graph = outer.get_concrete_function(tf.TensorSpec([2], tf.float32)).graph
    types = [op.type for op in graph.get_operations()]
    assert types.count("StatefulPartitionedCall") == 1
    assert types.count("PartitionedCall") == 1
    assert "Mul" not in types  # (the callees' ops stay in their own graphs)


def test_a_nested_call_computes_and_differentiates_as_the_maths_says():
    v, outer = _functions()
    x = tf.constant([1.0, 2.0])
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = tf.reduce_sum(outer(x))
    np.testing.assert_allclose(outer(x).numpy(), 2 * 3.0 * x.numpy() + 2 * x.numpy())
    dx, dv = tape.gradient(y, [x, v])
    np.testing.assert_allclose(dx.numpy(), [8.0, 8.0])  # 2v + 2
    assert dv.numpy() == pytest.approx(2 * (1.0 + 2.0))


def test_a_gradient_taken_inside_a_function_goes_through_the_call():
    v, outer = _functions()

    @tf.function
    def slope(x):
        with tf.GradientTape() as tape:
            tape.watch(x)
            y = tf.reduce_sum(outer(x))
        return tape.gradient(y, x)

    np.testing.assert_allclose(slope(tf.constant([5.0, -1.0])).numpy(), [8.0, 8.0])
    v.assign(0.5)  # the call reads the variable when it runs, not when it was traced
    np.testing.assert_allclose(slope(tf.constant([5.0, -1.0])).numpy(), [3.0, 3.0])


def test_a_concrete_function_can_be_called_from_a_trace():
    @tf.function(input_signature=[tf.TensorSpec([None], tf.float32)])
    def square(x):
        return x * x

    concrete = square.get_concrete_function()

    @tf.function
    def outer(x):
        return concrete(x) + 1.0

    np.testing.assert_allclose(outer(tf.constant([3.0, 4.0])).numpy(), [10.0, 17.0])
