"""tf.math.bincount: how often each integer occurs, as one `DenseBincount` op.

    tf.math.bincount([1, 3, 3])                 ->  [0 1 0 2]    (bins 0..max)
    tf.math.bincount([1, 3, 3], minlength=6)    ->  [0 1 0 2 0 0]
    tf.math.bincount([1, 3, 3], maxlength=2)    ->  [0 1]        (3 is dropped)

TensorFlow 2 works out the number of bins with ordinary ops (max + 1, or 0 for an empty input,
then clipped to [minlength, maxlength]) and hands it to the `DenseBincount` kernel, so a graph
holds Size, Greater, Max, Maximum, Minimum... before the op.  learntf builds the same recipe.
Ragged tensors count the values of each row with it (RaggedTensor.from_value_rowids,
tf.ragged.segment_ids_to_row_splits: unit 16).
"""

import numpy as np

from learntf import dtypes, errors
from learntf.framework.apply import ShapeError, apply_op
from learntf.framework.constant_op import constant, convert_to_tensor
from learntf.framework.graph import name_scope
from learntf.framework.op_registry import no_gradient_in_tensorflow, register_op
from learntf.framework.tensor_shape import TensorShape
from learntf.framework.tensor_util import inferred_value
from learntf.ops import array_ops, math_ops
from learntf.ops.mask_ops import max_of_all
from learntf.ops.shape_inference import check_index_dtype


# -- DenseBincount(input, size, weights), attr binary_output ------------------------------------
# input: int32/int64 values of rank 1 (or 2: one count per row); size: how many bins; weights:
# empty for plain counts, else one weight per input value, added to its bin.  Values >= size
# are dropped.  The output's dtype is the weights' (attr T), also when weights is empty.
def _dense_bincount_infer(input, size, weights, binary_output):  # TF's name
    check_index_dtype("input", input)
    check_index_dtype("size", size)
    if size.shape.rank not in (None, 0):
        raise ShapeError("Shape must be rank 0 but is rank %d" % size.shape.rank)
    if input.shape.rank is not None and input.shape.rank > 2:
        raise ShapeError("Shape must be at most rank 2 but is rank %d" % input.shape.rank)
    known = inferred_value(size)
    bins = None if known is None else int(known)
    if input.shape.rank == 2:
        return [(weights.dtype, TensorShape([None, bins]))]
    if input.shape.rank is None:
        return [(weights.dtype, TensorShape(None))]
    return [(weights.dtype, TensorShape([bins]))]


def _dense_bincount_kernel(input, size, weights, binary_output):
    size = int(size)
    if size < 0:
        raise errors.InvalidArgumentError(None, None, "size (%d) must be non-negative" % size)
    if input.size and input.min() < 0:
        raise errors.InvalidArgumentError(
            None,
            None,
            "Input arr must be non-negative!\n(learntf: bincount counts the values "
            "0, 1, 2...; a negative value has no bin.)",
        )
    rows = np.atleast_2d(input)
    weighted = weights.size > 0
    if weighted:
        weights = np.reshape(weights, rows.shape)
    result = np.zeros((rows.shape[0], size), dtype=weights.dtype)
    for row, values in enumerate(rows):
        keep = values < size  # values past the last bin are dropped
        counts = np.bincount(
            values[keep], minlength=size, weights=weights[row][keep] if weighted else None
        )
        result[row] = (counts > 0) if binary_output else counts
    return result if input.ndim == 2 else result[0]


register_op(
    "DenseBincount",
    ["input", "size", "weights"],
    _dense_bincount_infer,
    _dense_bincount_kernel,
    type_input=2,
)
no_gradient_in_tensorflow("DenseBincount")  # (TF registers none: LookupError, as TF)


def bincount(
    arr,
    weights=None,
    minlength=None,
    maxlength=None,
    dtype=dtypes.int32,
    name=None,
    axis=None,
    binary_output=False,
):
    """`tf.math.bincount`: bin i counts the elements of `arr` equal to i (or sums their
    `weights`); max(arr) + 1 bins, at least `minlength`, at most `maxlength`."""
    with name_scope(name or "bincount"):
        arr = convert_to_tensor(arr, name="arr")
        if weights is not None:
            weights = convert_to_tensor(weights, name="weights")
            if binary_output:
                raise ValueError(
                    "Arguments `binary_output` and `weights` are mutually "
                    "exclusive. Please specify only one."
                )
        if not arr.dtype.is_integer:
            arr = math_ops.cast(arr, dtypes.int32)
        axis = 0 if axis is None else axis
        if axis != 0:
            raise NotImplementedError(
                "learntf's bincount counts over all of `arr` (axis=0 or "
                "None); got axis=%r." % (axis,)
            )
        output_size = _number_of_bins(arr, minlength, maxlength)
        if weights is not None:
            weights = array_ops.reshape(weights, [-1])
        arr = array_ops.reshape(arr, [-1])
        if weights is None:  # an empty weights tensor says "count"; its dtype is the result's
            weights = constant([], dtype=dtypes.as_dtype(dtype or arr.dtype))
        return apply_op(
            "DenseBincount",
            [arr, output_size, weights],
            {"binary_output": bool(binary_output)},
            "DenseBincount",
        )


def _number_of_bins(arr, minlength, maxlength):
    """max(arr) + 1 (0 when arr is empty), then at least minlength and at most maxlength."""
    nonempty = array_ops.size(arr) > 0
    output_size = math_ops.cast(nonempty, arr.dtype) * (max_of_all(arr) + 1)
    if minlength is not None:
        minlength = convert_to_tensor(minlength, name="minlength", dtype=arr.dtype)
        output_size = apply_op("Maximum", [minlength, output_size], {}, "Maximum")
    if maxlength is not None:
        maxlength = convert_to_tensor(maxlength, name="maxlength", dtype=arr.dtype)
        output_size = apply_op("Minimum", [maxlength, output_size], {}, "Minimum")
    return output_size
