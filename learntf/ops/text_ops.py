"""More string ops: regular expressions, substrings, splitting into bytes, n-grams.

TF's regular expressions are RE2's; learntf runs them with Python's `re`, which reads the
same patterns for everything a course uses (classes, groups, anchors, repetition).  A rewrite
names groups as `\\1`, as in RE2.  The ops that give ragged results (StringSplit, StringNGrams)
return their pieces flat, with row ids or splits, as TF's do; learntf/ragged/ragged_text_ops.py
makes RaggedTensors of them.
"""

import re

import numpy as np

from learntf import dtypes, errors
from learntf.framework.apply import ShapeError, apply_op
from learntf.framework.constant_op import convert_to_tensor
from learntf.framework.dispatch import add_dispatch_support
from learntf.framework.op_registry import not_differentiable, register_op
from learntf.framework.tensor_shape import TensorShape
from learntf.ops.shape_inference import broadcast_shape
from learntf.ops.string_ops import _check_choice, _check_string, _elementwise, sparse_rows


def _bytes(value):
    value = value[()] if isinstance(value, np.ndarray) else value
    return value.encode("utf-8") if isinstance(value, str) else bytes(value)


def _compile(pattern):
    try:
        return re.compile(_bytes(pattern))
    except re.error as exc:
        raise errors.InvalidArgumentError(
            None, None, "Invalid pattern: %s, error: %s" % (_bytes(pattern).decode(), exc)
        ) from None


def _rewrite(rewrite):
    """RE2's rewrite (\\1 a group, \\\\ a backslash) as a function of a match."""
    rewrite = _bytes(rewrite)
    pieces = re.split(rb"(\\[0-9\\])", rewrite)

    def expand(match):
        out = []
        for piece in pieces:
            if len(piece) == 2 and piece[:1] == b"\\":
                out.append(b"\\" if piece[1:] == b"\\" else (match.group(int(piece[1:])) or b""))
            else:
                out.append(piece)
        return b"".join(out)

    return expand


# -- regex_replace and regex_full_match ------------------------------------------------------
def _static_replace_kernel(input, pattern, rewrite, replace_global=True):
    compiled, expand = _compile(pattern), _rewrite(rewrite)
    count = 0 if replace_global else 1
    return _elementwise(lambda item: compiled.sub(expand, item, count=count))(input)


def _replace_kernel(input, pattern, rewrite, replace_global=True):
    return _static_replace_kernel(input, pattern, rewrite, replace_global)


def _static_full_match_kernel(input, pattern):
    compiled = _compile(pattern)
    return _elementwise(lambda item: compiled.fullmatch(item) is not None, bool)(input)


def _full_match_kernel(input, pattern):
    return _static_full_match_kernel(input, pattern)


def _strings_infer(out_dtype):
    def infer(input, *unused_inputs, **unused_attrs):
        _check_string("input", input)
        return [(out_dtype, input.shape)]

    return infer


register_op(
    "StaticRegexReplace",
    ["input"],
    _strings_infer(dtypes.string),
    _static_replace_kernel,
    type_attr=None,
)
register_op(
    "RegexReplace",
    ["input", "pattern", "rewrite"],
    _strings_infer(dtypes.string),
    _replace_kernel,
    type_attr=None,
)
register_op(
    "StaticRegexFullMatch",
    ["input"],
    _strings_infer(dtypes.bool_),
    _static_full_match_kernel,
    type_attr=None,
)
register_op(
    "RegexFullMatch",
    ["input", "pattern"],
    _strings_infer(dtypes.bool_),
    _full_match_kernel,
    type_attr=None,
)
for _op_type in ("StaticRegexReplace", "RegexReplace", "StaticRegexFullMatch", "RegexFullMatch"):
    not_differentiable(_op_type)


@add_dispatch_support
def regex_replace(input, pattern, rewrite, replace_global=True, name=None):
    """Each string with the matches of `pattern` replaced by `rewrite` (\\1: a group)."""
    if isinstance(pattern, (str, bytes)) and isinstance(rewrite, (str, bytes)):
        attrs = {"pattern": pattern, "rewrite": rewrite, "replace_global": replace_global}
        return apply_op("StaticRegexReplace", [input], attrs, name or "StaticRegexReplace")
    return apply_op(
        "RegexReplace",
        [input, pattern, rewrite],
        {"replace_global": replace_global},
        name or "RegexReplace",
    )


@add_dispatch_support
def regex_full_match(input, pattern, name=None):
    """True where the whole string matches `pattern`."""
    if isinstance(pattern, (str, bytes)):
        return apply_op(
            "StaticRegexFullMatch", [input], {"pattern": pattern}, name or "StaticRegexFullMatch"
        )
    return apply_op("RegexFullMatch", [input, pattern], {}, name or "RegexFullMatch")


# -- substr ------------------------------------------------------------------------------------
def _substr_infer(input, pos, length, unit="BYTE"):
    _check_string("input", input)
    return [(dtypes.string, broadcast_shape(input.shape, broadcast_shape(pos.shape, length.shape)))]


