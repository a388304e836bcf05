"""The registered ops behind tf.RaggedTensor: padding to a dense tensor, and row ids <-> splits.

`RaggedTensorToTensor` is what `rt.to_tensor()` runs: it places every value at its (row,
column) position in a padded tensor.  `RowSplitsToSegmentIds` and `SegmentIdsToRowSplits`
convert between the two ways of saying which row each value belongs to:

    row_splits  = [0, 2, 5, 5, 6]      # row i is values[row_splits[i]:row_splits[i + 1]]
    segment ids = [0, 0, 1, 1, 1, 3]   # value j belongs to row ids[j]  (rt.value_rowids())

These ops take row_splits as inputs, so they also work in graph mode when the splits are only
known at run time (unit 10, "tensors in TF2: strings, ragged, sparse").
"""
import numpy as np

from learntf import dtypes
from learntf.framework.apply import apply_op
from learntf.framework.op_registry import not_differentiable, register_gradient, register_op
from learntf.framework.tensor_shape import TensorShape
from learntf.ops import array_ops, math_ops
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
    """The padded tensor's shape: each ragged dimension as long as its longest row."""
    dims = [len(nested_splits[0]) - 1]
    for splits in nested_splits:
        lengths = np.diff(np.asarray(splits))
        dims.append(int(lengths.max()) if lengths.size else 0)
    dims += list(values_shape[1:])
    if shape is not None:  # to_tensor(shape=...) pads or truncates to a requested shape
        dims = [d if want is None else int(want) for d, want in zip(dims, shape)]
    return dims


def _to_tensor_infer(values, default_value, *nested_splits, shape):
    rank = 1 + len(nested_splits) + ((values.shape.rank or 1) - 1)
    if values.shape.rank is None:
        return [(values.dtype, TensorShape(None))]
    known = [None] * (1 + len(nested_splits)) + values.shape.as_list()[1:]
    first = static_value(nested_splits[0])
    if first is not None:
        known[0] = len(first) - 1
    elif nested_splits[0].shape.rank == 1 and nested_splits[0].shape[0] is not None:
        known[0] = nested_splits[0].shape[0] - 1
    if shape is not None:
        known = [k if want is None else want for k, want in zip(known, shape)]
    return [(values.dtype, TensorShape(known[:rank]))]


def _to_tensor_kernel(values, default_value, *nested_splits, shape):
    dims = bounding_dims(values.shape, nested_splits, shape)
    result = np.empty(dims, dtype=values.dtype)
    result[...] = default_value
    positions = value_positions(nested_splits)
    inside = np.all(positions < np.asarray(dims[:positions.shape[1]]), axis=1)
    result[tuple(positions[inside].T)] = values[inside]
    return result


register_op("RaggedTensorToTensor", ["values", "default_value", "row_splits*"],
            _to_tensor_infer, _to_tensor_kernel)


def _to_tensor_grad_kernel(grad, values, *nested_splits):
    """The gradient of each value: the padded gradient at that value's position (0 if cut)."""
    positions = value_positions(nested_splits)
    result = np.zeros(values.shape, dtype=grad.dtype)
    inside = np.all(positions < np.asarray(grad.shape[:positions.shape[1]]), axis=1)
    result[inside] = grad[tuple(positions[inside].T)]
    return result


register_op("RaggedTensorToTensorGrad", ["grad", "values", "row_splits*"],
            lambda grad, values, *splits: [(grad.dtype, values.shape)], _to_tensor_grad_kernel)


def to_tensor(values, default_value, nested_splits, shape=None, name=None):
    """A padded dense tensor holding the ragged tensor (flat `values`, `nested_splits`)."""
    return apply_op("RaggedTensorToTensor", [values, default_value, list(nested_splits)],
                    {"shape": None if shape is None else tuple(shape)},
                    name or "RaggedTensorToTensor")


@register_gradient("RaggedTensorToTensor")
def _to_tensor_grad(op, grad):
    values, default_value = op.inputs[:2]
    nested_splits = list(op.inputs[2:])
    values_grad = apply_op("RaggedTensorToTensorGrad", [grad, values, nested_splits], {},
                           "RaggedTensorToTensorGrad")
    default_grad = None
    if default_value.shape.rank == 0:  # every padded slot used the default value
        default_grad = math_ops.reduce_sum(grad) - math_ops.reduce_sum(values_grad)
    return [values_grad, default_grad] + [None] * len(nested_splits)


@register_gradient("RaggedTensorToTensorGrad")
def _to_tensor_grad_grad(op, grad):
    grad_in, values = op.inputs[:2]
    nested_splits = list(op.inputs[2:])
    dense = to_tensor(grad, array_ops.zeros([], dtype=grad.dtype), nested_splits,
                      shape=grad_in.shape.as_list() if grad_in.shape.is_fully_defined() else None)
    return [dense, None] + [None] * len(nested_splits)


# -- row ids and row splits ---------------------------------------------------------------------
def _segment_ids_kernel(row_splits):
    lengths = np.diff(row_splits)
    return np.repeat(np.arange(len(lengths), dtype=row_splits.dtype), lengths)


register_op("RowSplitsToSegmentIds", ["row_splits"],
            lambda row_splits: [(row_splits.dtype, TensorShape([None]))], _segment_ids_kernel)


def _row_splits_kernel(segment_ids, num_segments, out_type):
    counts = np.bincount(np.asarray(segment_ids, dtype=np.int64), minlength=int(num_segments))
    return np.concatenate([[0], np.cumsum(counts)]).astype(out_type.np)


def _row_splits_infer(segment_ids, num_segments, out_type):
    known = static_value(num_segments)
    return [(out_type, TensorShape([None if known is None else int(known) + 1]))]


register_op("SegmentIdsToRowSplits", ["segment_ids", "num_segments"], _row_splits_infer,
            _row_splits_kernel)

for _op in ["RowSplitsToSegmentIds", "SegmentIdsToRowSplits"]:
    not_differentiable(_op)


def row_splits_to_segment_ids(splits, name=None, out_type=None):
    """`tf.ragged.row_splits_to_segment_ids`: the row of each value, from row_splits."""
    from learntf.framework.constant_op import convert_to_tensor
    splits = convert_to_tensor(splits, dtype_hint=dtypes.int64, name="splits")
    result = apply_op("RowSplitsToSegmentIds", [splits], {}, name or "RowSplitsToSegmentIds")
    return result if out_type is None else math_ops.cast(result, out_type)


def segment_ids_to_row_splits(segment_ids, num_segments=None, out_type=None, name=None):
    """`tf.ragged.segment_ids_to_row_splits`: row_splits from the (sorted) row of each value."""
    from learntf.framework.constant_op import convert_to_tensor
    segment_ids = convert_to_tensor(segment_ids, dtype_hint=dtypes.int64, name="segment_ids")
    if num_segments is None:
        known = static_value(segment_ids)
        if known is None:
            raise NotImplementedError("learntf needs num_segments when the segment ids are "
                                      "only known at run time.")
        num_segments = int(known.max()) + 1 if known.size else 0
    num_segments = convert_to_tensor(num_segments, name="num_segments")
    out_type = dtypes.as_dtype(out_type) if out_type is not None else segment_ids.dtype
    return apply_op("SegmentIdsToRowSplits", [segment_ids, num_segments],
                    {"out_type": out_type}, name or "SegmentIdsToRowSplits")
