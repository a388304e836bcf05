"""Neural-network activations: relu, softmax and friends (`tf.nn`).

Lesson 08 builds a ReLU by hand and then with tf.nn.relu; later lessons classify with softmax.
"""
import numpy as np

from learntf import errors
from learntf.framework.apply import apply_op
from learntf.framework.constant_op import convert_to_tensor
from learntf.framework.graph import name_scope
from learntf.framework.op_registry import register_op
from learntf.ops import array_ops, math_ops
from learntf.ops.shape_inference import FLOAT_TYPES, REAL_TYPES, check_dtype


def _same(allowed):
    def infer(features, **attrs):
        check_dtype("", "features", features, allowed)
        return [(features.dtype, features.shape)]
    return infer


def _softmax(logits):
    shifted = logits - np.max(logits, axis=-1, keepdims=True)  # no overflow for big logits
    e = np.exp(shifted)
    return e / np.sum(e, axis=-1, keepdims=True)


def _log_softmax(logits):
    shifted = logits - np.max(logits, axis=-1, keepdims=True)
    return shifted - np.log(np.sum(np.exp(shifted), axis=-1, keepdims=True))


def _elu(features):
    # exp(x) - 1 rather than expm1(x): TensorFlow's kernel computes it so, and we match its digits
    with np.errstate(all="ignore"):
        return np.where(features > 0, features, np.exp(features) - 1).astype(features.dtype)


register_op("Relu", ["features"], _same(REAL_TYPES), lambda features: np.maximum(features, 0))
register_op("Relu6", ["features"], _same(REAL_TYPES),
            lambda features: np.clip(features, 0, 6).astype(features.dtype))
register_op("Elu", ["features"], _same(FLOAT_TYPES), _elu)
register_op("Softmax", ["logits"], _same(FLOAT_TYPES), _softmax)
register_op("LogSoftmax", ["logits"], _same(FLOAT_TYPES), _log_softmax)


def relu(features, name=None):
    return apply_op("Relu", [features], {}, name or "Relu")


def relu6(features, name=None):
    return apply_op("Relu6", [features], {}, name or "Relu6")


def elu(features, name=None):
    return apply_op("Elu", [features], {}, name or "Elu")


def _on_last_axis(compute, logits, axis, name):
    """Softmax ops work on the last axis only (no axis attr, as in TF): another axis is swapped
    to the end with a Transpose and back again afterwards, as TF's `_wrap_2d_function` does."""
    logits = convert_to_tensor(logits)
    rank = logits.shape.rank
    if axis == -1 or axis == (None if rank is None else rank - 1):
        return apply_op(compute, [logits], {}, name or compute)
    if rank is None:
        raise NotImplementedError("learntf needs the rank of the logits for a softmax along "
                                  "an axis other than the last.")
    if not -rank <= axis < rank:
        raise errors.InvalidArgumentError(
            None, None, "`dim` must be in the range [%d, %d) where %d is the number of "
            "dimensions in the input. Received: dim=%d" % (-rank, rank, rank, axis))
    ndims = array_ops.rank(logits)
    if axis < 0:
        axis = axis + ndims  # a tensor from here on, as in TF
    input_rank = array_ops.rank(logits)
    dim_axis = axis % rank

    def swap_axis(tensor, name=None):
        last_index = math_ops.subtract(input_rank, 1)
        order = array_ops.concat([math_ops.range(dim_axis), [last_index],
                                  math_ops.range(dim_axis + 1, last_index), [dim_axis]], 0)
        return array_ops.transpose(tensor, order, name=name or "transpose")

    result = swap_axis(apply_op(compute, [swap_axis(logits)], {}, compute), name=name)
    result.set_shape(logits.shape)
    return result


def _axis_argument(axis, dim):
    from learntf.ops.math_ops import _one_of
    axis = _one_of("axis", axis, "dim", dim)
    return -1 if axis is None else axis


def softmax(logits, axis=None, name=None, dim=None):
    """exp(logits) / sum(exp(logits)) along `axis` (the last by default)."""
    return _on_last_axis("Softmax", logits, _axis_argument(axis, dim), name)


def log_softmax(logits, axis=None, name=None, dim=None):
    """logits - log(sum(exp(logits))) along `axis` (the last by default)."""
    return _on_last_axis("LogSoftmax", logits, _axis_argument(axis, dim), name)


