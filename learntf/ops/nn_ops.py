"""Neural-network activations: relu, softmax and friends (`tf.nn`).

Lesson 08 builds a ReLU by hand and then with tf.nn.relu; later lessons classify with softmax.
"""
import numpy as np

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


def _softmax(logits, axis=-1):
    shifted = logits - np.max(logits, axis=axis, keepdims=True)  # no overflow for big logits
    e = np.exp(shifted)
    return e / np.sum(e, axis=axis, keepdims=True)


def _log_softmax(logits, axis=-1):
    shifted = logits - np.max(logits, axis=axis, keepdims=True)
    return shifted - np.log(np.sum(np.exp(shifted), axis=axis, keepdims=True))


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


def softmax(logits, axis=None, name=None, dim=None):
    axis = -1 if axis is None and dim is None else (axis if axis is not None else dim)
    return apply_op("Softmax", [logits], {"axis": axis}, name or "Softmax")


def log_softmax(logits, axis=None, name=None, dim=None):
    axis = -1 if axis is None and dim is None else (axis if axis is not None else dim)
    return apply_op("LogSoftmax", [logits], {"axis": axis}, name or "LogSoftmax")


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
