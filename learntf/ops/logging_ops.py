"""`tf.print` and TF 1's `tf.compat.v1.Print`: printing the values of tensors as ops.

A Python `print(x)` inside a tf.function runs once, while tracing, and shows a symbolic tensor.
`tf.print(x)` instead adds ops to the graph, so the printing happens every time the graph
runs, with the tensor's value of that run.  As in TensorFlow 2.21 it builds two ops:

* `StringFormat` fills a template ("loss: {}") with the tensors, each written as TensorFlow's
  C++ writes a tensor: nested brackets, the first and last `summarize` entries of each
  dimension with `...` between (`[0 1 2 ... 7 8 9]`);
* `PrintV2` writes that string to its `output_stream` ("stderr", "stdout", a "log(info)"
  level or "file://path").  It is stateful: never pruned or folded, and inside a tf.function
  the automatic control dependencies (eager/func_graph.py) run it on every call, in program
  order.  In a TF 1 graph it runs when `Session.run` fetches it (or something that waits for
  it through tf.control_dependencies).

Eagerly, both ops run at once, so `tf.print` prints at once.  The streams are looked up when
the op runs, never kept: Jupyter replaces `sys.stdout`/`sys.stderr`, and the text must reach
the cell that runs.  (TensorFlow's kernels write to the process's C++ streams, which Jupyter
redirects for it.)

`tf.compat.v1.Print(input_, data, message)` is TF 1's older op: an Identity of `input_` that
writes `message` and each tensor of `data` in brackets (`msg[1 2 3...]`) to stderr when it
runs, flattened TF 1 style.
"""

import collections
import logging
import os
import pprint
import random
import sys
import threading
import time

import numpy as np

from learntf import dtypes, errors, nest
from learntf.framework import graph as graph_module
from learntf.framework.apply import ShapeError, apply_op
from learntf.framework.constant_op import convert_to_tensor
from learntf.framework.execute import EagerTensor
from learntf.framework.op_registry import not_differentiable, register_gradient, register_op
from learntf.framework.tensor_shape import TensorShape


# -- one element, as TensorFlow's C++ writes it -------------------------------------------------
def _float_text(value, digits, more_digits, np_type):
    """The shortest of %.{digits}g that reads back as the same number, else %.{more_digits}g
    (TF's FloatToBuffer: 0.1 stays "0.1", float32 1/3 is "0.333333343")."""
    value = np_type(value)
    if np.isnan(value):
        return "-nan" if np.signbit(value) else "nan"
    text = "%.*g" % (digits, value)
    if np_type(float(text)) != value:
        text = "%.*g" % (more_digits, value)
    return text


_ESCAPES = {ord(c): b"\\" + e for c, e in zip("\n\r\t\"'\\", [b"n", b"r", b"t", b'"', b"'", b"\\"])}


