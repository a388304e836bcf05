"""Neural-network activations: relu, softmax and friends (`tf.nn`).

Lesson 12 builds a ReLU by hand (tf.maximum); lesson 13 uses tf.nn.relu after a convolution, as
lesson 07 does; no lesson uses softmax yet.
"""

import numpy as np

from learntf import dtypes, errors
from learntf.framework import context
from learntf.framework.apply import ShapeError, apply_op
from learntf.framework.constant_op import convert_to_tensor
from learntf.framework.graph import name_scope
from learntf.framework.op_registry import register_gradient, register_op
from learntf.framework.tensor_shape import TensorShape
from learntf.ops import array_ops, math_ops, random_ops
from learntf.ops.math_ops import _one_of
from learntf.ops.shape_inference import FLOAT_TYPES, REAL_TYPES, check_dtype


def _same(allowed, arg_name="features"):
    def infer(features, **attrs):
        check_dtype(arg_name, features, allowed)
        return [(features.dtype, features.shape)]

    return infer


def _softmax(logits):
    shifted = logits - logits.max(axis=-1, keepdims=True)  # no overflow for big logits
    e = np.exp(shifted)
    return e / e.sum(axis=-1, keepdims=True)


def _log_softmax(logits):
    shifted = logits - logits.max(axis=-1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))


def _elu(features):
    # exp(x) - 1 rather than expm1(x): TensorFlow's kernel computes it so, and we match its digits
    with np.errstate(all="ignore"):
        return np.where(features > 0, features, np.exp(features) - 1).astype(features.dtype)


register_op("Relu", ["features"], _same(REAL_TYPES), lambda features: np.maximum(features, 0))
register_op(
    "Relu6",
    ["features"],
    _same(REAL_TYPES),
    lambda features: np.clip(features, 0, 6).astype(features.dtype),
)
register_op("Elu", ["features"], _same(FLOAT_TYPES), _elu)


def _softmax_infer(logits):
    """Softmax and LogSoftmax need an axis to normalize along: a scalar is an error, as TF's."""
    result = _same(FLOAT_TYPES, "logits")(logits)
    if logits.shape.rank == 0:
        raise ShapeError("Shape must be at least rank 1 but is rank 0")
    return result


register_op("Softmax", ["logits"], _softmax_infer, _softmax)
register_op("LogSoftmax", ["logits"], _softmax_infer, _log_softmax)


def _l2_loss_infer(t):
    check_dtype("t", t, FLOAT_TYPES)
    return [(t.dtype, TensorShape([]))]


register_op(
    "L2Loss", ["t"], _l2_loss_infer, lambda t: np.asarray(np.sum(np.square(t)) / 2, dtype=t.dtype)
)


def l2_loss(t, name=None):
    """sum(t ** 2) / 2: half the squared L2 norm, as a weight penalty (one op, `L2Loss`)."""
    return apply_op("L2Loss", [t], {}, name or "L2Loss")


@register_gradient("L2Loss")
def _l2_loss_grad(op, grad):
    return op.inputs[0] * grad


def relu(features, name=None):
    return apply_op("Relu", [features], {}, name or "Relu")


def relu6(features, name=None):
    with name_scope(name, "Relu6", [features]) as scope:
        features = convert_to_tensor(features, name="features")
        return apply_op("Relu6", [features], {}, scope)


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
        raise NotImplementedError(
            "learntf needs the rank of the logits for a softmax along an axis other than the last."
        )
    if not -rank <= axis < rank:
        raise errors.InvalidArgumentError(
            None,
            None,
            "`dim` must be in the range [%d, %d) where %d is the number of "
            "dimensions in the input. Received: dim=%d" % (-rank, rank, rank, axis),
        )
    ndims = array_ops.rank(logits)
    if axis < 0:
        axis = axis + ndims  # a tensor from here on, as in TF
    input_rank = array_ops.rank(logits)
    dim_axis = axis % rank

    def swap_axis(tensor, name=None):
        last_index = math_ops.subtract(input_rank, 1)
        order = array_ops.concat(
            [
                math_ops.range(dim_axis),
                [last_index],
                math_ops.range(dim_axis + 1, last_index),
                [dim_axis],
            ],
            0,
        )
        return array_ops.transpose(tensor, order, name=name or "transpose")

    result = swap_axis(apply_op(compute, [swap_axis(logits)], {}, compute), name=name)
    if hasattr(result, "set_shape"):  # a graph tensor
        result.set_shape(logits.shape)
    return result


