"""`tf.nest.assert_same_structure`: whether two structures nest alike, and if not, where not.

map_structure over several structures checks them with it first.  The machinery (learntf/
nest.py, a helper of the core) flattens and maps one structure at a time and never compares
two, so this part, with TensorFlow's error messages, lives here and sets itself in `tf.nest`
(learntf/nest.py) when the package is imported.
"""

import collections.abc

from learntf import nest
from learntf.nest import _children, _is_composite, _is_namedtuple, _is_nested, map_structure


def assert_same_structure(nest1, nest2, check_types=True, expand_composites=False):
    """Raise ValueError (or TypeError, for container types) unless the two structures nest alike.

    Atoms may differ in anything; containers must match in place and length, dicts in their
    keys, and with check_types=True in type (any two dicts match, two lists match, namedtuples
    match by name and fields)."""
    _assert_same(nest1, nest2, check_types, expand_composites, True)


def _assert_same(nest1, nest2, check_types, expand_composites, lists_nest):
    difference = _first_difference(nest1, nest2, check_types, expand_composites, lists_nest)
    if difference is None:
        return
    error_class, detail, hint = difference
    raise error_class(
        "The two structures don't have the same nested structure.\n\nFirst structure: %s\n\n"
        "Second structure: %s\n\nMore specifically: %s\nEntire first structure:\n%s\n"
        "Entire second structure:\n%s\n(learntf: %s)"
        % (_describe(nest1), _describe(nest2), detail, _dots(nest1), _dots(nest2), hint)
    )


def _first_difference(a, b, check_types, expand_composites, lists_nest):
    """Where `a` and `b` first differ, as TF checks them: (error class, TF's words, a hint);
    None if they nest alike."""
    a_nested = _is_nested(a, expand_composites, lists_nest)
    if a_nested != _is_nested(b, expand_composites, lists_nest):
        container, atom = (a, b) if a_nested else (b, a)
        return (
            ValueError,
            'Substructure "%s" is a sequence, while substructure "%s" is not'
            % (_describe(container), _describe(atom)),
            "one has a container where the other has an atom; strings, NumPy arrays and "
            "tensors are atoms.",
        )
    if not a_nested:
        return None
    if expand_composites and _is_composite(a) and _is_composite(b):
        raise NotImplementedError(
            "learntf's tf.nest does not compare two composite tensors with expand_composites="
            "True (TF compares their TypeSpecs); flatten and pack_sequence_as do expand them."
        )
    if check_types:
        difference = _type_difference(a, b)
        if difference is not None:
            return difference
    children_a, children_b = _children(a), _children(b)
    for x, y in zip(children_a, children_b):
        difference = _first_difference(x, y, check_types, expand_composites, lists_nest)
        if difference is not None:
            return difference
    if len(children_a) != len(children_b):
        return (
            ValueError,
            "The two structures don't have the same number of elements. First "
            "structure: %s. Second structure: %s" % (_describe(a), _describe(b)),
            "containers in the same place need the same length.",
        )
    return None


def _type_difference(a, b):
    """check_types: two containers must be of one type; any two Mappings count as one type, as
    do two lists, and namedtuples compare by name and fields.  Dicts must have the same keys."""
    if _is_namedtuple(a) and _is_namedtuple(b):
        same = type(a).__name__ == type(b).__name__ and a._fields == b._fields
    else:
        same = (
            type(a) is type(b)
            or (isinstance(a, list) and isinstance(b, list))
            or (isinstance(a, collections.abc.Mapping) and isinstance(b, collections.abc.Mapping))
        )
    if not same:
        return (
            TypeError,
            "The two namedtuples don't have the same sequence type. First "
            "structure %s has type %s, while second structure %s has type %s"
            % (_describe(a), type(a).__name__, _describe(b), type(b).__name__),
            "a list and a tuple are different containers; check_types=False compares only "
            "the nesting.",
        )
    if isinstance(a, dict) and isinstance(b, dict) and set(a) != set(b):
        return (
            ValueError,
            "The two dictionaries don't have the same set of keys. First "
            "structure has keys %s, while second structure has keys %s"
            % (_describe(list(a)), _describe(list(b))),
            "dicts match only with the same keys.",
        )
    return None


def _describe(value):
    return "type=%s str=%s" % (type(value).__name__, value)


class _Dot:
    """Shown for every atom when an error prints a structure's shape: [., (., .)]."""

    __slots__ = ()

    def __repr__(self):
        return "."


def _dots(structure):
    return str(map_structure(lambda _: _Dot(), structure))


nest.assert_same_structure = assert_same_structure
nest._assert_same = _assert_same
