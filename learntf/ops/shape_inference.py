"""Shape and dtype inference helpers shared by the op definitions.

Every op's `infer` function receives its input tensors (with their static dtype and
TensorShape) and its attrs, and returns one `(dtype, shape)` pair per output.  Unknown
dimensions (None) flow through; a definite mismatch raises `ShapeError`, which `apply_op`
turns into TensorFlow's ValueError naming the op and the input shapes.
"""
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
    """`axis` (None, int or sequence) as a sorted tuple of non-negative axes."""
    if axis is None:
        return None if rank is None else tuple(range(rank))
    axes = (axis,) if isinstance(axis, int) else tuple(int(a) for a in axis)
    if rank is None:
        return axes
    result = []
    for a in axes:
        if not -rank <= a < max(rank, 1):
            raise ShapeError("Invalid reduction dimension %d for input with %d dimensions." % (a, rank))
        result.append(a % rank if rank else 0)
    return tuple(sorted(set(result)))


def reduced_shape(shape, axis, keepdims):
    if shape.rank is None:
        return TensorShape(None)
    axes = normalize_axes(axis, shape.rank)
    dims = shape.as_list()
    if keepdims:
        return TensorShape([1 if i in axes else d for i, d in enumerate(dims)])
    return TensorShape([d for i, d in enumerate(dims) if i not in axes])
