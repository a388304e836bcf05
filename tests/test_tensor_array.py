"""tf.TensorArray and the TensorList ops against TensorFlow 2.21 (issue 19).

The programs of tests/tensor_array_cases.py were run on real TensorFlow by
scripts/record_tf_tensor_arrays.py into tests/data/tf_tensor_arrays.json; here learntf runs the
same text with the same code.  It must give the same values (to float32 rounding), dtypes and
shapes, build the same ops (type and name) in a tf.function's graph or a graph, and raise the
same error class with TF's first message line.  Gradients are also checked against finite
differences, eagerly, in tf.function and with tf.gradients.
"""

import json
import pathlib

import numpy as np
import pytest
import tensor_array_cases

import learntf as tf
from learntf.ops import list_ops, tensor_array_ops

RECORDED = json.loads(
    (pathlib.Path(__file__).parent / "data" / "tf_tensor_arrays.json").read_text(encoding="utf-8")
)["cases"]


def test_the_recording_has_every_case():
    assert sorted(RECORDED) == sorted(name for name, *_ in tensor_array_cases.CASES)


def _same(got, expected):
    if isinstance(expected, list):
        assert isinstance(got, list) and len(got) == len(expected), (got, expected)
        for g, e in zip(got, expected):
            _same(g, e)
    elif isinstance(expected, dict) and "value" in expected:
        assert {k: v for k, v in got.items() if k != "value"} == {
            k: v for k, v in expected.items() if k != "value"
        }
        np.testing.assert_allclose(np.asarray(got["value"]), np.asarray(expected["value"]), 1e-6)
    else:
        assert got == expected


@pytest.mark.parametrize(
    "name, mode, source, args",
    tensor_array_cases.CASES,
    ids=[c[0] for c in tensor_array_cases.CASES],
)
def test_as_tensorflow(tf2_behaviour, name, mode, source, args):
    expected = RECORDED[name]
    got = tensor_array_cases.run_case(tf, list_ops, mode, source, args)
    if "error" in expected:
        assert (got.get("error"), got.get("message")) == (expected["error"], expected["message"])
        return
    assert "error" not in got, got
    if "ops" in expected:
        assert got["ops"] == expected["ops"]
    _same(got["result"], expected["result"])


def test_errors_end_with_a_learntf_hint(eager_mode):
    ta = tf.TensorArray(tf.float32, size=2)
    with pytest.raises(tf.errors.OutOfRangeError) as info:
        ta.write(2, 1.0)
    assert str(info.value).splitlines()[-1].startswith("(learntf: ")


def _numeric_gradient(f, value, delta=1e-6):
    numeric = np.zeros_like(value)
    for index in np.ndindex(value.shape):
        up, down = np.array(value, copy=True), np.array(value, copy=True)
        up[index] += delta
        down[index] -= delta
        numeric[index] = (f(tf.constant(up)).numpy() - f(tf.constant(down)).numpy()) / (2 * delta)
    return numeric


def _program(x):
    """Every TensorArray operation that carries a gradient, in float64."""
    ta = tf.TensorArray(tf.float64, size=3, clear_after_read=False)
    ta = ta.unstack(tf.sin(x))
    ta = ta.write(1, ta.read(0) * ta.read(2))
    picked = ta.gather([2, 1])
    ta = ta.scatter([2], picked[1:] ** 2)
    return tf.reduce_sum(ta.stack() * [[1.0], [2.0], [3.0]]) + tf.reduce_sum(picked)


@pytest.mark.parametrize("wrap", [lambda f: f, tf.function], ids=["eager", "function"])
def test_gradients_match_finite_differences(eager_mode, wrap):
    value = np.array([[0.3, -0.7], [1.1, 0.4], [-0.5, 0.9]])

    def gradient(x):
        with tf.GradientTape() as tape:
            tape.watch(x)
            total = _program(x)
        return tape.gradient(total, x)

    np.testing.assert_allclose(
        wrap(gradient)(tf.constant(value)).numpy(), _numeric_gradient(_program, value), rtol=1e-6
    )


