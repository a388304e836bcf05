"""Ordering values: top_k, sort, argsort, unique, searchsorted, roll; linspace and meshgrid.

`tf.sort` and `tf.argsort` are built, as in TF, from one op, TopKV2 (the k largest values
along the last axis): an ascending sort is a descending sort of the negated values.  Ties
keep their original order, so argsort's indices are TF's.
"""

import collections

import numpy as np

from learntf import dtypes, errors
from learntf.framework import context
from learntf.framework.apply import ShapeError, apply_op
from learntf.framework.constant_op import convert_to_tensor
from learntf.framework.graph import name_scope
from learntf.framework.op_registry import not_differentiable, register_gradient, register_op
from learntf.framework.tensor_shape import TensorShape
from learntf.framework.tensor_util import inferred_value
from learntf.ops import array_ops, gather_ops, math_ops
from learntf.ops.shape_inference import REAL_TYPES, check_dtype


# -- top_k -------------------------------------------------------------------------------------
def _top_k_infer(input, k, sorted=True, index_type=dtypes.int32):
    check_dtype("input", input, REAL_TYPES)
    dims = None if input.shape.rank is None else input.shape.as_list()
    k_value = inferred_value(k)
    if k_value is None:
        k_value = _known_dim(k)
    if dims is None:
        return [(input.dtype, TensorShape(None)), (index_type, TensorShape(None))]
    if not dims:
        raise ShapeError("Shape must be at least rank 1 but is rank 0")
    k_dim = None if k_value is None else int(k_value)
    eager = context.executing_eagerly()  # (eager: the kernel's words, below)
    if not eager and k_dim is not None and dims[-1] is not None and dims[-1] < k_dim:
        raise ShapeError("input must have last dimension >= k = %d but is %d" % (k_dim, dims[-1]))
    shape = TensorShape(dims[:-1] + [k_dim])
    return [(input.dtype, shape), (index_type, shape)]


def _known_dim(k):
    """`shape(x)[i]` whose dim i is known though others are not (TF's shape refiner sees it)."""
    op = getattr(k, "op", None)
    if op is None or op.type != "StridedSlice" or op.inputs[0].op.type != "Shape":
        return None
    index, shape = inferred_value(op.inputs[1]), op.inputs[0].op.inputs[0].shape
    if index is None or shape.rank is None or np.size(index) != 1:
        return None
    return shape.as_list()[int(np.reshape(index, -1)[0])]


def _descending_order(values):
    """Indices that sort the last axis largest first, ties in their original order."""
    if values.dtype.kind == "u":
        keys = np.iinfo(values.dtype).max - values
    elif values.dtype.kind == "b":
        keys = ~values
    else:
        keys = -values.astype(np.float64) if values.dtype.kind == "f" else -values.astype(np.int64)
    return np.argsort(keys, axis=-1, kind="stable")


def _top_k_kernel(input, k, sorted=True, index_type=dtypes.int32):
    k = int(k)
    if k < 0:
        raise errors.InvalidArgumentError(None, None, "Need k >= 0, got %d" % k)
    if input.shape[-1] < k:
        raise errors.InvalidArgumentError(
            None,
            None,
            "input must have at least k columns. Had %d, needed %d" % (input.shape[-1], k),
        )
    order = _descending_order(input)[..., :k]
    return np.take_along_axis(input, order, -1), order.astype(index_type.np)


register_op("TopKV2", ["input", "k"], _top_k_infer, _top_k_kernel, num_outputs=2)

TopKV2 = collections.namedtuple("TopKV2", ["values", "indices"])  # (as TF names them)


def top_k(input, k=1, sorted=True, index_type=dtypes.int32, name=None):
    """(values, indices): the k largest entries along the last axis, largest first."""
    attrs = {"sorted": sorted, "index_type": dtypes.as_dtype(index_type)}
    return TopKV2(*apply_op("TopKV2", [input, k], attrs, name or "TopKV2"))


