"""Neural-network activations: relu, softmax and friends (`tf.nn`).

Lesson 08 builds a ReLU by hand and then with tf.nn.relu; later lessons classify with softmax.
"""
import numpy as np

from learntf.framework.apply import apply_op
from learntf.framework.op_registry import register_op
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
    with np.errstate(all="ignore"):
        return np.where(features > 0, features, np.expm1(features)).astype(features.dtype)


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
    from learntf.ops import math_ops
    from learntf.framework.graph import name_scope
    with name_scope(name, "LeakyRelu") as scope:
        return math_ops.maximum(math_ops.multiply(features, alpha), features, name=scope)
