"""`tf.compat.v1.losses`: TF1's loss functions, which add each loss they build to the graph's
`losses` collection so that `tf.losses.get_total_loss()` can sum them for the optimizer.

Each loss computes a per-element loss, then `compute_weighted_loss` multiplies it by `weights`
and reduces it as `reduction` says; the default, SUM_BY_NONZERO_WEIGHTS, divides the weighted
sum by the number of elements whose weight is not zero.  Ops and names as TensorFlow's
(tensorflow/python/ops/losses/losses_impl.py): `mean_squared_error/value:0` is the mean.
"""

from learntf import dtypes
from learntf.framework.constant_op import constant, convert_to_tensor
from learntf.framework.context import executing_eagerly
from learntf.framework.graph import GraphKeys, control_dependencies, name_scope
from learntf.framework.graph_extras import add_to_collection, get_collection
from learntf.framework.tensor_util import constant_value
from learntf.ops import array_ops, control_flow_ops, math_ops, nn_ops


class Reduction:
    """How `compute_weighted_loss` turns weighted per-element losses into the loss."""

    NONE = "none"
    SUM = "weighted_sum"
    SUM_OVER_BATCH_SIZE = "weighted_sum_over_batch_size"
    MEAN = "weighted_mean"
    SUM_BY_NONZERO_WEIGHTS = "weighted_sum_by_nonzero_weights"
    SUM_OVER_NONZERO_WEIGHTS = SUM_BY_NONZERO_WEIGHTS

    @classmethod
    def all(cls):
        return (
            cls.NONE,
            cls.SUM,
            cls.MEAN,
            cls.SUM_OVER_BATCH_SIZE,
            cls.SUM_OVER_NONZERO_WEIGHTS,
            cls.SUM_BY_NONZERO_WEIGHTS,
        )

    @classmethod
    def validate(cls, key):
        if key not in cls.all():
            raise ValueError(f"Invalid Reduction Key {key}. Key should be one of {cls.all()}.")


_DEFAULT = Reduction.SUM_BY_NONZERO_WEIGHTS
_BROADCAST_ERROR = "weights can not be broadcast to values."


def _safe_mean(losses, num_present):
    return math_ops.div_no_nan(math_ops.reduce_sum(losses), num_present, name="value")


def _num_elements(losses):
    with name_scope(None, "num_elements", [losses]) as scope:
        return math_ops.cast(array_ops.size(losses, name=scope), dtype=losses.dtype)


def _num_present(losses, weights):
    """How many elements of `losses` have a non-zero weight (weights broadcast to losses)."""
    if isinstance(weights, float) and weights != 0.0:
        return _num_elements(losses)
    with name_scope(None, "num_present", [losses, weights]) as scope:
        weights = math_ops.cast(weights, dtype=dtypes.float32)
        present = array_ops.where(
            math_ops.equal(weights, 0.0),
            array_ops.zeros_like(weights),
            array_ops.ones_like(weights),
        )
        with name_scope(None, "broadcast_weights", [present, losses]):
            present = math_ops.multiply(present, array_ops.ones_like(losses))
        return math_ops.reduce_sum(present, name=scope)


def _assert_broadcastable(weights, values):
    """TF's static check that `weights` broadcast to `values` (scalar, or each dim 1 or equal).
    (TF adds a run-time Assert when the shapes are known only at run time; learntf does not.)"""
    with name_scope(None, "assert_broadcastable", [weights, values]):
        with name_scope(None, "weights", [weights]) as weights_scope:
            weights = convert_to_tensor(weights, name=weights_scope)
            weights_shape = array_ops.shape(weights, name="shape")
            weights_rank = array_ops.rank(weights, name="rank")
        with name_scope(None, "values", [values]) as values_scope:
            values = convert_to_tensor(values, name=values_scope)
            values_shape = array_ops.shape(values, name="shape")
            values_rank = array_ops.rank(values, name="rank")
        w_rank, v_rank = constant_value(weights_rank), constant_value(values_rank)
        if w_rank is None or v_rank is None:
            return control_flow_ops.no_op(name="dynamic_check")
        if w_rank == 0:
            return control_flow_ops.no_op(name="static_scalar_check_success")
        if w_rank != v_rank:
            raise ValueError(
                f"{_BROADCAST_ERROR} values.rank={v_rank}. weights.rank={w_rank}. "
                f"values.shape={values.shape}. weights.shape={weights.shape}. "
                f"Received weights={weights}, values={values}"
            )
        w_shape, v_shape = constant_value(weights_shape), constant_value(values_shape)
        if w_shape is None or v_shape is None:
            return control_flow_ops.no_op(name="dynamic_check")
        for i in range(len(v_shape)):
            if w_shape[i] not in (1, v_shape[i]):
                raise ValueError(
                    f"{_BROADCAST_ERROR} Mismatch at dim {i}. values.shape={v_shape}, "
                    f"weights.shape={w_shape}. Received weights={weights}, values={values}"
                )
        return control_flow_ops.no_op(name="static_dims_check_success")