def _escaped(data, quoted):
    """A string element: C escapes for quotes, backslash and control bytes (octal), UTF-8
    bytes kept; TF 2's format puts it in double quotes."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    parts = []
    for byte in data:
        if byte in _ESCAPES:
            parts.append(_ESCAPES[byte])
        elif byte < 0x20 or byte == 0x7F:
            parts.append(b"\\%03o" % byte)
        else:
            parts.append(bytes([byte]))
    # (bytes that are not UTF-8 stay bytes: the kernel encodes them back the same way)
    text = b"".join(parts).decode("utf-8", "surrogateescape")
    return '"%s"' % text if quoted else text


def _element_text(value, dtype, v2):
    if dtype is dtypes.string:
        return _escaped(value, quoted=v2)
    if dtype is dtypes.float64:
        return _float_text(value, 15, 17, np.float64)
    if dtype.is_floating:  # float32, and float16/bfloat16 written as float32s
        return _float_text(value, 6, 9, np.float32)
    if dtype is dtypes.bool_:
        return "1" if value else "0"
    if dtype.is_integer:
        return str(int(value))
    return "?"  # complex numbers, resources, variants


# -- a whole tensor ---------------------------------------------------------------------------
def summarize_v2(array, dtype, summarize):
    """A tensor as StringFormat writes it: nested brackets, rows on new lines, and in each
    dimension longer than 2 * summarize the first and last `summarize` entries around `...`
    (summarize=-1: everything)."""
    array = np.asarray(array)
    if array.ndim == 0:
        return _element_text(array[()], dtype, True)
    ends = array.size if summarize < 0 else min(summarize, array.size)
    parts = []
    _dimension_v2(array, 0, array.ndim, ends, dtype, parts)
    return "".join(parts)


def _spacing(dim, rank):
    # between entries of the last dimension a space; between bigger blocks one newline per
    # dimension below, then an indent of one space per dimension above
    return " " if dim == rank - 1 else "\n" * (rank - dim - 1) + " " * (dim + 1)


def _dimension_v2(block, dim, rank, ends, dtype, parts):
    """Write `block`, the part of the tensor at dimension `dim` of `rank`."""
    if dim == rank:  # one element (an array's item, or a 0-d array)
        parts.append(
            _element_text(block[()] if isinstance(block, np.ndarray) else block, dtype, True)
        )
        return
    count = block.shape[0]
    parts.append("[")
    for i in range(min(ends, count)):
        if i > 0:
            parts.append(_spacing(dim, rank))
        _dimension_v2(block[i], dim + 1, rank, ends, dtype, parts)
    if count > 2 * ends:
        parts.append(_spacing(dim, rank) + "...")
    for i in range(max(ends, count - ends), count):
        parts.append(_spacing(dim, rank))
        _dimension_v2(block[i], dim + 1, rank, ends, dtype, parts)
    parts.append("]")


def summarize_v1(array, dtype, summarize):
    """A tensor as TF 1's Print writes it: the first `summarize` entries in row-major order,
    rows in brackets with no space between them, then `...` if some were left out."""
    array = np.asarray(array)
    if array.ndim == 0:
        return _element_text(array[()], dtype, False)
    limit = array.size if summarize < 0 else min(summarize, array.size)
    flat = array.reshape(-1)
    parts, index = [], [0]

    def dimension(dim):
        if index[0] >= limit:
            return
        if dim == array.ndim - 1:
            for i in range(array.shape[dim]):
                if index[0] >= limit:
                    if dim != 0:
                        parts.append("...")
                    return
                if i > 0:
                    parts.append(" ")
                parts.append(_element_text(flat[index[0]], dtype, False))
                index[0] += 1
            return
        for _ in range(array.shape[dim]):
            opened = index[0] < limit
            if opened:
                parts.append("[")
            dimension(dim + 1)
            if index[0] < limit or opened:
                parts.append("]")

    dimension(0)
    if limit < array.size:
        parts.append("...")
    return "".join(parts)


# -- the ops ----------------------------------------------------------------------------------
def _string_format_infer(*inputs, T, template, placeholder, summarize):
    return [(dtypes.string, TensorShape([]))]


def _string_format_kernel(*values, T, template, placeholder, summarize):
    pieces = template.split(placeholder)
    if len(pieces) - 1 != len(values):
        raise errors.InvalidArgumentError(
            None,
            None,
            "num placeholders in template and num inputs must match: %d vs. %d"
            % (len(pieces) - 1, len(values)),
        )
    text = [pieces[0]]
    for value, dtype, piece in zip(values, T, pieces[1:]):
        text.append(summarize_v2(value, dtype, summarize))
        text.append(piece)
    return np.array("".join(text).encode("utf-8", "surrogateescape"), dtype=object)


register_op(
    "StringFormat",
    ["inputs*"],
    _string_format_infer,
    _string_format_kernel,
    type_attr=None,
)
not_differentiable("StringFormat")


def _print_v2_infer(input, output_stream, end):
    if input.dtype is not dtypes.string:
        raise TypeError(
            "Input 'input' of 'PrintV2' Op has type %s that does not match "
            "expected type of string." % input.dtype.name
        )
    if input.shape.rank not in (None, 0):
        raise ShapeError(
            "Shape must be rank 0 but is rank %d" % input.shape.rank,
            "tf.print's op prints one string; format a tensor first (tf.strings.format)",
        )
    return []


# The C++ source lines TF 2.21's PrintV2 logs from, by level (they appear in the log prefix).
_LOG_LEVELS = {"log(info)": ("I", 169), "log(warning)": ("W", 171), "log(error)": ("E", 173)}


def write_text(text, output_stream):
    """Write `text` where a PrintV2 or Print op sends it, finding the stream now."""
    if output_stream == "stdout":
        stream = sys.stdout
    elif output_stream == "stderr":
        stream = sys.stderr
    elif output_stream.startswith("file://"):
        with open(output_stream[len("file://") :], "a", encoding="utf-8") as file:
            file.write(text)
        return
    elif output_stream in _LOG_LEVELS:
        # as TF's C++ logging writes it (before absl's log is set up): level letter, a zero
        # date, the time in seconds, the thread, the source line
        letter, line = _LOG_LEVELS[output_stream]
        stream = sys.stderr
        text = "%s0000 00:00:%.6f %7d logging_ops.cc:%d] %s\n" % (
            letter,
            time.time(),
            threading.get_native_id(),
            line,
            text,
        )
    else:
        raise errors.InvalidArgumentError(
            None, None, "%s is not a valid output stream" % output_stream
        )
    stream.write(text)
    stream.flush()


def _print_v2_kernel(input, output_stream, end):
    value = input[()] if isinstance(input, np.ndarray) else input
    text = value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)
    write_text(text + end, output_stream)


register_op(
    "PrintV2",
    ["input"],
    _print_v2_infer,
    _print_v2_kernel,
    num_outputs=0,
    stateful=True,
    type_attr=None,
)
not_differentiable("PrintV2")


def _print_infer(input, *data, T, U, message, first_n, summarize):
    return [(input.dtype, input.shape)]


def _print_kernel(counter, input, *data, T, U, message, first_n, summarize):
    # `counter`: how many times this kernel printed (TF keeps it in the kernel, for first_n)
    if first_n < 0 or counter[0] < first_n:
        counter[0] += 1
        text = message + "".join(
            "[%s]" % summarize_v1(value, dtype, summarize) for value, dtype in zip(data, U)
        )
        write_text(text + "\n", "stderr")
    return input


register_op(
    "Print",
    ["input", "data*"],
    _print_infer,
    _print_kernel,
    stateful=True,
    make_state=lambda op, session: [0],
)


@register_gradient("Print")
def _print_gradient(op, grad):
    # as TF: the gradient passes to `input_`; the printed tensors get none
    return [grad] + [None] * (len(op.inputs) - 1)


# -- the Python functions -------------------------------------------------------------------------
def string_format(template, inputs, placeholder="{}", summarize=3, name=None):
    """`tf.strings.format`: `template` with each `placeholder` replaced by a tensor's text."""
    if _is_tensor(inputs):
        inputs = [inputs]
    if template.count(placeholder) != len(inputs):
        raise ValueError(
            "The template expects %d tensors, but the inputs only has %d. Please ensure the "
            "number of placeholders in template matches inputs length.\n(learntf: write one %s "
            "in the template per tensor.)" % (template.count(placeholder), len(inputs), placeholder)
        )
    tensors = [convert_to_tensor(t) for t in inputs]
    attrs = {
        "T": tuple(t.dtype for t in tensors),
        "template": template,
        "placeholder": placeholder,
        "summarize": int(summarize),
    }
    return apply_op("StringFormat", [tensors], attrs, name or "StringFormat")


