"""The cases of the tf.nest parity test (issue 17): expressions whose value, or error, learntf's
tf.nest must give exactly as TensorFlow 2.21's does.

scripts/record_tf_nest.py evaluates every case with real TensorFlow and writes the encoded
result to tests/data/tf_nest.json; tests/test_nest.py evaluates the same text with learntf.
An expression sees `tf` (tensorflow or learntf, eager), `nest` (its tf.nest), `np`,
`collections`, `attr`, and the containers below.  An error is recorded as its class and
message; learntf's message must be TF's followed by one "(learntf: ...)" line.
"""

import collections

import attr
import numpy as np

N = collections.namedtuple("N", "b a")
M = collections.namedtuple("M", "b a")  # the fields of N under another name


@attr.s
class P:
    """An attrs class: its fields in definition order (y before x)."""

    y = attr.ib()
    x = attr.ib()


# (name, expression); names ending in "~type" compare the error class only (see test_nest.py)
CASES = [
    # -- flatten: which values are containers, in which order
    ("flatten/dict_sorted", 'nest.flatten({"b": 1, "a": 2, "c": [3, 4]})'),
    ("flatten/int_keys", 'nest.flatten({2: "two", 1: "one", 10: "ten"})'),
    ("flatten/ordered_dict_sorted", 'nest.flatten(collections.OrderedDict([("b", 1), ("a", 2)]))'),
    ("flatten/defaultdict", 'nest.flatten(collections.defaultdict(int, {"y": 1, "x": 2}))'),
    ("flatten/namedtuple_field_order", "nest.flatten(N(b=1, a=2))"),
    ("flatten/attrs_field_order", "nest.flatten(P(y=1, x=[2, 3]))"),
    ("flatten/deep", 'nest.flatten([1, (2, {"z": [3, (4,)], "a": 5}), [[[6]]]])'),
    ("flatten/empty_containers", "nest.flatten([[], (), {}, [[]], 1])"),
    ("flatten/none", "nest.flatten(None)"),
    ("flatten/string_atom", 'nest.flatten(["ab", b"cd"])'),
    ("flatten/ndarray_atom", "nest.flatten([np.array([1, 2]), np.float32(3.0)])"),
    ("flatten/set_atom", "nest.flatten([{1, 2}])"),
    ("flatten/range", "nest.flatten(range(3))"),
    ("flatten/keys_view_in_order", 'nest.flatten({"b": 1, "a": 2}.keys())'),
    ("flatten/values_view_in_order", 'nest.flatten({"b": 1, "a": 2}.values())'),
    ("flatten/tensors", 'nest.flatten({"w": tf.constant([1.0, 2.0]), "b": [tf.constant(3)]})'),
    ("flatten/variable", "nest.flatten([tf.Variable(1.0)])"),
    ("flatten/ragged_atom", "nest.flatten([tf.ragged.constant([[1, 2], [3]])])"),
    (
        "flatten/ragged_expanded",
        'nest.flatten({"r": tf.ragged.constant([[1, 2], [3]]), "a": 0}, expand_composites=True)',
    ),
    (
        "flatten/ragged2_expanded",
        "nest.flatten(tf.ragged.constant([[[1], [2, 3]], [[4]]]), expand_composites=True)",
    ),
    (
        "flatten/sparse_expanded",
        "nest.flatten(tf.SparseTensor([[0, 1]], [5], [2, 3]), expand_composites=True)",
    ),
    ("flatten/unsortable_keys~type", 'nest.flatten({1: 1, "a": 2})'),
    # -- pack_sequence_as: the inverse, keeping each container's type and key order
    ("pack/dict_keeps_key_order", 'nest.pack_sequence_as({"b": 0, "a": 0}, [1, 2])'),
    (
        "pack/ordered_dict",
        'nest.pack_sequence_as(collections.OrderedDict([("b", 0), ("a", 0)]), [1, 2])',
    ),
    (
        "pack/defaultdict",
        'nest.pack_sequence_as(collections.defaultdict(list, {"y": 0, "x": 0}), [1, 2])',
    ),
    ("pack/namedtuple", "nest.pack_sequence_as(N(b=0, a=[0, 0]), [1, 2, 3])"),
    ("pack/attrs", "nest.pack_sequence_as(P(y=0, x=[0, 0]), [7, 8, 9])"),
    ("pack/nested", 'nest.pack_sequence_as([0, (0, {"z": 0, "a": [0]})], (1, 2, 3, 4))'),
    ("pack/empty_containers", "nest.pack_sequence_as([[], {}, (), 0], [5])"),
    ("pack/atom", "nest.pack_sequence_as(0, [5])"),
    ("pack/view_as_list", 'nest.pack_sequence_as({"b": 0, "a": 0}.values(), (1, 2))'),
    ("pack/range_as_list", "nest.pack_sequence_as(range(2), [7, 8])"),
    (
        "pack/ragged_expanded",
        "nest.pack_sequence_as(tf.ragged.constant([[1, 2], [3]]), "
        "[tf.constant([4, 5, 6]), tf.constant([0, 1, 3], tf.int64)], expand_composites=True)",
    ),
    ("pack/too_few", "nest.pack_sequence_as([0, 0], [1])"),
    ("pack/too_many", "nest.pack_sequence_as([0, 0], [1, 2, 3])"),
    ("pack/atom_too_many", "nest.pack_sequence_as(0, [1, 2])"),
    ("pack/flat_not_a_sequence", "nest.pack_sequence_as([0], 1)"),
    ("pack/flat_a_string", 'nest.pack_sequence_as([0], "x")'),
    ("pack/unsortable_keys", 'nest.pack_sequence_as({1: 0, "a": 0}, [1, 2])'),
    # -- map_structure
    ("map/one", 'nest.map_structure(lambda x: x * 2, {"b": (1, [2]), "a": N(3, 4)})'),
    ("map/two", "nest.map_structure(lambda x, y: x + y, [1, (2, 3)], [10, (20, 30)])"),
    (
        "map/check_types_off",
        "nest.map_structure(lambda x, y: (x, y), [1, 2], (3, 4), check_types=False)",
    ),
    ("map/check_types_on", "nest.map_structure(lambda x, y: (x, y), [1, 2], (3, 4))"),
    ("map/length", "nest.map_structure(lambda x, y: x, [1, (2, 3)], [1, (2, 3, 4)])"),
    ("map/bad_keyword", "nest.map_structure(lambda x: x, [1], foo=1)"),
    ("map/not_callable", "nest.map_structure(1, [1])"),
    ("map/no_structure", "nest.map_structure(lambda x: x)"),
    # -- assert_same_structure: TF's checks, in TF's order, in TF's words
    ("same/alike", "nest.assert_same_structure(((1, 2), 3), (('a', 'b'), 'c'))"),
    ("same/dict_key_order", 'nest.assert_same_structure({"a": 1, "b": 2}, {"b": 3, "a": 4})'),
    (
        "same/dict_ordered_dict",
        'nest.assert_same_structure({"a": 1}, collections.OrderedDict(a=1))',
    ),
    (
        "same/dict_defaultdict",
        'nest.assert_same_structure({"a": 1}, collections.defaultdict(int, a=1))',
    ),
    (
        "same/namedtuples_same_name",
        'nest.assert_same_structure(N(1, 2), collections.namedtuple("N", "b a")(3, 4))',
    ),
    ("same/list_subclass", 'nest.assert_same_structure([1], type("L", (list,), {})([1]))'),
    ("same/atoms_differ", 'nest.assert_same_structure(1.5, "abc")'),
    ("same/length", "nest.assert_same_structure([1, 2], [1, 2, 3])"),
    ("same/inner_length", "nest.assert_same_structure([[1, 2]], [[1]])"),
    ("same/list_tuple", "nest.assert_same_structure([1, 2], (1, 2))"),
    ("same/type_before_length", "nest.assert_same_structure([1, 2], (1, 2, 3))"),
    ("same/list_tuple_unchecked", "nest.assert_same_structure([1, 2], (1, 2), check_types=False)"),
    ("same/keys", 'nest.assert_same_structure({"a": 1}, {"b": 1})'),
    ("same/int_keys", "nest.assert_same_structure({2: 1, 1: 2}, {1: 1, 3: 2})"),
    (
        "same/ordered_dict_keys",
        'nest.assert_same_structure({"a": 1}, collections.OrderedDict(b=1))',
    ),
    ("same/keys_unchecked", 'nest.assert_same_structure({"a": 1}, {"b": 1}, check_types=False)'),
    ("same/container_vs_atom", "nest.assert_same_structure([1, [2]], [1, 2])"),
    ("same/atom_vs_container", "nest.assert_same_structure(1, [1])"),
    ("same/none_vs_list", "nest.assert_same_structure(None, [None])"),
    ("same/string_vs_list", 'nest.assert_same_structure("ab", ["a", "b"])'),
    ("same/list_vs_ndarray", "nest.assert_same_structure([1, 2], np.array([1, 2]))"),
    ("same/namedtuples", "nest.assert_same_structure(N(1, 2), M(1, 2))"),
    ("same/namedtuple_tuple", "nest.assert_same_structure(N(1, 2), (1, 2))"),
    ("same/namedtuple_dict", 'nest.assert_same_structure(N(1, 2), {"a": 1, "b": 2})'),
    (
        "same/namedtuple_dict_unchecked",
        'nest.assert_same_structure(N(1, 2), {"a": 1, "b": 2}, check_types=False)',
    ),
    ("same/attrs_tuple", "nest.assert_same_structure(P(1, 2), (1, 2))"),
    ("same/tensors", "nest.assert_same_structure([tf.constant(1.0)], [tf.constant(1.0), 2])"),
    # -- is_nested
    (
        "is_nested/kinds",
        'tuple(nest.is_nested(x) for x in ([], (), {}, "ab", b"ab", np.zeros(2), N(1, 2), '
        'P(1, 2), {1}, None, range(2), {"a": 1}.values(), tf.constant([1])))',
    ),
]