def compute_weighted_loss(
    losses, weights=1.0, scope=None, loss_collection=GraphKeys.LOSSES, reduction=_DEFAULT
):
    """Multiply `losses` by `weights` and reduce them as `reduction` says."""
    Reduction.validate(reduction)
    with name_scope(scope, "weighted_loss", [losses, weights]):
        with control_dependencies([_assert_broadcastable(weights, losses)]):
            losses = convert_to_tensor(losses)
            input_dtype = losses.dtype
            losses = math_ops.cast(losses, dtype=dtypes.float32)
            weights = math_ops.cast(weights, dtype=dtypes.float32)
            weighted_losses = math_ops.multiply(losses, weights)
            if reduction == Reduction.NONE:
                loss = weighted_losses
            else:
                loss = math_ops.reduce_sum(weighted_losses)
                if reduction == Reduction.MEAN:
                    total_weight = math_ops.reduce_sum(array_ops.ones_like(losses) * weights)
                    loss = _safe_mean(loss, total_weight)
                elif reduction == Reduction.SUM_BY_NONZERO_WEIGHTS:
                    loss = _safe_mean(loss, _num_present(losses, weights))
                elif reduction == Reduction.SUM_OVER_BATCH_SIZE:
                    loss = _safe_mean(loss, _num_elements(losses))
            loss = math_ops.cast(loss, input_dtype)
            add_loss(loss, loss_collection)
            return loss


def _check_args(first_name, first, second_name, second):
    if first is None:
        raise ValueError(f"Argument `{first_name}` must not be None.")
    if second is None:
        raise ValueError(f"Argument `{second_name}` must not be None.")


def _as_float_pair(predictions, labels):
    predictions = math_ops.cast(predictions, dtype=dtypes.float32)
    labels = math_ops.cast(labels, dtype=dtypes.float32)
    predictions.shape.assert_is_compatible_with(labels.shape)
    return predictions, labels


def absolute_difference(
    labels,
    predictions,
    weights=1.0,
    scope=None,
    loss_collection=GraphKeys.LOSSES,
    reduction=_DEFAULT,
):
    """|predictions - labels|, weighted and reduced."""
    _check_args("labels", labels, "predictions", predictions)
    with name_scope(scope, "absolute_difference", [predictions, labels, weights]) as scope:
        predictions, labels = _as_float_pair(predictions, labels)
        losses = math_ops.abs(math_ops.subtract(predictions, labels))
        return compute_weighted_loss(losses, weights, scope, loss_collection, reduction)


def mean_squared_error(
    labels,
    predictions,
    weights=1.0,
    scope=None,
    loss_collection=GraphKeys.LOSSES,
    reduction=_DEFAULT,
):
    """(predictions - labels)^2, weighted and reduced."""
    _check_args("labels", labels, "predictions", predictions)
    with name_scope(scope, "mean_squared_error", [predictions, labels, weights]) as scope:
        predictions, labels = _as_float_pair(predictions, labels)
        losses = math_ops.squared_difference(predictions, labels)
        return compute_weighted_loss(losses, weights, scope, loss_collection, reduction)


