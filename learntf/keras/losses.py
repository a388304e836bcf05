"""Loss functions: how far predictions are from targets (lesson 21).

Each function takes `(y_true, y_pred)` and returns one value per example (it averages over the
last axis only):

    mse / MSE                       mean((y_pred - y_true)^2)
    mae / MAE / mean_absolute_error mean(|y_pred - y_true|)
    huber                           0.5 e^2 where |e| <= delta, delta * (|e| - delta / 2) beyond
    binary_crossentropy             -(y log p + (1 - y) log(1 - p))
    categorical_crossentropy        -sum(y * log p) over the classes (y one-hot)
    sparse_categorical_crossentropy the same with y given as class indices

The classes (`MeanSquaredError()`, ...) also average over the batch: `loss(y_true, y_pred)` is
one number.  `compile(loss="mean_squared_error")` accepts the names; the function
`keras.losses.mean_squared_error` itself is gone from TensorFlow 2.21's `tf.keras.losses`
(use `mse`), and learntf says so when asked for it.

Probabilities are clipped to [1e-7, 1 - 1e-7] before the log, as Keras does.  Inside a traced
train step, a cross-entropy of a softmax (or sigmoid) output is computed from the logits it
came from - the numerically stable form - as TensorFlow's Keras does.
"""

import numpy

from learntf import dtypes
from learntf.framework.constant_op import convert_to_tensor
from learntf.framework.graph import Tensor
from learntf.framework.tensor_shape import TensorShape
from learntf.keras.backend import to_snake_case
from learntf.ops import array_ops, math_ops, nn_ops

EPSILON = 1e-7


def _prepare(y_true, y_pred):
    """Tensors of one float dtype and the same rank (a trailing 1 is squeezed away)."""
    y_pred = convert_to_tensor(y_pred)
    if not y_pred.dtype.is_floating:
        y_pred = math_ops.cast(y_pred, dtypes.float32)
    y_true = convert_to_tensor(y_true)
    if y_true.dtype is not y_pred.dtype:
        y_true = math_ops.cast(y_true, y_pred.dtype)
    return _same_rank(y_true, y_pred)


def _same_rank(x1, x2):
    r1, r2 = x1.shape.rank, x2.shape.rank
    if r1 is None or r2 is None or r1 == r2:
        return x1, x2
    if r1 == r2 + 1 and x1.shape[-1] == 1:
        return array_ops.squeeze(x1, axis=[-1]), x2
    if r2 == r1 + 1 and x2.shape[-1] == 1:
        return x1, array_ops.squeeze(x2, axis=[-1])
    return x1, x2


def _mean_last_axis(values):
    return math_ops.reduce_mean(values, axis=-1) if values.shape.rank else values


def mse(y_true, y_pred):
    """Mean squared error per example: mean((y_pred - y_true)^2) over the last axis."""
    y_true, y_pred = _prepare(y_true, y_pred)
    return _mean_last_axis(math_ops.squared_difference(y_true, y_pred))  # (Keras 3's order)


def mean_absolute_error(y_true, y_pred):
    """Mean absolute error per example: mean(|y_pred - y_true|) over the last axis."""
    y_true, y_pred = _prepare(y_true, y_pred)
    return _mean_last_axis(math_ops.abs(math_ops.subtract(y_pred, y_true)))


def huber(y_true, y_pred, delta=1.0):
    """Quadratic for small errors, linear for large ones (less pulled by outliers)."""
    y_true, y_pred = _prepare(y_true, y_pred)
    abs_error = math_ops.abs(math_ops.subtract(y_pred, y_true))
    quadratic = math_ops.minimum(abs_error, delta)
    linear = math_ops.subtract(abs_error, quadratic)
    return _mean_last_axis(
        math_ops.add(
            math_ops.multiply(math_ops.square(quadratic), 0.5), math_ops.multiply(linear, delta)
        )
    )


def _logits_of(output, op_type):
    """The logits a traced softmax/sigmoid output was computed from, else None."""
    if isinstance(output, Tensor) and output.op.type == op_type:
        return output.op.inputs[0]
    return None