def _axis_argument(axis, dim):
    axis = _one_of("axis", axis, "dim", dim)
    return -1 if axis is None else axis


def softmax(logits, axis=None, name=None, dim=None):
    """exp(logits) / sum(exp(logits)) along `axis` (the last by default)."""
    if context.executing_eagerly() and getattr(logits, "shape", None) == ():
        if getattr(logits, "dtype", None) is dtypes.float32:  # (TF's oneDNN kernel's words)
            raise errors.AbortedError(None, None, "Input dims must be <= 5 and >=1 [Op:Softmax]")
    return _on_last_axis("Softmax", logits, _axis_argument(axis, dim), name)


def log_softmax(logits, axis=None, name=None, dim=None):
    """logits - log(sum(exp(logits))) along `axis` (the last by default)."""
    return _on_last_axis("LogSoftmax", logits, _axis_argument(axis, dim), name)


def _leaky_relu_kernel(features, alpha):
    return np.where(features > 0, features, features * np.asarray(alpha, features.dtype))


def _leaky_relu_grad_kernel(gradients, features, alpha):
    return np.where(features > 0, gradients, gradients * np.asarray(alpha, gradients.dtype))


register_op("LeakyRelu", ["features"], _same(FLOAT_TYPES), _leaky_relu_kernel)
register_op(
    "LeakyReluGrad",
    ["gradients", "features"],
    lambda gradients, features, alpha: [(gradients.dtype, gradients.shape)],
    _leaky_relu_grad_kernel,
    same_dtype=True,
)


def leaky_relu(features, alpha=0.2, name=None):
    """x where x > 0, alpha * x elsewhere (one LeakyRelu op, as in TF)."""
    with name_scope(name, "LeakyRelu", [features, alpha]) as scope:
        features = convert_to_tensor(features, name="features")
        if features.dtype.is_integer:
            features = math_ops.cast(features, dtypes.float32)
        if isinstance(alpha, np.ndarray):
            alpha = alpha.item()
        alpha = float(np.float32(alpha))  # a float attr holds a float32, as in TF
        return apply_op("LeakyRelu", [features], {"alpha": alpha}, scope)


@register_gradient("LeakyRelu")
def _leaky_relu_grad(op, grad):
    return apply_op(
        "LeakyReluGrad", [grad, op.inputs[0]], {"alpha": op.attrs["alpha"]}, "LeakyReluGrad"
    )


@register_gradient("LeakyReluGrad")
def _leaky_relu_grad_grad(op, grad):
    x = op.inputs[1]
    return [
        apply_op("LeakyReluGrad", [grad, x], {"alpha": op.attrs["alpha"]}, "LeakyReluGrad"),
        array_ops.zeros_like(x),
    ]


# -- losses: TF's fused cross-entropy ops ----------------------------------------------------------
# SoftmaxCrossEntropyWithLogits(features, labels) and its sparse twin work on [batch, classes]
# and return (loss per row, its gradient softmax - labels); the Python functions reshape other
# ranks to that, as TF does.
def _xent_infer(features, labels):
    check_dtype("features", features, FLOAT_TYPES)
    if features.dtype is not labels.dtype:
        raise TypeError(
            "Input 'labels' of 'SoftmaxCrossEntropyWithLogits' Op has type %s that "
            "does not match type %s of argument 'features'."
            % (labels.dtype.name, features.dtype.name)
        )
    if features.shape.rank == 2 and labels.shape.rank == 2:
        if not features.shape.is_compatible_with(labels.shape):
            error = ShapeError(
                "Shapes %s and %s are not compatible" % (features.shape, labels.shape),
                "labels need the logits' shape [batch, classes]",
            )
            error.eager_words = (  # (TF's kernel)
                "logits and labels must be broadcastable: logits_size=%s labels_size=%s"
                % (features.shape.proto_str(), labels.shape.proto_str())
            )
            raise error
        shape = features.shape.merge_with(labels.shape)
    else:
        shape = features.shape
    if shape.rank not in (None, 2):
        raise ShapeError("Shape must be rank 2 but is rank %d" % shape.rank)
    rows = TensorShape([None if shape.rank is None else shape[0]])
    return [(features.dtype, rows), (features.dtype, shape)]


