"""Picking and scattering elements by index: gather, gather_nd, scatter_nd, segment sums.

These are the index ops that ragged and sparse tensors are built on (units 16 and 17): a ragged
row is a gathered run of values, a row sum is a segment sum, and a sparse tensor's values land
in a dense one by scatter_nd.  Each is the other's
gradient -- gather <-> unsorted_segment_sum, gather_nd <-> scatter_nd -- so gradients flow
through ragged and sparse values without any special machinery.
"""

import numpy as np

from learntf import dtypes, errors
from learntf.framework.apply import ShapeError, apply_op
from learntf.framework.constant_op import convert_to_tensor
from learntf.framework.graph import name_scope
from learntf.framework.indexed_slices import IndexedSlices
from learntf.framework.op_registry import register_gradient, register_op
from learntf.framework.tensor_shape import TensorShape
from learntf.framework.tensor_util import constant_value as static_value
from learntf.framework.tensor_util import inferred_value
from learntf.ops import array_ops, math_ops
from learntf.ops.shape_inference import check_dtype

INDEX_TYPES = (dtypes.int32, dtypes.int64)


def _check_index_dtype(op_name, arg_name, tensor):
    check_dtype(arg_name, tensor, INDEX_TYPES, attr=_INDEX_ATTRS[op_name, arg_name])


# TF's type attr of each index input, which TF's eager error names
_INDEX_ATTRS = {
    ("GatherV2", "indices"): "Tindices",
    ("GatherV2", "axis"): "Taxis",
    ("UnsortedSegmentSum", "segment_ids"): "Tindices",
    ("SegmentSum", "segment_ids"): "Tindices",
    ("GatherNd", "indices"): "Tindices",
    ("ScatterNd", "indices"): "Tindices",
}


def _out_of_range(position, index, limit):
    """TF's words: `indices[0,1] = 5 is not in [0, 3)` (`indices = 5` for a scalar index)."""
    where = "[%s]" % ",".join(str(int(i)) for i in position) if len(position) else ""
    return errors.InvalidArgumentError(
        None, None, "indices%s = %s is not in [0, %d)" % (where, int(index), limit)
    )


# -- gather: params[indices] along an axis -----------------------------------------------------
# GatherV2(params, indices, axis), the axis a tensor input (`GatherV2/axis`), attr batch_dims.
def _gather_infer(params, indices, axis, batch_dims):
    _check_index_dtype("GatherV2", "indices", indices)
    _check_index_dtype("GatherV2", "axis", axis)
    axis_value = inferred_value(axis)
    if params.shape.rank is None or indices.shape.rank is None:
        return [(params.dtype, TensorShape(None))]
    dims = params.shape.as_list()
    if axis_value is None:
        rank = len(dims) - 1 + indices.shape.rank - _batch_dims(batch_dims, indices.shape.rank)
        return [(params.dtype, TensorShape([None] * rank))]
    if batch_dims != 0:
        batch = _batch_dims(batch_dims, indices.shape.rank)
        axis_value = int(axis_value) % max(len(dims), 1)
        index_dims = indices.shape.as_list()[batch:]
        return [
            (params.dtype, TensorShape(dims[:axis_value] + index_dims + dims[axis_value + 1 :]))
        ]
    axis_value = int(axis_value)
    if not -len(dims) <= axis_value < max(len(dims), 1):
        raise ShapeError(
            "Shape must be at least rank %d but is rank %d"
            % ((axis_value if axis_value >= 0 else -axis_value - 1) + 1, len(dims))
        )
    axis_value %= max(len(dims), 1)
    return [
        (
            params.dtype,
            TensorShape(dims[:axis_value] + indices.shape.as_list() + dims[axis_value + 1 :]),
        )
    ]


def _batch_dims(batch_dims, indices_rank):
    """batch_dims as a non-negative count (a negative one counts from indices' rank)."""
    return batch_dims + indices_rank if batch_dims < 0 else batch_dims