def _clip(p):
    return math_ops.minimum(math_ops.maximum(p, EPSILON), 1.0 - EPSILON)


def binary_crossentropy(y_true, y_pred, from_logits=False, label_smoothing=0.0, axis=-1):
    """-(y log p + (1 - y) log(1 - p)), averaged over the last axis."""
    logits = y_pred if from_logits else _logits_of(y_pred, "Sigmoid")
    y_true, y_pred = _prepare(y_true, y_pred if logits is None else logits)
    if label_smoothing:
        y_true = math_ops.add(
            math_ops.multiply(y_true, 1.0 - label_smoothing), 0.5 * label_smoothing
        )
    if logits is not None:
        values = nn_ops.sigmoid_cross_entropy_with_logits(labels=y_true, logits=y_pred)
    else:
        p = _clip(y_pred)
        values = math_ops.negative(
            math_ops.add(
                math_ops.multiply(y_true, math_ops.log(p)),
                math_ops.multiply(
                    math_ops.subtract(1.0, y_true), math_ops.log(math_ops.subtract(1.0, p))
                ),
            )
        )
    return math_ops.reduce_mean(values, axis=axis) if values.shape.rank else values


def _known_shape(value):
    """A value's shape as a tuple if fully known, else None."""
    shape = value.shape if hasattr(value, "shape") else TensorShape(numpy.shape(value))
    shape = TensorShape(shape)
    return tuple(shape.as_list()) if shape.is_fully_defined() else None


def categorical_crossentropy(y_true, y_pred, from_logits=False, label_smoothing=0.0, axis=-1):
    """-sum(y * log p) over the classes; y is one-hot (or a distribution)."""
    true_shape, pred_shape = _known_shape(y_true), _known_shape(y_pred)
    if true_shape and pred_shape and true_shape != pred_shape:
        raise ValueError(  # (Keras 3's check, before any op)
            "Arguments `target` and `output` must have the same shape. Received: "
            "target.shape=%s, output.shape=%s\n(learntf: one-hot labels need one column per "
            "class; for class numbers use sparse_categorical_crossentropy.)"
            % (tuple(true_shape), tuple(pred_shape))
        )
    logits = y_pred if from_logits else _logits_of(y_pred, "Softmax")
    y_pred = convert_to_tensor(y_pred if logits is None else logits)
    y_true = math_ops.cast(convert_to_tensor(y_true), y_pred.dtype)
    if label_smoothing:
        classes = y_pred.shape[-1]
        y_true = math_ops.add(
            math_ops.multiply(y_true, 1.0 - label_smoothing), label_smoothing / classes
        )
    if logits is not None:
        return nn_ops.softmax_cross_entropy_with_logits_v2(labels=y_true, logits=y_pred, axis=axis)
    p = math_ops.divide(y_pred, math_ops.reduce_sum(y_pred, axis=axis, keepdims=True))
    return math_ops.negative(
        math_ops.reduce_sum(math_ops.multiply(y_true, math_ops.log(_clip(p))), axis=axis)
    )


