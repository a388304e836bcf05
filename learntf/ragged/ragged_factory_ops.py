"""tf.ragged.constant and tf.ragged.range: ragged tensors from Python values (unit 16).

`tf.ragged.constant([[11, 22], [21, 22, 23], [], [41]])` walks the nested lists once per
ragged dimension, writing down where each row starts (row_splits) and collecting the scalars
into one flat list of values, which becomes an ordinary constant.  The dtype is chosen as
tf.constant chooses it (ints -> int32, floats -> float32), row_splits are int64.
"""

import numpy as np

from learntf import dtypes
from learntf.framework.constant_op import constant as dense_constant
from learntf.framework.constant_op import convert_to_tensor
from learntf.framework.graph import name_scope
from learntf.ops import math_ops
from learntf.ragged import ragged_ops
from learntf.ragged.ragged_tensor import RaggedTensor


def constant_value_depths(pylist):
    """(nesting depth of the scalars or None if there are none, deepest list nesting)."""
    if isinstance(pylist, (list, tuple)) or np.ndim(pylist) != 0:
        scalar_depth, max_depth = None, 1
        for child in pylist:
            child_scalar, child_max = constant_value_depths(child)
            if child_scalar is not None:
                if scalar_depth is not None and scalar_depth != child_scalar + 1:
                    raise ValueError("all scalar values must have the same nesting depth")
                scalar_depth = child_scalar + 1
            max_depth = max(max_depth, child_max + 1)
        return scalar_depth, max_depth
    return 0, 0


def constant(
    pylist, dtype=None, ragged_rank=None, inner_shape=None, name=None, row_splits_dtype=dtypes.int64
):
    """A RaggedTensor holding the nested Python list `pylist` (a Tensor if it is not ragged)."""
    if ragged_rank is not None and ragged_rank < 0:
        raise ValueError("ragged_rank must be nonnegative; got %d" % ragged_rank)
    scalar_depth, max_depth = constant_value_depths(pylist)
    if scalar_depth is not None and max_depth > scalar_depth:
        raise ValueError(
            "Invalid pylist=%r: empty list nesting is greater than scalar value nesting" % (pylist,)
        )
    with name_scope(name, "RaggedConstant"):
        inner_shape = tuple(inner_shape) if inner_shape is not None else None
        if ragged_rank == 0 or (
            ragged_rank is None
            and (max_depth < 2 or (inner_shape is not None and max_depth - len(inner_shape) < 2))
        ):
            return dense_constant(pylist, dtype=dtype, name="values")
        if ragged_rank is None:
            inner_shape = inner_shape or ()
            ragged_rank = max(
                1, (max_depth if scalar_depth is None else scalar_depth) - 1 - len(inner_shape)
            )
        nested_splits, values = [], pylist
        for _ in range(ragged_rank):
            splits, flattened = [0], []
            for row in values:
                if not isinstance(row, (list, tuple, np.ndarray)):
                    raise ValueError(
                        "Invalid pylist=%r: incompatible with ragged_rank=%d"
                        % (pylist, ragged_rank)
                    )
                splits.append(splits[-1] + len(row))
                flattened.extend(row)
            nested_splits.append(splits)
            values = flattened
        result = _dense(values, dtype, inner_shape, "values")
        for splits in reversed(nested_splits):  # the innermost first, as TF creates them
            splits = dense_constant(
                np.asarray(splits, dtype=np.int64), dtype=dtypes.as_dtype(row_splits_dtype)
            )
            result = RaggedTensor(result, splits, internal=True)
        return result


def _dense(values, dtype, inner_shape, name):
    """The flat values as an ordinary constant (an empty list is float32 unless told)."""
    if isinstance(values, list) and not values:
        dtype = dtypes.as_dtype(dtype) if dtype is not None else dtypes.float32
        shape = (0,) + tuple(inner_shape or ())
        if dtype is dtypes.string:
            return dense_constant(np.full(shape, b"", dtype=object), name=name)
        return dense_constant(np.zeros(shape, dtype=dtype.np), name=name)
    try:
        return dense_constant(values, dtype=dtype, name=name)
    except ValueError as exc:
        if str(exc).startswith("Can't convert Python sequence with mixed types"):
            raise  # (TF's words for its values)
        raise ValueError(
            "Invalid pylist: the values inside the ragged dimensions must have one shape (%s)" % exc
        ) from None
    except TypeError as exc:
        raise ValueError(
            "Invalid pylist: the values inside the ragged dimensions must have one shape (%s)" % exc
        ) from None


def ragged_range(
    starts, limits=None, deltas=1, dtype=None, name=None, row_splits_dtype=dtypes.int64
):
    """`tf.ragged.range`: row i is range(starts[i], limits[i], deltas[i]) (one `RaggedRange`
    op; the inputs are cast to the widest of their dtypes, int32 < int64 < float32 <
    float64, unless `dtype` is given)."""
    if limits is None:
        starts, limits = 0, starts
    with name_scope(name, "RaggedRange") as scope:
        tensors = [
            convert_to_tensor(value, dtype=dtype, name=what)
            for value, what in ((starts, "starts"), (limits, "limits"), (deltas, "deltas"))
        ]
        if dtype is None:
            tensors = _widest_dtype(tensors)
        splits, values = ragged_ops.ragged_range(*tensors, dtypes.as_dtype(row_splits_dtype), scope)
        return RaggedTensor.from_row_splits(values, splits, validate=False)


_RANGE_DTYPES = (dtypes.int32, dtypes.int64, dtypes.float32, dtypes.float64)


def _widest_dtype(tensors):
    """The tensors cast to the widest of their dtypes (no op for those that have it)."""
    for tensor in tensors:
        if tensor.dtype not in _RANGE_DTYPES:
            raise TypeError(
                "learntf: tf.ragged.range takes int32, int64, float32 or float64 "
                "values, got %s." % tensor.dtype.name
            )
    widest = max((t.dtype for t in tensors), key=_RANGE_DTYPES.index)
    return [math_ops.cast(t, widest) for t in tensors]