def _is_tensor(value):
    """TF's `tensor_util.is_tf_type`: tensors and variables (NumPy arrays are not)."""
    return isinstance(value, (graph_module.Tensor, EagerTensor)) or hasattr(value, "handle")


# The logging levels tf.print takes: Python's numbers, and tf.compat.v1.logging's functions
# (Python's logging.info is no stream, in TF either).
_LEVEL_STREAMS = {
    logging.INFO: "log(info)",
    logging.WARNING: "log(warning)",
    logging.ERROR: "log(error)",
}


def print_v2(
    *inputs, output_stream=None, name=None, summarize=3, sep=" ", end=os.linesep, **kwargs
):
    """`tf.print(*inputs)`: print tensors (and Python values, and structures of both) when the
    op runs: now when eager, on each call of a tf.function, on each Session.run of it."""
    if kwargs:
        raise ValueError("Unrecognized keyword arguments for tf.print: %s" % kwargs)
    if output_stream is None or output_stream is sys.stderr:
        stream_name = "stderr"
    elif output_stream is sys.stdout:
        stream_name = "stdout"
    elif isinstance(output_stream, str) and output_stream.startswith("file://"):
        stream_name = output_stream
    else:
        is_level = type(output_stream) is int
        stream_name = _LEVEL_STREAMS.get(output_stream) if is_level else None
        # (tf.compat.v1.logging.info, warning, error: learntf/compat/v1/logging.py)
        stream_name = stream_name or getattr(output_stream, "print_stream", None)
        if stream_name is None:
            raise ValueError(
                "Unsupported output stream, logging level, or file."
                + str(output_stream)
                + ". Supported streams are sys.stdout, sys.stderr, tf.logging.info, "
                "tf.logging.warning, tf.logging.error. File needs to be in the form of "
                "'file://<filepath>'.\n(learntf: pass output_stream=sys.stdout, sys.stderr, "
                "logging.INFO or 'file:///path/to/file'.)"
            )
    format_name = name + "_format" if name else None
    if (
        len(inputs) == 1
        and _is_tensor(inputs[0])
        and inputs[0].shape.rank == 0
        and inputs[0].dtype is dtypes.string
    ):
        formatted = inputs[0]  # one string scalar: printed as it is
    else:
        formatted = _format_inputs(inputs, summarize, sep, format_name)
    return apply_op(
        "PrintV2", [formatted], {"output_stream": stream_name, "end": end}, name or "PrintV2"
    )


