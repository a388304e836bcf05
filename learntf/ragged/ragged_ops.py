"""The ops behind tf.RaggedTensor: padding to a dense tensor, ragged ranges, row ids <-> splits.

Three ways of saying which row each value belongs to:

    row_splits  = [0, 2, 5, 5, 6]      # row i is values[row_splits[i]:row_splits[i + 1]]
    row lengths = [2, 3, 0, 1]         # row_splits = [0, cumsum(row lengths)]
    segment ids = [0, 0, 1, 1, 1, 3]   # value j belongs to row ids[j]  (rt.value_rowids())

TensorFlow has two kernel ops for ragged tensors that this unit meets: `RaggedTensorToTensor`
(`rt.to_tensor()`: every value to its (row, column) place in a padded tensor) and
`RaggedRange` (`tf.ragged.range`).  The rest are ordinary ops put together in Python, as
TensorFlow puts them together: segment ids are `tf.repeat(tf.range(nrows), row_lengths)`
(ops/mask_ops.py), row lengths from segment ids a `tf.math.bincount` (ops/bincount_ops.py),
splits from lengths a `tf.cumsum`.  So a ragged graph holds the nodes TensorFlow's holds, and
the ops work when the partition is known only at run time (unit 16, "tensors in TF2: strings,
ragged, sparse").
"""

import numpy as np

from learntf import dtypes, errors
from learntf.framework import context
from learntf.framework.apply import ShapeError, apply_op
from learntf.framework.constant_op import convert_to_tensor
from learntf.framework.graph import name_scope
from learntf.framework.op_registry import not_differentiable, register_gradient, register_op
from learntf.framework.tensor_shape import TensorShape
from learntf.framework.tensor_util import inferred_value
from learntf.ops import array_ops, bincount_ops, gather_ops, mask_ops, math_ops
from learntf.ops.gather_ops import static_value


# -- positions of the values in the padded tensor ----------------------------------------------
def value_positions(nested_splits):
    """For each flat value, its index tuple (row, column, ...) in the padded dense tensor."""
    nrows = len(nested_splits[0]) - 1
    coords = np.arange(nrows, dtype=np.int64)[:, None]
    for splits in nested_splits:
        splits = np.asarray(splits, dtype=np.int64)
        lengths = np.diff(splits)
        parent = np.repeat(np.arange(len(lengths)), lengths)
        first = splits[0]
        within = np.arange(splits[-1] - first, dtype=np.int64) - (splits[:-1][parent] - first)
        coords = np.concatenate([coords[parent], within[:, None]], axis=1)
    return coords


def bounding_dims(values_shape, nested_splits, shape=None):
    """The padded tensor's shape: each ragged dimension as long as its longest row; a
    requested `shape` (None or -1 for "as long as needed") pads or cuts to its sizes."""
    dims = [len(nested_splits[0]) - 1]
    for splits in nested_splits:
        lengths = np.diff(np.asarray(splits))
        dims.append(int(lengths.max()) if lengths.size else 0)
    dims += list(values_shape[1:])
    if shape is not None:
        dims = [d if want is None or want < 0 else int(want) for d, want in zip(dims, shape)]
    return dims


# -- RaggedTensorToTensor(shape, values, default_value, row_partition_tensors) ------------------
ROW_SPLITS = "ROW_SPLITS"


def _requested_dims(shape):
    """The `shape` input as a list (None for unknown), or None if its rank is unknown (-1)."""
    if shape is None or np.ndim(shape) == 0:
        return None
    return [None if d < 0 else int(d) for d in np.asarray(shape).tolist()]


def _to_tensor_infer(
    shape,
    values,
    default_value,
    *row_partition_tensors,
    row_partition_types,
    num_row_partition_tensors=None,
):
    ragged_rank = len(row_partition_tensors)
    if values.shape.rank is None:
        return [(values.dtype, TensorShape(None))]
    dims = [None] * (1 + ragged_rank) + values.shape.as_list()[1:]
    splits_length = row_partition_tensors[0].shape
    if splits_length.rank == 1 and splits_length[0] is not None:
        dims[0] = splits_length[0] - 1
    requested = _requested_dims(inferred_value(shape))
    if requested is not None and len(requested) == len(dims):
        dims = [want if want is not None else known for known, want in zip(dims, requested)]
    return [(values.dtype, TensorShape(dims))]


def _to_tensor_kernel(
    shape,
    values,
    default_value,
    *row_partition_tensors,
    row_partition_types,
    num_row_partition_tensors=None,
):
    if any(kind != ROW_SPLITS for kind in row_partition_types):
        raise errors.UnimplementedError(
            None,
            None,
            "learntf's RaggedTensorToTensor takes "
            "ROW_SPLITS partitions only, got %s" % list(row_partition_types),
        )
    dims = bounding_dims(values.shape, row_partition_tensors, _requested_dims(shape))
    result = np.empty(dims, dtype=values.dtype)
    result[...] = default_value
    positions = value_positions(row_partition_tensors)
    inside = np.all(positions < np.asarray(dims[: positions.shape[1]]), axis=1)
    result[tuple(positions[inside].T)] = values[inside]
    return result


