"""Metrics: running values that accumulate over batches (lesson 22).

A metric is stateful.  It keeps its totals in (non-trainable) variables:

    metric = keras.metrics.MeanSquaredError()
    metric([0.], [1.])      # update_state, then result(): 1.0
    metric([5.], [2.])      # the mean over everything seen so far: (1 + 9) / 2 = 5.0
    metric.result()         # 5.0, without adding anything
    metric.reset_state()    # start again (Keras 3's name; TF 2.0 called it reset_states)

`Mean` keeps `total` and `count`; a wrapped function (`MeanSquaredError` wraps the loss `mse`)
turns each (y_true, y_pred) pair into per-example values first.  `fit` uses these objects for
the numbers in its progress bar and History, updating them inside the compiled train step.
"""

from learntf import dtypes
from learntf.framework.constant_op import convert_to_tensor
from learntf.keras import backend, initializers, losses
from learntf.ops import array_ops, math_ops


class Metric:
    """Base class: `update_state(...)`, `result()`, `reset_state()`; calling it does the first
    two and returns the result."""

    def __init__(self, name=None, dtype=None):
        self.name = name or backend.unique_name(backend.to_snake_case(type(self).__name__))
        self.dtype = dtypes.as_dtype(dtype or backend.floatx())
        self._variables = []

    def add_variable(self, shape=(), initializer="zeros", dtype=None, aggregation="sum", name=None):
        """A state variable of this metric (not trainable), named `<metric>/<name>:0`."""
        variable = backend.make_weight(
            "%s/%s" % (self.name, name or "variable"),
            shape,
            initializers.get(initializer),
            dtype or self.dtype,
            trainable=False,
        )
        self._variables.append(variable)
        return variable

    def add_weight(self, name=None, shape=(), initializer="zeros", dtype=None, **kwargs):
        return self.add_variable(shape=shape, initializer=initializer, dtype=dtype, name=name)

    @property
    def variables(self):
        return list(self._variables)

    def update_state(self, *args, **kwargs):
        raise NotImplementedError

    def result(self):
        raise NotImplementedError

    def reset_state(self):
        """Set every state variable back to zero."""
        for variable in self._variables:
            variable.assign(
                array_ops.zeros(variable.shape.as_list(), dtype=variable.dtype), read_value=False
            )

    @property
    def reset_states(self):  # TF 2.0's name, removed in Keras 3
        raise AttributeError(
            "'%s' object has no attribute 'reset_states'\n(learntf: Keras 3, as in TensorFlow "
            "2.21, renamed it: call metric.reset_state().)" % type(self).__name__
        )

    def __call__(self, *args, **kwargs):
        self.update_state(*args, **kwargs)
        return self.result()

    def get_config(self):
        return {"name": self.name, "dtype": self.dtype.name}

    @classmethod
    def from_config(cls, config):
        return cls(**config)

    def __repr__(self):
        return "<%s name=%s>" % (type(self).__name__, self.name)


def _div_no_nan(total, count):
    """total / count, and 0 when nothing was counted yet."""
    return math_ops.divide(total, math_ops.maximum(count, 1e-30))


class Sum(Metric):
    def __init__(self, name="sum", dtype=None):
        super().__init__(name=name, dtype=dtype)
        self.total = self.add_variable(name="total")

    def update_state(self, values, sample_weight=None):
        values = math_ops.cast(convert_to_tensor(values), self.dtype)
        if sample_weight is not None:
            values = math_ops.multiply(values, math_ops.cast(sample_weight, self.dtype))
        self.total.assign_add(math_ops.reduce_sum(values), read_value=False)

    def result(self):
        return self.total.value()


class Mean(Metric):
    """The mean of every value seen: total / count."""

    def __init__(self, name="mean", dtype=None):
        super().__init__(name=name, dtype=dtype)
        self.total = self.add_variable(name="total")
        self.count = self.add_variable(name="count")

    def update_state(self, values, sample_weight=None):
        values = math_ops.cast(convert_to_tensor(values), self.dtype)
        if sample_weight is None:
            self.total.assign_add(math_ops.reduce_sum(values), read_value=False)
            self.count.assign_add(
                math_ops.cast(array_ops.size(values), self.dtype), read_value=False
            )
            return
        weight = math_ops.cast(convert_to_tensor(sample_weight), self.dtype)
        values, weight = losses._same_rank(values, weight)
        weight = math_ops.multiply(weight, array_ops.ones_like(values))
        self.total.assign_add(
            math_ops.reduce_sum(math_ops.multiply(values, weight)), read_value=False
        )
        self.count.assign_add(math_ops.reduce_sum(weight), read_value=False)

    def result(self):
        return _div_no_nan(self.total.value(), self.count.value())


class MeanMetricWrapper(Mean):
    """The running mean of `fn(y_true, y_pred)` (one value per example)."""

    def __init__(self, fn, name=None, dtype=None, **kwargs):
        super().__init__(name=name or getattr(fn, "__name__", "mean_metric_wrapper"), dtype=dtype)
        self._fn = fn
        self._fn_kwargs = kwargs
        if fn in _LOSS_FUNCTIONS:
            self._direction = "down"

    def update_state(self, y_true, y_pred, sample_weight=None):
        super().update_state(self._fn(y_true, y_pred, **self._fn_kwargs), sample_weight)


