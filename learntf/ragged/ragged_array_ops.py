"""Indexing, concatenating and stacking ragged tensors: rt[1], rt[1:3], tf.concat([r1, r2], 1).

Each operation works out the new row_splits with NumPy (they are small: one number per row)
and picks the values it needs with ordinary ops -- a slice when the values are contiguous,
`tf.gather` otherwise -- so the values keep their gradients (unit 16).

    rt = [[11, 22], [21, 22, 23], [], [41]]      row_splits [0, 2, 5, 5, 6]
    rt[1]    -> values[2:5]                       a Tensor: [21 22 23]
    rt[1:3]  -> values[2:5], row_splits [0, 3, 3] a RaggedTensor: [[21, 22, 23], []]
"""

import numpy as np

from learntf import errors
from learntf.framework.constant_op import convert_to_tensor
from learntf.framework.dispatch import dispatch_for
from learntf.framework.graph import name_scope
from learntf.ops import array_ops
from learntf.ops.gather_ops import gather
from learntf.ragged.ragged_tensor import RaggedTensor, is_ragged, splits_tensor


# -- picking rows ----------------------------------------------------------------------------
def gather_rows(rt, rows):
    """A RaggedTensor (or Tensor) whose rows are rows `rows` (NumPy ints) of `rt`, in order."""
    rows = np.asarray(rows, dtype=np.int64)
    if not is_ragged(rt):
        return _pick(rt, rows)
    splits = rt.static_splits("indexing or combining ragged rows")
    starts, lengths = splits[:-1][rows], np.diff(splits)[rows]
    new_splits = np.concatenate([[0], np.cumsum(lengths)])
    value_index = np.arange(new_splits[-1]) + np.repeat(starts - new_splits[:-1], lengths)
    return RaggedTensor(
        gather_rows(rt.values, value_index),
        splits_tensor(new_splits, rt.row_splits.dtype),
        internal=True,
    )


def _pick(tensor, index):
    """tensor[index] along axis 0: a slice when `index` is one contiguous run, else a gather."""
    size = tensor.shape[0] if tensor.shape.rank else None
    if len(index) and np.all(np.diff(index) == 1):
        if index[0] == 0 and size == len(index):
            return tensor
        return tensor[int(index[0]) : int(index[-1]) + 1]
    if not len(index) and size == 0:
        return tensor
    return gather(tensor, convert_to_tensor(index))


# -- rt[key] ----------------------------------------------------------------------------------
def getitem(rt, key):
    """Python indexing: rows by int or slice, then inner dimensions (not into a ragged one)."""
    keys = list(key) if isinstance(key, tuple) else [key]
    with name_scope(None, "RaggedGetItem"):
        return _getitem(rt, keys)


def _getitem(rt, keys):
    if not keys:
        return rt
    row_key, inner_keys = keys[0], keys[1:]
    if row_key is Ellipsis:
        return _getitem(rt, _expand_ellipsis(keys, rt.shape.rank))
    if row_key is None:
        raise NotImplementedError("learntf does not support tf.newaxis in ragged indexing.")
    splits = rt.static_splits("indexing a RaggedTensor")
    nrows = len(splits) - 1
    if isinstance(row_key, slice):
        rows = np.arange(nrows)[
            slice(*(_as_int(k) for k in (row_key.start, row_key.stop, row_key.step)))
        ]
        return _getitem_inner(gather_rows(rt, rows), inner_keys)
    row = _as_int(row_key)
    if not -nrows <= row < nrows:
        raise IndexError("Row key {} out of bounds".format(row_key))
    row %= nrows
    values = rt.values
    picked = (
        gather_rows(values, np.arange(splits[row], splits[row + 1]))
        if is_ragged(values)
        else values[int(splits[row]) : int(splits[row + 1])]
    )
    if not inner_keys:
        return picked
    return getitem(picked, tuple(inner_keys)) if is_ragged(picked) else picked[tuple(inner_keys)]