def _batched_gather(params, indices, axis, batch_dims):
    """GatherV2 with batch_dims leading axes shared by params and indices: one gather per
    batch element, along `axis` of that element."""
    batch = _batch_dims(batch_dims, indices.ndim)
    axis = int(axis) % params.ndim
    if params.shape[:batch] != indices.shape[:batch]:
        raise errors.InvalidArgumentError(
            None,
            None,
            "params.shape[%d]: %d should be equal to indices.shape[%d]: %d"
            % (batch - 1, params.shape[batch - 1], batch - 1, indices.shape[batch - 1]),
        )
    shape = params.shape[:axis] + indices.shape[batch:] + params.shape[axis + 1 :]
    parts = [
        _gather_kernel(params[index], indices[index], axis - batch, 0)
        for index in np.ndindex(*params.shape[:batch])
    ]
    return np.asarray(parts, dtype=params.dtype).reshape(shape)


def _gather_kernel(params, indices, axis, batch_dims):
    if batch_dims != 0:
        return _batched_gather(params, indices, axis, batch_dims)
    axis = int(axis)
    if not -params.ndim <= axis < max(params.ndim, 1):  # (TF's eager words, as _gather_infer)
        raise errors.InvalidArgumentError(
            None,
            None,
            "Shape must be at least rank %d but is rank %d"
            % ((axis if axis >= 0 else -axis - 1) + 1, params.ndim),
        )
    size = params.shape[axis]
    bad = (indices < 0) | (indices >= size)
    if np.any(bad):
        where = tuple(np.argwhere(bad)[0])
        raise _out_of_range(where, indices[where], size)
    return np.take(params, indices, axis=axis)


register_op(
    "GatherV2", ["params", "indices", "axis"], _gather_infer, _gather_kernel, type_attr="Tparams"
)


def gather(params, indices, validate_indices=None, name=None, axis=None, batch_dims=0):
    """`params[indices]` along `axis`: the rows (or slices) that `indices` names, in order."""
    if axis is None:
        axis = batch_dims
    if static_value(axis) == 0 and hasattr(params, "sparse_read"):
        return params.sparse_read(indices, name=name)  # a variable reads only those rows
    return apply_op(
        "GatherV2", [params, indices, axis], {"batch_dims": batch_dims}, name or "GatherV2"
    )


# -- unsorted segment reductions: combine the rows that share a segment id ----------------------
def _segment_infer(data, segment_ids, num_segments):
    _check_index_dtype("UnsortedSegmentSum", "segment_ids", segment_ids)
    known = inferred_value(num_segments)
    if data.shape.rank is None or segment_ids.shape.rank is None:
        return [(data.dtype, TensorShape(None))]
    inner = data.shape.as_list()[segment_ids.shape.rank :]
    return [(data.dtype, TensorShape([None if known is None else int(known)] + inner))]


def _segment_kernel(combine, start):
    def kernel(data, segment_ids, num_segments):
        count = int(num_segments)
        ids = np.asarray(segment_ids).reshape(-1)
        if np.any(ids >= count):
            bad = int(np.argmax(ids >= count))
            raise errors.InvalidArgumentError(
                None, None, "segment_ids[%d] = %d is out of range [0, %d)" % (bad, ids[bad], count)
            )
        rows = data.reshape((ids.size,) + data.shape[segment_ids.ndim :])
        result = np.full((count,) + rows.shape[1:], start(data.dtype), dtype=data.dtype)
        keep = ids >= 0  # TF drops values whose segment id is negative
        combine.at(result, ids[keep], rows[keep])
        return result

    return kernel


def _lowest(dtype):
    return np.finfo(dtype).min if dtype.kind == "f" else np.iinfo(dtype).min


def _highest(dtype):
    return np.finfo(dtype).max if dtype.kind == "f" else np.iinfo(dtype).max


