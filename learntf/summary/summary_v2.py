"""TF 2's `tf.summary.scalar`, `histogram`, `image` and `text`: tensors TensorBoard's plugins read.

Each one writes, through `tf.summary.write` (summary_ops_v2.py), a tensor tagged with
`SummaryMetadata` naming the plugin that draws it, as TensorBoard's `summary_v2` modules do:

    scalar     "scalars"     a float32 scalar
    histogram  "histograms"  float64 [buckets, 3]: left edge, right edge, count (30 buckets)
    image      "images"      string [2 + n]: width, height, then n PNG files
    text       "text"        the strings as given

The tag is the name inside the enclosing name scopes (in a tf.function; eager mode keeps no
name scope).  Each returns True when it wrote, False when there is no default writer.
"""

import contextlib
import re

import numpy as np

from learntf import dtypes, errors
from learntf.framework import context
from learntf.framework.apply import apply_op
from learntf.framework.constant_op import convert_to_tensor
from learntf.framework.graph import name_scope
from learntf.framework.op_registry import not_differentiable, register_op
from learntf.framework.tensor_shape import TensorShape
from learntf.serialization.tf_protos import protos
from learntf.summary.png import encode_png
from learntf.summary.summary_ops_v2 import current_graph_name_scope, write

DEFAULT_BUCKET_COUNT = 30
_INVALID_SCOPE_CHARACTERS = re.compile(r"[^-_/.A-Za-z0-9]")


@contextlib.contextmanager
def summary_scope(name, default_name="summary", values=None):
    """`tf.summary.experimental.summary_scope`: yields (tag, scope).  The tag is `name` under
    the current name scope; the scope, where the summary's ops go, is made unique."""
    name = name or default_name
    current = current_graph_name_scope()
    tag = current + "/" + name if current else name
    name = _INVALID_SCOPE_CHARACTERS.sub("", name) or None
    with name_scope(name, default_name, values) as scope:
        yield tag, scope


def _metadata(plugin_name, description):
    """SummaryMetadata naming the plugin; its content (the plugin's data, version 0) is empty."""
    pb = protos().summary_pb2
    metadata = pb.SummaryMetadata(
        plugin_data=pb.SummaryMetadata.PluginData(plugin_name=plugin_name, content=b"")
    )
    if description is not None:
        metadata.summary_description = description
    return metadata


def _shape_text(tensor):
    return str(tuple(tensor.shape.as_list())) if tensor.shape.rank is not None else "<unknown>"


def _for(tensor):
    return "" if context.executing_eagerly() else " for %s" % tensor.name


def scalar(name, data, step=None, description=None):
    """`tf.summary.scalar`: one number, a point of a TensorBoard curve."""
    metadata = _metadata("scalars", description)
    with summary_scope(name, "scalar_summary", values=[data, step]) as (tag, _):
        data = convert_to_tensor(data)
        if data.shape.rank not in (0, None):
            raise ValueError(
                "Expected scalar shape%s, saw shape: %s.\n(learntf: tf.summary.scalar records "
                "one number; reduce the tensor first, e.g. tf.reduce_mean(x), or use "
                "tf.summary.histogram for many values.)" % (_for(data), _shape_text(data))
            )
        tensor = apply_op("Cast", [data], {"DstT": dtypes.float32}, "Cast")
        return write(tag=tag, tensor=tensor, step=step, metadata=metadata)


def histogram(name, data, step=None, buckets=None, description=None):
    """`tf.summary.histogram`: the distribution of all of `data`'s values, in `buckets` (30)
    equal-width buckets from its minimum to its maximum."""
    data = apply_op("StopGradient", [data], {}, "StopGradient")
    metadata = _metadata("histograms", description)
    with summary_scope(name, "histogram_summary", values=[data, buckets, step]) as (tag, _):

        def bucketed():  # (run only when the summary is written, as in TF)
            count = DEFAULT_BUCKET_COUNT if buckets is None else buckets
            with name_scope("buckets"):
                count = convert_to_tensor(count, dtypes.int32)
                return apply_op("HistogramBuckets", [data, count], {}, "HistogramBuckets")

        return write(tag=tag, tensor=bucketed, step=step, metadata=metadata)


