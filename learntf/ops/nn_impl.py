"""More of `tf.nn`, as TF1 tutorials use it: selu, l2_normalize, moments, batch normalization
(TF's composition and its fused op), weighted cross-entropy and embedding lookups.

Most are compositions of existing ops, written as TensorFlow's nn_impl.py writes them (so the
graph has the same ops under the same names).  Two are ops of their own, each with its kernel
and gradient side by side: `Selu` and `FusedBatchNormV3`, the one op TF's layers use to
normalize a 4-D batch.
"""

import numpy as np

from learntf import dtypes
from learntf.framework.apply import apply_op
from learntf.framework.constant_op import constant, convert_to_tensor
from learntf.framework.graph import name_scope
from learntf.framework.op_registry import no_gradient_in_tensorflow, register_gradient, register_op
from learntf.framework.tensor_shape import TensorShape
from learntf.ops import array_ops, gather_ops, math_ops, nn_ops
from learntf.ops.shape_inference import FLOAT_TYPES, check_dtype

# -- selu -------------------------------------------------------------------------------------
_SELU_SCALE = 1.0507009873554804934193349852946
_SELU_ALPHA = 1.6732632423543772848170429916717


def _same_as_first(first, *unused_inputs, **unused_attrs):
    return [(first.dtype, first.shape)]


def _selu(features):
    with np.errstate(all="ignore"):
        negative = _SELU_SCALE * _SELU_ALPHA * (np.exp(features) - 1)
        return np.where(features > 0, _SELU_SCALE * features, negative).astype(features.dtype)


def _selu_grad(gradients, outputs):
    below = gradients * (outputs + _SELU_SCALE * _SELU_ALPHA)
    return np.where(outputs < 0, below, gradients * _SELU_SCALE).astype(gradients.dtype)


register_op("Selu", ["features"], _same_as_first, _selu)
register_op("SeluGrad", ["gradients", "outputs"], _same_as_first, _selu_grad, same_dtype=True)


def selu(features, name=None):
    """scale * x for x > 0, scale * alpha * (exp(x) - 1) otherwise (self-normalizing)."""
    features = convert_to_tensor(features, name="features")
    check_dtype("features", features, FLOAT_TYPES)
    return apply_op("Selu", [features], {}, name or "Selu")


@register_gradient("Selu")
def _selu_gradient(op, grad):
    return apply_op("SeluGrad", [grad, op.outputs[0]], {}, None)


@register_gradient("SeluGrad")
def _selu_grad_gradient(op, grad):
    selu_x = op.inputs[1]
    return (
        apply_op("SeluGrad", [grad, selu_x], {}, None),
        array_ops.where(selu_x < 0.0, grad * op.inputs[0], array_ops.zeros_like(selu_x)),
    )


# -- compositions ------------------------------------------------------------------------------
def l2_normalize(x, axis=None, epsilon=1e-12, name=None, dim=None):
    """x / sqrt(max(sum(x^2, axis), epsilon))."""
    axis = dim if axis is None else axis
    with name_scope(name, "l2_normalize", [x]) as name:
        x = convert_to_tensor(x, name="x")
        square_sum = math_ops.reduce_sum(math_ops.square(x), axis, keepdims=True)
        x_inv_norm = math_ops.rsqrt(math_ops.maximum(square_sum, epsilon))
        return math_ops.multiply(x, x_inv_norm, name=name)


def moments(x, axes, shift=None, name=None, keep_dims=None, keepdims=None):
    """The mean and (biased) variance of `x` over `axes`."""
    keep_dims = bool(keepdims if keepdims is not None else keep_dims)
    with name_scope(name, "moments", [x, axes]):
        x = convert_to_tensor(x)
        y = math_ops.cast(x, dtypes.float32) if x.dtype == dtypes.float16 else x
        mean = math_ops.reduce_mean(y, axes, keepdims=True, name="mean")
        variance = math_ops.reduce_mean(
            math_ops.squared_difference(y, math_ops.stop_gradient(mean)),
            axes,
            keepdims=True,
            name="variance",
        )
        if not keep_dims:
            mean = array_ops.squeeze(mean, axes)
            variance = array_ops.squeeze(variance, axes)
        if x.dtype == dtypes.float16:
            return math_ops.cast(mean, dtypes.float16), math_ops.cast(variance, dtypes.float16)
        return mean, variance


def moments_v2(x, axes, shift=None, keepdims=False, name=None):
    """TF 2's tf.nn.moments: the same, with TF 2's order of arguments."""
    return moments(x, axes, shift, name, keepdims=keepdims)