def huber_loss(
    labels,
    predictions,
    weights=1.0,
    delta=1.0,
    scope=None,
    loss_collection=GraphKeys.LOSSES,
    reduction=_DEFAULT,
):
    """Quadratic for errors up to `delta`, linear beyond: 0.5 q^2 + delta (|e| - q)."""
    _check_args("labels", labels, "predictions", predictions)
    with name_scope(scope, "huber_loss", [predictions, labels, weights]) as scope:
        predictions, labels = _as_float_pair(predictions, labels)
        abs_error = math_ops.abs(math_ops.subtract(predictions, labels))
        quadratic = math_ops.minimum(abs_error, delta)
        linear = math_ops.subtract(abs_error, quadratic)
        losses = math_ops.add(
            math_ops.multiply(
                convert_to_tensor(0.5, dtype=quadratic.dtype),
                math_ops.multiply(quadratic, quadratic),
            ),
            math_ops.multiply(delta, linear),
        )
        return compute_weighted_loss(losses, weights, scope, loss_collection, reduction)


def log_loss(
    labels,
    predictions,
    weights=1.0,
    epsilon=1e-7,
    scope=None,
    loss_collection=GraphKeys.LOSSES,
    reduction=_DEFAULT,
):
    """Binary cross-entropy of probabilities: -y log(p + eps) - (1 - y) log(1 - p + eps)."""
    _check_args("labels", labels, "predictions", predictions)
    with name_scope(scope, "log_loss", [predictions, labels, weights]) as scope:
        predictions, labels = _as_float_pair(predictions, labels)
        losses = -math_ops.multiply(
            labels, math_ops.log(predictions + epsilon)
        ) - math_ops.multiply((1 - labels), math_ops.log(1 - predictions + epsilon))
        return compute_weighted_loss(losses, weights, scope, loss_collection, reduction)


def cosine_distance(
    labels, predictions, axis=None, weights=1.0, scope=None, loss_collection=GraphKeys.LOSSES,
    reduction=_DEFAULT, dim=None,
):  # fmt: skip
    """1 - sum(labels * predictions, axis): the cosine distance of unit-normalized vectors."""
    axis = dim if axis is None else axis
    if axis is None:
        raise ValueError("You must specify argument `axis`.")
    _check_args("labels", labels, "predictions", predictions)
    with name_scope(scope, "cosine_distance_loss", [predictions, labels, weights]) as scope:
        predictions, labels = _as_float_pair(predictions, labels)
        radial_diffs = math_ops.multiply(predictions, labels)
        losses = 1 - math_ops.reduce_sum(radial_diffs, axis=(axis,), keepdims=True)
        return compute_weighted_loss(losses, weights, scope, loss_collection, reduction)


def hinge_loss(
    labels,
    logits,
    weights=1.0,
    scope=None,
    loss_collection=GraphKeys.LOSSES,
    reduction=_DEFAULT,
):
    """max(0, 1 - y * logits) with labels 0/1 mapped to y = -1/+1."""
    _check_args("labels", labels, "logits", logits)
    with name_scope(scope, "hinge_loss", [logits, labels, weights]) as scope:
        logits, labels = _as_float_pair(logits, labels)
        all_ones = array_ops.ones_like(labels)
        labels = math_ops.subtract(2 * labels, all_ones)
        losses = nn_ops.relu(math_ops.subtract(all_ones, math_ops.multiply(labels, logits)))
        return compute_weighted_loss(losses, weights, scope, loss_collection, reduction)


def sigmoid_cross_entropy(
    multi_class_labels,
    logits,
    weights=1.0,
    label_smoothing=0,
    scope=None,
    loss_collection=GraphKeys.LOSSES,
    reduction=_DEFAULT,
):
    """Independent binary cross-entropies of logits; smoothing pulls labels towards 0.5."""
    _check_args("multi_class_labels", multi_class_labels, "logits", logits)
    with name_scope(
        scope, "sigmoid_cross_entropy_loss", [logits, multi_class_labels, weights]
    ) as scope:
        logits = convert_to_tensor(logits)
        labels = math_ops.cast(multi_class_labels, logits.dtype)
        logits.shape.assert_is_compatible_with(labels.shape)
        if label_smoothing > 0:
            labels = labels * (1 - label_smoothing) + 0.5 * label_smoothing
        losses = nn_ops.sigmoid_cross_entropy_with_logits(
            labels=labels, logits=logits, name="xentropy"
        )
        return compute_weighted_loss(losses, weights, scope, loss_collection, reduction)