class MeanSquaredError(MeanMetricWrapper):
    def __init__(self, name="mean_squared_error", dtype=None):
        super().__init__(losses.mse, name=name, dtype=dtype)


class MeanAbsoluteError(MeanMetricWrapper):
    def __init__(self, name="mean_absolute_error", dtype=None):
        super().__init__(losses.mean_absolute_error, name=name, dtype=dtype)


class RootMeanSquaredError(Mean):
    def __init__(self, name="root_mean_squared_error", dtype=None):
        super().__init__(name=name, dtype=dtype)
        self._direction = "down"

    def update_state(self, y_true, y_pred, sample_weight=None):
        y_true, y_pred = losses._prepare(y_true, y_pred)
        super().update_state(math_ops.squared_difference(y_pred, y_true), sample_weight)

    def result(self):
        return math_ops.sqrt(super().result())


# -- accuracies ------------------------------------------------------------------------------------
def accuracy(y_true, y_pred):
    """1.0 where y_pred equals y_true exactly, else 0.0."""
    y_true, y_pred = losses._prepare(y_true, y_pred)
    return math_ops.cast(math_ops.equal(y_true, y_pred), dtypes.float32)


def binary_accuracy(y_true, y_pred, threshold=0.5):
    """1.0 where (y_pred > threshold) matches the 0/1 label."""
    y_true, y_pred = losses._prepare(y_true, y_pred)
    predicted = math_ops.cast(math_ops.greater(y_pred, threshold), y_true.dtype)
    return math_ops.reduce_mean(
        math_ops.cast(math_ops.equal(y_true, predicted), dtypes.float32), axis=-1
    )


def categorical_accuracy(y_true, y_pred):
    """1.0 where the largest prediction is the one-hot label's class."""
    return math_ops.cast(
        math_ops.equal(math_ops.argmax(y_true, axis=-1), math_ops.argmax(y_pred, axis=-1)),
        dtypes.float32,
    )


def sparse_categorical_accuracy(y_true, y_pred):
    """1.0 where the largest prediction's index is the label (a class index)."""
    y_true = convert_to_tensor(y_true)
    y_pred = convert_to_tensor(y_pred)
    if (
        y_true.shape.rank is not None
        and y_pred.shape.rank is not None
        and y_true.shape.rank == y_pred.shape.rank
        and y_true.shape[-1] == 1
    ):
        y_true = array_ops.squeeze(y_true, axis=[-1])
    predicted = math_ops.cast(math_ops.argmax(y_pred, axis=-1), y_true.dtype)
    return math_ops.cast(math_ops.equal(y_true, predicted), dtypes.float32)


class Accuracy(MeanMetricWrapper):
    def __init__(self, name="accuracy", dtype=None):
        super().__init__(accuracy, name=name, dtype=dtype)
        self._direction = "up"


class BinaryAccuracy(MeanMetricWrapper):
    def __init__(self, name="binary_accuracy", dtype=None, threshold=0.5):
        super().__init__(binary_accuracy, name=name, dtype=dtype, threshold=threshold)
        self._direction = "up"


class CategoricalAccuracy(MeanMetricWrapper):
    def __init__(self, name="categorical_accuracy", dtype=None):
        super().__init__(categorical_accuracy, name=name, dtype=dtype)
        self._direction = "up"


class SparseCategoricalAccuracy(MeanMetricWrapper):
    def __init__(self, name="sparse_categorical_accuracy", dtype=None):
        super().__init__(sparse_categorical_accuracy, name=name, dtype=dtype)
        self._direction = "up"


class CompileMetrics(Metric):
    """The metrics given to compile(), as one metric named "compile_metrics" (Keras 3): its
    result is a dict {metric name: value}.  It is built on the first batch (`build`), when the
    shapes of y and y_pred tell which accuracy "accuracy" means."""

    def __init__(self, name="compile_metrics"):
        super().__init__(name=name)
        self.metrics = []
        self._outputs = None
        self.built = False

    def build(self, metrics, outputs=None):
        """`outputs`: for a model with several outputs, (key into y and y_pred, reported
        name) per metric."""
        self.metrics = list(metrics)
        self._outputs = outputs
        self.built = True

    def metric_names(self):
        return [m.name for m in self.metrics]

    @property
    def variables(self):
        return [v for m in self.metrics for v in m.variables]

    def update_state(self, y_true, y_pred, sample_weight=None):
        if self._outputs is None:
            for metric in self.metrics:
                metric.update_state(y_true, y_pred)
            return
        for metric, (key, _) in zip(self.metrics, self._outputs):
            metric.update_state(y_true[key], y_pred[key])

    def result(self):
        if self._outputs is None:
            return {m.name: m.result() for m in self.metrics}
        return {name: m.result() for m, (_, name) in zip(self.metrics, self._outputs)}

    def reset_state(self):
        for metric in self.metrics:
            metric.reset_state()


