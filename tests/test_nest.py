"""tf.nest (learntf/nest.py) against TensorFlow 2.21's, and the round trip flatten -> pack.

The expected values are tests/data/tf_nest.json, recorded from real TensorFlow by
scripts/record_tf_nest.py from the expressions of tests/nest_cases.py.  An error must be TF's
class and TF's words, then exactly one "(learntf: ...)" line.
"""

import collections
import json
import pathlib

import nest_cases
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import learntf as tf
from learntf import nest

RECORDING = json.loads((pathlib.Path(__file__).parent / "data" / "tf_nest.json").read_text())


def test_the_recording_has_every_case():
    names = [name for name, _ in nest_cases.CASES]
    assert sorted(RECORDING["cases"]) == sorted(names)
    for name, expression in nest_cases.CASES:
        assert RECORDING["cases"][name]["expression"] == expression, (
            "%s changed since it was recorded: run scripts/record_tf_nest.py" % name
        )


@pytest.mark.parametrize("name,expression", nest_cases.CASES, ids=[n for n, _ in nest_cases.CASES])
def test_as_tensorflow(name, expression, eager_mode):
    expected = RECORDING["cases"][name]
    got = nest_cases.run_case(expression, tf, tf.nest)
    if "error" not in expected:
        assert got == {"result": expected["result"]}
        return
    assert got.get("error") == expected["error"], got
    if name.endswith("~type"):
        return  # TF's message here is Python's own, from deep inside its C++ flatten
    words, _, hint = got["message"].rpartition("\n")
    assert words == expected["message"]
    assert hint.startswith("(learntf: ") and hint.endswith(")")


def test_unsortable_keys_say_why(eager_mode):
    with pytest.raises(
        TypeError,
        match=r"^nest only supports dicts with sortable keys\.\n"
        r"\(learntf: .*\)$",
    ):
        nest.flatten({1: 1, "a": 2})


def test_tf_nest_is_the_module():
    assert tf.nest is nest
    assert sorted(nest.__all__) == [
        "assert_same_structure",
        "flatten",
        "is_nested",
        "map_structure",
        "pack_sequence_as",
    ]


# -- tf.data's rules: lists are atoms ------------------------------------------------------------
def test_for_data_lists_are_atoms():
    structure = {"b": [1, 2], "a": (3, nest_cases.N(4, 5))}
    assert nest.flatten_for_data(structure) == [3, 4, 5, [1, 2]]  # TF's tf.data nest, by hand
    assert not nest.is_nested_for_data([1, 2])
    doubled = nest.map_structure_for_data(lambda x: x * 2, structure)
    assert doubled == {"b": [1, 2, 1, 2], "a": (6, nest_cases.N(8, 10))}
    assert type(doubled["a"][1]) is nest_cases.N


def test_expand_composites_cannot_compare_two_composites(eager_mode):
    ragged = tf.ragged.constant([[1, 2], [3]])
    with pytest.raises(NotImplementedError, match="TypeSpecs"):
        nest.assert_same_structure(ragged, ragged, expand_composites=True)


# -- the round trip: pack_sequence_as(s, flatten(s)) == s -----------------------------------------
Pair = collections.namedtuple("Pair", "second first")

atoms = st.one_of(st.integers(), st.text(max_size=3), st.none(), st.booleans())
keys = st.text(min_size=1, max_size=3)


def _containers(children):
    return st.one_of(
        st.lists(children, max_size=4),
        st.lists(children, max_size=4).map(tuple),
        st.dictionaries(keys, children, max_size=4),
        st.dictionaries(keys, children, max_size=4).map(
            lambda d: collections.OrderedDict(reversed(list(d.items())))
        ),
        st.tuples(children, children).map(lambda t: Pair(*t)),
    )


structures = st.recursive(atoms, _containers, max_leaves=20)


def _same(a, b):
    """Equal, with the same container types and the same dict key order."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    return a == b


@given(structures)
def test_pack_inverts_flatten(structure):
    flat = nest.flatten(structure)
    assert _same(nest.pack_sequence_as(structure, flat), structure)
    nest.assert_same_structure(structure, nest.map_structure(lambda x: x, structure))


@given(structures)
def test_flatten_visits_dicts_in_sorted_key_order(structure):
    if isinstance(structure, dict):
        expected = [atom for key in sorted(structure) for atom in nest.flatten(structure[key])]
        assert nest.flatten(structure) == expected


def test_ndarray_and_tensor_atoms_round_trip(eager_mode):
    structure = {"x": np.arange(3), "t": [tf.constant(1.0)]}
    flat = nest.flatten(structure)
    assert flat[0] is structure["t"][0] and flat[1] is structure["x"]
    packed = nest.pack_sequence_as(structure, flat)
    assert packed["x"] is structure["x"] and packed["t"][0] is structure["t"][0]


# -- the users of tf.nest follow its rules (each expected value as TF 2.21 gives it) -------------
def test_gradient_keeps_the_sources_structure(eager_mode):
    x, y = tf.constant(2.0), tf.constant(3.0)
    with tf.GradientTape(persistent=True) as tape:
        tape.watch([x, y])
        z = x * y
        zz = tf.stack([x * y, x])
    grads = tape.gradient(z, {"y": y, "x": x})
    assert list(grads) == ["y", "x"]  # the sources' key order, not sorted
    assert (grads["y"].numpy(), grads["x"].numpy()) == (2.0, 3.0)
    grads = tape.gradient(z, Pair(y, x))  # a namedtuple stays one
    assert type(grads) is Pair and (grads.second.numpy(), grads.first.numpy()) == (2.0, 3.0)
    weighted = tape.gradient({"b": z, "a": x}, x, output_gradients={"b": 1.0, "a": 10.0})
    assert weighted.numpy() == 13.0  # seeds paired with targets in key order
    jacobian = tape.jacobian(zz, {"y": y, "x": x})
    assert list(jacobian) == ["y", "x"]
    assert jacobian["y"].numpy().tolist() == [2.0, 0.0]
    assert jacobian["x"].numpy().tolist() == [3.0, 1.0]


def test_function_outputs_in_sorted_key_order(eager_mode):
    @tf.function
    def f(a):
        return {"z": a * 2, "a": a, "n": Pair(a, None), "k": 3}

    result = f(tf.constant(1.0))
    assert list(result) == ["z", "a", "n", "k"] and type(result["n"]) is Pair
    assert result["n"].first is None and result["k"].numpy() == 3
    outputs = f.get_concrete_function(tf.constant(1.0)).outputs
    assert [t.name for t in outputs] == [
        "Identity:0",
        "Identity_1:0",
        "Identity_2:0",
        "Identity_3:0",
    ]
    assert [t.dtype.name for t in outputs] == ["float32", "int32", "float32", "float32"]


def test_dataset_elements_follow_tf_data_rules(eager_mode):
    dataset = tf.data.Dataset.from_tensor_slices(Pair([1, 2, 3], [4, 5, 6]))  # a list: one tensor
    elements = list(dataset.as_numpy_iterator())
    assert [type(e) for e in elements] == [Pair] * 3 and elements[0] == Pair(1, 4)
    assert list(dataset.map(lambda e: e.first * 10).as_numpy_iterator()) == [40, 50, 60]
    batches = list(dataset.batch(2).as_numpy_iterator())
    assert type(batches[0]) is Pair and batches[0].second.tolist() == [1, 2]
    assert batches[1].first.tolist() == [6]
