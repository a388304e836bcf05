"""`tf.sets`: set operations along the last axis, whose results are SparseTensors.

The ops (DenseToDense/DenseToSparse/SparseToSparseSetOperation, SetSize) are registered in
learntf/ops/set_ops.py; here their (indices, values, shape) become SparseTensors.
"""

from learntf.framework.apply import apply_op
from learntf.framework.constant_op import convert_to_tensor
from learntf.ops.set_ops import VALID_DTYPES
from learntf.sparse.sparse_tensor import SparseTensor


def _convert(a, b):
    a = a if isinstance(a, SparseTensor) else convert_to_tensor(a, name="a")
    if a.dtype not in VALID_DTYPES:
        raise TypeError(
            "'a' has invalid dtype `<dtype: '%s'>` not in supported dtypes: `%s`."
            % (a.dtype.name, "frozenset({%s})" % ", ".join(repr(d) for d in VALID_DTYPES))
        )
    b = b if isinstance(b, SparseTensor) else convert_to_tensor(b, name="b")
    if b.dtype != a.dtype:
        raise TypeError("Types don't match, %r vs %r." % (a.dtype, b.dtype))
    if isinstance(a, SparseTensor) and not isinstance(b, SparseTensor):
        return b, a, True
    return a, b, False


def _set_operation(a, b, set_operation, validate_indices=True):
    attrs = {"set_operation": set_operation, "validate_indices": validate_indices}
    if isinstance(a, SparseTensor):
        inputs = [a.indices, a.values, a.dense_shape, b.indices, b.values, b.dense_shape]
        op_type = "SparseToSparseSetOperation"
    elif isinstance(b, SparseTensor):
        inputs = [a, b.indices, b.values, b.dense_shape]
        op_type = "DenseToSparseSetOperation"
    else:
        inputs, op_type = [a, b], "DenseToDenseSetOperation"
    indices, values, shape = apply_op(op_type, inputs, attrs, op_type)
    return SparseTensor(indices, values, shape)


def set_intersection(a, b, validate_indices=True):
    """The values in both a's and b's set, per row of the last axis."""
    a, b, _ = _convert(a, b)
    return _set_operation(a, b, "intersection", validate_indices)


def set_union(a, b, validate_indices=True):
    """The values in a's or b's set, per row of the last axis."""
    a, b, _ = _convert(a, b)
    return _set_operation(a, b, "union", validate_indices)


def set_difference(a, b, aminusb=True, validate_indices=True):
    """The values in a's set and not in b's (or b's and not a's if aminusb=False)."""
    a, b, flipped = _convert(a, b)
    if flipped:
        aminusb = not aminusb
    return _set_operation(a, b, "a-b" if aminusb else "b-a", validate_indices)


def set_size(a, validate_indices=True):
    """How many distinct values each set of a SparseTensor holds."""
    if not isinstance(a, SparseTensor):
        raise TypeError("Expected `SparseTensor`, got %s." % a)
    return apply_op(
        "SetSize",
        [a.indices, a.values, a.dense_shape],
        {"validate_indices": validate_indices},
        "SetSize",
    )


intersection = set_intersection
union = set_union
difference = set_difference
size = set_size
