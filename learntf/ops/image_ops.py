"""`tf.image` basics: resizing (bilinear, nearest), flips, dtype conversion, grayscale,
per-image standardization, central crops; and ReverseV2 (`tf.reverse`), which the flips use.

Images are [height, width, channels] or batches [batch, height, width, channels].  Resizing
follows TF 2's `tf.image.resize`: half-pixel centres (output pixel i samples the input at
(i + 0.5) * in / out - 0.5), computed in float32 as TF's kernels do, so the values match.
"""

import numpy as np

from learntf import dtypes, errors
from learntf.framework.apply import ShapeError, apply_op
from learntf.framework.constant_op import convert_to_tensor
from learntf.framework.graph import name_scope
from learntf.framework.op_registry import not_differentiable, register_gradient, register_op
from learntf.framework.tensor_shape import TensorShape
from learntf.framework.tensor_util import inferred_value
from learntf.ops import array_ops, math_ops
from learntf.ops.stats_ops import reduce_std


# -- ReverseV2 ---------------------------------------------------------------------------------
def _reverse_kernel(tensor, axis):
    axes = [int(a) for a in np.atleast_1d(axis)]
    for a in axes:
        if not -tensor.ndim <= a < tensor.ndim:
            raise errors.InvalidArgumentError(
                None, None, "'axis'[0] = %d is out of valid range [0, %d" % (a, tensor.ndim - 1)
            )
    return np.flip(tensor, axes).copy() if axes else tensor


register_op(
    "ReverseV2",
    ["tensor", "axis"],
    lambda tensor, axis: [(tensor.dtype, tensor.shape)],
    _reverse_kernel,
)


def reverse(tensor, axis, name=None):
    """`tensor` with the order of its entries along each of `axis` reversed."""
    return apply_op("ReverseV2", [tensor, axis], {}, name or "ReverseV2")


@register_gradient("ReverseV2")
def _reverse_grad(op, grad):
    return [reverse(grad, op.inputs[1]), None]


# -- resize ------------------------------------------------------------------------------------
def _resize_infer(images, size, align_corners=False, half_pixel_centers=False, float_out=True):
    dims = None if images.shape.rank is None else images.shape.as_list()
    if dims is not None and len(dims) != 4:
        raise ShapeError("Shape must be rank 4 but is rank %d" % len(dims))
    known = inferred_value(size)
    height, width = (None, None) if known is None else (int(known[0]), int(known[1]))
    out_dtype = dtypes.float32 if float_out else images.dtype
    if dims is None:
        return [(out_dtype, TensorShape([None, height, width, None]))]
    return [(out_dtype, TensorShape([dims[0], height, width, dims[3]]))]


def _scale(in_size, out_size, align_corners):
    if align_corners and out_size > 1:
        return np.float32(in_size - 1) / np.float32(out_size - 1)
    return np.float32(in_size) / np.float32(out_size)


def _bilinear_weights(out_size, in_size, scale, half_pixel_centers):
    i = np.arange(out_size, dtype=np.float32)
    where = (i + np.float32(0.5)) * scale - np.float32(0.5) if half_pixel_centers else i * scale
    floor = np.floor(where)
    lower = np.maximum(floor.astype(np.int64), 0)
    upper = np.minimum(np.ceil(where).astype(np.int64), in_size - 1)
    return lower, upper, (where - floor).astype(np.float32)


def _check_size(size):
    height, width = int(size[0]), int(size[1])
    if height <= 0 or width <= 0:
        raise errors.InvalidArgumentError(None, None, "output dimensions must be positive")
    return height, width


def _bilinear_kernel(images, size, align_corners=False, half_pixel_centers=False):
    height, width = _check_size(size)
    images = images.astype(np.float32)
    _, in_h, in_w, _ = images.shape
    y0, y1, y_lerp = _bilinear_weights(
        height, in_h, _scale(in_h, height, align_corners), half_pixel_centers
    )
    x0, x1, x_lerp = _bilinear_weights(
        width, in_w, _scale(in_w, width, align_corners), half_pixel_centers
    )
    x_lerp = x_lerp[None, None, :, None]
    top = images[:, y0][:, :, x0] + (images[:, y0][:, :, x1] - images[:, y0][:, :, x0]) * x_lerp
    bottom = images[:, y1][:, :, x0] + (images[:, y1][:, :, x1] - images[:, y1][:, :, x0]) * x_lerp
    return (top + (bottom - top) * y_lerp[None, :, None, None]).astype(np.float32)


