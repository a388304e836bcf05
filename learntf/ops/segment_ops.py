"""Sorted segment reductions beyond the sum, and scattering into an existing tensor.

`tf.math.segment_mean/max/min/prod` combine the rows that share a (sorted) segment id, as
`segment_sum` (ops/gather_ops.py) does; `tf.tensor_scatter_nd_update/add/sub` write rows
into a copy of a tensor at index tuples, as `scatter_nd` writes into zeros.
"""

import numpy as np

from learntf import errors
from learntf.framework.apply import apply_op
from learntf.framework.constant_op import convert_to_tensor
from learntf.framework.op_registry import register_gradient, register_op
from learntf.ops import array_ops, gather_ops, math_ops


# -- sorted segment reductions -------------------------------------------------------------------
def _check_sorted(segment_ids):
    if np.any(segment_ids < 0):
        raise errors.InvalidArgumentError(None, None, "segment ids must be >= 0")
    if np.any(np.diff(segment_ids) < 0):
        raise errors.InvalidArgumentError(None, None, "segment ids are not increasing")


def _sorted_segment_kernel(reduce, empty):
    def kernel(data, segment_ids):
        _check_sorted(segment_ids)
        rows = int(segment_ids[-1]) + 1 if segment_ids.size else 0
        result = np.full((rows,) + data.shape[1:], empty(data.dtype), dtype=data.dtype)
        for segment in np.unique(segment_ids):
            result[segment] = reduce(data[segment_ids == segment], axis=0)
        return result

    return kernel


def _mean(rows, axis):
    return (
        np.mean(rows, axis=axis).astype(rows.dtype)
        if rows.dtype.kind != "f"
        else (np.sum(rows, axis=axis) / rows.shape[0]).astype(rows.dtype)
    )


_SORTED = {
    "SegmentMean": (_mean, lambda dtype: 0),
    "SegmentProd": (np.prod, lambda dtype: 1),
    "SegmentMax": (np.max, lambda dtype: 0),  # empty segments hold 0, as in TF
    "SegmentMin": (np.min, lambda dtype: 0),
}
for _op_type, (_reduce, _empty) in _SORTED.items():
    register_op(
        _op_type,
        ["data", "segment_ids"],
        gather_ops._sorted_segment_infer,
        _sorted_segment_kernel(_reduce, _empty),
    )


def _segment_function(op_type):
    def fn(data, segment_ids, name=None):
        return apply_op(op_type, [data, segment_ids], {}, name or op_type)

    fn.__name__ = "segment_" + op_type[len("Segment") :].lower()
    fn.__doc__ = "output[i] combines (%s) the rows data[j] with segment_ids[j] == i." % (
        op_type[len("Segment") :].lower()
    )
    return fn


segment_mean = _segment_function("SegmentMean")
segment_prod = _segment_function("SegmentProd")
segment_max = _segment_function("SegmentMax")
segment_min = _segment_function("SegmentMin")


@register_gradient("SegmentMean")
def _segment_mean_grad(op, grad):
    ids = op.inputs[1]
    ones = array_ops.ones_like(ids, dtype=grad.dtype)
    counts = gather_ops.segment_sum(ones, ids)
    counts = array_ops.reshape(
        counts,
        array_ops.concat(
            [array_ops.shape(counts), array_ops.ones([array_ops.rank(grad) - 1], "int32")], 0
        ),
    )
    return [array_ops.gather(grad / counts, ids), None]


def _min_or_max_grad(op, grad):
    """Split each segment's gradient evenly among the entries that hold its max (min)."""
    data, ids = op.inputs
    zeros = array_ops.zeros_like(data)
    is_selected = math_ops.equal(data, array_ops.gather(op.outputs[0], ids))
    num_selected = gather_ops.segment_sum(math_ops.cast(is_selected, grad.dtype), ids)
    gathered = array_ops.gather(math_ops.divide(grad, num_selected), ids)
    return [array_ops.where_v2(is_selected, gathered, zeros), None]