def _format_inputs(inputs, summarize, sep, format_name):
    """One StringFormat of every tensor in `inputs`, as TF builds it: each input written as
    Python's pprint writes it, with a placeholder where each tensor goes."""
    # (an OrderedDict is shown sorted, so that its tensors come in tf.nest's order)
    sorted_inputs = [
        collections.OrderedDict(sorted(x.items())) if isinstance(x, collections.OrderedDict) else x
        for x in inputs
    ]
    tensor_free = nest.map_structure(
        lambda x: "" if _is_tensor(x) or _is_sparse(x) else x, sorted_inputs
    )
    placeholder = _placeholder_not_in(" ".join(pprint.pformat(x) for x in tensor_free))
    templates, tensors = [], []
    for x in inputs:
        placeholders = []
        for item in nest.flatten(x):
            if _is_sparse(item):  # its three tensors, in TF's text
                tensors.extend([item.indices, item.values, item.dense_shape])
                placeholders.append(
                    "SparseTensor(indices={0}, values={0}, shape={0})".format(placeholder)
                )
            elif _is_tensor(item):
                tensors.append(item)
                placeholders.append(placeholder)
            else:
                placeholders.append(item)
        if isinstance(x, str):
            templates.append(x)
        else:
            templates.append(pprint.pformat(nest.pack_sequence_as(x, placeholders)))
    template = sep.join(templates).replace("'" + placeholder + "'", placeholder)
    return string_format(template, tensors, placeholder, summarize, format_name)


def _is_sparse(value):
    return type(value).__name__ == "SparseTensor" and hasattr(value, "dense_shape")


def _placeholder_not_in(text):
    """ "{}", or "{}" and digits (TF's own seeded choice), until it does not occur in `text`."""
    placeholder, digits = "{}", random.Random(5)
    while placeholder in text:
        placeholder += str(digits.randint(0, 9))
    return placeholder


def Print(input_, data, message=None, first_n=None, summarize=None, name=None):
    """`tf.compat.v1.Print`: `input_` passed through an op that prints `data` when it runs."""
    input_ = convert_to_tensor(input_)
    data = [convert_to_tensor(t) for t in data]
    attrs = {
        "T": input_.dtype,
        "U": tuple(t.dtype for t in data),
        "message": "" if message is None else message,
        "first_n": -1 if first_n is None else int(first_n),
        "summarize": 3 if summarize is None else int(summarize),
    }
    return apply_op("Print", [input_, data], attrs, name or "Print")


__all__ = ["print_v2", "Print", "string_format"]
