"""tf.saved_model.save / load: learntf reads TensorFlow's SavedModels (recorded by
scripts/record_tf_saved_models.py), and its own come back computing the same values.
(`make test-tf` has TensorFlow load learntf's SavedModels.)"""

import json
import os
import pathlib

import numpy as np
import pytest
import saved_model_cases

import learntf as tf
from learntf import errors

pytestmark = pytest.mark.usefixtures("v2_behavior")

DATA = pathlib.Path(__file__).parent / "data"
RECORDED = json.loads((DATA / "tf_saved_models.json").read_text("utf-8"))["results"]
CASES = pytest.mark.parametrize("case", saved_model_cases.CASES, ids=lambda c: c.__name__)


@CASES
def test_learntf_loads_tensorflows_saved_model(case):
    _, _, calls = case(tf)
    loaded = tf.saved_model.load(DATA / "tf_saved_models" / case.__name__)
    assert saved_model_cases.run_calls(tf, loaded, calls) == RECORDED[case.__name__]


@CASES
def test_a_saved_module_loads_back_computing_what_tensorflows_did(case, tmp_path):
    module, signatures, calls = case(tf)
    tf.saved_model.save(module, tmp_path / "model", signatures=signatures)
    loaded = tf.saved_model.load(tmp_path / "model")
    assert saved_model_cases.run_calls(tf, loaded, calls) == RECORDED[case.__name__]


def test_the_directory_has_tensorflows_layout(tmp_path):
    module, signatures, _ = saved_model_cases.dense(tf)
    tf.saved_model.save(module, tmp_path / "model", signatures=signatures)
    found = sorted(str(p.relative_to(tmp_path / "model")) for p in (tmp_path / "model").rglob("*"))
    assert found == [
        "assets",
        "saved_model.pb",
        "variables",
        "variables/variables.data-00000-of-00001",
        "variables/variables.index",
    ]


def test_loaded_variables_hold_the_saved_values_not_the_current_ones(tmp_path):
    module, _, _ = saved_model_cases.dense(tf)
    tf.saved_model.save(module, tmp_path / "model")
    module.w.assign(tf.zeros([2, 2]))
    loaded = tf.saved_model.load(tmp_path / "model")
    np.testing.assert_array_equal(loaded.w.numpy(), [[1.0, -2.0], [3.0, 0.5]])
    assert loaded.w.trainable and loaded.w.name == "w:0"


def test_loaded_containers_keep_their_structure(tmp_path):
    module, _, _ = saved_model_cases.containers_and_traces(tf)
    tf.saved_model.save(module, tmp_path / "model")
    loaded = tf.saved_model.load(tmp_path / "model")
    assert [b.scale.numpy() for b in loaded.blocks] == [2.0, -1.5]
    assert sorted(loaded.offsets) == ["high", "low"]
    assert len(loaded.apply.concrete_functions) == 2


def test_a_call_matching_no_saved_trace_raises_tensorflows_error(tmp_path):
    module, _, _ = saved_model_cases.containers_and_traces(tf)
    tf.saved_model.save(module, tmp_path / "model")
    loaded = tf.saved_model.load(tmp_path / "model")
    with pytest.raises(ValueError, match="Could not find matching concrete function to call"):
        loaded.apply(tf.constant([1, 2]))  # int32: saved only for float32


def test_a_function_capturing_an_untracked_variable_cannot_be_saved(tmp_path):
    outside = tf.Variable(2.0)

    class Leaky(tf.Module):
        @tf.function(input_signature=[tf.TensorSpec([], tf.float32)])
        def __call__(self, x):
            return x * outside

    with pytest.raises(ValueError, match="references an 'untracked' resource"):
        tf.saved_model.save(Leaky(), tmp_path / "model")


def test_loading_a_directory_without_a_saved_model_names_the_file(tmp_path):
    with pytest.raises(OSError, match="SavedModel file does not exist at"):
        tf.saved_model.load(tmp_path)


def test_a_damaged_saved_model_is_tensorflows_os_error(tmp_path):
    """TF 2.21: OSError "Cannot parse file ..." (tests/data/tf_bad_files.json)."""
    module, _, _ = saved_model_cases.dense(tf)
    tf.saved_model.save(module, tmp_path / "model")
    path = tmp_path / "model" / "saved_model.pb"
    path.write_bytes(path.read_bytes()[: os.path.getsize(path) // 2])
    with pytest.raises(OSError, match="Cannot parse file b'.*saved_model.pb': Error parsing"):
        tf.saved_model.load(tmp_path / "model")


def test_damaged_saved_models_raise_errors_that_say_so_never_a_crash(tmp_path):
    """Random bytes changed in saved_model.pb: loading and calling either works or raises one
    of TensorFlow's error classes (DataLossError, ValueError...), never a KeyError,
    IndexError or AttributeError from inside the loader."""
    import random
    import shutil

    module, signatures, _ = saved_model_cases.dense(tf)
    tf.saved_model.save(module, tmp_path / "original", signatures=signatures)
    data = (tmp_path / "original" / "saved_model.pb").read_bytes()
    rng = random.Random(18)
    outcomes = set()
    for _ in range(120):
        damaged = bytearray(data)
        for _ in range(rng.randint(1, 4)):
            damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        target = tmp_path / "damaged"
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(tmp_path / "original", target)
        (target / "saved_model.pb").write_bytes(bytes(damaged))
        try:
            tf.saved_model.load(target)(tf.constant([[1.0, 2.0]]))
            outcomes.add("loaded")
        except (errors.OpError, ValueError, TypeError, RuntimeError, OSError) as exc:
            outcomes.add(type(exc).__name__)  # (any other exception fails the test)
    assert "OSError" in outcomes and "ValueError" in outcomes


def test_a_signature_needs_an_input_signature_or_a_concrete_function(tmp_path):
    module, _, _ = saved_model_cases.containers_and_traces(tf)  # `apply` has no input_signature
    with pytest.raises(ValueError, match="Expected a TensorFlow function for which to generate"):
        tf.saved_model.save(module, tmp_path / "model", signatures=module.apply)
    tf.saved_model.save(module, tmp_path / "model")  # no signature found: an empty map
    assert dict(tf.saved_model.load(tmp_path / "model").signatures) == {}