def _nearest_index(out_size, in_size, scale, align_corners, half_pixel_centers):
    i = np.arange(out_size, dtype=np.float32)
    where = (i + np.float32(0.5)) * scale if half_pixel_centers else i * scale
    index = np.round(where) if align_corners else np.floor(where)
    index = np.minimum(index.astype(np.int64), in_size - 1)
    return np.maximum(index, 0) if half_pixel_centers else index


def _nearest_kernel(images, size, align_corners=False, half_pixel_centers=False):
    height, width = _check_size(size)
    _, in_h, in_w, _ = images.shape
    rows = _nearest_index(
        height, in_h, _scale(in_h, height, align_corners), align_corners, half_pixel_centers
    )
    cols = _nearest_index(
        width, in_w, _scale(in_w, width, align_corners), align_corners, half_pixel_centers
    )
    return images[:, rows][:, :, cols]


register_op("ResizeBilinear", ["images", "size"], _resize_infer, _bilinear_kernel)
register_op(
    "ResizeNearestNeighbor",
    ["images", "size"],
    lambda images, size, **attrs: _resize_infer(images, size, float_out=False, **attrs),
    _nearest_kernel,
)


# (the gradients: each output pixel's gradient goes back to the input pixels it was made of)
def _bilinear_grad_kernel(grads, original_image, align_corners=False, half_pixel_centers=False):
    _, in_h, in_w, _ = original_image.shape
    _, height, width, _ = grads.shape
    y0, y1, y_lerp = _bilinear_weights(
        height, in_h, _scale(in_h, height, align_corners), half_pixel_centers
    )
    x0, x1, x_lerp = _bilinear_weights(
        width, in_w, _scale(in_w, width, align_corners), half_pixel_centers
    )
    result = np.zeros(original_image.shape, np.float32)
    grads = grads.astype(np.float32)
    for y, (top, bottom, dy) in enumerate(zip(y0, y1, y_lerp)):
        for x, (left, right, dx) in enumerate(zip(x0, x1, x_lerp)):
            g = grads[:, y, x]
            result[:, top, left] += g * (1 - dy) * (1 - dx)
            result[:, top, right] += g * (1 - dy) * dx
            result[:, bottom, left] += g * dy * (1 - dx)
            result[:, bottom, right] += g * dy * dx
    return result.astype(original_image.dtype)


def _nearest_grad_kernel(grads, size, align_corners=False, half_pixel_centers=False):
    in_h, in_w = int(size[0]), int(size[1])
    _, height, width, _ = grads.shape
    rows = _nearest_index(
        height, in_h, _scale(in_h, height, align_corners), align_corners, half_pixel_centers
    )
    cols = _nearest_index(
        width, in_w, _scale(in_w, width, align_corners), align_corners, half_pixel_centers
    )
    result = np.zeros((grads.shape[0], in_h, in_w, grads.shape[3]), grads.dtype)
    np.add.at(result, (slice(None), rows[:, None], cols[None, :]), grads)
    return result


register_op(
    "ResizeBilinearGrad",
    ["grads", "original_image"],
    lambda grads, original_image, **attrs: [(original_image.dtype, original_image.shape)],
    _bilinear_grad_kernel,
    type_input=1,
)
register_op(
    "ResizeNearestNeighborGrad",
    ["grads", "size"],
    lambda grads, size, **attrs: [(grads.dtype, TensorShape([None, None, None, None]))],
    _nearest_grad_kernel,
)


@register_gradient("ResizeBilinear")
def _resize_bilinear_grad(op, grad):
    attrs = {key: op.get_attr(key) for key in ("align_corners", "half_pixel_centers")}
    return [apply_op("ResizeBilinearGrad", [grad, op.inputs[0]], attrs, "ResizeBilinearGrad"), None]


