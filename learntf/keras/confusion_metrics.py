"""Metrics counted from a confusion matrix at thresholds - Precision, Recall, AUC, the
TruePositives family - and top-k accuracy, with Keras 3's maths.

A prediction counts as positive at threshold t when y_pred > t.  Precision and Recall default
to one threshold, 0.5.  AUC keeps the four counts at `num_thresholds` (200) thresholds:
-epsilon, 1/199, ..., 198/199, 1 + epsilon, and sums the curve as Keras 3 does: ROC by
trapezoids ("interpolation"), PR by Keras's closed-form interpolation of precision.
"""

import numpy as np

from learntf import dtypes
from learntf.framework.constant_op import convert_to_tensor
from learntf.keras.metrics import MeanMetricWrapper, Metric
from learntf.ops import array_ops, math_ops

EPSILON = 1e-7


def _counts(y_true, y_pred, thresholds, sample_weight=None):
    """{tp, fp, tn, fn}: each a vector over the thresholds."""
    y_true = array_ops.reshape(math_ops.cast(convert_to_tensor(y_true), dtypes.bool_), [1, -1])
    y_pred = array_ops.reshape(math_ops.cast(convert_to_tensor(y_pred), dtypes.float32), [1, -1])
    t = convert_to_tensor(np.asarray(thresholds, np.float32).reshape(-1, 1))
    predicted = math_ops.greater(y_pred, t)  # [thresholds, examples]
    weight = None
    if sample_weight is not None:
        weight = array_ops.reshape(math_ops.cast(sample_weight, dtypes.float32), [1, -1])

    def count(a, b):
        both = math_ops.cast(math_ops.logical_and(a, b), dtypes.float32)
        if weight is not None:
            both = math_ops.multiply(both, weight)
        return math_ops.reduce_sum(both, axis=1)

    not_true, not_pred = math_ops.logical_not(y_true), math_ops.logical_not(predicted)
    return {
        "tp": count(y_true, predicted),
        "fp": count(not_true, predicted),
        "tn": count(not_true, not_pred),
        "fn": count(y_true, not_pred),
    }


class _ConfusionMetric(Metric):
    _counted = ()

    def __init__(self, thresholds=None, name=None, dtype=None):
        super().__init__(name=name, dtype=dtype)
        self._direction = "up"
        self.init_thresholds = thresholds
        if thresholds is None:
            thresholds = [0.5]
        self.thresholds = [float(t) for t in np.atleast_1d(thresholds)]
        self._scalar = np.ndim(self.init_thresholds) == 0
        names = {
            "tp": "true_positives",
            "fp": "false_positives",
            "tn": "true_negatives",
            "fn": "false_negatives",
        }
        for key in self._counted:
            setattr(self, names[key], self.add_variable((len(self.thresholds),), name=names[key]))

    def update_state(self, y_true, y_pred, sample_weight=None):
        counts = _counts(y_true, y_pred, self.thresholds, sample_weight)
        names = {
            "tp": "true_positives",
            "fp": "false_positives",
            "tn": "true_negatives",
            "fn": "false_negatives",
        }
        for key in self._counted:
            getattr(self, names[key]).assign_add(counts[key], read_value=False)

    def _one(self, value):
        return value[0] if self._scalar else value

    def get_config(self):
        return {**super().get_config(), "thresholds": self.init_thresholds}


def _count_class(key, attribute):
    class Count(_ConfusionMetric):
        _counted = (key,)

        def result(self):
            return self._one(getattr(self, attribute).value())

    return Count


class TruePositives(_count_class("tp", "true_positives")):
    pass


class FalsePositives(_count_class("fp", "false_positives")):
    pass


class TrueNegatives(_count_class("tn", "true_negatives")):
    pass


class FalseNegatives(_count_class("fn", "false_negatives")):
    pass


class Precision(_ConfusionMetric):
    """true positives / predicted positives (y_pred > threshold, default 0.5)."""

    _counted = ("tp", "fp")

    def result(self):
        tp = self.true_positives.value()
        return self._one(math_ops.div_no_nan(tp, math_ops.add(tp, self.false_positives.value())))


class Recall(_ConfusionMetric):
    """true positives / actual positives."""

    _counted = ("tp", "fn")

    def result(self):
        tp = self.true_positives.value()
        return self._one(math_ops.div_no_nan(tp, math_ops.add(tp, self.false_negatives.value())))