def sparse_categorical_crossentropy(y_true, y_pred, from_logits=False, axis=-1):
    """Categorical cross-entropy with y given as class indices (0, 1, ... classes - 1).

    As Keras 3 on TensorFlow: probabilities are clipped and logged, then one
    SparseSoftmaxCrossEntropyWithLogits op takes them as logits, so a label outside
    [0, classes) raises InvalidArgumentError rather than giving a loss of 0."""
    if axis != -1 and axis != len(convert_to_tensor(y_pred).shape) - 1:
        raise ValueError(f"Only axis=-1 is currently supported. Received: axis={axis}")
    logits = y_pred if from_logits else _logits_of(y_pred, "Softmax")
    y_true = math_ops.cast(convert_to_tensor(y_true), dtypes.int64)
    y_pred = convert_to_tensor(y_pred if logits is None else logits)
    true_shape, pred_shape = y_true.shape, y_pred.shape
    if true_shape.rank is not None and true_shape.rank == pred_shape.rank and true_shape[-1] == 1:
        y_true = array_ops.squeeze(y_true, axis=[-1])
        true_shape = y_true.shape
    if pred_shape.rank is not None and pred_shape.rank < 1:
        raise ValueError(
            f"Argument `output` must be at least rank 1. Received: output.shape={pred_shape}"
        )
    if true_shape.rank is not None and pred_shape.rank is not None:
        if true_shape.rank != pred_shape.rank - 1:
            raise ValueError(
                "Argument `output` must have rank (ndim) `target.ndim - 1`. Received: "
                f"target.shape={true_shape}, output.shape={pred_shape}"
            )
        for e1, e2 in zip(true_shape.as_list(), pred_shape.as_list()[:-1]):
            if e1 is not None and e2 is not None and e1 != e2:
                raise ValueError(
                    "Arguments `target` and `output` must have the same shape up until the "
                    f"last dimension: target.shape={true_shape}, output.shape={pred_shape}"
                )
    if logits is None:
        y_pred = math_ops.log(_clip(y_pred))
    return nn_ops.sparse_softmax_cross_entropy_with_logits(labels=y_true, logits=y_pred)


mse.__name__ = mse.__qualname__ = "mean_squared_error"  # Keras 3's function, exported as mse
MSE = mse
mae = MAE = mean_absolute_error


# -- loss objects: per-example values, reduced over the batch --------------------------------------
class Loss:
    """A loss as an object: `loss(y_true, y_pred, sample_weight=None)` returns one number (with
    reduction "sum_over_batch_size", the mean of the per-example values)."""

    def __init__(self, name=None, reduction="sum_over_batch_size", dtype=None):
        self.name = name or to_snake_case(type(self).__name__)
        if reduction not in ("sum_over_batch_size", "sum", "none", None, "mean"):
            raise ValueError(
                "Invalid value for argument `reduction`: %r. Expected one of "
                "'sum_over_batch_size', 'sum', 'none'." % (reduction,)
            )
        self.reduction = reduction

    def call(self, y_true, y_pred):
        raise NotImplementedError

    def __call__(self, y_true, y_pred, sample_weight=None):
        values = convert_to_tensor(self.call(y_true, y_pred))
        if sample_weight is not None:
            weight = math_ops.cast(convert_to_tensor(sample_weight), values.dtype)
            values, weight = _same_rank(values, weight)
            values = math_ops.multiply(values, weight)
        return reduce_values(values, self.reduction)

    def get_config(self):
        return {"name": self.name, "reduction": self.reduction}

    @classmethod
    def from_config(cls, config):
        return cls(**config)


def reduce_values(values, reduction="sum_over_batch_size"):
    if reduction in ("none", None):
        return values
    total = math_ops.reduce_sum(values)
    if reduction == "sum":
        return total
    return math_ops.reduce_mean(values)


class LossFunctionWrapper(Loss):
    """A loss function `fn(y_true, y_pred, **kwargs)` as a Loss object."""

    def __init__(self, fn, name=None, reduction="sum_over_batch_size", **kwargs):
        super().__init__(name=name or getattr(fn, "__name__", "loss"), reduction=reduction)
        self.fn = fn
        self._fn_kwargs = kwargs

    def call(self, y_true, y_pred):
        return self.fn(y_true, y_pred, **self._fn_kwargs)


class MeanSquaredError(LossFunctionWrapper):
    def __init__(self, reduction="sum_over_batch_size", name="mean_squared_error"):
        super().__init__(mse, name=name, reduction=reduction)


class MeanAbsoluteError(LossFunctionWrapper):
    def __init__(self, reduction="sum_over_batch_size", name="mean_absolute_error"):
        super().__init__(mean_absolute_error, name=name, reduction=reduction)


class Huber(LossFunctionWrapper):
    def __init__(self, delta=1.0, reduction="sum_over_batch_size", name="huber_loss"):
        super().__init__(huber, name=name, reduction=reduction, delta=delta)


