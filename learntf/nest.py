"""`tf.nest`: one set of rules for nested structures, used everywhere in learntf.

A *structure* is an atom or a container of structures.  TensorFlow walks them the same way
wherever it meets them: a tf.function's outputs, GradientTape's targets and sources, a
Dataset's elements.  The containers are

    lists, tuples, namedtuples      in order (also any collections.abc.Sequence, e.g. range)
    dicts and other Mappings        in *sorted key order*, so a dict and an OrderedDict with the
                                    same keys flatten alike; packing keeps the original key order
    mapping views (d.keys(), ...)   in their own order; packed back as a list
    attrs classes (@attr.s)         in field order

Everything else is an atom: numbers, strings and bytes, None, NumPy arrays, sets, dataclasses,
tensors and variables.  A RaggedTensor or a SparseTensor is an atom too, unless
`expand_composites=True` asks for its component tensors (TF's `TypeSpec._to_components`).

tf.data uses the same rules with one change: a list is an atom, since `from_tensor_slices([1,
2, 3])` means one tensor, not three (TF's `Modality.DATA`; the `*_for_data` functions below).
"""

import collections
import collections.abc

__all__ = ["flatten", "is_nested", "map_structure", "pack_sequence_as"]
__all__ += ["assert_same_structure"]  # noqa: F822 (set here by learntf/nest_compare.py)


# -- what is a container -------------------------------------------------------------------------
def is_nested(seq):
    """True if `seq` is a container (see the module docstring), False for an atom."""
    return _is_nested(seq)


def _is_nested(value, expand_composites=False, lists_nest=True):
    kind = _kind(type(value))
    if kind == "list":
        return lists_nest
    return kind == "container" or (expand_composites and _is_composite(value))


_KINDS = {}  # type -> "atom", "list" or "container": what the isinstance tests below say


def _kind(value_type):
    """Whether values of this type are atoms, lists or other containers (asked once a type:
    the abstract-class tests are slow, and tapes and functions flatten on every call)."""
    kind = _KINDS.get(value_type)
    if kind is None:
        if issubclass(value_type, (str, bytes)):
            kind = "atom"
        elif issubclass(value_type, list):
            kind = "list"
        elif issubclass(
            value_type,
            (collections.abc.Sequence, collections.abc.Mapping, collections.abc.MappingView),
        ) or hasattr(value_type, "__attrs_attrs__"):
            kind = "container"
        else:
            kind = "atom"
        _KINDS[value_type] = kind
    return kind


def _is_namedtuple(value):
    return isinstance(value, tuple) and hasattr(type(value), "_fields")


def _is_attrs(value):
    return hasattr(type(value), "__attrs_attrs__")


def _sorted_keys(mapping):
    try:
        return sorted(mapping)
    except TypeError:
        raise TypeError(
            "nest only supports dicts with sortable keys.\n(learntf: the keys are "
            "sorted to fix the order of the atoms; use keys of one kind, e.g. all "
            "strings.)"
        ) from None


def _children(value):
    """The parts of a container, in the order flatten visits them."""
    if isinstance(value, collections.abc.Mapping):
        return [value[key] for key in _sorted_keys(value)]
    if isinstance(value, (collections.abc.Sequence, collections.abc.MappingView)):
        return list(value)
    if _is_attrs(value):
        return [getattr(value, field.name) for field in type(value).__attrs_attrs__]
    return _components(value)


def _sequence_like(instance, children):
    """A container like `instance` holding `children` (in the order _children gave them)."""
    if isinstance(instance, collections.abc.Mapping):
        by_key = dict(zip(_sorted_keys(instance), children))
        pairs = [(key, by_key[key]) for key in instance]  # the instance's own key order
        if isinstance(instance, collections.defaultdict):
            return collections.defaultdict(instance.default_factory, pairs)
        return type(instance)(pairs)
    if isinstance(instance, (collections.abc.MappingView, range)):
        return list(children)
    if _is_namedtuple(instance) or _is_attrs(instance):
        return type(instance)(*children)
    if isinstance(instance, collections.abc.Sequence):
        return type(instance)(children)
    return _from_components(instance, children)


# -- composite tensors, for expand_composites=True ------------------------------------------------
# {type: (to_components, from_components)}.  ragged/ and sparse/ register their tensor types
# when imported (TF's CompositeTensor and its TypeSpec): nest, a helper of the core, builds on
# nothing outside it.
_COMPOSITES = {}


def register_composite(value_type, to_components, from_components):
    """`to_components(value)`: the component tensors of a `value_type`, in TF's order (a
    RaggedTensor's flat values then its row splits, outermost first; a SparseTensor's indices,
    values and dense shape); `from_components(like, parts)`: a value like `like` made of
    `parts`."""
    _COMPOSITES[value_type] = (to_components, from_components)


def _composite(value):
    for value_type, functions in _COMPOSITES.items():
        if isinstance(value, value_type):
            return functions
    return None


def _is_composite(value):
    return _composite(value) is not None