@register_gradient("TopKV2")
def _top_k_grad(op, grad, unused_indices_grad):
    # Scatter each row's gradients back to the positions its top values came from.
    in_shape = array_ops.shape(op.inputs[0])
    ind_shape = array_ops.shape(op.outputs[1])
    ind_lastdim = ind_shape[-1]
    ind_2d = array_ops.reshape(op.outputs[1], array_ops.stack([-1, ind_lastdim]))
    in_lastdim = in_shape[-1]
    outerdim = array_ops.shape(ind_2d)[0]
    offsets = math_ops.range(0, outerdim * in_lastdim, in_lastdim)
    ind = array_ops.reshape(ind_2d + array_ops.expand_dims(offsets, -1), [-1])
    dense = gather_ops.scatter_nd(
        array_ops.expand_dims(ind, -1),
        array_ops.reshape(grad, [-1]),
        [math_ops.reduce_prod(in_shape)],
    )
    return [array_ops.reshape(dense, in_shape), array_ops.zeros([], dtype=dtypes.int32)]


# -- sort and argsort ----------------------------------------------------------------------------
def _descending(values, axis, return_argsort):
    rank = values.shape.rank
    if axis == -1 or axis + 1 == rank:
        transposition = None
        top_k_input = values
    else:
        if axis < 0:
            axis += rank
        perm = list(range(axis)) + [rank - 1] + list(range(axis + 1, rank - 1)) + [axis]
        transposition = convert_to_tensor(np.array(perm, np.int64), name="transposition")
        top_k_input = array_ops.transpose(values, transposition)
    k = array_ops.shape(values)[axis]
    result = top_k(top_k_input, k)[1 if return_argsort else 0]
    if transposition is not None:
        result = array_ops.transpose(result, transposition)
    return result


def _ascending(values, axis, return_argsort):
    dtype = values.dtype
    if dtype.is_integer and dtype.np.kind == "u":
        offset = dtype.max
        result = _descending(offset - values, axis, return_argsort)
        return result if return_argsort else offset - result
    if dtype.is_integer:
        result = _descending(-values - 1, axis, return_argsort)
        return result if return_argsort else -result - 1
    result = _descending(-values, axis, return_argsort)
    return result if return_argsort else -result


_SORTS = {"ASCENDING": _ascending, "DESCENDING": _descending}


def _sort_or_argsort(values, axis, direction, return_argsort):
    if direction not in _SORTS:
        raise ValueError(
            "Argument `direction` should be one of %s. Received: direction=%s"
            % (", ".join(sorted(_SORTS)), direction)
        )
    axis_value = inferred_value(convert_to_tensor(axis, name="axis"))
    if axis_value is None or np.ndim(axis_value) != 0:
        raise ValueError("Argument `axis` must be a constant scalar. Received: axis=%s." % axis)
    values = convert_to_tensor(values, name="values")
    return _SORTS[direction](values, int(axis_value), return_argsort)


def sort(values, axis=-1, direction="ASCENDING", name=None):
    """The values sorted along `axis` (a TopKV2 of all of them)."""
    with name_scope(name, "sort"):
        return _sort_or_argsort(values, axis, direction, return_argsort=False)


def argsort(values, axis=-1, direction="ASCENDING", stable=False, name=None):
    """The int32 indices that sort `values` along `axis`."""
    del stable  # TopKV2 keeps ties in order anyway
    with name_scope(name, "argsort"):
        return _sort_or_argsort(values, axis, direction, return_argsort=True)


# -- unique --------------------------------------------------------------------------------------
def _unique_infer(x, out_idx=dtypes.int32):
    if x.shape.rank not in (None, 1):
        raise ShapeError("Shape must be rank 1 but is rank %d" % x.shape.rank)
    return [(x.dtype, TensorShape([None])), (out_idx, x.shape)]


def _unique_kernel(x, out_idx=dtypes.int32):
    if x.ndim != 1:
        raise errors.InvalidArgumentError(None, None, "unique expects a 1D vector.")
    _, first, idx = np.unique(x, return_index=True, return_inverse=True)
    order = np.argsort(first, kind="stable")  # first-seen order, not sorted order
    rank = np.empty_like(order)
    rank[order] = np.arange(order.size)
    return x[np.sort(first)], rank[idx.reshape(-1)].astype(out_idx.np)


register_op("Unique", ["x"], _unique_infer, _unique_kernel, num_outputs=2)
not_differentiable("Unique")

Unique = collections.namedtuple("Unique", ["y", "idx"])


def unique(x, out_idx=dtypes.int32, name=None):
    """(y, idx): x's distinct values in first-seen order, and where each x lands in y."""
    return Unique(*apply_op("Unique", [x], {"out_idx": dtypes.as_dtype(out_idx)}, name or "Unique"))