register_op(
    "RaggedTensorToTensor",
    ["shape", "values", "default_value", "row_partition_tensors*"],
    _to_tensor_infer,
    _to_tensor_kernel,
    type_input=1,
)


def ragged_tensor_to_tensor(shape, values, default_value, row_partition_tensors, name=None):
    """One `RaggedTensorToTensor` op (TF's gen_ragged_conversion_ops.ragged_tensor_to_tensor),
    every partition given as row_splits."""
    tensors = list(row_partition_tensors)
    return apply_op(
        "RaggedTensorToTensor",
        [shape, values, default_value, tensors],
        {
            "row_partition_types": tuple([ROW_SPLITS] * len(tensors)),
            "num_row_partition_tensors": len(tensors),
        },
        name or "RaggedTensorToTensor",
    )


@register_gradient("RaggedTensorToTensor")
def _to_tensor_grad(op, grad):
    """Which value went where: pad range(nvalues) with -1 the same way, then each value's
    gradient is the padded gradient at its place, and the default value's is the sum of the
    gradient at every padded place (TF's gradient of RaggedTensorToTensor)."""
    values, default_value = op.inputs[1], op.inputs[2]
    partitions = list(op.inputs[3:])
    values_shape = array_ops.shape(values)
    indices = ragged_tensor_to_tensor(
        array_ops.shape(grad)[: 1 + len(partitions)],
        math_ops.range(values_shape[0]),
        -1,
        partitions,
    )
    mask = math_ops.not_equal(indices, -1)
    slice_values = mask_ops.boolean_mask(grad, mask)
    slice_indices = mask_ops.boolean_mask(indices, mask)
    default_grads = mask_ops.boolean_mask(grad, math_ops.logical_not(mask))
    dims_to_reduce = math_ops.range(
        array_ops.rank(default_grads) - _rank_ignoring_leading_ones(default_value)
    )
    default_grad = math_ops.reduce_sum(default_grads, axis=dims_to_reduce)
    default_grad = array_ops.reshape(default_grad, array_ops.shape(default_value))
    # TF keeps the values' gradient as IndexedSlices (slice_values at slice_indices); learntf
    # has none, so it adds them up into a dense tensor, as TF does when it needs the tensor.
    values_grad = gather_ops.dense_slices(slice_values, slice_indices, values_shape)
    return [None, values_grad, default_grad] + [None] * len(partitions)


def _rank_ignoring_leading_ones(value):
    """rank(value), not counting leading dimensions of size 1 (they broadcast)."""
    dims = value.shape.as_list()
    while dims and dims[0] == 1:
        dims = dims[1:]
    if None in dims:
        raise NotImplementedError(
            "learntf: the default value of to_tensor() needs a known shape to be differentiated."
        )
    return len(dims)


# -- RaggedRange(starts, limits, deltas), attr Tsplits: tf.ragged.range -------------------------
# Row i counts from starts[i] towards limits[i] in steps of deltas[i]; a scalar input serves
# every row.  Outputs: the rows' splits (Tsplits), then every row's numbers one after another.
def _range_inputs_infer(starts, limits, deltas, Tsplits):
    for tensor, what in ((starts, "starts"), (limits, "limits"), (deltas, "deltas")):
        if tensor.shape.rank is not None and tensor.shape.rank > 1:
            raise ShapeError(
                "Shape must be at most rank 1 but is rank %d (%s)" % (tensor.shape.rank, what)
            )
    vectors = [t.shape for t in (starts, limits, deltas) if t.shape.rank != 0]
    if not vectors:
        nrows = 1
    else:
        nrows = next(
            (shape[0] for shape in vectors if shape.rank == 1 and shape[0] is not None), None
        )
    return [
        (Tsplits, TensorShape([None if nrows is None else nrows + 1])),
        (starts.dtype, TensorShape([None])),
    ]