_LOSS_FUNCTIONS = (
    losses.mse,
    losses.mean_absolute_error,
    losses.huber,
    losses.binary_crossentropy,
    losses.categorical_crossentropy,
    losses.sparse_categorical_crossentropy,
)

_FUNCTIONS = {
    "mean_squared_error": losses.mse,
    "mse": losses.mse,
    "mean_absolute_error": losses.mean_absolute_error,
    "mae": losses.mean_absolute_error,
    "binary_crossentropy": losses.binary_crossentropy,
    "categorical_crossentropy": losses.categorical_crossentropy,
    "sparse_categorical_crossentropy": losses.sparse_categorical_crossentropy,
    "binary_accuracy": binary_accuracy,
    "categorical_accuracy": categorical_accuracy,
    "sparse_categorical_accuracy": sparse_categorical_accuracy,
}
_CLASSES = {
    cls.__name__: cls
    for cls in (
        Mean,
        Sum,
        MeanSquaredError,
        MeanAbsoluteError,
        RootMeanSquaredError,
        Accuracy,
        BinaryAccuracy,
        CategoricalAccuracy,
        SparseCategoricalAccuracy,
    )
}
_UP = (binary_accuracy, categorical_accuracy, sparse_categorical_accuracy, accuracy)

mse = MSE = losses.mse
mae = MAE = losses.mean_absolute_error


def get(identifier):
    """A metric function or object from a name, a Metric, a Metric class or a function."""
    if isinstance(identifier, Metric):
        return identifier
    if isinstance(identifier, str):
        if identifier in _FUNCTIONS:
            return _FUNCTIONS[identifier]
        if identifier in _CLASSES:
            return _CLASSES[identifier]()
        raise ValueError(
            "Could not interpret metric identifier: %s\n(learntf: the names are "
            "accuracy, %s; or pass a Metric or a function metric(y_true, y_pred).)"
            % (identifier, ", ".join(sorted(_FUNCTIONS)))
        )
    if isinstance(identifier, type) and issubclass(identifier, Metric):
        return identifier()
    if callable(identifier):
        return identifier
    raise ValueError("Could not interpret metric identifier: %r" % (identifier,))


def for_compile(identifier, y_true_shape, y_pred_shape):
    """The Metric object `compile(metrics=[identifier])` means, named as Keras names it (by the
    string given; "accuracy" picks binary, sparse or categorical accuracy from the shapes)."""
    if isinstance(identifier, str) and identifier.lower() in ("accuracy", "acc"):
        true_rank, pred_rank = len(y_true_shape), len(y_pred_shape)
        if y_pred_shape[-1] == 1:
            fn = binary_accuracy
        elif true_rank < pred_rank or (y_true_shape[-1] == 1 and y_pred_shape[-1] != 1):
            fn = sparse_categorical_accuracy
        else:
            fn = categorical_accuracy
    else:
        fn = get(identifier)
    if isinstance(fn, Metric):
        return fn
    metric = MeanMetricWrapper(fn, name=identifier if isinstance(identifier, str) else None)
    if fn in _UP:
        metric._direction = "up"
    return metric


# Confusion-matrix metrics and top-k accuracy (their own module), by class and by name.
from learntf.keras.confusion_metrics import (  # noqa: E402
    AUC,
    FalseNegatives,
    FalsePositives,
    Precision,
    Recall,
    SparseTopKCategoricalAccuracy,
    TopKCategoricalAccuracy,
    TrueNegatives,
    TruePositives,
    sparse_top_k_categorical_accuracy,
    top_k_categorical_accuracy,
)

for _cls in (
    AUC,
    FalseNegatives,
    FalsePositives,
    Precision,
    Recall,
    SparseTopKCategoricalAccuracy,
    TopKCategoricalAccuracy,
    TrueNegatives,
    TruePositives,
):
    _CLASSES[_cls.__name__] = _cls
    _CLASSES[backend.to_snake_case(_cls.__name__)] = _cls
_CLASSES["auc"] = AUC
_FUNCTIONS["top_k_categorical_accuracy"] = top_k_categorical_accuracy
_FUNCTIONS["sparse_top_k_categorical_accuracy"] = sparse_top_k_categorical_accuracy
_UP = _UP + (top_k_categorical_accuracy, sparse_top_k_categorical_accuracy)

# Loss functions that are metrics too (compile(metrics=["mape"]) names them as given).
from learntf.keras.more_losses import FUNCTIONS as _LOSS_FUNCTIONS_MORE  # noqa: E402

for _name in (
    "mape",
    "msle",
    "kld",
    "poisson",
    "hinge",
    "squared_hinge",
    "categorical_hinge",
    "logcosh",
    "mean_absolute_percentage_error",
    "mean_squared_logarithmic_error",
    "kullback_leibler_divergence",
    "cosine_similarity",
):
    _FUNCTIONS[_name] = _LOSS_FUNCTIONS_MORE[_name]
_LOSS_FUNCTIONS = _LOSS_FUNCTIONS + tuple(_LOSS_FUNCTIONS_MORE.values())
