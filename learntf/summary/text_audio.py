"""TF 1's `tf.summary.text` and `tf.summary.audio`: the summary ops for words and sounds.

Like `scalar` and `image` (summary_ops.py) each is an op whose value is a serialized `Summary`
and which joins the SUMMARIES collection, so `merge_all()` gathers it.  `text` is TF's
`TensorSummaryV2` carrying the string tensor and the "text" plugin's metadata (TensorBoard's
Text tab); `audio` is `AudioSummaryV2`, each clip encoded as a 16-bit PCM WAV file, as TF's
C++ encodes it.
"""

import struct

import numpy as np

from learntf import dtypes, errors
from learntf.framework.apply import apply_op
from learntf.framework.constant_op import convert_to_tensor
from learntf.framework.graph import GraphKeys
from learntf.framework.op_registry import not_differentiable, register_op
from learntf.framework.tensor_shape import TensorShape
from learntf.serialization.graph_io import tensor_proto
from learntf.serialization.tf_protos import protos, require_tensorboard
from learntf.summary.summary_ops import _collect, _serialized, _summary_scope, _text


def _string_scalar(*inputs, **attrs):
    return [(dtypes.string, TensorShape([]))]


def _tensor_summary_kernel(tag, tensor, serialized_summary_metadata):
    pb = protos().summary_pb2
    metadata = pb.SummaryMetadata.FromString(np.asarray(serialized_summary_metadata).item())
    value = pb.Summary.Value(tag=_text(np.asarray(tag).item()), metadata=metadata)
    value.tensor.CopyFrom(tensor_proto(np.asarray(tensor)))
    return _serialized(pb.Summary(value=[value]))


def wav_bytes(samples, sample_rate):
    """`samples` [frames, channels] of floats in [-1, 1] as a 16-bit PCM WAV file."""
    frames, channels = samples.shape
    pcm = (np.clip(samples, -1.0, 1.0) * 32767).astype("<i2").tobytes()
    header = struct.pack(
        "<4sI4s4sIHHIIHH4sI",
        b"RIFF",
        36 + len(pcm),
        b"WAVE",
        b"fmt ",
        16,
        1,  # PCM
        channels,
        sample_rate,
        sample_rate * channels * 2,
        channels * 2,
        16,
        b"data",
        len(pcm),
    )
    return header + pcm


def _audio_summary_kernel(tag, tensor, sample_rate, max_outputs):
    tensor = np.asarray(tensor, dtype=np.float32)
    if tensor.ndim not in (2, 3):
        raise errors.InvalidArgumentError(
            None, None, "sample_rate must be a scalar: %s" % list(np.shape(sample_rate))
        )
    if tensor.ndim == 2:
        tensor = tensor[:, :, None]
    pb = protos().summary_pb2
    base_tag, rate = _text(np.asarray(tag).item()), float(sample_rate)
    values = []
    for i in range(min(max_outputs, tensor.shape[0])):
        clip = tensor[i]
        values.append(
            pb.Summary.Value(
                tag="%s/audio/%d" % (base_tag, i) if max_outputs > 1 else base_tag + "/audio",
                audio=pb.Summary.Audio(
                    sample_rate=rate,
                    num_channels=clip.shape[1],
                    length_frames=clip.shape[0],
                    encoded_audio_string=wav_bytes(clip, int(rate)),
                    content_type="audio/wav",
                ),
            )
        )
    return _serialized(pb.Summary(value=values))


register_op(
    "TensorSummaryV2",
    ["tag", "tensor", "serialized_summary_metadata"],
    _string_scalar,
    _tensor_summary_kernel,
    type_input=1,
)
register_op(
    "AudioSummaryV2",
    ["tag", "tensor", "sample_rate"],
    _string_scalar,
    _audio_summary_kernel,
    type_attr=None,
)
not_differentiable("TensorSummaryV2")
not_differentiable("AudioSummaryV2")


def text(name, tensor, collections=None):
    """`tf.compat.v1.summary.text`: a summary op recording a string tensor."""
    require_tensorboard()
    tensor = convert_to_tensor(tensor)
    if tensor.dtype != dtypes.string:
        raise ValueError(
            "Expected tensor %s to have dtype string, got %s" % (tensor.name, tensor.dtype)
        )
    pb = protos().summary_pb2
    metadata = pb.SummaryMetadata(plugin_data=pb.SummaryMetadata.PluginData(plugin_name="text"))
    with _summary_scope(name, None, [tensor]) as (tag, scope):
        summary = apply_op(
            "TensorSummaryV2", [tag, tensor, metadata.SerializeToString()], {}, scope
        )
    _collect(summary, collections, [GraphKeys.SUMMARIES])
    return summary


def audio(name, tensor, sample_rate, max_outputs=3, collections=None, family=None):
    """`tf.compat.v1.summary.audio`: up to `max_outputs` clips of a [batch, frames(,
    channels)] float tensor in [-1, 1]."""
    require_tensorboard()
    with _summary_scope(name, family, [tensor]) as (tag, scope):
        sample_rate = convert_to_tensor(sample_rate, dtype=dtypes.float32, name="sample_rate")
        summary = apply_op(
            "AudioSummaryV2",
            [tag, tensor, sample_rate],
            {"max_outputs": int(max_outputs)},
            scope,
        )
    _collect(summary, collections, [GraphKeys.SUMMARIES])
    return summary
