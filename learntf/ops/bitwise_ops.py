"""Bitwise ops on integers (`tf.bitwise`), and what `&`, `|`, `^` and `~` do on tensors.

TF's tensor operators pick by dtype: on bools `x & y` is `tf.logical_and`, `x ^ y` TF's
`logical_xor` and `~x` `tf.logical_not`; on integers they are BitwiseAnd, BitwiseXor and
Invert. Other dtypes reach the bitwise ops and fail their dtype check, as in TF.
"""

import numpy as np

from learntf import dtypes
from learntf.framework.apply import apply_op
from learntf.framework.constant_op import convert_to_tensor
from learntf.framework.op_registry import not_differentiable, register_op
from learntf.ops import math_ops
from learntf.ops.shape_inference import broadcast_shape, check_dtype

INTEGER_TYPES = (dtypes.int8, dtypes.int16, dtypes.int32, dtypes.int64, dtypes.uint8, dtypes.uint16)


def _binary_infer(x, y):
    check_dtype("x", x, INTEGER_TYPES)
    return [(x.dtype, broadcast_shape(x.shape, y.shape))]


def _invert_infer(x):
    check_dtype("x", x, INTEGER_TYPES)
    return [(x.dtype, x.shape)]


for _name, _kernel in (
    ("BitwiseAnd", np.bitwise_and),
    ("BitwiseOr", np.bitwise_or),
    ("BitwiseXor", np.bitwise_xor),
):
    register_op(_name, ["x", "y"], _binary_infer, _kernel, same_dtype=True)
    not_differentiable(_name)  # as TF's bitwise_ops.py
register_op("Invert", ["x"], _invert_infer, np.invert)
not_differentiable("Invert")


def bitwise_and(x, y, name=None):
    return apply_op("BitwiseAnd", [x, y], {}, name or "BitwiseAnd")


def bitwise_or(x, y, name=None):
    return apply_op("BitwiseOr", [x, y], {}, name or "BitwiseOr")


def bitwise_xor(x, y, name=None):
    return apply_op("BitwiseXor", [x, y], {}, name or "BitwiseXor")


def invert(x, name=None):
    return apply_op("Invert", [x], {}, name or "Invert")


def _by_dtype(logical, bitwise):
    """TF's and_/or_/xor_: the logical op on bools, the bitwise one otherwise."""

    def fn(x, y, name=None):
        if convert_to_tensor(x).dtype is dtypes.bool_:
            return logical(x, y, name=name)
        return bitwise(x, y, name=name)

    return fn


and_ = _by_dtype(math_ops.logical_and, bitwise_and)
or_ = _by_dtype(math_ops.logical_or, bitwise_or)
xor_ = _by_dtype(math_ops.logical_xor, bitwise_xor)


def invert_(x, name=None):
    x = convert_to_tensor(x)
    if x.dtype is dtypes.bool_:
        return math_ops.logical_not(x, name=name)
    return invert(x, name=name)
