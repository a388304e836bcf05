"""Convolution and pooling over NHWC images: conv2d, max_pool, avg_pool, bias_add (lesson 13).

An image batch has shape [batch, height, width, channels]; a filter has shape
[filter_height, filter_width, in_channels, out_channels].  Every kernel here works on
"windows": `_windows(x)` is a strided view [batch, out_h, out_w, f_h, f_w, channels] of the
padded input, so a convolution is one `tensordot` of windows with the filter, and its
gradients are the same windows read or written the other way.  Padding follows TF:
VALID uses no padding; SAME pads (half before, the extra one after) so out = ceil(in / stride).
"""

import numpy as np

from learntf import errors
from learntf.framework import context
from learntf.framework.apply import ShapeError, apply_op
from learntf.framework.constant_op import convert_to_tensor
from learntf.framework.graph import name_scope
from learntf.framework.op_registry import register_gradient, register_op
from learntf.framework.tensor_shape import TensorShape
from learntf.framework.tensor_util import inferred_shape
from learntf.ops import array_ops, math_ops
from learntf.ops.shape_inference import FLOAT_TYPES, check_dtype


def _out_size(size, window, stride, padding):
    if size is None:
        return None
    if padding == "VALID":
        return max(0, -(-(size - window + 1) // stride))
    return -(-size // stride)


def _pads(size, window, stride, padding):
    """(before, after) padding along one axis, as TensorFlow computes it."""
    if padding == "VALID":
        return 0, 0
    out = -(-size // stride)
    total = max((out - 1) * stride + window - size, 0)
    return total // 2, total - total // 2


def _check(strides, padding, what="strides"):
    if padding not in ("SAME", "VALID"):
        # TF's attr check (the C++ op's list; an eager op raises InvalidArgumentError)
        words = (
            'Value for attr \'padding\' of "%s" is not in the list of allowed values: "SAME", '
            "\"VALID\", \"EXPLICIT\"\n(learntf: padding is 'SAME' or 'VALID', in capitals%s.)"
            % (padding, "; learntf has no explicit paddings" if padding == "EXPLICIT" else "")
        )
        if context.executing_eagerly():
            raise errors.InvalidArgumentError(None, None, words)
        raise ValueError(words)
    if len(strides) != 4 or strides[0] != 1 or strides[3] != 1:
        raise ValueError(
            "Current implementation does not yet support %s in the batch and depth "
            "dimensions (NHWC: use [1, stride_h, stride_w, 1]); got %s" % (what, list(strides))
        )


def _windows(x, fh, fw, strides, padding, pad_value=0.0):
    """A read-only strided view [b, oh, ow, fh, fw, c] of the (padded) input."""
    _, h, w, _ = x.shape
    (top, bottom), (left, right) = (
        _pads(h, fh, strides[1], padding),
        _pads(w, fw, strides[2], padding),
    )
    if top or bottom or left or right:
        x = np.pad(x, ((0, 0), (top, bottom), (left, right), (0, 0)), constant_values=pad_value)
    view = np.lib.stride_tricks.sliding_window_view(x, (fh, fw), axis=(1, 2))
    view = view[:, :: strides[1], :: strides[2]]  # [b, oh, ow, c, fh, fw]
    return view.transpose(0, 1, 2, 4, 5, 3)


def _scatter_windows(window_grads, input_shape, strides, padding):
    """The adjoint of `_windows`: add each window's gradient back where it was read from."""
    b, h, w, c = input_shape
    _, oh, ow, fh, fw, _ = window_grads.shape
    (top, bottom), (left, right) = (
        _pads(h, fh, strides[1], padding),
        _pads(w, fw, strides[2], padding),
    )
    padded = np.zeros((b, h + top + bottom, w + left + right, c), dtype=window_grads.dtype)
    for i in range(fh):
        for j in range(fw):
            padded[
                :, i : i + oh * strides[1] : strides[1], j : j + ow * strides[2] : strides[2]
            ] += window_grads[:, :, :, i, j]
    return padded[:, top : top + h, left : left + w]


# -- conv2d -------------------------------------------------------------------------------------
# Conv2D(input, filter) with TF's attrs; its gradients Conv2DBackpropInput(input_sizes, filter,
# out_backprop) and Conv2DBackpropFilter(input, filter_sizes, out_backprop) take the shape of
# the side they compute as an int32 tensor (ShapeN of the inputs), as in TF.
_CONV_ATTRS = (
    "strides",
    "padding",
    "use_cudnn_on_gpu",
    "explicit_paddings",
    "data_format",
    "dilations",
)


def _conv_infer(input, filter, strides, padding, **unused_attrs):
    check_dtype("input", input, FLOAT_TYPES)
    if input.shape.rank not in (None, 4):
        error = ShapeError(
            "Shape must be rank 4 but is rank %d" % input.shape.rank,
            "conv2d wants images as [batch, height, width, channels]",
        )
        error.eager_words = "convolution input must be 4-dimensional: %s" % (
            input.shape.proto_str()
        )  # (TF's Conv2D kernel)
        raise error
    if filter.shape.rank not in (None, 4):
        raise ShapeError(
            "Shape must be rank 4 but is rank %d" % filter.shape.rank,
            "a conv2d filter is [height, width, in_channels, out_channels]",
        )
    if input.shape.rank is None or filter.shape.rank is None:
        return [(input.dtype, TensorShape([None] * 4))]
    b, h, w, c = input.shape.as_list()
    fh, fw, fc, out = filter.shape.as_list()
    if c is not None and fc is not None and c != fc:
        error = ShapeError(
            "Depth of input (%d) is not a multiple of input depth of filter (%d)" % (c, fc),
            "the filter's third dimension must equal the number of input channels",
        )
        error.eager_words = (  # (TF's Conv2D kernel)
            "input depth must be evenly divisible by filter depth: %d vs %d" % (c, fc)
        )
        raise error
    return [
        (
            input.dtype,
            TensorShape(
                [
                    b,
                    _out_size(h, fh, strides[1], padding),
                    _out_size(w, fw, strides[2], padding),
                    out,
                ]
            ),
        )
    ]


def _conv_kernel(input, filter, strides, padding, **unused_attrs):
    windows = _windows(input, filter.shape[0], filter.shape[1], strides, padding)
    return np.tensordot(windows, filter, axes=([3, 4, 5], [0, 1, 2])).astype(input.dtype)


def _sizes_infer(sizes_arg):
    """Shape inference of an op whose output shape is given by its int32 input `sizes_arg`."""

    def infer(*inputs, **unused_attrs):
        sizes = inputs[sizes_arg]
        dy = inputs[2]
        return [(dy.dtype, inferred_shape(sizes))]

    return infer


def _conv_backprop_input(input_sizes, filter, out_backprop, strides, padding, **unused_attrs):
    window_grads = np.tensordot(out_backprop, filter, axes=([3], [3]))  # [b, oh, ow, fh, fw, c]
    return _scatter_windows(window_grads, tuple(input_sizes), strides, padding).astype(
        out_backprop.dtype
    )


def _conv_backprop_filter(input, filter_sizes, out_backprop, strides, padding, **unused_attrs):
    fh, fw = filter_sizes[:2]
    windows = _windows(input, fh, fw, strides, padding)
    return np.tensordot(windows, out_backprop, axes=([0, 1, 2], [0, 1, 2])).astype(
        out_backprop.dtype
    )


register_op("Conv2D", ["input", "filter"], _conv_infer, _conv_kernel, same_dtype=True)
register_op(
    "Conv2DBackpropInput",
    ["input_sizes", "filter", "out_backprop"],
    _sizes_infer(0),
    _conv_backprop_input,
    type_input=1,
)
register_op(
    "Conv2DBackpropFilter",
    ["input", "filter_sizes", "out_backprop"],
    _sizes_infer(1),
    _conv_backprop_filter,
)


def _conv_attrs(op):
    return {key: op.attrs[key] for key in _CONV_ATTRS}


def _conv2d_op(input, filter, attrs, name="Conv2D"):
    return apply_op("Conv2D", [input, filter], attrs, name)


@register_gradient("Conv2D")
def _conv_grad(op, grad):
    x, w = op.inputs
    attrs = _conv_attrs(op)
    x_shape, w_shape = array_ops.shape_n([x, w])
    return [
        apply_op("Conv2DBackpropInput", [x_shape, w, grad], attrs, "Conv2DBackpropInput"),
        apply_op("Conv2DBackpropFilter", [x, w_shape, grad], attrs, "Conv2DBackpropFilter"),
    ]


@register_gradient("Conv2DBackpropInput")
def _conv_backprop_input_grad(op, grad):
    _, w, dy = op.inputs
    attrs = _conv_attrs(op)
    return [
        None,
        apply_op(
            "Conv2DBackpropFilter", [grad, array_ops.shape(w), dy], attrs, "Conv2DBackpropFilter"
        ),
        _conv2d_op(grad, w, attrs),
    ]


@register_gradient("Conv2DBackpropFilter")
def _conv_backprop_filter_grad(op, grad):
    x, _, dy = op.inputs
    attrs = _conv_attrs(op)
    return [
        apply_op(
            "Conv2DBackpropInput", [array_ops.shape(x), grad, dy], attrs, "Conv2DBackpropInput"
        ),
        None,
        _conv2d_op(x, grad, attrs),
    ]


def _int_list(value, name):
    """TF's `_get_sequence` for NHWC: one int for both spatial dims, two, or all four."""
    if value is None:
        return [1, 1, 1, 1]
    if isinstance(value, (int, np.integer)):
        value = [value]
    value = [int(v) for v in value]
    if len(value) == 1:
        return [1, value[0], value[0], 1]
    if len(value) == 2:
        return [1] + value + [1]
    if len(value) == 4:
        return value
    raise ValueError("%s should be of length 1, 2 or 4 but was %d" % (name, len(value)))


def conv2d(
    input,
    filter=None,
    strides=None,
    padding=None,
    use_cudnn_on_gpu=True,
    data_format="NHWC",
    dilations=None,
    name=None,
    filters=None,
):
    """2-D convolution of NHWC `input` with `filter` [fh, fw, in_channels, out_channels]."""
    filter = filters if filter is None else filter
    data_format = data_format or "NHWC"
    if data_format != "NHWC":
        raise ValueError("learntf supports data_format='NHWC' only, got %r" % (data_format,))
    dilations = _int_list(dilations, "dilations")
    if dilations != [1, 1, 1, 1]:
        raise ValueError("learntf's conv2d does not support dilations.")
    strides = _int_list(strides, "strides")
    _check(strides, padding)
    return _conv2d_op(
        input,
        filter,
        {
            "strides": tuple(strides),
            "padding": padding,
            "use_cudnn_on_gpu": bool(use_cudnn_on_gpu),
            "explicit_paddings": (),
            "data_format": data_format,
            "dilations": tuple(dilations),
        },
        name or "Conv2D",
    )


# -- pooling -------------------------------------------------------------------------------------
def _max_pool_infer(input, ksize, strides, padding, **attrs):
    check_dtype("input", input, FLOAT_TYPES)  # TF's MaxPool calls it `input`, AvgPool `value`
    return _pool_infer(input, ksize, strides, padding, **attrs)


def _pool_infer(value, ksize, strides, padding, **unused_attrs):
    check_dtype("value", value, FLOAT_TYPES)
    if value.shape.rank not in (None, 4):
        raise ShapeError(
            "Shape must be rank 4 but is rank %d" % value.shape.rank,
            "pooling wants images as [batch, height, width, channels]",
        )
    if value.shape.rank is None:
        return [(value.dtype, TensorShape([None] * 4))]
    b, h, w, c = value.shape.as_list()
    return [
        (
            value.dtype,
            TensorShape(
                [
                    b,
                    _out_size(h, ksize[1], strides[1], padding),
                    _out_size(w, ksize[2], strides[2], padding),
                    c,
                ]
            ),
        )
    ]


def _max_pool(value, ksize, strides, padding, **unused_attrs):
    return _windows(value, ksize[1], ksize[2], strides, padding, -np.inf).max(axis=(3, 4))


def _avg_counts(shape, ksize, strides, padding, dtype):
    """How many real (unpadded) inputs each window averages: TF divides by that."""
    ones = np.ones((1,) + tuple(shape[1:3]) + (1,), dtype=dtype)
    return _windows(ones, ksize[1], ksize[2], strides, padding).sum(axis=(3, 4))


def _avg_pool(value, ksize, strides, padding, **unused_attrs):
    sums = _windows(value, ksize[1], ksize[2], strides, padding).sum(axis=(3, 4))
    return (sums / _avg_counts(value.shape, ksize, strides, padding, value.dtype)).astype(
        value.dtype
    )


def _max_pool_grad(orig_input, orig_output, grad, ksize, strides, padding, **unused_attrs):
    windows = _windows(orig_input, ksize[1], ksize[2], strides, padding, -np.inf)
    b, oh, ow, kh, kw, c = windows.shape
    flat = windows.reshape(b, oh, ow, kh * kw, c)
    first_max = np.argmax(flat, axis=3)  # TF routes the gradient to one maximum per window
    mask = np.zeros(flat.shape, dtype=grad.dtype)
    np.put_along_axis(mask, first_max[:, :, :, None, :], 1, axis=3)
    window_grads = (mask * grad[:, :, :, None, :]).reshape(b, oh, ow, kh, kw, c)
    return _scatter_windows(window_grads, orig_input.shape, strides, padding)


def _avg_pool_grad(orig_input_shape, grad, ksize, strides, padding, **unused_attrs):
    shape = tuple(int(d) for d in orig_input_shape)
    share = grad / _avg_counts(shape, ksize, strides, padding, grad.dtype)
    window_grads = np.broadcast_to(
        share[:, :, :, None, None, :], share.shape[:3] + (ksize[1], ksize[2]) + share.shape[3:]
    )
    return _scatter_windows(window_grads, shape, strides, padding).astype(grad.dtype)


def _max_pool_grad_grad(orig_input, orig_output, grad, ksize, strides, padding, **unused_attrs):
    """The gradient of MaxPoolGrad with respect to its `grad` input: each window passes on the
    value `grad` (shaped like the input) holds at the window's first maximum -- the place
    MaxPoolGrad sent that window's gradient to."""
    windows = _windows(orig_input, ksize[1], ksize[2], strides, padding, -np.inf)
    b, oh, ow, kh, kw, c = windows.shape
    first_max = np.argmax(windows.reshape(b, oh, ow, kh * kw, c), axis=3)
    grad_windows = _windows(grad, ksize[1], ksize[2], strides, padding).reshape(
        b, oh, ow, kh * kw, c
    )
    return np.take_along_axis(grad_windows, first_max[:, :, :, None, :], axis=3)[:, :, :, 0, :]


register_op("MaxPool", ["input"], _max_pool_infer, _max_pool)
register_op("AvgPool", ["value"], _pool_infer, _avg_pool)
register_op(
    "MaxPoolGrad",
    ["orig_input", "orig_output", "grad"],
    lambda x, y, dy, **attrs: [(dy.dtype, x.shape)],
    _max_pool_grad,
)
register_op(
    "MaxPoolGradGrad",
    ["orig_input", "orig_output", "grad"],
    lambda x, y, dy, **attrs: [(dy.dtype, y.shape)],
    _max_pool_grad_grad,
)
register_op(
    "AvgPoolGrad",
    ["orig_input_shape", "grad"],
    lambda shape, dy, **attrs: [(dy.dtype, inferred_shape(shape))],
    _avg_pool_grad,
    type_input=1,
)


def _pool_attrs(op):
    return {key: value for key, value in op.attrs.items()}


@register_gradient("MaxPool")
def _max_pool_gradient(op, grad):
    return [
        apply_op("MaxPoolGrad", [op.inputs[0], op.outputs[0], grad], _pool_attrs(op), "MaxPoolGrad")
    ]


@register_gradient("MaxPoolGrad")
def _max_pool_grad_gradient(op, grad):
    zeros = [array_ops.zeros_like(op.inputs[0]), array_ops.zeros_like(op.inputs[1])]
    return zeros + [
        apply_op(
            "MaxPoolGradGrad", list(op.inputs[:2]) + [grad], _pool_attrs(op), "MaxPoolGradGrad"
        )
    ]


@register_gradient("MaxPoolGradGrad")
def _max_pool_grad_grad_gradient(op, grad):
    zeros = [array_ops.zeros_like(op.inputs[0]), array_ops.zeros_like(op.inputs[1])]
    return zeros + [
        apply_op("MaxPoolGrad", list(op.inputs[:2]) + [grad], _pool_attrs(op), "MaxPoolGrad")
    ]


@register_gradient("AvgPool")
def _avg_pool_gradient(op, grad):
    return [
        apply_op(
            "AvgPoolGrad", [array_ops.shape(op.inputs[0]), grad], _pool_attrs(op), "AvgPoolGrad"
        )
    ]


@register_gradient("AvgPoolGrad")
def _avg_pool_grad_gradient(op, grad):
    return [
        math_ops.stop_gradient(op.inputs[0]),
        apply_op("AvgPool", [grad], _pool_attrs(op), "AvgPool"),
    ]


def _pool(op_type, value, ksize, strides, padding, data_format, name):
    data_format = data_format or "NHWC"
    if data_format != "NHWC":
        raise ValueError("learntf supports data_format='NHWC' only, got %r" % (data_format,))
    ksize, strides = _int_list(ksize, "ksize"), _int_list(strides, "strides")
    _check(ksize, padding, "ksize")
    _check(strides, padding)
    attrs = {
        "ksize": tuple(ksize),
        "strides": tuple(strides),
        "padding": padding,
        "data_format": data_format,
    }
    if op_type == "MaxPool":
        attrs["explicit_paddings"] = ()
    with name_scope(name, op_type, [value]) as scope:
        value = convert_to_tensor(value, name="input")
        return apply_op(op_type, [value], attrs, scope)


def max_pool(value, ksize, strides, padding, data_format="NHWC", name=None, input=None):
    """The largest value of each ksize window (ksize and strides are [1, h, w, 1])."""
    return _pool(
        "MaxPool", value if input is None else input, ksize, strides, padding, data_format, name
    )


def avg_pool(value, ksize, strides, padding, data_format="NHWC", name=None, input=None):
    """The mean of each ksize window (SAME windows average only their real inputs)."""
    return _pool(
        "AvgPool", value if input is None else input, ksize, strides, padding, data_format, name
    )


# -- bias -----------------------------------------------------------------------------------------
def _bias_add_infer(value, bias, data_format="NHWC"):
    if bias.shape.rank not in (None, 1):
        raise ShapeError("Shape must be rank 1 but is rank %d" % bias.shape.rank)
    last, size = (
        value.shape[-1] if value.shape.rank else None,
        bias.shape[0] if bias.shape.rank else None,
    )
    if last is not None and size is not None and last != size:
        error = ShapeError(
            "Dimensions must be equal, but are %d and %d" % (last, size),
            "the bias needs one value per channel (the last dimension)",
        )
        error.eager_words = (  # (TF's BiasAdd kernel)
            "Must provide as many biases as the last dimension of the input tensor: %s vs. %s"
            % (bias.shape.proto_str(), value.shape.proto_str())
        )
        raise error
    return [(value.dtype, value.shape)]


def _bias_add_grad_infer(out_backprop, data_format="NHWC"):
    channels = out_backprop.shape[-1] if out_backprop.shape.rank else None
    return [(out_backprop.dtype, TensorShape([channels]))]


def _bias_add_grad_kernel(out_backprop, data_format="NHWC"):
    return np.sum(out_backprop, axis=tuple(range(out_backprop.ndim - 1))).astype(out_backprop.dtype)


register_op(
    "BiasAdd",
    ["value", "bias"],
    _bias_add_infer,
    lambda value, bias, data_format="NHWC": np.add(value, bias),
    same_dtype=True,
)
register_op("BiasAddGrad", ["out_backprop"], _bias_add_grad_infer, _bias_add_grad_kernel)


@register_gradient("BiasAdd")
def _bias_add_grad(op, grad):
    return [
        grad,
        apply_op("BiasAddGrad", [grad], {"data_format": op.attrs["data_format"]}, "BiasAddGrad"),
    ]


@register_gradient("BiasAddGrad")
def _bias_add_grad_grad(op, received_grad):
    """Spread the bias gradient's gradient back over every position (TF's Reshape + Tile)."""
    shape = array_ops.shape(op.inputs[0])
    bias_shape = array_ops.shape(received_grad)
    expanded_shape = array_ops.concat([array_ops.ones_like(shape[:-1]), bias_shape], 0)
    tile_mults = array_ops.concat([shape[:-1], [1]], 0)
    return array_ops.tile(array_ops.reshape(received_grad, expanded_shape), tile_mults)


def bias_add(value, bias, data_format=None, name=None):
    """`value + bias`, with bias a vector over the last (channel) dimension."""
    with name_scope(name, "BiasAdd", [value, bias]) as scope:
        if data_format is not None and not (
            data_format.startswith("N") and data_format.endswith("C")
        ):
            raise ValueError(
                "learntf supports channels-last data formats only (N...C), got %r" % (data_format,)
            )
        value = convert_to_tensor(value, name="input")
        bias = convert_to_tensor(bias, dtype=value.dtype, name="bias")
        return apply_op("BiasAdd", [value, bias], {"data_format": "NHWC"}, scope)
