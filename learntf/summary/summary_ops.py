"""Summary ops: `tf.summary.scalar`, `histogram`, `image`, `merge` and `merge_all`.

A summary op is an op like any other.  Its output is a string tensor; running it gives the bytes
of a serialized `Summary` protocol buffer, which `FileWriter.add_summary` writes to an event
file for TensorBoard.  Each one joins the graph's SUMMARIES collection, so `merge_all()` can
gather them into one op that a training loop runs every few steps.  Lesson 10 ("visualizing
training") writes the MSE of lesson 06 this way.

    mse_summary = tf.summary.scalar('MSE', mse)   # op 'MSE', tag 'MSE'
    summary_str = mse_summary.eval(feed_dict={X: X_batch, y: y_batch})   # bytes
"""

import contextlib
import re

import numpy as np

from learntf import dtypes, errors
from learntf.framework.apply import apply_op
from learntf.framework.graph import GraphKeys, name_scope
from learntf.framework.graph_extras import add_to_collection, get_collection
from learntf.framework.op_registry import not_differentiable, register_op
from learntf.framework.tensor_shape import TensorShape
from learntf.ops.shape_inference import REAL_TYPES, check_dtype
from learntf.serialization.tf_protos import protos, require_tensorboard
from learntf.summary.png import encode_png

_INVALID_TAG_CHARACTERS = re.compile(r"[^-/\w.]")
_IMAGE_TYPES = (dtypes.uint8, dtypes.float16, dtypes.float32, dtypes.float64)


# -- the ops ----------------------------------------------------------------------------------
def _summary_infer(tag, values, **attrs):
    check_dtype("values", values, REAL_TYPES)
    return [(dtypes.string, TensorShape([]))]


def _image_summary_infer(tag, tensor, **attrs):
    check_dtype("tensor", tensor, _IMAGE_TYPES)
    return [(dtypes.string, TensorShape([]))]


def _serialized(summary):
    return np.array(summary.SerializeToString(), dtype=object)  # a 0-d string tensor value


def _text(tag):
    return tag.decode("utf-8") if isinstance(tag, bytes) else str(tag)


def _shape_text(array):
    return "[%s]" % ",".join(str(d) for d in np.shape(array))


def _scalar_summary_kernel(tags, values):
    if np.shape(tags) != np.shape(values):
        single = " (tag '%s')" % _text(tags[()]) if np.ndim(tags) == 0 else ""
        raise errors.InvalidArgumentError(
            None,
            None,
            (
                "tags and values are not the same shape: %s != %s%s\n(learntf: tf.summary.scalar "
                "records one number; reduce the tensor first, e.g. tf.reduce_mean(x), or use "
                "tf.summary.histogram for many values.)"
                % (_shape_text(tags), _shape_text(values), single)
            ),
        )
    pb = protos().summary_pb2
    return _serialized(
        pb.Summary(
            value=[
                pb.Summary.Value(tag=_text(tag), simple_value=float(value))
                for tag, value in zip(np.ravel(tags), np.ravel(values))
            ]
        )
    )


def _bucket_limits():
    """TensorFlow's default histogram buckets: edges growing by 10% from 1e-12 to 1e20,
    mirrored for negative values, with 0 in the middle."""
    positive, edge = [], 1.0e-12
    while edge < 1.0e20:
        positive.append(edge)
        edge *= 1.1
    positive.append(np.finfo(np.float64).max)
    return np.array([-e for e in reversed(positive)] + [0.0] + positive)


_BUCKET_LIMITS = None


