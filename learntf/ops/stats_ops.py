"""Statistics and norms built from other ops: variance, std, moments, count_nonzero, clipping
by norm; and the IsNan / IsInf checks.

TF composes these from reductions, as here, so their graphs and gradients come from the ops
they use (`tf.nn.moments` is a Mean and a SquaredDifference, `tf.clip_by_global_norm` an
L2Loss per tensor).
"""

from collections import abc

import numpy as np

from learntf import dtypes
from learntf.framework.apply import apply_op
from learntf.framework.constant_op import constant, convert_to_tensor
from learntf.framework.execute import EagerTensor
from learntf.framework.graph import name_scope
from learntf.framework.op_registry import not_differentiable, register_op
from learntf.ops import array_ops, math_ops, nn_ops
from learntf.ops.shape_inference import FLOAT_TYPES, check_dtype


def _check_infer(x):
    check_dtype("x", x, FLOAT_TYPES)
    return [(dtypes.bool_, x.shape)]


register_op("IsNan", ["x"], _check_infer, np.isnan)
register_op("IsInf", ["x"], _check_infer, np.isinf)
not_differentiable("IsNan")
not_differentiable("IsInf")


def is_nan(x, name=None):
    """True where x is nan (op IsNan)."""
    return apply_op("IsNan", [x], {}, name or "IsNan")


def is_inf(x, name=None):
    """True where x is +inf or -inf (op IsInf)."""
    return apply_op("IsInf", [x], {}, name or "IsInf")


def reduce_variance(input_tensor, axis=None, keepdims=False, name=None):
    """The mean squared deviation from the mean."""
    with name_scope(name or "reduce_variance"):
        input_tensor = convert_to_tensor(input_tensor)
        means = math_ops.reduce_mean(input_tensor, axis=axis, keepdims=True)
        if means.dtype.is_integer:
            raise TypeError(
                "Input must be either real or complex. Received integer type <dtype: '%s'>."
                % means.dtype.name
            )
        squared_deviations = math_ops.square(input_tensor - means)
        return math_ops.reduce_mean(squared_deviations, axis=axis, keepdims=keepdims)


def reduce_std(input_tensor, axis=None, keepdims=False, name=None):
    """The standard deviation: the square root of reduce_variance."""
    with name_scope(name or "reduce_std"):
        input_tensor = convert_to_tensor(input_tensor)
        variance = reduce_variance(input_tensor, axis=axis, keepdims=keepdims)
        return math_ops.sqrt(variance)


def count_nonzero(input, axis=None, keepdims=None, dtype=dtypes.int64, name=None):
    """How many entries are not zero (not False, not the empty string), as int64."""
    keepdims = False if keepdims is None else bool(keepdims)
    with name_scope(name, "count_nonzero", [input]):
        input = convert_to_tensor(input, name="input")
        zero = array_ops.zeros([], dtype=input.dtype)
        nonzero = math_ops.cast(math_ops.not_equal(input, zero), dtypes.int64)
        return math_ops.cast(
            math_ops.reduce_sum(nonzero, axis=axis, keepdims=keepdims), dtype=dtype
        )


# -- clipping by norm --------------------------------------------------------------------------
def clip_by_norm(t, clip_norm, axes=None, name=None):
    """t scaled down so that its L2 norm (over `axes`) is at most clip_norm."""
    with name_scope(name, "clip_by_norm", [t, clip_norm]) as scope:
        values = convert_to_tensor(t, name="t")
        l2sum = math_ops.reduce_sum(values * values, axes, keepdims=True)
        pred = l2sum > 0
        l2sum_safe = array_ops.where_v2(pred, l2sum, array_ops.ones_like(l2sum))
        l2norm = array_ops.where_v2(pred, math_ops.sqrt(l2sum_safe), l2sum)
        intermediate = values * clip_norm
        return math_ops.identity(intermediate / math_ops.maximum(l2norm, clip_norm), name=scope)


def _check_sequence(t_list):
    if not isinstance(t_list, abc.Sequence) or isinstance(t_list, str):
        kind = type(t_list)
        if isinstance(t_list, EagerTensor):  # (how TF's message names its tensor classes)
            kind = "<class 'tensorflow.python.framework.ops.EagerTensor'>"
        raise TypeError("`t_list` should be a sequence of tensors. Received %s." % kind)
    return list(t_list)


def global_norm(t_list, name=None):
    """sqrt(sum of every tensor's squared L2 norm): the norm of all of them as one vector."""
    t_list = _check_sequence(t_list)
    with name_scope(name, "global_norm", t_list):
        values = [
            None if t is None else convert_to_tensor(t, name="t_%d" % i)
            for i, t in enumerate(t_list)
        ]
        half_squared_norms = [nn_ops.l2_loss(v) for v in values if v is not None]
        half_squared_norm = math_ops.reduce_sum(array_ops.stack(half_squared_norms))
        return math_ops.sqrt(
            half_squared_norm * constant(2.0, dtype=half_squared_norm.dtype),
            name="global_norm",
        )


def clip_by_global_norm(t_list, clip_norm, use_norm=None, name=None):
    """(the tensors scaled by clip_norm / max(global_norm, clip_norm), the global norm)."""
    t_list = _check_sequence(t_list)
    if use_norm is None:
        use_norm = global_norm(t_list, name)
    with name_scope(name, "clip_by_global_norm", t_list + [clip_norm]) as scope:
        scale_for_finite = clip_norm * math_ops.minimum(
            1.0 / use_norm, constant(1.0, dtype=use_norm.dtype) / clip_norm
        )
        scale = scale_for_finite + (use_norm - use_norm)  # nan when the norm is inf or nan
        clipped = []
        for i, t in enumerate(t_list):
            if t is None:
                clipped.append(None)
                continue
            v = convert_to_tensor(t, name="t_%d" % i)
            clipped.append(
                math_ops.identity(v * math_ops.cast(scale, v.dtype), name="%s_%d" % (scope, i))
            )
        return clipped, use_norm
