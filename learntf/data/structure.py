"""The structure of a dataset's elements, and how values enter and leave a pipeline.

Inside learntf's tf.data an element travels as a *flat list of NumPy arrays*; its structure
(tuples, dicts, namedtuples of tensors) lives once, in the dataset's `element_spec`, a nest of
TensorSpecs.  tf.data nests by tf.nest's rules with one change (learntf/nest.py): a list is
one tensor, not a structure (`from_tensor_slices([1, 2])` slices one tensor).

A component is either known now (an eager tensor, a NumPy value: its array) or symbolic (a
graph tensor, such as a TF 1 placeholder fed when an initializable iterator is initialized).
A symbolic component is looked up, when the pipeline runs, in `env`: a dict from the graph
tensors a pipeline reads (`Dataset._inputs`) to their values.
"""

import numpy as np

from learntf import dtypes, nest
from learntf.eager.func_graph import TensorSpec
from learntf.framework.execute import EagerTensor, to_eager
from learntf.framework.graph import Tensor
from learntf.framework.tensor_shape import TensorShape

flatten = nest.flatten_for_data


def pack(structure, flat):
    """`flat` (in flatten order) put back into the nest of `structure`."""
    items = iter(flat)
    return nest.map_structure_for_data(lambda _: next(items), structure)


def flatten_up_to(shallow, value):
    """`value`'s parts at the leaves of `shallow` (output_shapes along output_types: a shape
    such as (None, 2) is one leaf, not a tuple to flatten); None gives None for each leaf."""
    if isinstance(shallow, dict):
        return [x for k in sorted(shallow) for x in flatten_up_to(shallow[k], _at(value, k))]
    if isinstance(shallow, tuple):
        return [x for i, s in enumerate(shallow) for x in flatten_up_to(s, _at(value, i))]
    return [value]


def _at(value, key):
    return None if value is None else value[key]


def is_symbolic(value):
    return isinstance(value, Tensor) and not isinstance(value, EagerTensor)


def to_component(value, dtype=None, name=None):
    """One component as an EagerTensor, or the graph tensor itself when it is symbolic."""
    if is_symbolic(value):
        if dtype is not None and value.dtype != dtype:
            raise ValueError(
                "%sTensor conversion requested dtype %s for Tensor with dtype %s: %r"
                % (name + ": " if name else "", dtype.name, value.dtype.name, value)
            )
        from learntf.framework.tensor_util import constant_value

        known = constant_value(value)  # (a tf.constant in a TF 1 graph: its value, as TF folds)
        return value if known is None else EagerTensor(np.asarray(known), value.dtype)
    if isinstance(value, (list, tuple)) and any(is_symbolic(v) for v in value):
        from learntf.ops import array_ops  # (a list holding placeholders: one packed tensor)

        return array_ops.stack(list(value))
    return to_eager(value, dtype)


# The key, in `env`, of the seed generators of one instantiation of a pipeline from a graph
# (each run of a TF 1 initializer, each inner dataset of a flat_map): there shuffle seeds
# start afresh, as TF creates the pipeline's seed generators anew (learntf/data/shuffle.py).
FRESH_SEEDS = object()


def value_of(component, env):
    """A component's array: its own value, or a symbolic one's from `env`."""
    if is_symbolic(component):
        return env[component]
    return component._value


def spec_of(component):
    return TensorSpec(component.shape, component.dtype)


def symbolic_inputs(components):
    return [c for c in components if is_symbolic(c)]


def to_element(spec, flat_arrays):
    """A flat list of arrays as the element the user sees: a nest of eager tensors."""
    specs = flatten(spec)
    return pack(spec, [EagerTensor(a, s.dtype) for a, s in zip(flat_arrays, specs)])


def to_numpy(spec, flat_arrays):
    """As `as_numpy_iterator` gives an element: NumPy arrays, scalars and bytes."""
    return pack(spec, [a[()] if a.ndim == 0 else a for a in flat_arrays])


def normalize(value, specs):
    """A Python value (a generator's yield) as a flat list of arrays of the specs' dtypes."""
    arrays = []
    for component, spec in zip(flatten(value), specs):
        array, _ = to_numpy_value(component, spec.dtype)
        arrays.append(array)
    return arrays


def to_numpy_value(value, dtype):
    tensor = to_eager(value.numpy() if hasattr(value, "numpy") else value, dtype)
    return tensor._value, tensor.dtype


def relaxed(spec_a, spec_b):
    """The most specific spec compatible with both (concatenate, padded shapes...)."""
    return TensorSpec(spec_a.shape.most_specific_compatible_shape(spec_b.shape), spec_a.dtype)


def batched_spec(spec, batch_size):
    return TensorSpec(TensorShape([batch_size]).concatenate(spec.shape), spec.dtype)


def unbatched_spec(spec):
    return TensorSpec(spec.shape[1:], spec.dtype)


def shape_tuple(spec):
    return tuple(spec.shape.as_list()) if spec.shape.rank is not None else None


def np_dtype(dtype):
    return object if dtype is dtypes.string else dtype.as_numpy_dtype


def stack(arrays, dtype):
    return np.stack(arrays).astype(np_dtype(dtype), copy=False)