def _getitem_inner(rt, keys):
    """Apply `keys` to the dimensions after the rows, keeping every row."""
    if not keys:
        return rt
    if not is_ragged(rt):
        return rt[tuple([slice(None)] + keys)]
    column_key = keys[0]
    if column_key is Ellipsis:
        return _getitem_inner(rt, _expand_ellipsis(keys, rt.values.shape.rank))
    if not isinstance(column_key, slice):
        raise ValueError("Cannot index into an inner ragged dimension.")
    if column_key == slice(None):
        return rt.with_values(_getitem_inner(rt.values, keys[1:]))
    splits = rt.static_splits("slicing inside ragged rows")
    part = slice(*(_as_int(k) for k in (column_key.start, column_key.stop, column_key.step)))
    rows = [np.arange(start, stop)[part] for start, stop in zip(splits[:-1], splits[1:])]
    new_splits = np.concatenate([[0], np.cumsum([len(r) for r in rows])])
    index = np.concatenate(rows + [np.zeros(0, np.int64)]).astype(np.int64)
    picked = gather_rows(rt.values, index)
    return RaggedTensor(
        _getitem_inner(picked, keys[1:]),
        splits_tensor(new_splits, rt.row_splits.dtype),
        internal=True,
    )


def _expand_ellipsis(keys, rank):
    if rank is None:
        raise ValueError("Ellipsis not supported for unknown shape RaggedTensors")
    count = sum(1 for k in keys if k is not None)
    if count > rank + 1:
        raise IndexError("Too many indices for RaggedTensor")
    if count == rank + 1:
        return keys[1:]
    return [slice(None)] + keys


def _as_int(key):
    if key is None or isinstance(key, (int, np.integer)):
        return key
    if hasattr(key, "dtype") and key.dtype.is_integer and hasattr(key, "numpy"):
        return int(key)
    raise TypeError(
        "Only integers, slices (`:`), ellipsis (`...`) and scalar integer tensors "
        "are valid indices of a RaggedTensor, got %r" % (key,)
    )


# -- tf.concat / tf.ragged.stack ----------------------------------------------------------------
def concat(values, axis, name=None):
    """tf.concat for ragged tensors: axis 0 adds rows, axis 1 lengthens each row."""
    if not isinstance(values, (list, tuple)):
        values = [values]
    with name_scope(name, "RaggedConcat"):
        return _stack_or_concat(list(values), axis, stack=False)


@dispatch_for(array_ops.concat, RaggedTensor)  # tf.concat([rt, ...]) (framework/dispatch.py)
def _tf_concat(values, axis, name="concat"):
    return concat(values, axis, name=None if name == "concat" else name)


def stack(values, axis=0, name=None):
    """tf.ragged.stack: rank-R tensors (ragged or not) into one rank R+1 RaggedTensor."""
    if not isinstance(values, (list, tuple)):
        values = [values]
    with name_scope(name, "RaggedConcat"):
        return _stack_or_concat(list(values), axis, stack=True)