def encode(value):
    """A JSON-able description of a case's result, the same for TF's and learntf's values."""
    if hasattr(value, "to_list"):  # a RaggedTensor
        return {"ragged": value.to_list(), "dtype": value.dtype.name}
    if hasattr(value, "numpy") and hasattr(value, "dtype"):  # a tensor or a variable
        return {"tensor": np.asarray(value.numpy()).tolist(), "dtype": value.dtype.name}
    if isinstance(value, np.ndarray):
        return {"ndarray": value.tolist(), "dtype": str(value.dtype)}
    if isinstance(value, dict):
        return {
            "type": type(value).__name__,
            "items": [[repr(k), encode(v)] for k, v in value.items()],
        }
    if isinstance(value, (list, tuple)):
        return {"type": type(value).__name__, "items": [encode(v) for v in value]}
    if hasattr(type(value), "__attrs_attrs__"):
        return {
            "type": type(value).__name__,
            "items": [encode(getattr(value, f.name)) for f in type(value).__attrs_attrs__],
        }
    return {"repr": repr(value)}


def run_case(expression, tf, nest):
    """The encoded result of one case, or {"error": class name, "message": its words}."""
    namespace = {
        "tf": tf,
        "nest": nest,
        "np": np,
        "collections": collections,
        "attr": attr,
        "N": N,
        "M": M,
        "P": P,
    }
    try:
        return {"result": encode(eval(expression, namespace))}  # our own cases
    except Exception as exc:  # an error is a recorded result
        return {"error": type(exc).__name__, "message": str(exc)}
