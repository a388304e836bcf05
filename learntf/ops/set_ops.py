"""The ops of `tf.sets` (learntf/sets.py): intersection, union, difference and size of the
sets along the last axis.

Each row of the last axis is a set (repeats count once); results are SparseTensors whose row
r holds the sorted values of set operation r, as TF's set ops give them.  Dense or sparse
inputs are first read into one {row index: set} form, so the three TF op types
(DenseToDense, DenseToSparse, SparseToSparse) share one kernel.
"""

import itertools

import numpy as np

from learntf import dtypes, errors
from learntf.framework.apply import ShapeError
from learntf.framework.op_registry import not_differentiable, register_op
from learntf.framework.tensor_shape import TensorShape

VALID_DTYPES = (
    dtypes.int8,
    dtypes.int16,
    dtypes.int32,
    dtypes.int64,
    dtypes.uint8,
    dtypes.uint16,
    dtypes.string,
)
_OPERATIONS = {
    "intersection": lambda a, b: a & b,
    "union": lambda a, b: a | b,
    "a-b": lambda a, b: a - b,
    "b-a": lambda a, b: b - a,
}


def _dense_sets(dense):
    outer = dense.shape[:-1]
    return {key: set(dense[key].tolist()) for key in itertools.product(*map(range, outer))}, outer


def _sparse_sets(indices, values, shape):
    outer = tuple(int(d) for d in shape[:-1])
    sets = {key: set() for key in itertools.product(*map(range, outer))}
    for index, value in zip(indices.tolist(), values.tolist()):
        sets[tuple(index[:-1])].add(value)
    return sets, outer


def _result(sets_a, sets_b, outer, set_operation, dtype):
    if set_operation not in _OPERATIONS:
        raise errors.InvalidArgumentError(None, None, "Invalid set_operation %s." % set_operation)
    indices, values, width = [], [], 0
    for key in sorted(sets_a):
        row = sorted(_OPERATIONS[set_operation](sets_a[key], sets_b.get(key, set())))
        width = max(width, len(row))
        indices += [key + (j,) for j in range(len(row))]
        values += row
    array = np.empty(len(values), dtype=object) if dtype == np.object_ else None
    if array is not None:
        array[:] = values
    else:
        array = np.array(values, dtype=dtype)
    return (
        np.array(indices, dtype=np.int64).reshape(-1, len(outer) + 1),
        array,
        np.array(list(outer) + [width], dtype=np.int64),
    )


def _check_outer(outer_a, outer_b):
    if tuple(outer_a) != tuple(outer_b):
        raise errors.InvalidArgumentError(
            None, None, "Shape mismatch: %s vs %s" % (list(outer_a), list(outer_b))
        )


def _dense_dense(set1, set2, set_operation, validate_indices=True):
    sets_a, outer = _dense_sets(set1)
    sets_b, outer_b = _dense_sets(set2)
    _check_outer(outer, outer_b)
    return _result(sets_a, sets_b, outer, set_operation, set1.dtype)


def _dense_sparse(set1, indices, values, shape, set_operation, validate_indices=True):
    sets_a, outer = _dense_sets(set1)
    sets_b, outer_b = _sparse_sets(indices, values, shape)
    _check_outer(outer, outer_b)
    return _result(sets_a, sets_b, outer, set_operation, set1.dtype)


def _sparse_sparse(i1, v1, s1, i2, v2, s2, set_operation, validate_indices=True):
    sets_a, outer = _sparse_sets(i1, v1, s1)
    sets_b, outer_b = _sparse_sets(i2, v2, s2)
    _check_outer(outer, outer_b)
    return _result(sets_a, sets_b, outer, set_operation, v1.dtype)


def _set_infer(first_values_at):
    def infer(*inputs, **attrs):
        values = inputs[first_values_at]
        if values.dtype not in VALID_DTYPES:
            raise TypeError(
                "Value passed to parameter 'set1' has DataType %s not in list of allowed values"
                % values.dtype.name
            )
        if first_values_at == 0 and values.shape.rank is not None and values.shape.rank < 2:
            raise ShapeError("Shape must be at least rank 2 but is rank %d" % values.shape.rank)
        return [
            (dtypes.int64, TensorShape([None, None])),
            (values.dtype, TensorShape([None])),
            (dtypes.int64, TensorShape([None])),
        ]

    return infer


register_op(
    "DenseToDenseSetOperation", ["set1", "set2"], _set_infer(0), _dense_dense, num_outputs=3
)
register_op(
    "DenseToSparseSetOperation",
    ["set1", "set2_indices", "set2_values", "set2_shape"],
    _set_infer(0),
    _dense_sparse,
    num_outputs=3,
)
register_op(
    "SparseToSparseSetOperation",
    ["set1_indices", "set1_values", "set1_shape", "set2_indices", "set2_values", "set2_shape"],
    _set_infer(1),
    _sparse_sparse,
    num_outputs=3,
    type_input=1,
)


def _set_size_kernel(set_indices, set_values, set_shape, validate_indices=True):
    sets, outer = _sparse_sets(set_indices, set_values, set_shape)
    return np.array([len(sets[key]) for key in sorted(sets)], np.int32).reshape(outer)


register_op(
    "SetSize",
    ["set_indices", "set_values", "set_shape"],
    lambda i, v, s, **attrs: [(dtypes.int32, TensorShape(None))],
    _set_size_kernel,
    type_input=1,
)
for _op_type in (
    "DenseToDenseSetOperation",
    "DenseToSparseSetOperation",
    "SparseToSparseSetOperation",
    "SetSize",
):
    not_differentiable(_op_type)