def _substr_kernel(input, pos, length, unit="BYTE"):  # (inputs come by position)
    _check_choice("unit", unit, ("BYTE", "UTF8_CHAR"))
    strings, starts, lengths = np.broadcast_arrays(input, pos, length)
    out = np.empty(strings.shape, dtype=object)
    for index, (item, start, count) in enumerate(
        zip(strings.reshape(-1), starts.reshape(-1), lengths.reshape(-1))
    ):
        units = item.decode("utf-8") if unit == "UTF8_CHAR" else item
        size = len(units)
        if not -size <= start <= size:
            raise errors.InvalidArgumentError(
                None,
                None,
                "pos %d out of range for string b'%s' at index %d"
                % (start, item.decode("utf-8", "replace"), index),
            )
        start = start + size if start < 0 else start
        piece = units[start : start + max(int(count), 0)]
        out.reshape(-1)[index] = piece.encode("utf-8") if unit == "UTF8_CHAR" else piece
    return out


register_op("Substr", ["input", "pos", "len"], _substr_infer, _substr_kernel, type_input=1)
not_differentiable("Substr")


@add_dispatch_support
def substr(input, pos, len, unit="BYTE", name=None):
    """The `len` bytes (or UTF-8 characters) of each string starting at `pos`."""
    input = convert_to_tensor(input, dtype=dtypes.string, name="input")
    pos = convert_to_tensor(pos, name="pos")
    len = convert_to_tensor(len, dtype=pos.dtype, name="len")
    return apply_op("Substr", [input, pos, len], {"unit": unit}, name or "Substr")


# -- StringSplit (TF 1's split at any of the delimiter's characters; "" splits into bytes) -----
def _string_split_infer(input, delimiter, skip_empty=True):
    _check_string("input", input)
    if input.shape.rank not in (None, 1):
        raise ShapeError("Shape must be rank 1 but is rank %d" % input.shape.rank)
    return [
        (dtypes.int64, TensorShape([None, 2])),
        (dtypes.string, TensorShape([None])),
        (dtypes.int64, TensorShape([2])),
    ]


def _string_split_kernel(input, delimiter, skip_empty=True):
    delimiter = _bytes(delimiter)
    rows = []
    for item in input:
        if not delimiter:
            parts = [item[i : i + 1] for i in range(len(item))]
        else:
            parts = re.split(b"[" + re.escape(delimiter) + b"]", item)
            if skip_empty:
                parts = [p for p in parts if p]
        rows.append(parts)
    return sparse_rows(rows)


register_op(
    "StringSplit",
    ["input", "delimiter"],
    _string_split_infer,
    _string_split_kernel,
    num_outputs=3,
    type_attr=None,
)
not_differentiable("StringSplit")


# -- StringNGrams ------------------------------------------------------------------------------
def _ngrams_infer(data, data_splits, **attrs):
    _check_string("data", data)
    return [(dtypes.string, TensorShape([None])), (data_splits.dtype, data_splits.shape)]


def _ngrams_kernel(
    data,
    data_splits,
    separator,
    ngram_widths,
    left_pad,
    right_pad,
    pad_width,
    preserve_short_sequences,
):
    separator, left, right = _bytes(separator), _bytes(left_pad), _bytes(right_pad)
    out, splits = [], [0]
    for begin, end in zip(data_splits[:-1], data_splits[1:]):
        tokens = list(data[begin:end])
        row = []
        for width in ngram_widths:
            pad = width - 1 if pad_width < 0 or pad_width > width - 1 else pad_width
            padded = [left] * pad + tokens + [right] * pad
            row += [
                separator.join(padded[i : i + width])
                for i in range(max(0, len(padded) - width + 1))
            ]
        if preserve_short_sequences and not row and tokens:
            pad = max(pad_width, 0)
            row = [separator.join([left] * pad + tokens + [right] * pad)]
        out += row
        splits.append(len(out))
    values = np.empty(len(out), dtype=object)
    values[:] = out
    return values, np.array(splits, dtype=data_splits.dtype)


register_op(
    "StringNGrams",
    ["data", "data_splits"],
    _ngrams_infer,
    _ngrams_kernel,
    num_outputs=2,
    type_attr="Tsplits",
    type_input=1,
)
not_differentiable("StringNGrams")


# -- as_string ---------------------------------------------------------------------------------
def _as_string_kernel(input, precision=-1, scientific=False, shortest=False, width=-1, fill=""):
    if input.dtype.kind in "OSU":  # (TF 2.21's AsString passes strings through)
        return input.copy()
    if input.dtype.kind == "f":
        code = "e" if scientific else ("g" if shortest else "f")
        spec = "%" + (fill or "") + ("%d" % width if width > -1 else "")
        spec += (".%d" % precision if precision > -1 else "") + code
    elif input.dtype.kind == "b":
        return _elementwise(lambda item: b"true" if item else b"false")(input)
    else:
        spec = "%" + (fill or "") + ("%d" % width if width > -1 else "") + "d"
    return _elementwise(lambda item: (spec % item).encode("ascii"))(input)


register_op(
    "AsString", ["input"], lambda input, **attrs: [(dtypes.string, input.shape)], _as_string_kernel
)
not_differentiable("AsString")


@add_dispatch_support
def as_string(input, precision=-1, scientific=False, shortest=False, width=-1, fill="", name=None):
    """Each number as a string ("%f" for floats unless precision/scientific/shortest say)."""
    attrs = {
        "precision": precision,
        "scientific": scientific,
        "shortest": shortest,
        "width": width,
        "fill": fill,
    }
    return apply_op("AsString", [input], attrs, name or "AsString")
