"""Shape and dtype inference helpers shared by the op definitions.

Every op's `infer` function receives its input tensors (with their static dtype and
TensorShape) and its attrs, and returns one `(dtype, shape)` pair per output.  Unknown
dimensions (None) flow through; a definite mismatch raises `ShapeError`, which `apply_op`
turns into TensorFlow's ValueError naming the op and the input shapes.
"""
import numpy as np

from learntf import dtypes
from learntf.framework.apply import ShapeError
from learntf.framework.tensor_shape import TensorShape

FLOAT_TYPES = (dtypes.float16, dtypes.float32, dtypes.float64)
REAL_TYPES = FLOAT_TYPES + (dtypes.int8, dtypes.int16, dtypes.int32, dtypes.int64,
                            dtypes.uint8, dtypes.uint16)
NUMERIC_TYPES = REAL_TYPES + (dtypes.complex64, dtypes.complex128)


def check_dtype(op_name, arg_name, tensor, allowed):
    """TF's TypeError when `tensor`'s dtype is not one the op accepts."""
    if tensor.dtype not in allowed:
        raise TypeError(
            "Value passed to parameter '%s' has DataType %s not in list of allowed values: %s"
            "\n(learntf: %s needs %s input; use tf.cast(x, tf.float32) first.)"
            % (arg_name, tensor.dtype.name, ", ".join(d.name for d in allowed), op_name,
               "a floating-point" if allowed == FLOAT_TYPES else "a numeric"))


def broadcast_shape(a, b):
    """NumPy broadcasting on partially known shapes; ShapeError if two dims can't match."""
    if a.rank is None or b.rank is None:
        return TensorShape(None)
    a_dims, b_dims = a.as_list(), b.as_list()
    rank = max(len(a_dims), len(b_dims))
    a_dims = [1] * (rank - len(a_dims)) + a_dims
    b_dims = [1] * (rank - len(b_dims)) + b_dims
    result = []
    for x, y in zip(a_dims, b_dims):
        if x == 1:
            result.append(y)
        elif y == 1:
            result.append(x)
        elif x is None:
            result.append(y)
        elif y is None or x == y:
            result.append(x)
        else:
            raise ShapeError("Dimensions must be equal, but are %d and %d" % (x, y),
                             "the shapes %s and %s cannot be broadcast together; check which "
                             "axis is which, or reshape one operand (e.g. tf.reshape(y, "
                             "[-1, 1]))" % (a, b))
    return TensorShape(result)


def normalize_axes(axis, rank, op_name="reduction"):
    """`axis` (None, int, sequence or NumPy array) as a sorted tuple of non-negative axes."""
    if axis is None:
        return None if rank is None else tuple(range(rank))
    axes = tuple(int(a) for a in np.reshape(axis, -1))
    if rank is None:
        return axes
    result = []
    for a in axes:
        if not -rank <= a < rank:
            raise ShapeError("Invalid reduction dimension %d for input with %d dimensions." % (a, rank))
        result.append(a % rank)
    return tuple(sorted(set(result)))


def reduced_shape(shape, axis, keepdims):
    if shape.rank is None:
        return TensorShape(None)
    axes = normalize_axes(axis, shape.rank)
    dims = shape.as_list()
    if keepdims:
        return TensorShape([1 if i in axes else d for i, d in enumerate(dims)])
    return TensorShape([d for i, d in enumerate(dims) if i not in axes])


INDEX_TYPES = (dtypes.int32, dtypes.int64)


def check_index_dtype(arg_name, tensor, allowed=INDEX_TYPES):
    """TF's TypeError when a shape, axis or index input is not an integer tensor."""
    if tensor.dtype not in allowed:
        raise TypeError("Value passed to parameter '%s' has DataType %s not in list of allowed "
                        "values: %s" % (arg_name, tensor.dtype.name,
                                        ", ".join(d.name for d in allowed)))


def reshaped(input_shape, requested):
    """The static shape of Reshape's output, as TF's shape function finds it: `requested` is
    the shape tensor's partially known value (None for unknown or -1 dims); one unknown dim is
    filled in when the element counts tell it."""
    if requested.rank is None or input_shape.rank is None:
        return requested
    out = requested.as_list()
    out_unknown = [i for i, d in enumerate(out) if d is None]
    in_dims = input_shape.as_list()
    in_unknown = [i for i, d in enumerate(in_dims) if d is None]
    if len(out_unknown) > 1 or len(in_unknown) > 1:
        return requested
    known_out = int(np.prod([d for d in out if d is not None], dtype=np.int64))
    known_in = int(np.prod([d for d in in_dims if d is not None], dtype=np.int64))
    if not in_unknown and not out_unknown:
        if known_in != known_out:
            raise ShapeError("Cannot reshape a tensor with %d elements to shape %s (%d elements)"
                             % (known_in, requested.proto_str(), known_out),
                             "the number of elements must stay the same")
    elif not in_unknown and known_out > 0:
        if known_in % known_out:
            raise ShapeError("Dimension size must be evenly divisible by %d but is %d"
                             % (known_out, known_in),
                             "the number of elements must stay the same")
        out[out_unknown[0]] = known_in // known_out
    elif in_unknown and out_unknown and known_in == known_out:
        out[out_unknown[0]] = in_dims[in_unknown[0]]
    return TensorShape(out)
