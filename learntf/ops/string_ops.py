"""String ops: tf.strings.length, unicode_decode/encode, split, join, lower/upper, to_number.

A string tensor holds bytes (a NumPy object array of `bytes`); `tf.constant("咖啡")` stores the
six UTF-8 bytes b'\\xe5\\x92\\x96\\xe5\\x95\\xa1'.  So a length can count bytes (unit="BYTE") or
characters (unit="UTF8_CHAR"), and decoding turns each string into its Unicode code points --
a different number per string, hence a RaggedTensor for a batch of strings (unit 16, "tensors
in TF2: strings, ragged, sparse").  Each op is registered here once and runs in eager and graph
mode; the functions that return ragged tensors (split, unicode_decode, unicode_encode) are in
ragged/ragged_string_ops.py, as in TF, and the element-wise ones take a RaggedTensor through
the dispatch table (framework/dispatch.py).
"""

import codecs
import re

import numpy as np

from learntf import dtypes, errors
from learntf.framework.apply import ShapeError, apply_op
from learntf.framework.constant_op import convert_to_tensor
from learntf.framework.dispatch import add_dispatch_support
from learntf.framework.op_registry import not_differentiable, register_op
from learntf.framework.tensor_shape import TensorShape
from learntf.ops.shape_inference import broadcast_shape, check_dtype, normalize_axes, reduced_shape


def _check_string(arg_name, tensor):
    check_dtype(arg_name, tensor, (dtypes.string,), attr=None)


def _check_choice(attr, value, allowed):
    if value not in allowed:
        raise errors.InvalidArgumentError(
            None,
            None,
            "Value for attr '%s' of \"%s\" is not in the list of allowed values: %s"
            % (attr, value, ", ".join('"%s"' % a for a in allowed)),
        )


def _elementwise(fn, out_type=object):
    """A kernel applying `fn` to every string of an object array."""

    def kernel(input, **attrs):
        flat = [fn(item, **attrs) for item in input.reshape(-1)]
        result = np.empty(len(flat), dtype=out_type)
        result[:] = flat
        return result.reshape(input.shape)

    return kernel


def _same_shape(out_dtype=dtypes.string):
    def infer(input, **attrs):
        _check_string("input", input)
        return [(out_dtype, input.shape)]

    return infer


# -- length, lower, upper, strip --------------------------------------------------------------
def _length(item, unit):
    if unit == "BYTE":
        return len(item)
    # a UTF-8 character starts with any byte except a continuation byte (10xxxxxx)
    return int(np.count_nonzero((np.frombuffer(item, dtype=np.uint8) & 0xC0) != 0x80))


register_op("StringLength", ["input"], _same_shape(dtypes.int32), _elementwise(_length, np.int32))


def _lower(item, encoding):
    return item.decode("utf-8").lower().encode("utf-8") if encoding else item.lower()


def _upper(item, encoding):
    return item.decode("utf-8").upper().encode("utf-8") if encoding else item.upper()


register_op("StringLower", ["input"], _same_shape(), _elementwise(_lower))
register_op("StringUpper", ["input"], _same_shape(), _elementwise(_upper))
register_op("StringStrip", ["input"], _same_shape(), _elementwise(lambda item: item.strip()))


@add_dispatch_support
def length(input, unit="BYTE", name=None):
    """The length of each string, in bytes (unit="BYTE") or in UTF-8 characters."""
    _check_choice("unit", unit, ("BYTE", "UTF8_CHAR"))
    return _on_strings("StringLength", input, {"unit": unit}, name)


@add_dispatch_support
def lower(input, encoding="", name=None):
    """Lower-case: ASCII letters only, or every letter with encoding="utf-8"."""
    return _on_strings("StringLower", input, {"encoding": _case_encoding(encoding)}, name)


@add_dispatch_support
def upper(input, encoding="", name=None):
    """Upper-case: ASCII letters only, or every letter with encoding="utf-8"."""
    return _on_strings("StringUpper", input, {"encoding": _case_encoding(encoding)}, name)


@add_dispatch_support
def strip(input, name=None):
    """Each string without its leading and trailing whitespace."""
    return _on_strings("StringStrip", input, {}, name)


def _case_encoding(encoding):
    _check_choice("encoding", encoding.lower(), ("", "utf-8"))
    return encoding.lower()


def _on_strings(op_type, input, attrs, name):
    """Run an element-wise string op."""
    return apply_op(op_type, [convert_to_tensor(input, name="input")], attrs, name or op_type)


# -- to_number ----------------------------------------------------------------------------------
_NUMBER = re.compile(
    r"^\s*[-+]?(\d+\.?\d*([eE][-+]?\d+)?|\.\d+([eE][-+]?\d+)?|inf|infinity|nan)"
    r"\s*$",
    re.IGNORECASE,
)
_INTEGER = re.compile(r"^\s*[-+]?\d+\s*$")