@register_gradient("ResizeNearestNeighbor")
def _resize_nearest_grad(op, grad):
    attrs = {key: op.get_attr(key) for key in ("align_corners", "half_pixel_centers")}
    size = array_ops.shape(op.inputs[0])[1:3]
    return [
        apply_op("ResizeNearestNeighborGrad", [grad, size], attrs, "ResizeNearestNeighborGrad"),
        None,
    ]


class ResizeMethod:
    BILINEAR = "bilinear"
    NEAREST_NEIGHBOR = "nearest"
    BICUBIC = "bicubic"
    AREA = "area"
    LANCZOS3 = "lanczos3"
    LANCZOS5 = "lanczos5"
    GAUSSIAN = "gaussian"
    MITCHELLCUBIC = "mitchellcubic"


_RESIZE_OPS = {
    ResizeMethod.BILINEAR: "ResizeBilinear",
    ResizeMethod.NEAREST_NEIGHBOR: "ResizeNearestNeighbor",
}


def resize(
    images,
    size,
    method=ResizeMethod.BILINEAR,
    preserve_aspect_ratio=False,
    antialias=False,
    name=None,
):
    """`images` resized to `size` = [new_height, new_width] (one image or a batch)."""
    if method not in _RESIZE_OPS or antialias:
        raise ValueError("Resize method is not implemented: {}".format(method))
    with name_scope(name, "resize", [images, size]):
        images = convert_to_tensor(images, name="images")
        rank = images.shape.rank
        if rank is None:
            raise ValueError("'images' contains no shape.")
        if rank not in (3, 4):
            raise ValueError("'images' must have either 3 or 4 dimensions.")
        if rank == 3:
            images = array_ops.expand_dims(images, 0)
        size = convert_to_tensor(size, dtypes.int32, name="size")
        if size.shape.rank is not None and size.shape.as_list() not in ([2], [None]):
            raise ValueError("'size' must be a 1-D Tensor of 2 elements: new_height, new_width")
        if preserve_aspect_ratio:
            shape = array_ops.shape(images)
            current = math_ops.cast(shape[1:3], dtypes.float32)
            factor = math_ops.reduce_min(math_ops.cast(size, dtypes.float32) / current)
            size = math_ops.cast(math_ops.round(factor * current), dtypes.int32)
        attrs = {"align_corners": False, "half_pixel_centers": True}
        resized = apply_op(_RESIZE_OPS[method], [images, size], attrs, _RESIZE_OPS[method])
        return array_ops.squeeze(resized, axis=[0]) if rank == 3 else resized


# -- flips, dtypes, grayscale, standardization, crops --------------------------------------------
def _image_axis(image, axis_in_image):
    rank = image.shape.rank
    if rank not in (3, 4):
        raise ValueError("'image' (shape %s) must have either 3 or 4 dimensions." % image.shape)
    return axis_in_image + (rank - 3)


def flip_left_right(image):
    """The image mirrored: its columns in reverse order."""
    with name_scope(None, "flip_left_right", [image]):
        image = convert_to_tensor(image, name="image")
        return reverse(image, [_image_axis(image, 1)])


def flip_up_down(image):
    """The image upside down: its rows in reverse order."""
    with name_scope(None, "flip_up_down", [image]):
        image = convert_to_tensor(image, name="image")
        return reverse(image, [_image_axis(image, 0)])


def _saturate_cast(value, dtype):
    low = max(value.dtype.min, dtype.min)
    high = min(value.dtype.max, dtype.max)
    return math_ops.cast(math_ops.clip_by_value(value, low, high), dtype)


