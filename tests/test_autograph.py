"""AutoGraph (learntf/autograph): tf.function converts Python `if`, `while` and `for` as
TensorFlow 2.21 does.

Each case of tests/autograph_cases.py runs on learntf through the code that recorded it on real
TensorFlow (scripts/record_tf_autograph.py into tests/data/tf_autograph.json): the same values
(dtype and value), or the same error class with TensorFlow's words, pointing at the same
statement.  The converted source (tf.autograph.to_code) is compared with TensorFlow's.
"""

import json
import pathlib

import autograph_cases
import pytest

import learntf as tf

RECORDING = json.loads(
    (pathlib.Path(__file__).resolve().parent / "data" / "tf_autograph.json").read_text(
        encoding="utf-8"
    )
)


def test_the_recording_covers_every_case():
    assert sorted(RECORDING["cases"]) == sorted(autograph_cases.CASES)
    assert RECORDING["tensorflow_version"].startswith("2.21")


@pytest.mark.parametrize("name", sorted(autograph_cases.CASES))
def test_learntf_runs_the_case_as_tensorflow_does(name):
    got = autograph_cases.run_case(autograph_cases.CASES[name], tf)
    assert got == RECORDING["cases"][name]


@pytest.mark.parametrize("function", autograph_cases.to_code_cases(), ids=lambda f: f.__name__)
def test_to_code_writes_tensorflows_code(function):
    got = autograph_cases.normalize_code(tf.autograph.to_code(function))
    assert got == RECORDING["to_code"][function.__name__]