def batch_normalization(x, mean, variance, offset, scale, variance_epsilon, name=None):
    """(x - mean) * scale / sqrt(variance + epsilon) + offset, as TF folds it:
    x * inv + (offset - mean * inv) with inv = scale * rsqrt(variance + epsilon)."""
    with name_scope(name, "batchnorm", [x, mean, variance, scale, offset]):
        x = convert_to_tensor(x)
        inv = math_ops.rsqrt(variance + variance_epsilon)
        if scale is not None:
            inv *= scale
        shift = offset - mean * inv if offset is not None else -mean * inv
        return x * math_ops.cast(inv, x.dtype) + math_ops.cast(shift, x.dtype)


def weighted_cross_entropy_with_logits(
    labels=None, logits=None, pos_weight=None, name=None, targets=None
):
    """Sigmoid cross-entropy whose positive term is multiplied by `pos_weight`."""
    labels = targets if labels is None else labels
    with name_scope(name, "logistic_loss", [logits, labels]) as name:
        logits = convert_to_tensor(logits, name="logits")
        labels = convert_to_tensor(labels, name="labels")
        if not labels.shape.is_compatible_with(logits.shape):
            raise ValueError(
                "`logits` and `labels` must have the same shape, "
                f"received ({logits.shape} vs {labels.shape})."
            )
        log_weight = 1 + (pos_weight - 1) * labels
        return math_ops.add(
            (1 - labels) * logits,
            log_weight
            * (math_ops.log1p(math_ops.exp(-math_ops.abs(logits))) + nn_ops.relu(-logits)),
            name=name,
        )


def weighted_cross_entropy_with_logits_v2(labels, logits, pos_weight, name=None):
    return weighted_cross_entropy_with_logits(labels, logits, pos_weight, name)


def embedding_lookup(params, ids, partition_strategy="mod", name=None, validate_indices=True,
                     max_norm=None):  # fmt: skip
    """The rows of `params` at `ids` (one parameter tensor; TF's partitioned lists of tensors
    are not supported)."""
    if isinstance(params, (list, tuple)):
        if not params:
            raise ValueError("Length of params is currently 0. Need at least one param.")
        if len(params) > 1:
            raise NotImplementedError(
                "embedding_lookup over a list of partitions\n"
                "(learntf: pass one tensor or variable, e.g. tf.concat(params, 0).)"
            )
        params = params[0]
    if max_norm is not None:
        raise NotImplementedError("embedding_lookup(max_norm=)\n(learntf: clip the rows yourself.)")
    with name_scope(name, "embedding_lookup", [params, ids]) as name:
        ids = convert_to_tensor(ids, name="ids")
        return math_ops.identity(gather_ops.gather(params, ids, name=name))


def embedding_lookup_v2(params, ids, max_norm=None, name=None):
    return embedding_lookup(params, ids, "div", name, max_norm=max_norm)


# -- FusedBatchNormV3 ---------------------------------------------------------------------------
def _channel_axes(x, data_format):
    """The axes reduced over (all but the channels) and the shape a per-channel vector takes."""
    channel = 1 if data_format.startswith("NC") else x.ndim - 1
    axes = tuple(i for i in range(x.ndim) if i != channel)
    shape = [1] * x.ndim
    shape[channel] = x.shape[channel]
    return axes, shape


def _fused_bn_infer(x, scale, offset, mean, variance, data_format="NHWC", **unused_attrs):
    channels = x.shape[1 if data_format.startswith("NC") else -1] if x.shape.rank else None
    vector = (scale.dtype, TensorShape([channels]))
    return [(x.dtype, x.shape)] + [vector] * 4 + [(scale.dtype, TensorShape(None))]


def _fused_bn_kernel(
    x, scale, offset, mean, variance, epsilon=1e-4, exponential_avg_factor=1.0,
    data_format="NHWC", is_training=True, **unused_attrs,
):  # fmt: skip
    axes, shape = _channel_axes(x, data_format)
    x32 = x.astype(np.float32)
    if is_training:
        batch_mean = x32.mean(axis=axes)
        batch_var = x32.var(axis=axes)
        count = x.size // batch_mean.size
        unbiased = batch_var * count / max(count - 1, 1)
        if exponential_avg_factor != 1.0:
            f = exponential_avg_factor
            running_mean = (1 - f) * mean + f * batch_mean
            running_var = (1 - f) * variance + f * unbiased
        else:
            running_mean, running_var = batch_mean, unbiased
    else:
        batch_mean, batch_var = mean, variance
        running_mean, running_var = mean, variance
    inv = 1.0 / np.sqrt(batch_var + epsilon)
    y = (x32 - batch_mean.reshape(shape)) * (inv * scale).reshape(shape) + offset.reshape(shape)
    f32 = scale.dtype
    return (
        y.astype(x.dtype),
        np.asarray(running_mean, f32),
        np.asarray(running_var, f32),
        np.asarray(batch_mean, f32),
        np.asarray(batch_var, f32),
        np.zeros([0], f32),
    )


