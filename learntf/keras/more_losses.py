"""More of Keras 3's losses, by function, alias and class: mape, msle, kld, poisson, hinge,
squared_hinge, categorical_hinge, logcosh, cosine_similarity (the formulas of Keras 3's
keras/src/losses/losses.py, in learntf ops)."""

import numpy as np

from learntf.keras.losses import EPSILON, LossFunctionWrapper, _mean_last_axis, _prepare
from learntf.ops import array_ops, math_ops


def mean_absolute_percentage_error(y_true, y_pred):
    y_true, y_pred = _prepare(y_true, y_pred)
    diff = math_ops.abs(
        math_ops.divide(
            math_ops.subtract(y_true, y_pred), math_ops.maximum(math_ops.abs(y_true), EPSILON)
        )
    )
    return math_ops.multiply(100.0, _mean_last_axis(diff))


def mean_squared_logarithmic_error(y_true, y_pred):
    y_true, y_pred = _prepare(y_true, y_pred)
    first = math_ops.log(math_ops.add(math_ops.maximum(y_pred, EPSILON), 1.0))
    second = math_ops.log(math_ops.add(math_ops.maximum(y_true, EPSILON), 1.0))
    return _mean_last_axis(math_ops.square(math_ops.subtract(first, second)))


def kl_divergence(y_true, y_pred):
    y_true, y_pred = _prepare(y_true, y_pred)
    y_true = math_ops.minimum(math_ops.maximum(y_true, EPSILON), 1.0)
    y_pred = math_ops.minimum(math_ops.maximum(y_pred, EPSILON), 1.0)
    terms = math_ops.multiply(y_true, math_ops.log(math_ops.divide(y_true, y_pred)))
    return math_ops.reduce_sum(terms, axis=-1)


def poisson(y_true, y_pred):
    y_true, y_pred = _prepare(y_true, y_pred)
    return _mean_last_axis(
        math_ops.subtract(
            y_pred, math_ops.multiply(y_true, math_ops.log(math_ops.add(y_pred, EPSILON)))
        )
    )


def _hinge_labels(y_true):
    """0/1 labels become -1/+1 (when every label is 0 or 1), as Keras 3 converts them."""
    binary = math_ops.reduce_all(
        math_ops.logical_or(math_ops.equal(y_true, 0.0), math_ops.equal(y_true, 1.0))
    )
    converted = math_ops.subtract(math_ops.multiply(y_true, 2.0), 1.0)
    return array_ops.where_v2(binary, converted, y_true)


def hinge(y_true, y_pred):
    y_true, y_pred = _prepare(y_true, y_pred)
    margin = math_ops.subtract(1.0, math_ops.multiply(_hinge_labels(y_true), y_pred))
    return _mean_last_axis(math_ops.maximum(margin, 0.0))


def squared_hinge(y_true, y_pred):
    y_true, y_pred = _prepare(y_true, y_pred)
    margin = math_ops.subtract(1.0, math_ops.multiply(_hinge_labels(y_true), y_pred))
    return _mean_last_axis(math_ops.square(math_ops.maximum(margin, 0.0)))


def categorical_hinge(y_true, y_pred):
    y_true, y_pred = _prepare(y_true, y_pred)
    pos = math_ops.reduce_sum(math_ops.multiply(y_true, y_pred), axis=-1)
    neg = math_ops.reduce_max(math_ops.multiply(math_ops.subtract(1.0, y_true), y_pred), axis=-1)
    return math_ops.maximum(math_ops.add(math_ops.subtract(neg, pos), 1.0), 0.0)


def log_cosh(y_true, y_pred):
    y_true, y_pred = _prepare(y_true, y_pred)
    x = math_ops.subtract(y_pred, y_true)
    value = math_ops.subtract(
        math_ops.add(x, math_ops.softplus(math_ops.multiply(x, -2.0))), np.float32(np.log(2.0))
    )
    return _mean_last_axis(value)


def _normalize(x, axis):
    norm = math_ops.sqrt(math_ops.reduce_sum(math_ops.square(x), axis=axis, keepdims=True))
    return math_ops.divide(x, math_ops.maximum(norm, EPSILON))


def cosine_similarity(y_true, y_pred, axis=-1):
    y_true, y_pred = _prepare(y_true, y_pred)
    product = math_ops.multiply(_normalize(y_true, axis), _normalize(y_pred, axis))
    return math_ops.negative(math_ops.reduce_sum(product, axis=axis))


def _loss_class(name, fn, default_name):
    def __init__(self, reduction="sum_over_batch_size", name=default_name, **kwargs):
        LossFunctionWrapper.__init__(self, fn, name=name, reduction=reduction, **kwargs)

    return type(name, (LossFunctionWrapper,), {"__init__": __init__})


MeanAbsolutePercentageError = _loss_class(
    "MeanAbsolutePercentageError", mean_absolute_percentage_error, "mean_absolute_percentage_error"
)
MeanSquaredLogarithmicError = _loss_class(
    "MeanSquaredLogarithmicError", mean_squared_logarithmic_error, "mean_squared_logarithmic_error"
)
KLDivergence = _loss_class("KLDivergence", kl_divergence, "kl_divergence")
Poisson = _loss_class("Poisson", poisson, "poisson")
Hinge = _loss_class("Hinge", hinge, "hinge")
SquaredHinge = _loss_class("SquaredHinge", squared_hinge, "squared_hinge")
CategoricalHinge = _loss_class("CategoricalHinge", categorical_hinge, "categorical_hinge")
LogCosh = _loss_class("LogCosh", log_cosh, "log_cosh")


class CosineSimilarity(LossFunctionWrapper):
    def __init__(self, axis=-1, reduction="sum_over_batch_size", name="cosine_similarity"):
        super().__init__(cosine_similarity, name=name, reduction=reduction, axis=axis)


# TF 2.21's tf.keras.losses names for them
mape = MAPE = mean_absolute_percentage_error
msle = MSLE = mean_squared_logarithmic_error
kld = KLD = kullback_leibler_divergence = kl_divergence
logcosh = log_cosh

FUNCTIONS = {
    "mean_absolute_percentage_error": mean_absolute_percentage_error,
    "mape": mape,
    "MAPE": mape,
    "mean_squared_logarithmic_error": mean_squared_logarithmic_error,
    "msle": msle,
    "MSLE": msle,
    "kl_divergence": kl_divergence,
    "kld": kld,
    "KLD": kld,
    "kullback_leibler_divergence": kld,
    "poisson": poisson,
    "hinge": hinge,
    "squared_hinge": squared_hinge,
    "categorical_hinge": categorical_hinge,
    "log_cosh": log_cosh,
    "logcosh": log_cosh,
    "cosine_similarity": cosine_similarity,
}
CLASSES = {
    cls.__name__: cls
    for cls in (
        MeanAbsolutePercentageError,
        MeanSquaredLogarithmicError,
        KLDivergence,
        Poisson,
        Hinge,
        SquaredHinge,
        CategoricalHinge,
        LogCosh,
        CosineSimilarity,
    )
}

__all__ = sorted(set(FUNCTIONS) | set(CLASSES))
