"""A tensor too big for the machine is TF's ResourceExhaustedError, in TF's words, never NumPy's
MemoryError: refused before allocation above `memory.MAX_TENSOR_BYTES` when the size comes from
an argument, and NumPy's MemoryError turned into TF's error everywhere else (eager and graph)."""

import json
import pathlib

import numpy as np
import pytest
from op_value_cases import first_line
from out_of_memory_cases import EXPRESSIONS, evaluate

import learntf as tf
from learntf import errors
from learntf.framework import memory

RECORDED = json.loads(
    (pathlib.Path(__file__).parent / "data" / "tf_out_of_memory.json").read_text()
)["errors"]

pytestmark = pytest.mark.usefixtures("v2_behavior")


def test_the_recording_covers_every_case():
    assert sorted(RECORDED) == sorted(EXPRESSIONS)


@pytest.mark.parametrize("expression", EXPRESSIONS)
def test_too_big_a_tensor_is_tfs_out_of_memory_error(expression):
    tf_class, tf_line = RECORDED[expression]
    learntf_class, learntf_line = evaluate(expression, tf)
    assert learntf_class == tf_class == "ResourceExhaustedError"
    assert first_line(learntf_line) == first_line(tf_line)
    with pytest.raises(errors.ResourceExhaustedError, match=r"\(learntf: it needs [0-9.]+ GiB"):
        eval(expression, {"tf": tf})


def test_the_limit_is_configurable_and_checked_before_allocating(monkeypatch):
    monkeypatch.setattr(memory, "MAX_TENSOR_BYTES", 1_000_000)
    assert tf.zeros([500, 500]).shape == (500, 500)  # 1,000,000 bytes: allowed
    with pytest.raises(errors.ResourceExhaustedError, match=r"shape\[501,500\] and type float"):
        tf.zeros([501, 500])
    with pytest.raises(errors.ResourceExhaustedError, match="0.0 GiB that learntf allows"):
        tf.random.uniform([1000, 1000])
    with pytest.raises(errors.ResourceExhaustedError, match=r"shape\[250001\] and type int32"):
        tf.range(250001)


def test_numpys_memory_error_in_a_graph_is_out_of_memory_naming_the_node():
    with tf.Graph().as_default():
        x = tf.compat.v1.placeholder(tf.float32, [None, 1])
        product = tf.matmul(x, tf.ones([1, 1000000]), name="outer")
        with tf.compat.v1.Session() as sess:
            with pytest.raises(errors.ResourceExhaustedError) as caught:
                sess.run(product, {x: np.ones((1000000, 1), np.float32)})
    message = str(caught.value)
    assert message.startswith(
        "OOM when allocating tensor with shape[1000000,1000000] and type float on "
        "/job:localhost/replica:0/task:0/device:CPU:0 by allocator cpu"
    )
    assert "[[{{node outer}}]]" in message and "MemoryError" not in message