def _fused_bn_grad_infer(y_backprop, x, scale, *unused_inputs, **unused_attrs):
    vector = (scale.dtype, scale.shape)
    empty = (scale.dtype, TensorShape([0]))
    return [(x.dtype, x.shape), vector, vector, empty, empty]


def _fused_bn_grad_kernel(
    y_backprop, x, scale, reserve_space_1, reserve_space_2, reserve_space_3, epsilon=1e-4,
    data_format="NHWC", is_training=True, **unused_attrs,
):  # fmt: skip
    axes, shape = _channel_axes(x, data_format)
    dy, x32 = y_backprop.astype(np.float32), x.astype(np.float32)
    inv = 1.0 / np.sqrt(reserve_space_2 + epsilon)
    x_hat = (x32 - reserve_space_1.reshape(shape)) * inv.reshape(shape)
    offset_backprop = dy.sum(axis=axes)
    scale_backprop = (dy * x_hat).sum(axis=axes)
    if is_training:
        count = x.size // scale.size
        dx = (
            (scale * inv).reshape(shape)
            / count
            * (count * dy - offset_backprop.reshape(shape) - x_hat * scale_backprop.reshape(shape))
        )
    else:
        dx = dy * (scale * inv).reshape(shape)
    f32 = scale.dtype
    empty = np.zeros([0], f32)
    return dx.astype(x.dtype), scale_backprop.astype(f32), offset_backprop.astype(f32), empty, empty


register_op(
    "FusedBatchNormV3",
    ["x", "scale", "offset", "mean", "variance"],
    _fused_bn_infer,
    _fused_bn_kernel,
    num_outputs=6,
)
register_op(
    "FusedBatchNormGradV3",
    ["y_backprop", "x", "scale", "reserve_space_1", "reserve_space_2", "reserve_space_3"],
    _fused_bn_grad_infer,
    _fused_bn_grad_kernel,
    num_outputs=5,
)
# TF differentiates the gradient op again (batch norm's second derivative); learntf does not.
no_gradient_in_tensorflow("FusedBatchNormGradV3")


@register_gradient("FusedBatchNormV3")
def _fused_batch_norm_gradient(op, grad_y, *unused_grads):
    attrs = {key: op.attrs[key] for key in ("epsilon", "data_format", "is_training")}
    x, scale = op.inputs[0], op.inputs[1]
    if not attrs["is_training"]:  # the given mean and variance normalized x
        reserve_1, reserve_2 = op.inputs[3], op.inputs[4]
    else:
        reserve_1, reserve_2 = op.outputs[3], op.outputs[4]
    dx, dscale, doffset, _, _ = apply_op(
        "FusedBatchNormGradV3",
        [grad_y, x, scale, reserve_1, reserve_2, op.outputs[5]],
        attrs,
        "FusedBatchNormGradV3",
    )
    return dx, dscale, doffset, None, None


def fused_batch_norm(
    x, scale, offset, mean=None, variance=None, epsilon=0.001, data_format="NHWC",
    is_training=True, name=None, exponential_avg_factor=1.0,
):  # fmt: skip
    """Batch normalization in one op: (y, running or batch mean, running or batch variance)."""
    if (not is_training or exponential_avg_factor != 1.0) and (mean is None or variance is None):
        raise ValueError(
            "Both `mean` and `variance` must be a 1D tensor when `is_training` is False or "
            f"`exponential_avg_factor` != 1.0. Received: `mean` {mean!r} and `variance` "
            f"{variance!r}"
        )
    x = convert_to_tensor(x, name="input")
    scale = convert_to_tensor(scale, name="scale")
    offset = convert_to_tensor(offset, name="offset")
    mean = constant([]) if mean is None else mean
    variance = constant([]) if variance is None else variance
    attrs = dict(
        epsilon=float(epsilon),
        exponential_avg_factor=float(exponential_avg_factor),
        data_format=data_format,
        is_training=bool(is_training),
    )
    outputs = apply_op(
        "FusedBatchNormV3", [x, scale, offset, mean, variance], attrs, name or "FusedBatchNormV3"
    )
    return outputs[0], outputs[1], outputs[2]