def _xent_kernel(features, labels):
    log_probs = _log_softmax(features)
    loss = -np.sum(labels * log_probs, axis=-1)
    return loss.astype(features.dtype), (np.exp(log_probs) - labels).astype(features.dtype)


def _sparse_xent_infer(features, labels):
    check_dtype("features", features, FLOAT_TYPES)
    check_dtype("labels", labels, (dtypes.int32, dtypes.int64), attr="Tlabels")
    if features.shape.rank not in (None, 2):
        raise ShapeError("Shape must be rank 2 but is rank %d" % features.shape.rank)
    rows = features.shape[0] if features.shape.rank == 2 else None
    if rows is None and labels.shape.rank == 1:
        rows = labels.shape[0]
    return [
        (features.dtype, TensorShape([rows])),
        (
            features.dtype,
            TensorShape([rows, features.shape[1] if features.shape.rank == 2 else None]),
        ),
    ]


def _sparse_xent_kernel(features, labels):
    classes = features.shape[1]
    if labels.size and (labels.min() < 0 or labels.max() >= classes):
        bad = (labels < 0) | (labels >= classes)
        raise errors.InvalidArgumentError(
            None,
            None,
            "Received a label value of %d which is outside the valid range of "
            "[0, %d).  Label values: %s\n(learntf: a label is a class index from 0 to %d; "
            "check the labels, or give the logits one column per class.)"
            % (
                labels[np.argmax(bad)],
                classes,
                " ".join(str(v) for v in labels.tolist()),
                classes - 1,
            ),
        )
    log_probs = _log_softmax(features)
    rows = np.arange(features.shape[0])
    loss = -log_probs[rows, labels]
    backprop = np.exp(log_probs)
    backprop[rows, labels] -= 1
    return loss.astype(features.dtype, copy=False), backprop.astype(features.dtype, copy=False)


register_op(
    "SoftmaxCrossEntropyWithLogits",
    ["features", "labels"],
    _xent_infer,
    _xent_kernel,
    num_outputs=2,
)
register_op(
    "SparseSoftmaxCrossEntropyWithLogits",
    ["features", "labels"],
    _sparse_xent_infer,
    _sparse_xent_kernel,
    num_outputs=2,
)


def _broadcast_mul(vec, mat):
    """vec[:, None] * mat, as TF's nn_grad writes it."""
    return array_ops.expand_dims(vec, -1) * mat


def _made_of_zeros(tensor):
    """The zeros tf.gradients (ZerosLike) or the tape puts in for an output nobody used (TF
    tags such tensors `_is_zeros_tensor` and skips the work they would add)."""
    op = getattr(tensor, "op", None) if not hasattr(tensor, "numpy") else None
    if op is not None:
        return op.type == "ZerosLike"
    return not np.any(tensor.numpy())


def _xent_grad(op, grad_loss, grad_grad=None):
    """TF's gradient of both cross-entropy ops: the second output is already softmax - labels;
    a gradient of that second output adds the softmax's own Jacobian."""
    grad = _broadcast_mul(grad_loss, op.outputs[1])
    logits = op.inputs[0]
    if grad_grad is not None and not _made_of_zeros(grad_grad):
        softmax = apply_op("Softmax", [logits], {}, "Softmax")
        grad += (
            grad_grad
            - array_ops.squeeze(
                math_ops.matmul(
                    array_ops.expand_dims(grad_grad, 1), array_ops.expand_dims(softmax, 2)
                ),
                axis=1,
            )
        ) * softmax
    return grad


@register_gradient("SoftmaxCrossEntropyWithLogits")
def _softmax_xent_grad(op, grad_loss, grad_grad=None):
    grad = _xent_grad(op, grad_loss, grad_grad)  # (TF builds this first, then LogSoftmax)
    log_softmax_op = apply_op("LogSoftmax", [op.inputs[0]], {}, "LogSoftmax")
    return [grad, _broadcast_mul(grad_loss, -log_softmax_op)]


@register_gradient("SparseSoftmaxCrossEntropyWithLogits")
def _sparse_softmax_xent_grad(op, grad_loss, grad_grad=None):
    return [_xent_grad(op, grad_loss, grad_grad), None]