def _components(value):
    return _composite(value)[0](value)


def _from_components(like, parts):
    return _composite(like)[1](like, parts)


# -- flatten and pack ------------------------------------------------------------------------------
def flatten(structure, expand_composites=False):
    """The atoms of `structure` in one list, dicts in sorted key order (a lone atom: [atom])."""
    flat = []
    _flatten_into(structure, flat, expand_composites, True)
    return flat


def _flatten_into(structure, flat, expand_composites, lists_nest):
    if _is_nested(structure, expand_composites, lists_nest):
        for child in _children(structure):
            _flatten_into(child, flat, expand_composites, lists_nest)
    else:
        flat.append(structure)


def pack_sequence_as(structure, flat_sequence, expand_composites=False):
    """`structure` with its atoms replaced, in flatten's order, by those of `flat_sequence`.

    The inverse of flatten: pack_sequence_as(s, flatten(s)) == s."""
    return _pack(structure, flat_sequence, expand_composites, True)


def _pack(structure, flat_sequence, expand_composites, lists_nest):
    if not _is_nested(flat_sequence, expand_composites):  # (a list, even for tf.data)
        raise TypeError(
            "Attempted to pack value:\n  %s\ninto a structure, but found incompatible "
            "type `%s` instead.\n(learntf: the second argument is the list of atoms, "
            "e.g. [x] for a single one.)" % (_truncate(flat_sequence), type(flat_sequence))
        )
    flat = list(flat_sequence)
    if not _is_nested(structure, expand_composites, lists_nest):
        if len(flat) != 1:
            raise ValueError(
                "The target structure is of type `%s`\n  %s\nHowever the input is a sequence "
                "(%s) of length %d.\n  %s\nnest cannot guarantee that it is safe to map one to "
                "the other.\n(learntf: an atom takes exactly one value.)"
                % (
                    type(structure),
                    _truncate(structure),
                    type(flat_sequence),
                    len(flat),
                    _truncate(flat_sequence),
                )
            )
        return flat[0]
    atoms = []
    _flatten_into(structure, atoms, expand_composites, lists_nest)
    if len(atoms) != len(flat):
        raise ValueError(
            "Could not pack sequence. Structure had %d atoms, but flat_sequence had "
            "%d items.  Structure: %s, flat_sequence: %s.\n(learntf: flat_sequence "
            "needs one value per atom of the structure, as flatten() lists them.)"
            % (len(atoms), len(flat), structure, flat_sequence)
        )
    return _packed(structure, iter(flat), expand_composites, lists_nest)


def _packed(structure, values, expand_composites, lists_nest):
    # (a plain recursive function: a recursive closure would make a reference cycle keeping
    # every packed value alive until the garbage collector runs)
    if not _is_nested(structure, expand_composites, lists_nest):
        return next(values)
    return _sequence_like(
        structure,
        [_packed(child, values, expand_composites, lists_nest) for child in _children(structure)],
    )


def _truncate(value, length=100):
    text = str(value)
    return text[:length] + (text[length:] and "...")


# -- map -------------------------------------------------------------------------------------------
def map_structure(func, *structure, **kwargs):
    """`func` applied to the atoms of the structures, which must be alike, packed like the first.

    Keyword arguments: check_types=True (a list and a tuple differ), expand_composites=False."""
    usage = (
        "\n(learntf: map_structure(func, structure, *more_structures, check_types=True, "
        "expand_composites=False).)"
    )
    if not callable(func):
        raise TypeError("func must be callable, got: %s%s" % (func, usage))
    if not structure:
        raise ValueError("Must provide at least one structure" + usage)
    check_types = kwargs.pop("check_types", True)
    expand_composites = kwargs.pop("expand_composites", False)
    if kwargs:
        raise ValueError(
            "Only valid keyword arguments are `check_types` and "
            "`expand_composites`, not: `%s`%s" % ("`, `".join(kwargs), usage)
        )
    return _map(func, structure, check_types, expand_composites, True)


def _map(func, structures, check_types, expand_composites, lists_nest):
    for other in structures[1:]:
        _assert_same(structures[0], other, check_types, expand_composites, lists_nest)
    flats = []
    for structure in structures:
        flats.append([])
        _flatten_into(structure, flats[-1], expand_composites, lists_nest)
    results = [func(*atoms) for atoms in zip(*flats)]
    return _pack(structures[0], results, expand_composites, lists_nest)


# -- comparing two structures --------------------------------------------------------------------
# assert_same_structure, and TF's words for where two structures differ, are in
# learntf/nest_compare.py, which sets them here (the machinery maps one structure at a time).
_assert_same = None


# -- tf.data's rules: lists are atoms --------------------------------------------------------------
def is_nested_for_data(value):
    return _is_nested(value, lists_nest=False)


def flatten_for_data(structure):
    flat = []
    _flatten_into(structure, flat, False, False)
    return flat


def map_structure_for_data(func, *structure):
    return _map(func, structure, True, False, False)