register_gradient("SegmentMax")(_min_or_max_grad)
register_gradient("SegmentMin")(_min_or_max_grad)


@register_gradient("SegmentProd")
def _segment_prod_grad(op, grad):
    # (TF also handles zeros in a segment; this is its no-zero case: product / entry)
    data, ids = op.inputs
    return [array_ops.gather(op.outputs[0] * grad, ids) / data, None]


# -- tensor_scatter_nd_*: index tuples into a copy of a tensor ------------------------------------
def _tensor_scatter_infer(tensor, indices, updates, **attrs):
    gather_ops._check_index_dtype("ScatterNd", "indices", indices)
    return [(tensor.dtype, tensor.shape)]


def scatter_nd_into(array, indices, updates, write):
    """`write(array, at, rows)` for TF's scatter_nd indices (their last axis indexes `array`'s
    first dims), after TF's check that each index lies inside `array` (tensor_scatter_nd_* and
    the variables' scatter_nd_* methods share it)."""
    depth = indices.shape[-1]
    flat = indices.reshape(-1, depth)
    bad = np.any((flat < 0) | (flat >= np.asarray(array.shape[:depth])), axis=1)
    if np.any(bad):
        i = int(np.argmax(bad))
        raise errors.InvalidArgumentError(
            None,
            None,
            "indices[%d] = [%s] does not index into shape [%s]"
            % (i, ", ".join(map(str, flat[i])), ",".join(map(str, array.shape))),
        )
    rows = updates.reshape((flat.shape[0],) + array.shape[depth:])
    write(array, tuple(flat.T), rows)


def _tensor_scatter_kernel(write):
    def kernel(tensor, indices, updates, **attrs):
        result = np.array(tensor, copy=True)
        scatter_nd_into(result, indices, updates, write)
        return result

    return kernel


def _assign(result, at, rows):
    result[at] = rows


_SCATTERS = {
    "TensorScatterUpdate": _assign,
    "TensorScatterAdd": lambda result, at, rows: np.add.at(result, at, rows),
    "TensorScatterSub": lambda result, at, rows: np.subtract.at(result, at, rows),
}
for _op_type, _write in _SCATTERS.items():
    register_op(
        _op_type,
        ["tensor", "indices", "updates"],
        _tensor_scatter_infer,
        _tensor_scatter_kernel(_write),
        type_input=0,
    )


def _scatter_function(op_type, doc):
    def fn(tensor, indices, updates, name=None):
        tensor = convert_to_tensor(tensor, name="tensor")
        indices = convert_to_tensor(indices, name="indices")
        updates = convert_to_tensor(updates, dtype=tensor.dtype, name="updates")
        return apply_op(op_type, [tensor, indices, updates], {}, name or op_type)

    fn.__doc__ = doc
    return fn


tensor_scatter_nd_update = _scatter_function(
    "TensorScatterUpdate", "A copy of `tensor` with the rows at `indices` replaced by `updates`."
)
tensor_scatter_nd_add = _scatter_function(
    "TensorScatterAdd", "A copy of `tensor` with `updates` added at `indices`."
)
tensor_scatter_nd_sub = _scatter_function(
    "TensorScatterSub", "A copy of `tensor` with `updates` subtracted at `indices`."
)


@register_gradient("TensorScatterUpdate")
def _tensor_scatter_update_grad(op, grad):
    indices = op.inputs[1]
    updates_grad = gather_ops.gather_nd(grad, indices)
    tensor_grad = tensor_scatter_nd_update(
        math_ops.identity(grad), indices, array_ops.zeros_like(op.inputs[2])
    )
    return [tensor_grad, None, updates_grad]


@register_gradient("TensorScatterAdd")
def _tensor_scatter_add_grad(op, grad):
    return [math_ops.identity(grad), None, gather_ops.gather_nd(grad, op.inputs[1])]


@register_gradient("TensorScatterSub")
def _tensor_scatter_sub_grad(op, grad):
    return [math_ops.identity(grad), None, -gather_ops.gather_nd(grad, op.inputs[1])]
