"""String ops whose results are ragged: tf.strings.split, unicode_decode and unicode_encode.

A batch of strings splits into a different number of pieces (or code points) per string, so
these return a RaggedTensor with one row per string -- which is why they live here, as in
TensorFlow (ops/ragged/ragged_string_ops.py), and not in ops/string_ops.py, whose ops
(registered there with their kernels) know nothing of ragged tensors.  The element-wise
string ops (tf.strings.length, lower, ...) run on a RaggedTensor's values: registered below
with the dispatch table (framework/dispatch.py).
"""

import functools

import numpy as np

from learntf import dtypes
from learntf.framework.apply import apply_op
from learntf.framework.constant_op import convert_to_tensor
from learntf.framework.dispatch import dispatch_for
from learntf.ops import string_ops
from learntf.ops.string_ops import _check_choice, _check_replacement
from learntf.ragged.ragged_math_ops import map_flat_values
from learntf.ragged.ragged_tensor import RaggedTensor, is_ragged, splits_tensor

for _api in [
    string_ops.length,
    string_ops.lower,
    string_ops.upper,
    string_ops.strip,
    string_ops.to_number,
]:
    dispatch_for(_api, RaggedTensor)(functools.partial(map_flat_values, _api))


def split(input, sep=None, maxsplit=-1, name=None):
    """Split each string at `sep` (at runs of whitespace if None): a RaggedTensor of pieces
    for a vector of strings, a vector of pieces for one string."""
    input = string_ops.string_input(input, "input", "input: ")
    one_string = input.shape.rank == 0
    if one_string:
        input = apply_op("ExpandDims", [input, 0], {}, "ExpandDims")
    flat, outer = _flatten_strings(input)
    sep_tensor = convert_to_tensor(sep if sep is not None else "", dtype=dtypes.string)
    indices, values, shape = apply_op(
        "StringSplitV2", [flat, sep_tensor], {"maxsplit": int(maxsplit)}, name or "StringSplit"
    )
    if one_string:
        return values  # the pieces of the one string
    pieces = RaggedTensor.from_value_rowids(values, indices[:, 0], nrows=shape[0], validate=False)
    return _restore_outer(pieces, outer)


def unicode_decode(
    input,
    input_encoding,
    errors="replace",
    replacement_char=65533,
    replace_control_characters=False,
    name=None,
):
    """The Unicode code points of each string: a Tensor for one string, a RaggedTensor for
    many (one row per string).  Bad bytes: errors="replace" (by replacement_char),
    "ignore" (dropped) or "strict" (InvalidArgumentError)."""
    _check_choice("errors", errors, ("strict", "replace", "ignore"))
    _check_replacement(replacement_char)
    attrs = {
        "input_encoding": input_encoding,
        "errors": errors,
        "replacement_char": int(replacement_char),
        "replace_control_characters": bool(replace_control_characters),
    }
    if is_ragged(input):
        return input.with_flat_values(
            unicode_decode(
                input.flat_values,
                input_encoding,
                errors,
                replacement_char,
                replace_control_characters,
                name,
            )
        )
    input = convert_to_tensor(input, name="input")
    flat, outer = _flatten_strings(input)
    row_splits, char_values = apply_op("UnicodeDecode", [flat], attrs, name or "UnicodeDecode")
    if input.shape.rank == 0:
        return char_values
    chars = RaggedTensor.from_row_splits(char_values, row_splits, validate=False)
    return _restore_outer(chars, outer)


def unicode_encode(input, output_encoding, errors="replace", replacement_char=65533, name=None):
    """Code points back to strings: the last axis (ragged or not) becomes one string."""
    _check_choice("output_encoding", output_encoding, ("UTF-8", "UTF-16-BE", "UTF-32-BE"))
    _check_choice("errors", errors, ("ignore", "replace", "strict"))
    _check_replacement(replacement_char)
    attrs = {
        "output_encoding": output_encoding,
        "errors": errors,
        "replacement_char": int(replacement_char),
    }
    if not is_ragged(input):
        input = convert_to_tensor(input, name="input")
        if input.shape.rank == 1:
            encoded = unicode_encode(
                RaggedTensor.from_tensor(input[None, :]),
                output_encoding,
                errors,
                replacement_char,
                name,
            )
            return encoded[0]
        input = RaggedTensor.from_tensor(input, ragged_rank=input.shape.rank - 1)
    if is_ragged(input.values):
        return input.with_values(
            unicode_encode(input.values, output_encoding, errors, replacement_char, name)
        )
    return apply_op(
        "UnicodeEncode", [input.values, input.row_splits], attrs, name or "UnicodeEncode"
    )


# -- strings of any rank as one vector, and back -------------------------------------------
def _flatten_strings(input):
    """`input` as a vector, and its outer shape (for _restore_outer)."""
    dims = input.shape.as_list() if input.shape.rank is not None else None
    if dims is not None and len(dims) == 1:
        return input, None
    if dims is None or None in dims:
        raise NotImplementedError(
            "learntf needs the shape of a string tensor of rank > 1 "
            "to be known; got %s." % input.shape
        )
    return apply_op("Reshape", [input, [-1]], {}, "Reshape"), dims


def _restore_outer(rows, outer):
    """Regroup one-row-per-string results by the strings' original (uniform) dimensions."""
    if not outer:
        return rows
    result = rows
    for level in reversed(range(1, len(outer))):
        count, width = int(np.prod(outer[:level])), outer[level]
        result = RaggedTensor.from_row_splits(
            result, splits_tensor(np.arange(0, count * width + 1, width)), validate=False
        )
    return result
