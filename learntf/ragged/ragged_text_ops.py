"""tf.strings.bytes_split, unicode_split and ngrams: string ops whose results are ragged.

Their ops (StringSplit, UnicodeDecode/UnicodeEncode, StringNGrams) live in ops/text_ops.py and
ops/string_ops.py; here their flat results become RaggedTensors, one row per string (or per
row of tokens), as in TF's ragged_string_ops.py.  The element-wise regex ops and substr run
on a RaggedTensor's values through the dispatch table.
"""

import functools

from learntf import dtypes
from learntf.framework.apply import apply_op
from learntf.framework.constant_op import convert_to_tensor
from learntf.framework.dispatch import dispatch_for
from learntf.framework.graph import name_scope
from learntf.ops import array_ops, text_ops
from learntf.ragged.ragged_math_ops import map_flat_values
from learntf.ragged.ragged_string_ops import unicode_decode, unicode_encode
from learntf.ragged.ragged_tensor import RaggedTensor, is_ragged

for _api in [
    text_ops.regex_replace,
    text_ops.regex_full_match,
    text_ops.substr,
    text_ops.as_string,
]:
    dispatch_for(_api, RaggedTensor)(functools.partial(map_flat_values, _api))


def bytes_split(input, name=None):
    """Each string as its bytes: a vector for one string, a RaggedTensor for many."""
    with name_scope(name, "StringsByteSplit", [input]):
        if is_ragged(input):
            return input.with_flat_values(bytes_split(input.flat_values))
        input = convert_to_tensor(input, name="input")
        rank = input.shape.rank
        if rank is None:
            raise ValueError("input must have a statically-known rank.")
        if rank == 0:
            return bytes_split(array_ops.stack([input]))[0]
        if rank > 1:
            return bytes_split(RaggedTensor.from_tensor(input))
        indices, values, shape = apply_op(
            "StringSplit", [input, ""], {"skip_empty": False}, "StringSplit"
        )
        return RaggedTensor.from_value_rowids(values, indices[:, 0], nrows=shape[0], validate=False)


def unicode_split(input, input_encoding, errors="replace", replacement_char=65533, name=None):
    """Each string as its characters (each one a string of its UTF-8 bytes)."""
    with name_scope(name, "UnicodeSplit", [input]):
        codepoints = unicode_decode(input, input_encoding, errors, replacement_char)
        flat = codepoints.flat_values if is_ragged(codepoints) else codepoints
        chars = unicode_encode(
            array_ops.expand_dims(flat, -1),
            output_encoding=input_encoding,
            errors=errors,
            replacement_char=replacement_char,
        )
        return codepoints.with_flat_values(chars) if is_ragged(codepoints) else chars


def _pads(pad_values):
    if pad_values is None:
        return "", ""
    if isinstance(pad_values, (list, tuple)):
        if not all(isinstance(p, (str, bytes)) for p in pad_values[:2]):
            raise TypeError("pad_values must be a string, tuple of strings, or None.")
        return pad_values[0], pad_values[1]
    if not isinstance(pad_values, (str, bytes)):
        raise TypeError("pad_values must be a string, tuple of strings, or None.")
    return pad_values, pad_values


def ngrams(
    data,
    ngram_width,
    separator=" ",
    pad_values=None,
    padding_width=None,
    preserve_short_sequences=False,
    name=None,
):
    """The n-grams of each row of tokens, joined by `separator` (op StringNGrams)."""
    with name_scope(name, "StringNGrams", [data]):
        left_pad, right_pad = _pads(pad_values)
        if padding_width is not None and padding_width < 1:
            raise ValueError("padding_width must be greater than 0.")
        if padding_width is not None and pad_values is None:
            raise ValueError("pad_values must be provided if padding_width is set.")
        again = functools.partial(
            ngrams,
            ngram_width=ngram_width,
            separator=separator,
            pad_values=pad_values,
            padding_width=padding_width,
            preserve_short_sequences=preserve_short_sequences,
        )
        dense_shape = None
        if not is_ragged(data):
            data = convert_to_tensor(data, dtype=dtypes.string, name="data")
            if data.shape.rank is None:
                raise ValueError("Rank of data must be known.")
            if data.shape.rank == 0:
                raise ValueError("Data must have rank>0")
            if data.shape.rank == 1:
                return again(RaggedTensor.from_row_starts(data, [0], validate=False))[0]
            dense_shape = array_ops.concat([array_ops.shape(data)[:-1], [-1]], axis=0)
            data = RaggedTensor.from_tensor(data, ragged_rank=data.shape.rank - 1)
        if data.ragged_rank > 1:
            output = data.with_values(again(data.values))
            if dense_shape is not None:
                return array_ops.reshape(output.flat_values, dense_shape)
            return output
        widths = list(ngram_width) if isinstance(ngram_width, (list, tuple)) else [ngram_width]
        for width in widths:
            if width < 1:
                raise ValueError("All ngram_widths must be greater than 0. Got %s" % ngram_width)
        if pad_values is None:
            padding_width = 0
        elif padding_width is None:
            padding_width = -1
        attrs = {
            "separator": separator,
            "ngram_widths": widths,
            "left_pad": left_pad,
            "right_pad": right_pad,
            "pad_width": padding_width,
            "preserve_short_sequences": preserve_short_sequences,
        }
        values, splits = apply_op(
            "StringNGrams", [data.flat_values, data.row_splits], attrs, "StringNGrams"
        )
        output = RaggedTensor.from_row_splits(values, splits, validate=False)
        if dense_shape is not None:
            return array_ops.reshape(output.flat_values, dense_shape)
        return output