def _unique_with_counts_infer(x, out_idx=dtypes.int32):
    y, idx = _unique_infer(x, out_idx)
    return [y, idx, (out_idx, TensorShape([None]))]


def _unique_with_counts_kernel(x, out_idx=dtypes.int32):
    y, idx = _unique_kernel(x, out_idx)
    return y, idx, np.bincount(idx, minlength=len(y)).astype(out_idx.np)


register_op(
    "UniqueWithCounts",
    ["x"],
    _unique_with_counts_infer,
    _unique_with_counts_kernel,
    num_outputs=3,
)
not_differentiable("UniqueWithCounts")

UniqueWithCounts = collections.namedtuple("UniqueWithCounts", ["y", "idx", "count"])


def unique_with_counts(x, out_idx=dtypes.int32, name=None):
    """(y, idx, count): as unique, and how many times each distinct value occurs."""
    attrs = {"out_idx": dtypes.as_dtype(out_idx)}
    return UniqueWithCounts(*apply_op("UniqueWithCounts", [x], attrs, name or "UniqueWithCounts"))


# -- searchsorted --------------------------------------------------------------------------------
def _bound_infer(sorted_inputs, values, out_type=dtypes.int32):
    return [(out_type, values.shape)]


def _bound_kernel(side):
    def kernel(sorted_inputs, values, out_type=dtypes.int32):
        if sorted_inputs.shape[0] != values.shape[0]:
            raise errors.InvalidArgumentError(
                None,
                None,
                "Leading dim_size of both tensors must match.",
            )
        rows = [np.searchsorted(s, v, side=side) for s, v in zip(sorted_inputs, values)]
        return np.array(rows, dtype=out_type.np).reshape(values.shape)

    return kernel


register_op("LowerBound", ["sorted_inputs", "values"], _bound_infer, _bound_kernel("left"))
register_op("UpperBound", ["sorted_inputs", "values"], _bound_infer, _bound_kernel("right"))
not_differentiable("LowerBound")
not_differentiable("UpperBound")


def searchsorted(sorted_sequence, values, side="left", out_type=dtypes.int32, name=None):
    """Where each value would go in its row of `sorted_sequence` to keep it sorted."""
    sorted_sequence = convert_to_tensor(sorted_sequence)
    values = convert_to_tensor(values)
    sequence_2d = array_ops.reshape(sorted_sequence, [-1, array_ops.shape(sorted_sequence)[-1]])
    values_2d = array_ops.reshape(values, [-1, array_ops.shape(values)[-1]])
    if side not in ("left", "right"):
        raise ValueError(
            "Argument `side` must be either 'right' or 'left'. Received: `side` = '%s'." % side
        )
    op_type = "UpperBound" if side == "right" else "LowerBound"
    attrs = {"out_type": dtypes.as_dtype(out_type)}
    output = apply_op(op_type, [sequence_2d, values_2d], attrs, name or op_type)
    return array_ops.reshape(output, array_ops.shape(values))


# -- roll ----------------------------------------------------------------------------------------
def _roll_infer(input, shift, axis):
    return [(input.dtype, input.shape)]


def _roll_kernel(input, shift, axis):
    shift, axis = np.atleast_1d(shift), np.atleast_1d(axis)
    if shift.shape != axis.shape:
        raise errors.InvalidArgumentError(None, None, "shift and axis must have the same size")
    for a in axis:
        if not -input.ndim <= a < input.ndim:
            raise errors.InvalidArgumentError(None, None, "axis %d is out of range" % a)
    return np.roll(input, tuple(int(s) for s in shift), tuple(int(a) for a in axis))


register_op("Roll", ["input", "shift", "axis"], _roll_infer, _roll_kernel)


def roll(input, shift, axis, name=None):
    """The elements shifted along `axis` by `shift`, wrapping around the end."""
    return apply_op("Roll", [input, shift, axis], {}, name or "Roll")


@register_gradient("Roll")
def _roll_grad(op, grad):
    return [roll(grad, -op.inputs[1], op.inputs[2]), None, None]


# -- broadcast_dynamic_shape ---------------------------------------------------------------------
def _broadcast_args_infer(s0, s1):
    lengths = [None if s.shape.rank is None else s.shape.as_list()[0] for s in (s0, s1)]
    length = None if None in lengths else max(lengths)
    return [(s0.dtype, TensorShape([length]))]