def leaky_relu(features, alpha=0.2, name=None):
    with name_scope(name, "LeakyRelu") as scope:
        return math_ops.maximum(math_ops.multiply(features, alpha), features, name=scope)


# -- losses (composites of the ops above, so their gradients come from the same table) -------
def softmax_cross_entropy_with_logits_v2(labels=None, logits=None, axis=-1, name=None, dim=None):
    """-sum(labels * log_softmax(logits)) per example; stable for huge logits (no inf/NaN)."""
    if labels is None or logits is None:
        raise ValueError("Both labels= and logits= must be given (keyword arguments, as in TF).")
    axis = dim if dim is not None else axis
    with name_scope(name, "softmax_cross_entropy_with_logits") as scope:
        log_probs = log_softmax(logits, axis=axis)
        return math_ops.negative(math_ops.reduce_sum(math_ops.multiply(labels, log_probs),
                                                     axis=axis), name=scope)


softmax_cross_entropy_with_logits = softmax_cross_entropy_with_logits_v2


def sigmoid_cross_entropy_with_logits(labels=None, logits=None, name=None):
    """max(x, 0) - x * z + log(1 + exp(-|x|)): the logistic loss, stable for any logit x."""
    if labels is None or logits is None:
        raise ValueError("Both labels= and logits= must be given (keyword arguments, as in TF).")
    with name_scope(name, "logistic_loss") as scope:
        logits = convert_to_tensor(logits, name="logits")
        labels = convert_to_tensor(labels, dtype=logits.dtype, name="labels")
        if not logits.shape.is_compatible_with(labels.shape):
            raise ValueError("logits and labels must have the same shape (%s vs %s)"
                             % (logits.shape, labels.shape))
        return math_ops.add(relu(logits) - logits * labels,
                            math_ops.softplus(-math_ops.abs(logits)), name=scope)


def sparse_softmax_cross_entropy_with_logits(labels=None, logits=None, name=None):
    """Like softmax_cross_entropy_with_logits with labels given as class indices."""
    with name_scope(name, "SparseSoftmaxCrossEntropyWithLogits") as scope:
        logits = convert_to_tensor(logits)
        depth = logits.shape[-1]
        if depth is None:
            raise ValueError("learntf needs the number of classes (last dimension of logits).")
        one_hot = array_ops.one_hot(labels, depth, dtype=logits.dtype)
        return softmax_cross_entropy_with_logits_v2(labels=one_hot, logits=logits, name=scope)


# -- dropout -----------------------------------------------------------------------------------
def dropout(x, rate=None, noise_shape=None, seed=None, name=None, keep_prob=None):
    """Zero each element with probability `rate`, scale the others by 1 / (1 - rate).

    As TF draws it: x * scale, a uniform tensor of the noise shape, kept where it is >= rate
    (`random_uniform(...) >= rate`), zero elsewhere.  TF1's `keep_prob=p` means rate = 1 - p."""
    if rate is None:
        if keep_prob is None:
            raise ValueError("`rate` must be provided. Received: rate=None")
        rate = 1. - keep_prob
    from learntf.ops import random_ops
    with name_scope(name, "dropout", [x]):
        if isinstance(rate, (int, float)) and not 0 <= rate < 1:
            raise ValueError("`rate` must be a scalar tensor or a float in the range [0, 1). "
                             "Received: rate=%s" % rate)
        x = convert_to_tensor(x, name="x")
        if not x.dtype.is_floating:
            raise ValueError("`x.dtype` must be a floating point tensor as `x` will be scaled. "
                             "Received: x_dtype=%s" % x.dtype)
        if isinstance(rate, (int, float)) and rate == 0:
            random_ops.get_seed(seed)  # TF still takes a seed, so later ops get the same ones
            return x
        if not isinstance(rate, (int, float)):
            raise NotImplementedError("dropout with a tensor `rate` is not implemented\n"
                                      "(learntf: pass the rate as a Python float.)")
        scaled = math_ops.multiply(x, convert_to_tensor(1 / (1 - rate), dtype=x.dtype))
        shape = array_ops.shape(x) if noise_shape is None else noise_shape
        noise = random_ops.random_uniform(shape, dtype=x.dtype, seed=seed)
        keep = math_ops.greater_equal(noise, rate)
        return array_ops.where_v2(keep, scaled, convert_to_tensor(0, dtype=x.dtype))