def _flatten_outer_dims(logits):
    """logits as a matrix [rows, last dim] (TF's Rank, Shape, Slice, concat and Reshape)."""
    rank = array_ops.rank(logits)
    last_dim_size = array_ops.slice(array_ops.shape(logits), [math_ops.subtract(rank, 1)], [1])
    output = array_ops.reshape(logits, array_ops.concat([[-1], last_dim_size], 0))

    if not context.executing_eagerly() and logits.shape.rank is not None:
        dims = logits.shape.as_list()
        if None not in dims[:-1]:
            output.set_shape(TensorShape([int(np.prod(dims[:-1], dtype=np.int64)), dims[-1]]))
    return output


def softmax_cross_entropy_with_logits_v2(labels=None, logits=None, axis=None, name=None, dim=None):
    """-sum(labels * log_softmax(logits)) along `axis`: one SoftmaxCrossEntropyWithLogits op
    on the logits flattened to a matrix, the cost reshaped back (TF's graph)."""
    _ensure_xent_args("softmax_cross_entropy_with_logits", labels, logits)
    axis = _axis_argument(axis, dim)
    with name_scope(name, "softmax_cross_entropy_with_logits", [logits, labels]) as scope:
        logits = convert_to_tensor(logits, name="logits")
        labels = convert_to_tensor(labels, name="labels")
        narrow = logits.dtype is dtypes.float16
        precise_logits = math_ops.cast(logits, dtypes.float32) if narrow else logits
        labels = math_ops.cast(labels, precise_logits.dtype)
        input_rank = array_ops.rank(precise_logits)
        static_shape = logits.shape
        if axis != -1:

            def move_dim_to_end(tensor):
                return array_ops.transpose(
                    tensor,
                    array_ops.concat(
                        [math_ops.range(axis), math_ops.range(axis + 1, input_rank), [axis]], 0
                    ),
                )

            precise_logits = move_dim_to_end(precise_logits)
            labels = move_dim_to_end(labels)
        input_shape = array_ops.shape(precise_logits)
        precise_logits = _flatten_outer_dims(precise_logits)
        labels = _flatten_outer_dims(labels)
        cost, _ = apply_op("SoftmaxCrossEntropyWithLogits", [precise_logits, labels], {}, scope)
        output_shape = array_ops.slice(input_shape, [0], [math_ops.subtract(input_rank, 1)])
        cost = array_ops.reshape(cost, output_shape)

        if not context.executing_eagerly() and static_shape.rank is not None:
            dims = static_shape.as_list()
            del dims[axis]
            cost.set_shape(TensorShape(dims))
        return math_ops.cast(cost, logits.dtype) if narrow else cost


def softmax_cross_entropy_with_logits(labels=None, logits=None, dim=-1, name=None, axis=None):
    """TF1's version: the gradient does not flow into the labels (a StopGradient on them)."""
    _ensure_xent_args("softmax_cross_entropy_with_logits", labels, logits)

    dim = _one_of("axis", axis, "dim", dim)
    with name_scope(name, "softmax_cross_entropy_with_logits_sg", [logits, labels]) as scope:
        labels = math_ops.stop_gradient(labels, name="labels_stop_gradient")
    return softmax_cross_entropy_with_logits_v2(labels=labels, logits=logits, axis=dim, name=scope)


def _ensure_xent_args(name, labels, logits):
    if labels is None or logits is None:
        raise ValueError(
            "Both `labels` and `logits` must be provided for %sReceived: labels=%s "
            "and logits=%s" % (name, labels, logits)
        )


def sigmoid_cross_entropy_with_logits(labels=None, logits=None, name=None):
    """max(x, 0) - x * z + log(1 + exp(-|x|)): the logistic loss, stable for any logit x."""
    _ensure_xent_args("sigmoid_cross_entropy_with_logits", labels, logits)
    with name_scope(name, "logistic_loss", [logits, labels]) as scope:
        logits = convert_to_tensor(logits, name="logits")
        labels = convert_to_tensor(labels, name="labels")
        if not labels.shape.is_compatible_with(logits.shape):
            raise ValueError(
                "`logits` and `labels` must have the same shape, received (%s vs "
                "%s)." % (logits.shape, labels.shape)
            )
        zeros = array_ops.zeros_like(logits, dtype=logits.dtype)
        cond = logits >= zeros
        relu_logits = array_ops.where(cond, logits, zeros)
        neg_abs_logits = array_ops.where(cond, -logits, logits)
        return math_ops.add(
            relu_logits - logits * labels, math_ops.log1p(math_ops.exp(neg_abs_logits)), name=scope
        )