_SEGMENT_OPS = {
    "UnsortedSegmentSum": (np.add, lambda dtype: 0),
    "UnsortedSegmentProd": (np.multiply, lambda dtype: 1),
    "UnsortedSegmentMax": (np.maximum, _lowest),  # empty segment: lowest value
    "UnsortedSegmentMin": (np.minimum, _highest),
}  # empty segment: highest value
for _name, (_combine, _start) in _SEGMENT_OPS.items():
    register_op(
        _name,
        ["data", "segment_ids", "num_segments"],
        _segment_infer,
        _segment_kernel(_combine, _start),
    )


def _segment_function(op_type):
    def fn(data, segment_ids, num_segments, name=None):
        return apply_op(op_type, [data, segment_ids, num_segments], {}, name or op_type)

    fn.__name__ = "unsorted_segment_" + op_type[len("UnsortedSegment") :].lower()
    fn.__doc__ = (
        "output[i] combines (%s) every data[j] with segment_ids[j] == i."
        % op_type[len("UnsortedSegment") :].lower()
    )
    return fn


unsorted_segment_sum = _segment_function("UnsortedSegmentSum")
unsorted_segment_prod = _segment_function("UnsortedSegmentProd")
unsorted_segment_max = _segment_function("UnsortedSegmentMax")
unsorted_segment_min = _segment_function("UnsortedSegmentMin")


def unsorted_segment_mean(data, segment_ids, num_segments, name=None):
    """The mean of each segment: its sum over how many values it has (1 for an empty one, so
    its mean is 0).  TF builds it from two UnsortedSegmentSum ops, of data and of ones."""
    with name_scope(name, "UnsortedSegmentMean"):
        data = convert_to_tensor(data)
        segment_ids = convert_to_tensor(segment_ids)
        count = _segment_count(data, segment_ids, num_segments)
        summed = unsorted_segment_sum(data, segment_ids, num_segments)
        return summed / count


def _segment_count(data, segment_ids, num_segments):
    """How many values each segment has (at least 1), shaped to divide a segment sum."""
    num_segments = convert_to_tensor(num_segments)
    ones = array_ops.ones(array_ops._shape_internal(segment_ids, optimize=True), dtype=data.dtype)
    count = unsorted_segment_sum(ones, segment_ids, num_segments)
    segments_axis = num_segments[array_ops.newaxis]
    inner_ones = array_ops.ones(
        [array_ops.rank(data) - array_ops.rank(segment_ids)], dtype=num_segments.dtype
    )
    count = array_ops.reshape(count, array_ops.concat([segments_axis, inner_ones], axis=0))
    return math_ops.maximum(count, 1)


# -- sorted segment sums: segment ids are sorted, the output has max id + 1 rows -----------------
def _sorted_segment_infer(data, segment_ids):
    _check_index_dtype("SegmentSum", "segment_ids", segment_ids)
    if data.shape.rank is None:
        return [(data.dtype, TensorShape(None))]
    # (the number of rows is known only when run, even for constant ids, as in TF)
    return [(data.dtype, TensorShape([None] + data.shape.as_list()[1:]))]


def _sorted_segment_sum(data, segment_ids):
    if np.any(segment_ids < 0):
        raise errors.InvalidArgumentError(
            None,
            None,
            "segment ids must be >= 0\n(learntf: tf.math.segment_sum needs sorted, "
            "non-negative ids; tf.math.unsorted_segment_sum drops negative ones.)",
        )
    if np.any(np.diff(segment_ids) < 0):
        raise errors.InvalidArgumentError(
            None,
            None,
            "segment ids are not increasing\n(learntf: sort them, or use "
            "tf.math.unsorted_segment_sum.)",
        )
    rows = int(segment_ids[-1]) + 1 if segment_ids.size else 0
    result = np.zeros((rows,) + data.shape[1:], dtype=data.dtype)
    np.add.at(result, segment_ids, data)
    return result


register_op("SegmentSum", ["data", "segment_ids"], _sorted_segment_infer, _sorted_segment_sum)