def _to_number_kernel(string_tensor, out_type):
    result = np.empty(string_tensor.shape, dtype=out_type.np)
    for index, item in np.ndenumerate(string_tensor):
        text = item.decode("utf-8", "replace")
        pattern = _INTEGER if out_type.is_integer else _NUMBER
        value = None
        if pattern.match(text):
            value = int(text) if out_type.is_integer else float(text)
            if out_type.is_integer and not out_type.min <= value <= out_type.max:
                value = None
        if value is None:
            raise errors.InvalidArgumentError(
                None, None, "StringToNumberOp could not correctly convert string: %s" % text
            )
        result[index] = value
    return result


def _to_number_infer(string_tensor, out_type):
    _check_string("string_tensor", string_tensor)
    return [(out_type, string_tensor.shape)]


register_op("StringToNumber", ["string_tensor"], _to_number_infer, _to_number_kernel)


@add_dispatch_support
def to_number(input, out_type=dtypes.float32, name=None):
    """Parse each string as a number: "3.5" -> 3.5 (float32 unless out_type says otherwise)."""
    out_type = dtypes.as_dtype(out_type)
    _check_choice("out_type", out_type.name, ("float32", "float64", "int32", "int64"))
    return _on_strings("StringToNumber", input, {"out_type": out_type}, name)


# -- join and reduce_join ----------------------------------------------------------------------
def _join_infer(*inputs, separator):
    shape = TensorShape([])
    for tensor in inputs:
        _check_string("inputs", tensor)
        if tensor.shape.rank:
            shape = broadcast_shape(shape, tensor.shape)
    return [(dtypes.string, shape)]


def _join_kernel(*inputs, separator):
    try:
        columns = np.broadcast_arrays(*[np.asarray(v, dtype=object) for v in inputs])
    except ValueError:
        raise errors.InvalidArgumentError(
            None,
            None,
            "Input shapes do not match: %s" % " vs. ".join(str(list(np.shape(v))) for v in inputs),
        ) from None
    sep = separator.encode("utf-8") if isinstance(separator, str) else separator
    result = np.empty(columns[0].shape, dtype=object)
    for index in np.ndindex(result.shape):
        result[index] = sep.join(column[index] for column in columns)
    return result


register_op("StringJoin", ["inputs*"], _join_infer, _join_kernel)


def string_input(value, name, prefix=""):
    """A string op's input: TF converts it with dtype string, so a tensor of numbers is refused
    there (ValueError), before any op; `prefix` is TF's "input: " where its op names it."""
    tensor = convert_to_tensor(value, name=name)
    if tensor.dtype is not dtypes.string and hasattr(value, "dtype"):
        raise ValueError(
            "%sTensor conversion requested dtype string for Tensor with dtype %s: %r\n"
            "(learntf: format numbers as strings first, with tf.strings.as_string.)"
            % (prefix, tensor.dtype.name, value)
        )
    return tensor


def join(inputs, separator="", name=None):
    """Join strings element-wise: join([["a", "b"], ["c", "d"]], "-") is [b'a-c' b'b-d']."""
    inputs = [string_input(v, "inputs") for v in inputs]
    return apply_op("StringJoin", [inputs], {"separator": separator}, name or "StringJoin")


def _reduce_join_infer(inputs, axis, keepdims, separator):
    _check_string("inputs", inputs)
    return [(dtypes.string, reduced_shape(inputs.shape, axis, keepdims))]


def _reduce_join_kernel(inputs, axis, keepdims, separator):
    axes = normalize_axes(axis, inputs.ndim)
    kept = [a for a in range(inputs.ndim) if a not in axes]
    moved = np.transpose(inputs, kept + list(axes))
    rows = moved.reshape(moved.shape[: len(kept)] + (-1,))
    sep = separator.encode("utf-8")
    result = np.empty(rows.shape[:-1], dtype=object)
    for index in np.ndindex(result.shape):
        result[index] = sep.join(rows[index])
    if keepdims:
        result = result.reshape([1 if a in axes else d for a, d in enumerate(inputs.shape)])
    return result


register_op("ReduceJoin", ["inputs"], _reduce_join_infer, _reduce_join_kernel)


def reduce_join(inputs, axis=None, keepdims=False, separator="", name=None):
    """Join the strings along `axis` (all of them if None) into one string each."""
    inputs = convert_to_tensor(inputs, name="inputs")
    if axis is not None:
        axis = int(axis) if np.ndim(axis) == 0 else tuple(int(a) for a in axis)
    return apply_op(
        "ReduceJoin",
        [inputs],
        {"axis": axis, "keepdims": bool(keepdims), "separator": separator},
        name or "ReduceJoin",
    )


# -- split ---------------------------------------------------------------------------------------
def _split_infer(input, sep, maxsplit):
    _check_string("input", input)
    if input.shape.rank not in (None, 1):
        raise ShapeError("Shape must be rank 1 but is rank %d" % input.shape.rank)
    return [
        (dtypes.int64, TensorShape([None, 2])),
        (dtypes.string, TensorShape([None])),
        (dtypes.int64, TensorShape([2])),
    ]


