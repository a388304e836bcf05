"""tf.function's details as TensorFlow 2.21 gives them (tests/data/tf_function_details.json,
recorded by scripts/record_tf_function_details.py from the programs of
tests/function_detail_cases.py): printed signatures (verbose and one-line), function_spec,
reduce_retracing / experimental_relax_shapes, NumPy scalars traced as tensors, the
frequent-retracing warning on TF's logger, and a tf.function called while building a TF 1
graph (one call op)."""

import json
import pathlib

import function_detail_cases
import pytest
from test_graph_parity import learntf_behaviour

RECORDING = json.loads(
    (pathlib.Path(__file__).parent / "data" / "tf_function_details.json").read_text(
        encoding="utf-8"
    )
)


def run_on_learntf(case):
    import learntf
    import learntf.compat.v1 as tf1

    with learntf_behaviour(case.mode):
        if case.mode == "v1":
            with tf1.Graph().as_default():
                return function_detail_cases.run_case(case, tf1)
        return function_detail_cases.run_case(case, learntf)


@pytest.mark.parametrize("case", function_detail_cases.CASES, ids=lambda case: case.name)
def test_learntf_gives_what_tensorflow_gives(case):
    expected = RECORDING["cases"][case.name]
    assert expected["source"] == case.source, "the case changed: record it again"
    got = run_on_learntf(case)
    assert got["error"] == expected["error"]
    assert got["result"] == expected["result"]


def test_recording_is_from_tensorflow_2_21():
    assert RECORDING["tensorflow_version"].startswith("2.21")
    assert sorted(RECORDING["cases"]) == sorted(case.name for case in function_detail_cases.CASES)


def test_a_relaxed_trace_runs_every_shape_it_accepts(v2_behavior):
    import learntf as tf

    @tf.function(reduce_retracing=True)
    def total(x):
        return tf.reduce_sum(x * 2.0)

    results = [total(tf.ones([n])).numpy() for n in (1, 2, 5, 7)]
    assert results == [2.0, 4.0, 10.0, 14.0]
    assert total.experimental_get_tracing_count() == 2