def segment_sum(data, segment_ids, name=None):
    """output[i] is the sum of the rows data[j] with segment_ids[j] == i (ids sorted)."""
    return apply_op("SegmentSum", [data, segment_ids], {}, name or "SegmentSum")


# -- gather_nd / scatter_nd: whole index tuples ---------------------------------------------------
def _gather_nd_infer(params, indices):
    _check_index_dtype("GatherNd", "indices", indices)
    if params.shape.rank is None or indices.shape.rank is None:
        return [(params.dtype, TensorShape(None))]
    index_depth = indices.shape.as_list()[-1]
    if index_depth is None:
        return [(params.dtype, TensorShape(None))]
    if index_depth > params.shape.rank:
        raise ShapeError(
            "index innermost dimension length must be <= params rank; saw: %d vs. %d"
            % (index_depth, params.shape.rank)
        )
    return [
        (
            params.dtype,
            TensorShape(indices.shape.as_list()[:-1] + params.shape.as_list()[index_depth:]),
        )
    ]


def _check_nd_indices(indices, shape, what="param shape"):
    depth = indices.shape[-1]
    flat = indices.reshape(-1, depth)
    bad = np.any((flat < 0) | (flat >= np.asarray(shape[:depth])), axis=1)
    if np.any(bad):
        i = int(np.argmax(bad))
        raise errors.InvalidArgumentError(
            None,
            None,
            "indices[%d] = [%s] does not index into %s [%s]"
            % (i, ", ".join(str(v) for v in flat[i]), what, ",".join(str(d) for d in shape)),
        )
    return flat


def _gather_nd_kernel(params, indices):
    if indices.shape[-1] == 0:  # empty index tuples pick the whole of params, every time
        return np.broadcast_to(params, indices.shape[:-1] + params.shape).copy()
    flat = _check_nd_indices(indices, params.shape)
    picked = params[tuple(flat.T)]
    return picked.reshape(indices.shape[:-1] + params.shape[indices.shape[-1] :])


register_op(
    "GatherNd", ["params", "indices"], _gather_nd_infer, _gather_nd_kernel, type_attr="Tparams"
)


def gather_nd(params, indices, name=None):
    """`params[tuple(index)]` for each index tuple in the last axis of `indices`."""
    return apply_op("GatherNd", [params, indices], {}, name or "GatherNd")


def _scatter_nd_infer(indices, updates, shape):
    _check_index_dtype("ScatterNd", "indices", indices)
    known = static_value(shape)
    return [(updates.dtype, TensorShape(None if known is None else [int(d) for d in known]))]


def _scatter_nd_kernel(indices, updates, shape):
    shape = tuple(int(d) for d in shape)
    result = np.zeros(shape, dtype=updates.dtype)
    if indices.shape[-1] == 0:  # empty index tuples: every update adds to the whole result
        return result + updates.reshape((-1,) + shape).sum(axis=0)
    flat = _check_nd_indices(indices, shape, "shape")  # (TF's ScatterNd words)
    rows = updates.reshape((flat.shape[0],) + shape[indices.shape[-1] :])
    np.add.at(result, tuple(flat.T), rows)  # repeated indices add up, as in TF
    return result


register_op(
    "ScatterNd",
    ["indices", "updates", "shape"],
    _scatter_nd_infer,
    _scatter_nd_kernel,
    type_input=1,
)


def scatter_nd(indices, updates, shape, name=None):
    """A zero tensor of `shape` with each update added at its index tuple."""
    indices = convert_to_tensor(indices, name="indices")
    updates = convert_to_tensor(updates, name="updates")
    shape = convert_to_tensor(shape, dtype=indices.dtype, name="shape")
    return apply_op("ScatterNd", [indices, updates, shape], {}, name or "ScatterNd")