def sparse_softmax_cross_entropy_with_logits(labels=None, logits=None, name=None):
    """Like softmax_cross_entropy_with_logits with labels given as class indices: one
    SparseSoftmaxCrossEntropyWithLogits op (logits of rank > 2 reshaped to a matrix)."""
    _ensure_xent_args("sparse_softmax_cross_entropy_with_logits", labels, logits)
    with name_scope(name, "SparseSoftmaxCrossEntropyWithLogits", [labels, logits]):
        labels = convert_to_tensor(labels)
        logits = convert_to_tensor(logits)
        narrow = logits.dtype is dtypes.float16
        precise_logits = math_ops.cast(logits, dtypes.float32) if narrow else logits
        labels_static = labels.shape
        logits_rank = logits.shape.rank
        # TF builds the Shape op before it knows the rank; run eagerly, only rank > 2 uses it.
        eager_matrix = logits_rank == 2 and context.executing_eagerly()
        labels_shape = None if eager_matrix else array_ops.shape(labels)
        if logits_rank == 0:
            raise ValueError("`logits` cannot be a scalar. Received logits=%s`" % logits)
        if (
            logits_rank is not None
            and labels_static.rank is not None
            and labels_static.rank != logits_rank - 1
        ):
            raise ValueError(
                "`labels.shape.rank` must equal `logits.shape.rank - 1`. Received: "
                "labels.shape=%s of rank %d and logits.shape=%s of rank %d"
                % (labels_static, labels_static.rank, logits.shape, logits_rank)
            )
        if logits_rank == 2:
            cost, _ = apply_op(
                "SparseSoftmaxCrossEntropyWithLogits", [precise_logits, labels], {}, name
            )
        else:
            num_classes = array_ops.shape(logits)[array_ops.rank(logits) - 1]
            precise_logits = array_ops.reshape(precise_logits, [-1, num_classes])
            labels = array_ops.reshape(labels, [-1])
            cost, _ = apply_op(
                "SparseSoftmaxCrossEntropyWithLogits", [precise_logits, labels], {}, name
            )
            cost = array_ops.reshape(cost, labels_shape)
            if hasattr(cost, "set_shape"):  # a graph tensor
                cost.set_shape(labels_static)
        return math_ops.cast(cost, dtypes.float16) if narrow else cost


# -- dropout -----------------------------------------------------------------------------------
def dropout(x, rate=None, noise_shape=None, seed=None, name=None, keep_prob=None):
    """Zero each element with probability `rate`, scale the others by 1 / (1 - rate).

    As TF draws it: x * scale, a uniform tensor of the noise shape, kept where it is >= rate
    (`random_uniform(...) >= rate`), zero elsewhere.  TF1's `keep_prob=p` means rate = 1 - p."""
    if rate is None:
        if keep_prob is None:
            raise ValueError("`rate` must be provided. Received: rate=None")
        rate = 1.0 - keep_prob

    with name_scope(name, "dropout", [x]):
        if isinstance(rate, (int, float)) and not 0 <= rate < 1:
            raise ValueError(
                "`rate` must be a scalar tensor or a float in the range [0, 1). "
                "Received: rate=%s" % rate
            )
        x = convert_to_tensor(x, name="x")
        if not x.dtype.is_floating:
            raise ValueError(
                "`x.dtype` must be a floating point tensor as `x` will be scaled. "
                "Received: x_dtype=%s" % x.dtype
            )
        if isinstance(rate, (int, float)) and rate == 0:
            random_ops.get_seed(seed)  # TF still takes a seed, so later ops get the same ones
            return x
        if not isinstance(rate, (int, float)):
            raise NotImplementedError(
                "dropout with a tensor `rate` is not implemented\n"
                "(learntf: pass the rate as a Python float.)"
            )
        scaled = math_ops.multiply(x, convert_to_tensor(1 / (1 - rate), dtype=x.dtype))
        shape = array_ops.shape(x) if noise_shape is None else noise_shape
        noise = random_ops.random_uniform(shape, dtype=x.dtype, seed=seed)
        keep = math_ops.greater_equal(noise, rate)
        return array_ops.where_v2(keep, scaled, convert_to_tensor(0, dtype=x.dtype))