def _stack_or_concat(inputs, axis, stack):
    if not inputs:
        raise ValueError("rt_inputs may not be empty.")
    inputs = [v if is_ragged(v) else convert_to_tensor(v, name="rt_input") for v in inputs]
    if len(inputs) == 1 and not stack:
        return inputs[0]
    rank = inputs[0].shape.rank
    for value in inputs[1:]:
        if rank is not None and value.shape.rank is not None and value.shape.rank != rank:
            raise ValueError("Shape %s must have rank %d" % (value.shape, rank))
    out_rank = rank + 1 if stack else rank
    if not -out_rank <= axis < out_rank:
        raise ValueError(
            "axis=%d out of bounds: expected %d<=axis<%d" % (axis, -out_rank, out_rank)
        )
    axis %= out_rank
    if stack and rank == 1 and axis == 0:
        lengths = [v.shape[0] for v in inputs]
        return RaggedTensor.from_row_lengths(array_ops.concat(inputs, axis=0), lengths)
    if not any(is_ragged(v) for v in inputs) and axis >= rank - 1:
        return array_ops.stack(inputs, axis) if stack else array_ops.concat(inputs, axis)
    inputs = [v if is_ragged(v) else RaggedTensor.from_tensor(v) for v in inputs]
    ragged_rank = max(v.ragged_rank for v in inputs)
    inputs = [_with_ragged_rank(v, ragged_rank) for v in inputs]
    if axis == 0:
        return _concat_rows(inputs, stack)
    if axis == 1:
        return _concat_within_rows(inputs, stack)
    first = inputs[0].static_splits("tf.concat of ragged tensors")
    for value in inputs[1:]:
        if not np.array_equal(first, value.static_splits("tf.concat of ragged tensors")):
            raise errors.InvalidArgumentError(
                None, None, "Inputs must have identical ragged splits"
            )
    return inputs[0].with_values(_stack_or_concat([v.values for v in inputs], axis - 1, stack))


def _with_ragged_rank(rt, ragged_rank):
    if rt.ragged_rank >= ragged_rank:
        return rt
    values = rt.values if is_ragged(rt.values) else RaggedTensor.from_tensor(rt.values)
    return rt.with_values(_with_ragged_rank(values, ragged_rank - 1))


def _concat_rows(inputs, stack):
    """Rows of the first input, then rows of the next...: values and splits end to end."""
    flat = array_ops.concat([v.flat_values for v in inputs], axis=0)
    nested = [
        [v.static_splits("tf.concat of ragged tensors") for v in _levels(rt)] for rt in inputs
    ]
    levels = []
    for depth in range(len(nested[0])):
        pieces, offset = [np.zeros(1, np.int64)], 0
        for splits in (n[depth] for n in nested):
            pieces.append(splits[1:] + offset)
            offset += splits[-1]
        levels.append(np.concatenate(pieces))
    if stack:  # one more level: which rows came from which input
        counts = [len(n[0]) - 1 for n in nested]
        levels.insert(0, np.concatenate([[0], np.cumsum(counts)]))
    dtype = inputs[0].row_splits.dtype
    result = flat
    for splits in reversed(levels):
        result = RaggedTensor(result, splits_tensor(splits, dtype), internal=True)
    return result


def _levels(rt):
    while is_ragged(rt):
        yield rt
        rt = rt.values


def _concat_within_rows(inputs, stack):
    """Row i of the result joins row i of every input: needs the same number of rows."""
    nrows = [len(v.static_splits("tf.concat of ragged tensors")) - 1 for v in inputs]
    for index, count in enumerate(nrows[1:], start=1):
        if count != nrows[0]:
            raise errors.InvalidArgumentError(
                None,
                None,
                "Input tensors at index 0 (=x) and %d (=y) have incompatible shapes."
                "\nCondition x == y did not hold.\nFirst 1 elements of x:\n[%d]\nFirst 1 "
                "elements of y:\n[%d]\n(learntf: concatenating along axis 1 joins row i of "
                "every input, so every input needs the same number of rows; here %s.)"
                % (index, nrows[0], count, " and ".join(str(n) for n in nrows)),
            )
    stacked = _concat_rows(inputs, stack=False)
    n, k = nrows[0], len(inputs)
    order = np.arange(n * k).reshape(k, n).T.reshape(-1)  # row 0 of each input, then row 1...
    interleaved = gather_rows(stacked, order)
    dtype = inputs[0].row_splits.dtype
    if stack:
        return RaggedTensor(
            interleaved, splits_tensor(np.arange(0, n * k + 1, k), dtype), internal=True
        )
    splits = interleaved.static_splits()[::k]
    return RaggedTensor(interleaved.values, splits_tensor(splits, dtype), internal=True)


RaggedTensor.__getitem__ = getitem