def _range_size(start, limit, delta):
    """How many numbers range(start, limit, delta) has (0 if delta points away from limit)."""
    if (delta > 0 and limit < start) or (delta < 0 and limit > start):
        return 0
    if isinstance(start, np.integer):
        return int((abs(int(limit) - int(start)) + abs(int(delta)) - 1) // abs(int(delta)))
    return int(np.ceil(np.abs((limit - start) / delta)))


def _range_kernel(starts, limits, deltas, Tsplits):
    for value, what in ((starts, "starts"), (limits, "limits"), (deltas, "deltas")):
        if value.ndim > 1:
            raise errors.InvalidArgumentError(None, None, "%s must be a scalar or vector" % what)
    sizes = {value.size for value in (starts, limits, deltas) if value.ndim == 1}
    if len(sizes) > 1:
        raise errors.InvalidArgumentError(
            None,
            None,
            "starts, limits, and deltas must have the same shape\n(learntf: one "
            "start, limit and delta per row; a scalar serves every row.)",
        )
    starts, limits, deltas = np.broadcast_arrays(
        *[np.reshape(v, -1) for v in (starts, limits, deltas)]
    )
    rows = []
    for start, limit, delta in zip(starts, limits, deltas):
        if delta == 0:
            raise errors.InvalidArgumentError(None, None, "Requires delta != 0")
        # Each number is the previous one plus delta, rounded as the kernel rounds it.
        steps = np.full(_range_size(start, limit, delta), delta, dtype=starts.dtype)
        if steps.size:
            steps[0] = start
        rows.append(np.add.accumulate(steps, dtype=starts.dtype))
    splits = np.concatenate([[0], np.cumsum([len(row) for row in rows])]).astype(Tsplits.np)
    return splits, np.concatenate(rows + [np.zeros(0, starts.dtype)])


register_op(
    "RaggedRange",
    ["starts", "limits", "deltas"],
    _range_inputs_infer,
    _range_kernel,
    num_outputs=2,
    same_dtype=True,
)
not_differentiable("RaggedRange")  # as TF: ops.no_gradient('RaggedRange')


def ragged_range(starts, limits, deltas, row_splits_dtype, name):
    """One `RaggedRange` op: (row_splits, values)."""
    return apply_op("RaggedRange", [starts, limits, deltas], {"Tsplits": row_splits_dtype}, name)


# -- row ids and row splits ---------------------------------------------------------------------
def row_splits_to_segment_ids(splits, name=None, out_type=None):
    """`tf.ragged.row_splits_to_segment_ids`: the row of each value, from row_splits.

    Row i has row_lengths[i] values, so the ids are each row number repeated that often:
    tf.repeat(tf.range(nrows), row_lengths)."""
    with name_scope(name, "RaggedSplitsToSegmentIds", [splits]):
        splits = convert_to_tensor(splits, name="splits", preferred_dtype=dtypes.int64)
        if splits.dtype not in (dtypes.int32, dtypes.int64):
            raise ValueError("splits must have dtype int32 or int64")
        if splits.shape.rank is not None and splits.shape.rank != 1:
            raise ValueError("Shape %s must have rank 1" % splits.shape)
        if splits.shape.rank == 1 and splits.shape[0] == 0:
            raise ValueError("Invalid row_splits: []")
        out_type = splits.dtype if out_type is None else dtypes.as_dtype(out_type)
        row_lengths = splits[1:] - splits[:-1]
        nrows = array_ops.shape(splits, out_type=out_type)[-1] - 1
        return mask_ops.repeat_with_axis(math_ops.range(nrows), row_lengths, axis=0)


def splits_from_lengths(row_lengths):
    """row_splits from row lengths: [0, then the running total] (Cumsum, ConcatV2)."""
    return array_ops.concat([[0], math_ops.cumsum(row_lengths)], axis=0)


def lengths_from_value_rowids(value_rowids, nrows, dtype):
    """How many values each of `nrows` rows holds, from the row of each value: a bincount of
    the (int32) row ids with exactly nrows bins, counted in `dtype`."""
    return bincount_ops.bincount(value_rowids, minlength=nrows, maxlength=nrows, dtype=dtype)


def segment_ids_to_row_splits(segment_ids, num_segments=None, out_type=None, name=None):
    """`tf.ragged.segment_ids_to_row_splits`: row_splits from the (sorted) row of each value:
    count the values of each row (bincount), then add the counts up (cumsum)."""
    if out_type is None:
        out_type = (
            segment_ids.dtype
            if _is_tensor(segment_ids)
            else (num_segments.dtype if _is_tensor(num_segments) else dtypes.int64)
        )
    out_type = dtypes.as_dtype(out_type)
    with name_scope(name, "SegmentIdsToRaggedSplits", [segment_ids]):
        segment_ids = mask_ops.convert_to_int_tensor(segment_ids, "segment_ids")
        if segment_ids.shape.rank not in (None, 1):
            raise ValueError("Shape %s must have rank 1" % segment_ids.shape)
        if num_segments is not None:
            num_segments = mask_ops.convert_to_int_tensor(num_segments, "num_segments")
            if num_segments.shape.rank not in (None, 0):
                raise ValueError("Shape %s must have rank 0" % num_segments.shape)
        splits = splits_from_lengths(lengths_from_value_rowids(segment_ids, num_segments, out_type))
        known = None if num_segments is None else static_value(num_segments)
        if known is not None and not context.executing_eagerly():
            splits.set_shape([int(known) + 1])
        return splits


def _is_tensor(value):
    return isinstance(getattr(value, "dtype", None), dtypes.DType)