# -- gradients ------------------------------------------------------------------------------------
@register_gradient("GatherV2")
def _gather_grad(op, grad):
    """Along axis 0, TF's gradient is IndexedSlices: the incoming gradient's rows (`values`)
    with the row of params each belongs to (`indices`), framework/indexed_slices.py.  Along
    another axis TF gives a dense gradient."""
    params, indices, axis = op.inputs
    if op.attrs["batch_dims"] != 0:
        return [_batch_gather_grad(op, grad), None, None]
    params_shape = array_ops.shape(params)
    indices_size = array_ops.expand_dims(array_ops.size(indices), 0)
    if static_value(axis) == 0:
        values_shape = array_ops.concat([indices_size, params_shape[1:]], 0)
        values = array_ops.reshape(grad, values_shape)
        indices = array_ops.reshape(indices, indices_size)
        return [IndexedSlices(values, indices, params_shape), None, None]
    return [_gather_grad_off_axis_0(params, indices, axis, params_shape, grad), None, None]


def _batch_gather_grad(op, grad):
    """The dense gradient of a gather with batch_dims, along the first axis after the batch
    axes: each batch element's indices shifted into a range of their own, then one
    unsorted_segment_sum over the flattened batch."""
    params, indices, axis = op.inputs
    rank = indices.shape.rank
    batch_dims = (
        op.attrs["batch_dims"] % rank if op.attrs["batch_dims"] < 0 else op.attrs["batch_dims"]
    )
    if static_value(axis) is None or int(static_value(axis)) % params.shape.rank != batch_dims:
        raise NotImplementedError(
            "learntf differentiates tf.gather with batch_dims only along axis=batch_dims."
        )
    params_shape = array_ops.shape(params)
    batch_shape = params_shape[:batch_dims]
    batch_size = math_ops.reduce_prod(batch_shape)
    axis_size = params_shape[batch_dims]
    offsets = math_ops.range(batch_size) * axis_size
    ones = array_ops.ones([rank - batch_dims], dtype=dtypes.int32)
    offsets = array_ops.reshape(offsets, array_ops.concat([batch_shape, ones], 0))
    ids = array_ops.reshape(math_ops.cast(indices, dtypes.int32) + offsets, [-1])
    values = array_ops.reshape(grad, array_ops.concat([[-1], params_shape[batch_dims + 1 :]], 0))
    summed = unsorted_segment_sum(values, ids, batch_size * axis_size)
    return array_ops.reshape(summed, params_shape)


def _gather_grad_off_axis_0(params, indices, axis, params_shape, grad):
    """The dense gradient of a gather along `axis` (TF's ops): move that axis of `grad` to
    the front, add up the slices of each index there, move it back."""
    outer_shape, inner_shape = params_shape[:axis], params_shape[axis:][1:]
    values_shape = array_ops.concat([outer_shape, [-1], inner_shape], 0)
    values_dims = array_ops.size(values_shape)
    axis_dims = array_ops.size(outer_shape)
    no_batch_axes = math_ops.range(0)  # (TF's batch_dims axes: none here)
    outer_axes = math_ops.range(0, axis_dims)
    inner_axes = math_ops.range(axis_dims + 1, values_dims)
    values = array_ops.reshape(grad, values_shape)
    to_front = array_ops.concat([no_batch_axes, [axis_dims], outer_axes, inner_axes], 0)
    values = array_ops.transpose(values, to_front)
    gather(params_shape, to_front)  # (TF's shape of the moved params, used with batch_dims only)
    axis_size = params_shape[axis]
    indices = array_ops.reshape(indices, array_ops.expand_dims(array_ops.size(indices), 0))
    params_grad = unsorted_segment_sum(values, indices, axis_size)
    back = array_ops.concat([no_batch_axes, outer_axes + 1, [0], inner_axes], 0)
    params_grad = array_ops.transpose(params_grad, back)
    return array_ops.reshape(params_grad, array_ops.shape(params))


def dense_slices(values, indices, dense_shape):
    """TF's IndexedSlices(values, indices, dense_shape) as a dense tensor: the rows of
    `values` added up at their `indices` (how TF turns one into a tensor)."""
    return unsorted_segment_sum(values, indices, dense_shape[0])