def softmax_cross_entropy(
    onehot_labels,
    logits,
    weights=1.0,
    label_smoothing=0,
    scope=None,
    loss_collection=GraphKeys.LOSSES,
    reduction=_DEFAULT,
):
    """Cross-entropy of softmax(logits) against one-hot labels; smoothing spreads
    `label_smoothing` of each label's mass evenly over the classes."""
    _check_args("onehot_labels", onehot_labels, "logits", logits)
    with name_scope(scope, "softmax_cross_entropy_loss", [logits, onehot_labels, weights]) as scope:
        logits = convert_to_tensor(logits)
        labels = math_ops.cast(onehot_labels, logits.dtype)
        logits.shape.assert_is_compatible_with(labels.shape)
        if label_smoothing > 0:
            num_classes = math_ops.cast(array_ops.shape(labels)[-1], logits.dtype)
            labels = labels * (1.0 - label_smoothing) + label_smoothing / num_classes
        labels = math_ops.stop_gradient(labels, name="labels_stop_gradient")
        losses = nn_ops.softmax_cross_entropy_with_logits_v2(
            labels=labels, logits=logits, name="xentropy"
        )
        return compute_weighted_loss(losses, weights, scope, loss_collection, reduction)


def _squeeze_last_if_one(tensor, rank_diff, expected):
    if rank_diff == expected and tensor.shape[-1] in (None, 1):
        return array_ops.squeeze(tensor, [-1])
    return tensor


def sparse_softmax_cross_entropy(
    labels,
    logits,
    weights=1.0,
    scope=None,
    loss_collection=GraphKeys.LOSSES,
    reduction=_DEFAULT,
):
    """Cross-entropy of softmax(logits) against class indices (labels of shape [batch] or
    [batch, 1])."""
    _check_args("labels", labels, "logits", logits)
    with name_scope(scope, "sparse_softmax_cross_entropy_loss", [logits, labels, weights]) as scope:
        with name_scope(None, "remove_squeezable_dimensions", [labels, logits]):
            logits = convert_to_tensor(logits)
            labels = convert_to_tensor(labels)
            if labels.shape.ndims is not None and logits.shape.ndims is not None:
                # labels of rank logits.rank (a trailing 1) lose that dimension
                labels = _squeeze_last_if_one(labels, logits.shape.ndims - labels.shape.ndims, 0)
        weights = convert_to_tensor(weights)
        if labels.shape.ndims is not None and weights.shape.ndims is not None:
            if weights.shape.ndims - labels.shape.ndims == 1:
                weights = array_ops.squeeze(weights, [-1])
        losses = nn_ops.sparse_softmax_cross_entropy_with_logits(
            labels=labels, logits=logits, name="xentropy"
        )
        return compute_weighted_loss(losses, weights, scope, loss_collection, reduction)


def add_loss(loss, loss_collection=GraphKeys.LOSSES):
    """Add `loss` to the collection (not when executing eagerly, as TF)."""
    if loss_collection and not executing_eagerly():
        add_to_collection(loss_collection, loss)


def get_losses(scope=None, loss_collection=GraphKeys.LOSSES):
    return get_collection(loss_collection, scope)


def get_regularization_losses(scope=None):
    return get_collection(GraphKeys.REGULARIZATION_LOSSES, scope)


def get_regularization_loss(scope=None, name="total_regularization_loss"):
    losses = get_regularization_losses(scope)
    if losses:
        return math_ops.add_n(losses, name=name)
    return constant(0.0)


def get_total_loss(add_regularization_losses=True, name="total_loss", scope=None):
    """The sum of the collected losses (and regularization losses)."""
    losses = get_losses(scope=scope)
    if add_regularization_losses:
        losses += get_regularization_losses(scope=scope)
    return math_ops.add_n(losses, name=name)