def convert_image_dtype(image, dtype, saturate=False, name=None):
    """Pixel values between dtypes: floats lie in [0, 1], integers in [0, dtype.max]."""
    image = convert_to_tensor(image, name="image")
    dtype = dtypes.as_dtype(dtype)
    if not dtype.is_floating and not dtype.is_integer:
        raise AttributeError("dtype must be either floating point or integer")
    if not image.dtype.is_floating and not image.dtype.is_integer:
        raise AttributeError("image dtype must be either floating point or integer")
    if dtype == image.dtype:
        return math_ops.identity(image, name=name)
    cast = _saturate_cast if saturate else math_ops.cast
    with name_scope(name, "convert_image", [image]):
        if image.dtype.is_integer and dtype.is_integer:
            scale_in, scale_out = image.dtype.max, dtype.max
            if scale_in > scale_out:
                scale = (scale_in + 1) // (scale_out + 1)
                return cast(math_ops.floordiv(image, scale), dtype)
            scale = (scale_out + 1) // (scale_in + 1)
            return math_ops.multiply(cast(image, dtype), scale)
        if image.dtype.is_floating and dtype.is_floating:
            return math_ops.cast(image, dtype)
        if image.dtype.is_integer:
            return math_ops.multiply(math_ops.cast(image, dtype), 1.0 / image.dtype.max)
        return cast(math_ops.multiply(image, dtype.max + 0.5), dtype)


def rgb_to_grayscale(images, name=None):
    """Luma, 0.2989 R + 0.5870 G + 0.1140 B, as a last axis of size 1."""
    with name_scope(name, "rgb_to_grayscale", [images]):
        images = convert_to_tensor(images, name="images")
        orig_dtype = images.dtype
        flt_image = convert_image_dtype(images, dtypes.float32)
        rgb_weights = convert_to_tensor([0.2989, 0.5870, 0.1140], dtypes.float32)
        gray_float = math_ops.reduce_sum(flt_image * rgb_weights, [-1], keepdims=True)
        return convert_image_dtype(gray_float, orig_dtype)


def grayscale_to_rgb(images, name=None):
    """The one channel repeated three times."""
    with name_scope(name, "grayscale_to_rgb", [images]):
        images = convert_to_tensor(images, name="images")
        multiples = [1] * (images.shape.rank - 1) + [3]
        return array_ops.tile(images, multiples)


def per_image_standardization(image):
    """Each image scaled to mean 0 and variance 1 (std at least 1/sqrt(#values))."""
    with name_scope(None, "per_image_standardization", [image]):
        image = convert_to_tensor(image, name="image")
        if image.shape.rank is not None and image.shape.rank < 3:
            raise ValueError("'image' (shape %s) must be at least three-dimensional." % image.shape)
        image = math_ops.cast(image, dtype=dtypes.float32)
        num_pixels = math_ops.reduce_prod(array_ops.shape(image)[-3:])
        image_mean = math_ops.reduce_mean(image, axis=[-1, -2, -3], keepdims=True)
        stddev = reduce_std(image, axis=[-1, -2, -3], keepdims=True)
        min_stddev = math_ops.rsqrt(math_ops.cast(num_pixels, dtypes.float32))
        adjusted_stddev = math_ops.maximum(stddev, min_stddev)
        image -= image_mean
        return math_ops.divide(image, adjusted_stddev)


def central_crop(image, central_fraction):
    """The middle `central_fraction` of the image's height and width."""
    with name_scope(None, "central_crop", [image]):
        image = convert_to_tensor(image, name="image")
        if central_fraction <= 0.0 or central_fraction > 1.0:
            raise ValueError("central_fraction must be within (0, 1]")
        if central_fraction == 1.0:
            return image
        rank = image.shape.rank
        if rank not in (3, 4):
            raise ValueError(
                "`image` should either be a Tensor with rank = 3 or rank = 4. Had rank = %s." % rank
            )
        dims = image.shape.as_list()
        h, w = dims[-3], dims[-2]
        h_start = int((h - h * central_fraction) / 2)
        w_start = int((w - w * central_fraction) / 2)
        h_size, w_size = h - 2 * h_start, w - 2 * w_start
        if rank == 3:
            return array_ops.slice(image, [h_start, w_start, 0], [h_size, w_size, -1])
        return array_ops.slice(image, [0, h_start, w_start, 0], [-1, h_size, w_size, -1])


not_differentiable("ResizeBilinearGrad")
not_differentiable("ResizeNearestNeighborGrad")