def test_tf_gradients_and_second_order_in_a_graph(eager_mode):
    value = np.array([[0.3, -0.7], [1.1, 0.4], [-0.5, 0.9]])
    graph = tf.Graph()
    with graph.as_default():
        x = tf.constant(value)
        total = _program(x)
        (first,) = tf.gradients(total, x)
        (hessian_row,) = tf.gradients(first[0, 0], x)
        with tf.compat.v1.Session(graph=graph) as session:
            got_first, got_row = session.run([first, hessian_row])

    def first_of(v):
        with tf.GradientTape() as tape:
            tape.watch(v)
            y = _program(v)
        return tape.gradient(y, v)[0, 0]

    np.testing.assert_allclose(got_first, _numeric_gradient(_program, value), rtol=1e-6)
    np.testing.assert_allclose(got_row, _numeric_gradient(first_of, value), rtol=1e-5, atol=1e-8)


def test_build_ta_with_new_flow_shares_the_element_shape(eager_mode):
    @tf.function
    def f(x):
        ta = tf.TensorArray(tf.float32, size=2)
        ta = ta.write(0, x)
        again = tensor_array_ops.build_ta_with_new_flow(ta, tf.identity(ta.flow))
        assert again.element_shape == ta.element_shape == [2]
        assert again.dynamic_size is ta.dynamic_size and again.dtype is tf.float32
        return again.read(0)

    np.testing.assert_array_equal(f(tf.constant([1.0, 2.0])).numpy(), [1.0, 2.0])


def test_tensor_array_is_exported():
    assert tf.TensorArray is tensor_array_ops.TensorArray
    assert tf.compat.v1.TensorArray is tensor_array_ops.TensorArray
    assert tf.variant.name == "variant"


def test_a_graph_with_lists_exports_to_a_graph_def(eager_mode):
    graph = tf.Graph()
    with graph.as_default():
        ta = tf.TensorArray(tf.float32, size=2).write(0, [1.0, 2.0])
        ta.stack()
    nodes = {node.name: node for node in graph.as_graph_def().node}
    assert nodes["TensorArrayV2"].attr["element_dtype"].type == 1  # DT_FLOAT
    assert nodes["TensorArrayV2"].attr["shape_type"].type == 3  # DT_INT32


def test_control_flow_carries_a_tensor_array_as_its_flow(eager_mode):
    @tf.function
    def f(x):
        ta = tf.TensorArray(tf.float32, size=2).write(0, x)
        structure = {"ta": ta, "n": tf.constant(1)}
        flat = tensor_array_ops.flatten(structure)
        assert [t.dtype for t in flat] == [tf.int32, tf.variant]  # (sorted keys: n, ta)
        rebuilt = tensor_array_ops.pack_sequence_as(structure, [tf.identity(t) for t in flat])
        assert isinstance(rebuilt["ta"], tf.TensorArray) and rebuilt["ta"].element_shape == [2]
        return rebuilt["ta"].write(1, x * 2.0).stack()

    np.testing.assert_array_equal(f(tf.constant([1.0, 2.0])).numpy(), [[1, 2], [2, 4]])


def test_a_saved_model_keeps_a_tensor_array_function(eager_mode, tmp_path):
    class Model(tf.Module):
        @tf.function(input_signature=[tf.TensorSpec([None], tf.float32)])
        def f(self, x):
            ta = tf.TensorArray(tf.float32, size=2).write(0, x).write(1, x * 2.0)
            return ta.stack()

    tf.saved_model.save(Model(), str(tmp_path))
    loaded = tf.saved_model.load(str(tmp_path))
    np.testing.assert_array_equal(loaded.f(tf.constant([1.0, 2.0])).numpy(), [[1, 2], [2, 4]])