class BinaryCrossentropy(LossFunctionWrapper):
    def __init__(
        self,
        from_logits=False,
        label_smoothing=0.0,
        axis=-1,
        reduction="sum_over_batch_size",
        name="binary_crossentropy",
    ):
        super().__init__(
            binary_crossentropy,
            name=name,
            reduction=reduction,
            from_logits=from_logits,
            label_smoothing=label_smoothing,
            axis=axis,
        )


class CategoricalCrossentropy(LossFunctionWrapper):
    def __init__(
        self,
        from_logits=False,
        label_smoothing=0.0,
        axis=-1,
        reduction="sum_over_batch_size",
        name="categorical_crossentropy",
    ):
        super().__init__(
            categorical_crossentropy,
            name=name,
            reduction=reduction,
            from_logits=from_logits,
            label_smoothing=label_smoothing,
            axis=axis,
        )


class SparseCategoricalCrossentropy(LossFunctionWrapper):
    def __init__(
        self,
        from_logits=False,
        reduction="sum_over_batch_size",
        name="sparse_categorical_crossentropy",
    ):
        super().__init__(
            sparse_categorical_crossentropy, name=name, reduction=reduction, from_logits=from_logits
        )


_BY_NAME = {
    "mean_squared_error": mse,
    "mse": mse,
    "MSE": mse,
    "mean_absolute_error": mean_absolute_error,
    "mae": mean_absolute_error,
    "MAE": mean_absolute_error,
    "huber": huber,
    "binary_crossentropy": binary_crossentropy,
    "categorical_crossentropy": categorical_crossentropy,
    "sparse_categorical_crossentropy": sparse_categorical_crossentropy,
}
_CLASSES = {
    cls.__name__: cls
    for cls in (
        MeanSquaredError,
        MeanAbsoluteError,
        Huber,
        BinaryCrossentropy,
        CategoricalCrossentropy,
        SparseCategoricalCrossentropy,
    )
}


def get(identifier):
    """A loss from a name ("mean_squared_error", "mse", "MeanSquaredError"), a Loss, or a
    function of (y_true, y_pred)."""
    if identifier is None or isinstance(identifier, Loss):
        return identifier
    if isinstance(identifier, str):
        if identifier in _BY_NAME:
            return _BY_NAME[identifier]
        if identifier in _CLASSES:
            return _CLASSES[identifier]()
        raise ValueError(
            "Could not interpret loss identifier: %s\n(learntf: the names are "
            "%s; or pass a function loss(y_true, y_pred).)"
            % (identifier, ", ".join(sorted(_BY_NAME)))
        )
    if isinstance(identifier, type) and issubclass(identifier, Loss):
        return identifier()
    if callable(identifier):
        return identifier
    raise ValueError("Could not interpret loss identifier: %r" % (identifier,))


# The rarer losses (their own module), by function, alias and class.
from learntf.keras.more_losses import *  # noqa: E402, F403
from learntf.keras.more_losses import CLASSES as _MORE_CLASSES  # noqa: E402
from learntf.keras.more_losses import FUNCTIONS as _MORE_FUNCTIONS  # noqa: E402

_BY_NAME.update(
    {
        k: v
        for k, v in _MORE_FUNCTIONS.items()
        if k not in ("logcosh", "kullback_leibler_divergence")
    }
)
_BY_NAME.update(bce=binary_crossentropy, BCE=binary_crossentropy)
_CLASSES.update(_MORE_CLASSES)


def __getattr__(name):  # module attributes that TensorFlow 2.21's tf.keras.losses lacks
    if name == "mean_squared_error":
        raise AttributeError(
            "module 'learntf.keras.losses' has no attribute 'mean_squared_error'\n(learntf: as "
            "in TensorFlow 2.21's tf.keras.losses, the function is called keras.losses.mse (or "
            "keras.losses.MSE); keras.losses.MeanSquaredError() is the loss object, and "
            "compile(loss='mean_squared_error') still accepts the name.)"
        )
    raise AttributeError("module 'learntf.keras.losses' has no attribute %r" % name)