def _broadcast_args_kernel(s0, s1):
    try:
        return np.array(np.broadcast_shapes(tuple(s0), tuple(s1)), dtype=s0.dtype)
    except ValueError:
        raise errors.InvalidArgumentError(
            None,
            None,
            "Incompatible shapes: [%s] vs. [%s]" % (",".join(map(str, s0)), ",".join(map(str, s1))),
        ) from None


register_op("BroadcastArgs", ["s0", "s1"], _broadcast_args_infer, _broadcast_args_kernel)
not_differentiable("BroadcastArgs")


def broadcast_dynamic_shape(shape_x, shape_y):
    """The shape two shapes broadcast to, as a tensor (op BroadcastArgs)."""
    return apply_op("BroadcastArgs", [shape_x, shape_y], {}, "BroadcastArgs")


# -- linspace and meshgrid: composed of other ops, as in TF ---------------------------------------
def linspace(start, stop, num, name=None, axis=0):
    """`num` evenly spaced values from start to stop (both included), along `axis`."""
    with name_scope(name, "linspace", [start, stop]):
        start = convert_to_tensor(start, name="start")
        stop = convert_to_tensor(stop, name="stop", dtype=start.dtype)
        num_int = convert_to_tensor(num, name="num")
        shape_of = broadcast_dynamic_shape(array_ops.shape(start), array_ops.shape(stop))
        start = array_ops.broadcast_to(start, shape_of)
        stop = array_ops.broadcast_to(stop, shape_of)
        expanded_start = array_ops.expand_dims(start, axis=axis)
        expanded_stop = array_ops.expand_dims(stop, axis=axis)
        rank = expanded_start.shape.rank
        axis = axis if axis >= 0 else rank + axis
        num_fill = math_ops.maximum(num_int - 2, 0)
        n_steps = math_ops.maximum(num_int - 1, 1)
        delta = (expanded_stop - expanded_start) / math_ops.cast(n_steps, expanded_stop.dtype)
        expanded_start = math_ops.cast(expanded_start, delta.dtype)
        expanded_stop = math_ops.cast(expanded_stop, delta.dtype)
        steps = math_ops.cast(
            math_ops.range(1, math_ops.cast(n_steps, dtypes.int64), dtype=dtypes.int64), delta.dtype
        )
        range_shape = [num_fill if d == axis else 1 for d in range(rank)]
        steps = array_ops.reshape(steps, array_ops.stack(range_shape))
        middle = expanded_start + delta * steps
        whole = array_ops.concat([expanded_start, middle, expanded_stop], axis=axis)
        size = [num_int if d == axis else -1 for d in range(rank)]
        return array_ops.slice(whole, [0] * rank, array_ops.stack(size))


def meshgrid(*args, **kwargs):
    """Coordinate grids: N 1-D tensors in, N N-D tensors out ('xy' swaps the first two axes)."""
    indexing = kwargs.pop("indexing", "xy")
    name = kwargs.pop("name", "meshgrid")
    if kwargs:
        raise TypeError(
            "'{}' is an invalid keyword argument for this function".format(list(kwargs)[0])
        )
    if indexing not in ("xy", "ij"):
        raise ValueError(
            "Argument `indexing` parameter must be either 'xy' or 'ij', got '%s'" % indexing
        )
    with name_scope(name, "meshgrid", args):
        ndim = len(args)
        if not ndim:
            return []
        ones_shape = (1,) * ndim
        output = [
            array_ops.reshape(array_ops.stack(x), ones_shape[:i] + (-1,) + ones_shape[i + 1 :])
            for i, x in enumerate(args)
        ]
        shapes = [array_ops.size(x) for x in args]
        output_dtype = convert_to_tensor(args[0]).dtype
        if indexing == "xy" and ndim > 1:
            output[0] = array_ops.reshape(output[0], (1, -1) + (1,) * (ndim - 2))
            output[1] = array_ops.reshape(output[1], (-1, 1) + (1,) * (ndim - 2))
            shapes[0], shapes[1] = shapes[1], shapes[0]
        mult_fact = array_ops.ones(array_ops.stack(shapes), output_dtype)
        return [x * mult_fact for x in output]