class AUC(Metric):
    """Area under the ROC (default) or PR curve, from counts at `num_thresholds` thresholds."""

    def __init__(
        self,
        num_thresholds=200,
        curve="ROC",
        summation_method="interpolation",
        name=None,
        dtype=None,
        thresholds=None,
        multi_label=False,
        num_labels=None,
        label_weights=None,
        from_logits=False,
    ):
        super().__init__(name=name, dtype=dtype)
        self._direction = "up"
        if multi_label or label_weights is not None:
            raise NotImplementedError("learntf's AUC has no multi_label or label_weights.")
        if thresholds is not None:
            self.num_thresholds = len(thresholds) + 2
            inner = sorted(thresholds)
        else:
            if num_thresholds <= 1:
                raise ValueError(
                    "Argument `num_thresholds` must be an integer > 1. "
                    "Received: num_thresholds=%s" % num_thresholds
                )
            self.num_thresholds = num_thresholds
            inner = [(i + 1) * 1.0 / (num_thresholds - 1) for i in range(num_thresholds - 2)]
        self._thresholds = np.array([0.0 - EPSILON] + inner + [1.0 + EPSILON])
        self.curve, self.summation_method = curve.upper(), summation_method.lower()
        self._from_logits = from_logits
        n = self.num_thresholds
        self.true_positives = self.add_variable((n,), name="true_positives")
        self.false_positives = self.add_variable((n,), name="false_positives")
        self.true_negatives = self.add_variable((n,), name="true_negatives")
        self.false_negatives = self.add_variable((n,), name="false_negatives")

    @property
    def thresholds(self):
        return list(self._thresholds)

    def update_state(self, y_true, y_pred, sample_weight=None):
        if self._from_logits:
            y_pred = math_ops.sigmoid(y_pred)
        counts = _counts(y_true, y_pred, self._thresholds, sample_weight)
        self.true_positives.assign_add(counts["tp"], read_value=False)
        self.false_positives.assign_add(counts["fp"], read_value=False)
        self.true_negatives.assign_add(counts["tn"], read_value=False)
        self.false_negatives.assign_add(counts["fn"], read_value=False)

    def result(self):
        n = self.num_thresholds
        tp, fp = self.true_positives.value(), self.false_positives.value()
        tn, fn = self.true_negatives.value(), self.false_negatives.value()
        div = math_ops.div_no_nan
        if self.curve == "PR" and self.summation_method == "interpolation":
            return self._interpolate_pr_auc(tp, fp, fn)
        recall = div(tp, math_ops.add(tp, fn))
        if self.curve == "ROC":
            x, y = div(fp, math_ops.add(fp, tn)), recall
        else:
            x, y = recall, div(tp, math_ops.add(tp, fp))
        if self.summation_method == "interpolation":
            heights = math_ops.divide(math_ops.add(y[: n - 1], y[1:]), 2.0)
        elif self.summation_method == "minoring":
            heights = math_ops.minimum(y[: n - 1], y[1:])
        else:
            heights = math_ops.maximum(y[: n - 1], y[1:])
        return math_ops.reduce_sum(math_ops.multiply(math_ops.subtract(x[: n - 1], x[1:]), heights))

    def _interpolate_pr_auc(self, tp, fp, fn):
        n = self.num_thresholds
        div = math_ops.div_no_nan
        dtp = math_ops.subtract(tp[: n - 1], tp[1:])
        p = math_ops.add(tp, fp)
        dp = math_ops.subtract(p[: n - 1], p[1:])
        slope = div(dtp, math_ops.maximum(dp, 0.0))
        intercept = math_ops.subtract(tp[1:], math_ops.multiply(slope, p[1:]))
        ratio = array_ops.where_v2(
            math_ops.logical_and(math_ops.greater(p[: n - 1], 0.0), math_ops.greater(p[1:], 0.0)),
            div(p[: n - 1], math_ops.maximum(p[1:], 0.0)),
            array_ops.ones_like_v2(p[1:]),
        )
        increment = div(
            math_ops.multiply(
                slope, math_ops.add(dtp, math_ops.multiply(intercept, math_ops.log(ratio)))
            ),
            math_ops.maximum(math_ops.add(tp[1:], fn[1:]), 0.0),
        )
        return math_ops.reduce_sum(increment)

    def get_config(self):
        return {
            **super().get_config(),
            "num_thresholds": self.num_thresholds,
            "curve": self.curve,
            "summation_method": self.summation_method,
        }


def _in_top_k(targets, predictions, k):
    """TF's InTopK: the target's score has fewer than k scores strictly above it."""
    predictions = convert_to_tensor(predictions)
    depth = predictions.shape.as_list()[-1]
    chosen = array_ops.one_hot(targets, depth, dtype=predictions.dtype)
    target_scores = math_ops.reduce_sum(math_ops.multiply(predictions, chosen), axis=-1)
    above = math_ops.greater(predictions, array_ops.expand_dims(target_scores, -1))
    return math_ops.less(math_ops.reduce_sum(math_ops.cast(above, dtypes.int32), axis=-1), k)


def top_k_categorical_accuracy(y_true, y_pred, k=5):
    targets = math_ops.argmax(y_true, axis=-1)
    return math_ops.cast(_in_top_k(targets, y_pred, k), dtypes.float32)


def sparse_top_k_categorical_accuracy(y_true, y_pred, k=5):
    targets = math_ops.cast(convert_to_tensor(y_true), dtypes.int64)
    if targets.shape.rank is not None and targets.shape.rank == 2:
        targets = array_ops.reshape(targets, [-1])
    return math_ops.cast(_in_top_k(targets, y_pred, k), dtypes.float32)


class TopKCategoricalAccuracy(MeanMetricWrapper):
    def __init__(self, k=5, name="top_k_categorical_accuracy", dtype=None):
        super().__init__(top_k_categorical_accuracy, name=name, dtype=dtype, k=k)
        self._direction = "up"


class SparseTopKCategoricalAccuracy(MeanMetricWrapper):
    def __init__(self, k=5, name="sparse_top_k_categorical_accuracy", dtype=None):
        super().__init__(sparse_top_k_categorical_accuracy, name=name, dtype=dtype, k=k)
        self._direction = "up"