def _histogram_summary_kernel(tag, values):
    global _BUCKET_LIMITS
    values = np.asarray(values, dtype=np.float64).ravel()
    for bad, word in ((np.isnan(values), "Nan"), (np.isinf(values), "Infinity")):
        if bad.any():
            raise errors.InvalidArgumentError(
                None,
                None,
                (
                    "%s in summary histogram for: %s\n(learntf: the values being recorded contain "
                    "%s; if they are weights or a loss, training has diverged: try a smaller "
                    "learning rate.)" % (word, _text(tag[()]), word.lower())
                ),
            )
    if _BUCKET_LIMITS is None:
        _BUCKET_LIMITS = _bucket_limits()
    # A value v falls in the first bucket whose limit is greater than v.
    counts = np.bincount(
        np.searchsorted(_BUCKET_LIMITS, values, side="right"), minlength=len(_BUCKET_LIMITS)
    )[: len(_BUCKET_LIMITS)]
    limits, buckets = [], []
    for limit, count in zip(_BUCKET_LIMITS, counts):
        if count == 0 and buckets and buckets[-1] == 0:
            limits[-1] = limit  # a run of empty buckets is stored as one, as TF does
        else:
            limits.append(limit)
            buckets.append(float(count))
    pb = protos().summary_pb2
    largest = np.finfo(np.float64).max  # an empty histogram has min > max, as in TF
    histogram = pb.HistogramProto(
        min=values.min() if values.size else largest,
        max=values.max() if values.size else -largest,
        num=values.size,
        sum=values.sum(),
        sum_squares=np.dot(values, values),
        bucket_limit=limits,
        bucket=buckets,
    )
    return _serialized(pb.Summary(value=[pb.Summary.Value(tag=_text(tag[()]), histo=histogram)]))


def _to_uint8(image, bad_color):
    """One float image as uint8, the way TF scales it: all values >= 0 are scaled so the
    largest is 255; with negative values, 0 maps to 128 and the largest magnitude to +-127.
    Pixels that are not finite get `bad_color` (red)."""
    finite = np.isfinite(image).all(axis=-1)
    good = image[finite]
    low, high = (good.min(), good.max()) if good.size else (np.inf, -np.inf)
    if low < 0:
        magnitude = max(abs(low), abs(high))
        scale, offset = (0.0 if magnitude < 1e-6 else 127.0 / magnitude), 128.0
    else:
        scale, offset = (0.0 if high < 1e-6 else 255.0 / high), 0.0
    with np.errstate(invalid="ignore"):
        result = (image * scale + offset).astype(np.uint8)  # truncates, like C++'s cast
    result[~finite] = bad_color[: image.shape[-1]]
    return result


def _image_summary_kernel(tag, tensor, max_images, bad_color):
    if tensor.ndim != 4 or tensor.shape[3] not in (1, 3, 4):
        raise errors.InvalidArgumentError(
            None,
            None,
            (
                "Tensor must be 4-D with last dim 1, 3, or 4, not %s\n(learntf: "
                "tf.summary.image wants a batch of images [batch, height, width, channels]; "
                "one grey image of shape [h, w] becomes tf.reshape(img, [1, h, w, 1]).)"
                % _shape_text(tensor)
            ),
        )
    pb = protos().summary_pb2
    base_tag = _text(tag[()])
    values = []
    for i in range(min(max_images, tensor.shape[0])):
        image = tensor[i]
        if tensor.dtype != np.uint8:
            image = _to_uint8(image.astype(np.float64), np.asarray(bad_color))
        height, width, channels = image.shape
        values.append(
            pb.Summary.Value(
                tag="%s/image/%d" % (base_tag, i) if max_images > 1 else base_tag + "/image",
                image=pb.Summary.Image(
                    height=height,
                    width=width,
                    colorspace=channels,
                    encoded_image_string=encode_png(image),
                ),
            )
        )
    return _serialized(pb.Summary(value=values))


def _merge_infer(*inputs):
    for tensor in inputs:
        if tensor.dtype is not dtypes.string:
            raise TypeError(
                "Input 'inputs' of 'MergeSummary' Op has type %s that does not match expected "
                "type of string.\n(learntf: merge() takes summary ops, such as the result of "
                "tf.summary.scalar('MSE', mse), not the tensors they record.)" % tensor.dtype.name
            )
    return [(dtypes.string, TensorShape([]))]


def _merge_summary_kernel(*inputs):
    pb = protos().summary_pb2
    merged, seen = pb.Summary(), set()
    for value in inputs:
        for serialized in np.ravel(value):
            for item in pb.Summary.FromString(serialized).value:
                if item.tag in seen:
                    raise errors.InvalidArgumentError(
                        None,
                        None,
                        (
                            "Duplicate tag %s found in summary inputs\n(learntf: two summaries "
                            "record the same tag; give them different names.)" % item.tag
                        ),
                    )
                seen.add(item.tag)
                merged.value.add().CopyFrom(item)
    return _serialized(merged)


