"""A traced function written as a FunctionDef is the one TensorFlow writes (recorded by
scripts/record_tf_function_defs.py), and reading it back gives a function that computes the
same values."""

import difflib
import json
import pathlib

import function_def_cases
import numpy as np
import pytest
from google.protobuf import text_format

import learntf as tf
from learntf.eager.func_graph import FuncGraph
from learntf.saved_model import function_def
from learntf.serialization.tf_protos import protos

pytestmark = pytest.mark.usefixtures("v2_behavior")

RECORDED = json.loads(
    (pathlib.Path(__file__).parent / "data" / "tf_function_defs.json").read_text("utf-8")
)


def _tf_function_def(name):
    """TensorFlow's FunctionDef, without `experimental_type`: the result of TensorFlow's
    full-type inference (Shape's TFT_SHAPE_TENSOR), which learntf does not compute and which
    loading a function does not need."""
    fdef = text_format.Parse(RECORDED["function_defs"][name], protos().function_pb2.FunctionDef())
    for node in fdef.node_def:
        node.ClearField("experimental_type")
    return fdef


@pytest.mark.parametrize("case", function_def_cases.CASES, ids=lambda case: case.__name__)
def test_function_def_is_tensorflows(case):
    expected = _tf_function_def(case.__name__)
    written = function_def.function_def(case(tf), expected.signature.name)
    if written != expected:
        diff = difflib.unified_diff(
            str(expected).splitlines(), str(written).splitlines(), "tensorflow", "learntf"
        )
        pytest.fail("\n".join(diff))


def test_every_case_is_recorded():
    assert sorted(RECORDED["function_defs"]) == sorted(c.__name__ for c in function_def_cases.CASES)
    assert RECORDED["tensorflow"].startswith("2.21")


def test_normalized_names_follow_tensorflows_rule():
    assert function_def.normalize("MatMul/ReadVariableOp/resource") == (
        "matmul_readvariableop_resource"
    )
    assert function_def.normalize("0_weird-Name") == "weird_name"
    assert function_def.normalize("123/_") == "unknown"


@pytest.mark.parametrize("case", function_def_cases.CASES, ids=lambda case: case.__name__)
def test_tensorflows_function_def_rebuilds_into_a_graph_of_the_same_ops(case):
    """Read TensorFlow's own FunctionDef: every node comes back, with its inputs."""
    expected = _tf_function_def(case.__name__)
    graph = FuncGraph("loaded")
    arguments, results = function_def.func_graph(expected, graph)
    assert [a.op.name for a in arguments] == [a.name for a in expected.signature.input_arg]
    assert len(results) == len(expected.signature.output_arg)
    made = {op.name: op for op in graph.get_operations()}
    for node in expected.node_def:
        assert made[node.name].type == node.op
        data_inputs = [i for i in node.input if not i.startswith("^")]
        assert len(made[node.name].inputs) == len(data_inputs)


def test_a_rebuilt_function_computes_what_the_traced_one_did():
    @tf.function(input_signature=[tf.TensorSpec([4, 6], tf.float32)])
    def f(x):
        parts = tf.split(x, 3, axis=1)
        return tf.concat([parts[2], parts[0]], axis=0) * 2.0, tf.add_n(parts)

    traced = f.get_concrete_function()
    fdef = function_def.function_def(traced, "__inference_f_1")
    graph = FuncGraph("loaded")
    arguments, results = function_def.func_graph(fdef, graph)
    x = np.arange(24, dtype=np.float32).reshape(4, 6)
    with tf.compat.v1.Session(graph=graph) as session:
        got = session.run(results, {arguments[0]: x})
    want = f(tf.constant(x))
    for g, w in zip(got, want):
        np.testing.assert_array_equal(g, w.numpy())
