"""TF1 reference variables as TensorFlow 2.21 builds them (issue 16; issue 20's get_variable and
import_meta_graph bugs): under disable_v2_behavior(), tf.Variable and tf.get_variable make
VariableV2/Assign/Identity, optimizers apply Apply* ops to them, Savers save and restore them.

Each program of tests/ref_variable_cases.py runs on learntf; what it shows (values, reprs, error
classes and TF's words) must equal what real TensorFlow showed, recorded in
tests/data/tf_ref_variables.json by scripts/record_tf_ref_variables.py, and for a "nodes" case
its node list (names, op types, inputs, control inputs, key attrs) must be TensorFlow's too.
Numbers are compared to float32 precision (rtol 1e-6).
"""

import json
import pathlib

import numpy as np
import pytest
import ref_variable_cases

import learntf.compat.v1 as tf

tf.disable_v2_behavior()

RECORDING = json.loads(
    (pathlib.Path(__file__).resolve().parent / "data" / "tf_ref_variables.json").read_text(
        encoding="utf-8"
    )
)
CASES = {ref_case.name: ref_case for ref_case in ref_variable_cases.CASES}


@pytest.fixture(scope="module")
def ran():
    """Each case run once on learntf: {name: result}."""
    return {}


def _run(name, ran, tmp_path):
    if name not in ran:
        ran[name] = ref_variable_cases.run_case(CASES[name], tf, str(tmp_path))
    return ran[name]


def test_every_case_is_recorded_from_its_current_program():
    recorded = RECORDING["cases"]
    assert sorted(recorded) == sorted(CASES)
    stale = [
        name
        for name, ref_case in CASES.items()
        if recorded[name]["source_sha256"] != ref_variable_cases.source_digest(ref_case)
    ]
    assert not stale, "record again: .venv-tf/bin/python scripts/record_tf_ref_variables.py"
    assert RECORDING["tensorflow_version"].startswith("2.21")


@pytest.mark.parametrize("name", sorted(CASES))
def test_shows_what_tensorflow_showed(name, ran, tmp_path):
    expected = RECORDING["cases"][name]["shown"]
    actual = _run(name, ran, tmp_path)["shown"]
    assert [label for label, _ in actual] == [label for label, _ in expected]
    for (label, value), (_, tf_value) in zip(actual, expected):
        assert _same(value, tf_value), "%s:\n  learntf    %r\n  tensorflow %r" % (
            label,
            value,
            tf_value,
        )


# Node lists that differ from TensorFlow's for a gap outside the variables' code (strict: a
# case that starts to match fails until it is taken off this list).
KNOWN_DIFFERENT = {}


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(name, marks=pytest.mark.xfail(reason=KNOWN_DIFFERENT[name], strict=True))
        if name in KNOWN_DIFFERENT
        else name
        for name in sorted(n for n, c in CASES.items() if c.compare == "nodes")
    ],
)
def test_builds_the_nodes_tensorflow_built(name, ran, tmp_path):
    expected = RECORDING["cases"][name]["nodes"]
    actual = _run(name, ran, tmp_path)["nodes"]
    for index, (node, tf_node) in enumerate(zip(actual, expected)):
        assert node == tf_node, "node %d:\n  learntf    %s\n  tensorflow %s" % (
            index,
            node,
            tf_node,
        )
    assert len(actual) == len(expected), "learntf built %d nodes, TensorFlow %d: %s" % (
        len(actual),
        len(expected),
        [
            n["name"]
            for n in (actual if len(actual) > len(expected) else expected)[
                min(len(actual), len(expected)) :
            ]
        ],
    )


def _same(value, tf_value):
    """Equal, with numbers (also inside arrays) equal to float32 precision."""
    if isinstance(tf_value, dict) and "value" in tf_value and "dtype" in tf_value:
        if not (
            isinstance(value, dict)
            and value.get("dtype") == tf_value["dtype"]
            and value.get("shape") == tf_value["shape"]
        ):
            return False
        if tf_value["dtype"] == "string":
            return value["value"] == tf_value["value"]
        return np.allclose(
            np.array(value["value"], dtype=float),
            np.array(tf_value["value"], dtype=float),
            rtol=1e-6,
            atol=0,
        )
    if isinstance(tf_value, list):
        return (
            isinstance(value, list)
            and len(value) == len(tf_value)
            and all(_same(a, b) for a, b in zip(value, tf_value))
        )
    if isinstance(tf_value, float) and isinstance(value, float):
        return np.isclose(value, tf_value, rtol=1e-6, atol=0)
    return value == tf_value