# Serialized Summary with one number per tag (a point on a TensorBoard curve).
register_op(
    "ScalarSummary", ["tags", "values"], _summary_infer, _scalar_summary_kernel, type_input=1
)
# Serialized Summary with a histogram of all the values of a tensor.
register_op(
    "HistogramSummary", ["tag", "values"], _summary_infer, _histogram_summary_kernel, type_input=1
)
# Serialized Summary with up to max_images PNG images from a batch.
register_op(
    "ImageSummary", ["tag", "tensor"], _image_summary_infer, _image_summary_kernel, type_input=1
)
# The union of the values of several serialized Summary protos.
register_op("MergeSummary", ["inputs*"], _merge_infer, _merge_summary_kernel, type_attr=None)
for _op in ("ScalarSummary", "HistogramSummary", "ImageSummary", "MergeSummary"):
    not_differentiable(_op)


# -- the TF1 functions ------------------------------------------------------------------------
def _clean_tag(name):
    """TF's rule: characters other than letters, digits, _ - / . become '_'."""
    if name is None:
        return None
    cleaned = _INVALID_TAG_CHARACTERS.sub("_", name).lstrip("/")
    if cleaned != name:
        import logging  # only when a name needs cleaning: keeps `import learntf` light

        logging.getLogger("learntf").info(
            "Summary name %s is illegal; using %s instead.", name, cleaned
        )
    return cleaned


@contextlib.contextmanager
def _summary_scope(name, family, values):
    """Open name scope `name` (made unique); the tag is the scope's name, as in TF."""
    name, family = _clean_tag(name), _clean_tag(family)
    with name_scope(name if family is None else family + "/" + name, None, values) as scope:
        tag = scope.rstrip("/")
        yield (tag if family is None else family + "/" + tag), scope


def _collect(summary, collections, default):
    for key in default if collections is None else collections:
        add_to_collection(key, summary)


def scalar(name, tensor, collections=None, family=None):
    """A summary op recording one number: a point of a TensorBoard curve per step."""
    require_tensorboard()
    with _summary_scope(name, family, [tensor]) as (tag, scope):
        summary = apply_op("ScalarSummary", [tag, tensor], {}, scope)
    _collect(summary, collections, [GraphKeys.SUMMARIES])
    return summary


def histogram(name, values, collections=None, family=None):
    """A summary op recording the distribution of a tensor's values (e.g. weights)."""
    require_tensorboard()
    with _summary_scope(name, family, [values]) as (tag, scope):
        summary = apply_op("HistogramSummary", [tag, values], {}, scope)
    _collect(summary, collections, [GraphKeys.SUMMARIES])
    return summary


# ImageSummary's `bad_color` attr, a tensor in TF's OpDef (as a GraphDef must hold it).
_RED = np.array([255, 0, 0, 255], dtype=np.uint8)
_RED.flags.writeable = False


def image(name, tensor, max_outputs=3, collections=None, family=None):
    """A summary op recording up to `max_outputs` images of a [batch, h, w, c] tensor."""
    require_tensorboard()
    with _summary_scope(name, family, [tensor]) as (tag, scope):
        summary = apply_op(
            "ImageSummary",
            [tag, tensor],
            {"max_images": int(max_outputs), "bad_color": _RED},
            scope,
        )
    _collect(summary, collections, [GraphKeys.SUMMARIES])
    return summary


def merge(inputs, collections=None, name=None):
    """One summary op whose value holds every value of `inputs` (a list of summary ops)."""
    require_tensorboard()
    inputs = list(inputs)
    if not inputs:
        raise ValueError(
            "List argument 'inputs' to 'MergeSummary' Op with length 0 shorter "
            "than minimum length 1.\n(learntf: there are no summaries to merge; "
            "create some with tf.summary.scalar(...) first.)"
        )
    with name_scope(name, "Merge", inputs):
        summary = apply_op("MergeSummary", [inputs], {}, name)
    _collect(summary, collections, [])
    return summary


def merge_all(key=GraphKeys.SUMMARIES, scope=None, name=None):
    """Merge every summary of the default graph's `key` collection; None if there are none."""
    summaries = get_collection(key, scope=scope)
    return merge(summaries, name=name) if summaries else None