def sparse_rows(pieces):
    """Each input string's pieces as one sparse tensor (indices, values, dense_shape): row r
    holds the pieces of string r, as TF's split ops return them."""
    indices = [(row, column) for row, parts in enumerate(pieces) for column in range(len(parts))]
    values = np.empty(len(indices), dtype=object)
    values[:] = [part for parts in pieces for part in parts]
    longest = max((len(parts) for parts in pieces), default=0)
    return (
        np.array(indices, dtype=np.int64).reshape(-1, 2),
        values,
        np.array([len(pieces), longest], dtype=np.int64),
    )


def _split_kernel(input, sep, maxsplit):
    sep = bytes(sep[()]) if isinstance(sep, np.ndarray) else sep
    return sparse_rows([item.split(sep or None, maxsplit) for item in input])


register_op("StringSplitV2", ["input", "sep"], _split_infer, _split_kernel, num_outputs=3)


# -- unicode_decode / unicode_encode ---------------------------------------------------------
_ENCODINGS = {
    "UTF8": "utf-8",
    "UTF16BE": "utf-16-be",
    "UTF16LE": "utf-16-le",
    "UTF32BE": "utf-32-be",
    "UTF32LE": "utf-32-le",
}
_MARK = "\ud800"  # a lone surrogate never comes out of a successful decode: marks bad input
codecs.register_error("learntf_mark_invalid", lambda error: (_MARK, error.end))


def _codec(encoding, what):
    key = encoding.upper().replace("-", "").replace("_", "")
    if key in _ENCODINGS:
        return _ENCODINGS[key]
    for name in (encoding, key):  # TF's ICU knows other encodings (LATIN-9): Python's names
        try:
            info = codecs.lookup(name)
        except LookupError:
            continue
        if info._is_text_encoding:  # (never base64 or rot13: not encodings of text)
            return info.name
    raise errors.InvalidArgumentError(
        None, None, "Could not create converter for %s encoding: %s" % (what, encoding)
    )


def _check_replacement(replacement_char):
    if not 0 <= replacement_char <= 0x10FFFF:
        raise errors.InvalidArgumentError(
            None, None, "replacement_char out of unicode codepoint range"
        )


def _decode_kernel(input, input_encoding, errors, replacement_char, replace_control_characters):
    codec = _codec(input_encoding, "input")
    rows = []
    for item in input.reshape(-1):
        text = item.decode(codec, "learntf_mark_invalid")
        if errors == "strict" and _MARK in text:
            raise _invalid_input()
        points = []
        for char in text:
            point = ord(char)
            if char == _MARK:
                if errors == "ignore":
                    continue
                point = replacement_char
            elif replace_control_characters and point < 0x20:
                point = replacement_char
            points.append(point)
        rows.append(points)
    splits = np.concatenate([[0], np.cumsum([len(r) for r in rows], dtype=np.int64)])
    values = np.array([p for r in rows for p in r], dtype=np.int32)
    return splits.astype(np.int64), values


def _invalid_input():
    return errors.InvalidArgumentError(None, None, "Invalid formatting on input string")


def _decode_infer(input, **attrs):
    _check_string("input", input)
    count = input.shape.num_elements()
    return [
        (dtypes.int64, TensorShape([None if count is None else count + 1])),
        (dtypes.int32, TensorShape([None])),
    ]


register_op("UnicodeDecode", ["input"], _decode_infer, _decode_kernel, num_outputs=2)


def _encode_kernel(input_values, input_splits, output_encoding, errors, replacement_char):
    codec = _codec(output_encoding, "output")
    result = np.empty(len(input_splits) - 1, dtype=object)
    for row in range(len(result)):
        chars = []
        for point in input_values[input_splits[row] : input_splits[row + 1]]:
            if not 0 <= point <= 0x10FFFF or 0xD800 <= point <= 0xDFFF:
                if errors == "strict":
                    raise _invalid_input()
                if errors == "ignore":
                    continue
                point = replacement_char
            chars.append(chr(point))
        result[row] = "".join(chars).encode(codec)
    return result


def _encode_infer(input_values, input_splits, **attrs):
    check_dtype("input_values", input_values, (dtypes.int32,), attr=None)
    rows = input_splits.shape[0] if input_splits.shape.rank == 1 else None
    return [(dtypes.string, TensorShape([None if rows is None else rows - 1]))]


register_op("UnicodeEncode", ["input_values", "input_splits"], _encode_infer, _encode_kernel)


for _op in [
    "StringLength",
    "StringLower",
    "StringUpper",
    "StringStrip",
    "StringToNumber",
    "StringJoin",
    "ReduceJoin",
    "StringSplitV2",
    "UnicodeDecode",
    "UnicodeEncode",
]:
    not_differentiable(_op)