@register_gradient("SegmentSum")
def _sorted_segment_sum_grad(op, grad):
    return gather(grad, op.inputs[1]), None


def _gather_drop_negatives(params, ids, clipped_ids=None, is_positive=None):
    """params gathered at `ids`, with 0 where an id is negative (a value a segment op dropped);
    also the ids clipped at 0 and the mask of kept ids, so a second call can reuse them.
    (TF's _GatherDropNegatives.)"""
    if clipped_ids is None:
        clipped_ids = math_ops.maximum(ids, array_ops.zeros_like(ids))
    gathered = gather(params, clipped_ids)
    if is_positive is None:
        is_positive = math_ops.greater_equal(ids, 0)
        # (where_v2 needs the mask in the gathered shape: extra axes of size 1, then broadcast)
        is_positive_shape = array_ops.shape(is_positive)
        extra_dims = array_ops.ones(
            [array_ops.rank(gathered) - array_ops.rank(is_positive)], dtype=is_positive_shape.dtype
        )
        is_positive = array_ops.reshape(
            is_positive, array_ops.concat([is_positive_shape, extra_dims], axis=0)
        )
        is_positive = is_positive & array_ops.ones_like(gathered, dtype=dtypes.bool_)
    zeros = array_ops.zeros_like(gathered)
    return array_ops.where_v2(is_positive, gathered, zeros), clipped_ids, is_positive


@register_gradient("UnsortedSegmentSum")
def _segment_sum_grad(op, grad):
    """Each value's gradient is its segment's gradient; 0 for values that were dropped."""
    return [_gather_drop_negatives(grad, op.inputs[1])[0], None, None]


def _segment_minmax_grad(op, grad):
    """Share each segment's gradient equally among the values equal to its max (or min)."""
    data, segment_ids, num_segments = op.inputs
    gathered_outputs, clipped_ids, is_positive = _gather_drop_negatives(op.outputs[0], segment_ids)
    is_selected = math_ops.logical_and(math_ops.equal(data, gathered_outputs), is_positive)
    num_selected = unsorted_segment_sum(
        math_ops.cast(is_selected, grad.dtype), segment_ids, num_segments
    )
    weighted_grads = math_ops.divide(grad, num_selected)
    gathered_grads = _gather_drop_negatives(weighted_grads, None, clipped_ids, is_positive)[0]
    zeros = array_ops.zeros_like(gathered_grads)
    return [array_ops.where_v2(is_selected, gathered_grads, zeros), None, None]


register_gradient("UnsortedSegmentMax")(_segment_minmax_grad)
register_gradient("UnsortedSegmentMin")(_segment_minmax_grad)


def _clipped(segment_ids):
    """Ids with the dropped (negative) ones pointed at segment 0, for a safe gather."""
    return math_ops.maximum(segment_ids, array_ops.zeros_like(segment_ids))


def _kept(segment_ids, like):
    """1 where a value took part (segment id >= 0), else 0; shaped to multiply a gather."""
    kept = math_ops.cast(segment_ids >= 0, like.dtype)
    for _ in range((like.shape.rank or 1) - (segment_ids.shape.rank or 1)):
        kept = array_ops.expand_dims(kept, -1)
    return kept


@register_gradient("UnsortedSegmentProd")
def _segment_prod_grad(op, grad):
    # d(prod)/d(x_j) = prod / x_j (learntf does not special-case zeros, as TF does)
    data, segment_ids, _ = op.inputs
    ids = _clipped(segment_ids)
    return [gather(grad * op.outputs[0], ids) / data * _kept(segment_ids, data), None, None]


@register_gradient("GatherNd")
def _gather_nd_grad(op, grad):
    params, indices = op.inputs
    shape = array_ops.shape(params, out_type=indices.dtype)
    return [scatter_nd(indices, grad, shape), None]


@register_gradient("ScatterNd")
def _scatter_nd_grad(op, grad):
    return [None, gather_nd(grad, op.inputs[0]), None]