def image(name, data, step=None, max_outputs=3, description=None):
    """`tf.summary.image`: the first `max_outputs` images of a [k, h, w, c] batch as PNGs.
    Floats are taken to lie in [0, 1] (clipped), as `tf.image.convert_image_dtype` does."""
    metadata = _metadata("images", description)
    with summary_scope(name, "image_summary", values=[data, max_outputs, step]) as (tag, _):

        def encoded():
            images = convert_to_tensor(data)
            if images.shape.rank not in (4, None):
                raise ValueError(
                    "Tensor %s must have rank 4.  Received rank %d, shape %s\n(learntf: "
                    "tf.summary.image takes a batch [k, height, width, channels]; one image "
                    "img of shape [h, w, c] is tf.expand_dims(img, 0), or [img].)"
                    % (
                        "" if context.executing_eagerly() else images.name,
                        images.shape.rank,
                        _shape_text(images),
                    )
                )
            count = convert_to_tensor(max_outputs, dtypes.int32)
            return apply_op("EncodePngBatch", [images, count], {}, "EncodePngBatch")

        return write(tag=tag, tensor=encoded, step=step, metadata=metadata)


def text(name, data, step=None, description=None):
    """`tf.summary.text`: strings (a scalar, or a table when rank 1 or 2), shown as Markdown."""
    metadata = _metadata("text", description)
    with summary_scope(name, "text_summary", values=[data, step]) as (tag, _):
        tensor = convert_to_tensor(data)
        if tensor.dtype is not dtypes.string:
            raise TypeError(
                "tensor must be of type tf.string; got tf.%s\n(learntf: tf.summary.text records "
                "strings; format numbers first, e.g. tf.strings.as_string(x) or an f-string.)"
                % tensor.dtype.name
            )
        return write(tag=tag, tensor=tensor, step=step, metadata=metadata)


# -- the ops computing the tensors written (learntf's stand-ins for TF's subgraphs) -------------
def _histogram_buckets_kernel(data, bucket_count):
    """TensorBoard's bucketing: `bucket_count` equal buckets from min to max, each value in the
    bucket floor((v - min) / width) (the maximum in the last); no data: all zeros; one
    distinct value: every edge is that value and the last bucket counts all."""
    if data.dtype.kind in "OSU":  # (TF casts the data to float64 first)
        raise errors.UnimplementedError(
            None,
            None,
            "Cast string to double is not supported\n(learntf: a histogram counts numbers; "
            "parse strings with tf.strings.to_number first.)",
        )
    count = max(0, int(bucket_count))
    values = np.asarray(data, dtype=np.float64).reshape(-1)
    if values.size == 0 or count == 0:
        return np.zeros((count, 3))
    low, high = values.min(), values.max()
    if high - low == 0:
        counts = np.zeros(count)
        counts[-1] = values.size
        return np.stack([np.full(count, high), np.full(count, high), counts], axis=1)
    width = (high - low) / np.float64(count)
    with np.errstate(invalid="ignore"):
        indices = np.minimum(np.floor((values - low) / width).astype(np.int32), count - 1)
    counts = np.bincount(indices[indices >= 0], minlength=count)[:count].astype(np.float64)
    edges = np.linspace(low, high, count + 1)  # start + i * (high - low) / count, as tf.linspace
    edges[-1] = high
    return np.stack([edges[:-1], edges[1:], counts], axis=1)


def _to_uint8(images):
    """`tf.image.convert_image_dtype(images, tf.uint8, saturate=True)`."""
    kind, dtype = images.dtype.kind, images.dtype
    if dtype == np.uint8:
        return images
    if kind == "f":
        scaled = images * dtype.type(255.5)
        return np.clip(np.nan_to_num(scaled), 0, 255).astype(np.uint8)
    if kind in "iu":
        scale = (int(np.iinfo(dtype).max) + 1) // 256
        scaled = images // scale if scale > 1 else images * (256 // (int(np.iinfo(dtype).max) + 1))
        return np.clip(scaled, 0, 255).astype(np.uint8)
    raise TypeError("Unsupported image dtype %s for tf.summary.image" % dtype)


def _encode_png_batch_kernel(images, max_outputs):
    if max_outputs < 0:
        from learntf import errors

        raise errors.InvalidArgumentError(
            None, None, "Condition x >= 0 did not hold element-wise: max_outputs = %d" % max_outputs
        )
    images = _to_uint8(np.asarray(images))
    height, width = images.shape[1], images.shape[2]
    pngs = [encode_png(image) for image in images[: int(max_outputs)]]
    return np.array([str(width).encode(), str(height).encode()] + pngs, dtype=object)


# Float64 [bucket_count, 3] (left edge, right edge, count) of all of `data`'s values.
register_op(
    "HistogramBuckets",
    ["data", "bucket_count"],
    lambda data, count: [(dtypes.float64, TensorShape([None, 3]))],
    _histogram_buckets_kernel,
)
# String [2 + n]: width, height, and the PNG files of the first `max_outputs` images.
register_op(
    "EncodePngBatch",
    ["images", "max_outputs"],
    lambda images, count: [(dtypes.string, TensorShape([None]))],
    _encode_png_batch_kernel,
)
not_differentiable("HistogramBuckets")
not_differentiable("EncodePngBatch")
