"""tf.RaggedTensor: a tensor whose rows have different lengths (unit 10, "tensors in TF2").

A RaggedTensor is two ordinary tensors, not a new kind of value:

    [[11, 22], [21, 22, 23], [], [41]]
        values     = [11, 22, 21, 22, 23, 41]    every row's elements, one row after another
        row_splits = [0, 2, 5, 5, 6]              row i is values[row_splits[i]:row_splits[i+1]]

`values` may itself be a RaggedTensor (one more ragged dimension); the innermost, dense tensor
is `flat_values`.  Ops on a RaggedTensor are ops on these component tensors, so they run in
eager and graph mode and gradients flow to the values.

learntf rule: operations that reshape the row structure (indexing, concat, stack) work out
the new row_splits when they are built, so they need row_splits known by then -- always in
eager mode; in graph mode when they are constants (tf.ragged.constant).  `to_tensor()`,
`value_rowids()` and `row_lengths()` also work on row_splits computed at run time.
"""
import numpy as np

from learntf import dtypes
from learntf import errors
from learntf.framework import context
from learntf.framework.constant_op import constant, convert_to_tensor
from learntf.framework.constant_op import register_tensor_conversion_function
from learntf.framework.eager import EagerTensor
from learntf.framework.graph import name_scope
from learntf.framework.tensor_shape import TensorShape
from learntf.ops import array_ops, math_ops
from learntf.ops.gather_ops import gather, static_value
from learntf.ragged import ragged_ops

SPLITS_TYPES = (dtypes.int32, dtypes.int64)


class RaggedTensor:
    """Rows of different lengths: flat `values` plus `row_splits` marking where rows start."""

    _is_ragged = True  # lets math_ops hand tf.square(rt), tf.reduce_sum(rt, ...) to ragged code
    __array_priority__ = 200  # `ndarray + rt` calls rt.__radd__

    def __init__(self, values, row_splits, internal=False):
        if not internal:
            raise ValueError("RaggedTensor constructor is private; please use one of the "
                             "factory methods instead (e.g., RaggedTensor.from_row_lengths())")
        self._values = values
        self._row_splits = row_splits

    # -- factories ---------------------------------------------------------------------------
    @classmethod
    def from_row_splits(cls, values, row_splits, name=None, validate=True):
        """Row i is values[row_splits[i]:row_splits[i + 1]]."""
        with name_scope(name, "RaggedFromRowSplits"):
            with name_scope(None, "RowPartitionFromRowSplits"):
                row_splits = _convert_partition(row_splits, "row_splits",
                                                _partition_dtype_hint(values))
            return cls._from_splits(values, row_splits, "from_row_splits", validate)

    @classmethod
    def from_row_lengths(cls, values, row_lengths, name=None, validate=True):
        """Row i holds the next row_lengths[i] values: row_splits = [0, cumsum(row_lengths)]."""
        with name_scope(name, "RaggedFromRowLengths"):
            with name_scope(None, "RowPartitionFromRowLengths"):
                row_lengths = _convert_partition(row_lengths, "row_lengths",
                                                 _partition_dtype_hint(values))
                lengths = static_value(row_lengths)
                if validate and lengths is not None and np.any(lengths < 0):
                    raise errors.InvalidArgumentError(
                        None, None, "Arguments to from_row_lengths do not form a valid "
                        "RaggedTensor:negative\n(learntf: a row cannot have a negative length.)")
                row_splits = ragged_ops.splits_from_lengths(row_lengths)
            return cls._from_splits(values, row_splits, "from_row_lengths", validate)

    @classmethod
    def from_value_rowids(cls, values, value_rowids, nrows=None, name=None, validate=True):
        """Value j belongs to row value_rowids[j] (ids sorted; rows may be empty): count the
        values of each row (bincount), then add the counts up into row_splits."""
        with name_scope(name, "RaggedFromValueRowIds"):
            with name_scope(None, "RowPartitionFromValueRowIds"):
                value_rowids = _convert_partition(value_rowids, "value_rowids",
                                                  _partition_dtype_hint(values))
                nrows, known_nrows = _nrows_for(value_rowids, nrows)
                if validate:
                    _validate_value_rowids(value_rowids)
                row_lengths = ragged_ops.lengths_from_value_rowids(
                    math_ops.cast(value_rowids, dtypes.int32), math_ops.cast(nrows, dtypes.int32),
                    value_rowids.dtype)
                row_splits = ragged_ops.splits_from_lengths(row_lengths)
                if known_nrows is not None and not context.executing_eagerly():
                    row_splits.set_shape([known_nrows + 1])
            return cls._from_splits(values, row_splits, "from_value_rowids", validate)

    @classmethod
    def from_row_starts(cls, values, row_starts, name=None, validate=True):
        """Row i starts at values[row_starts[i]] and ends where the next row starts:
        row_splits = row_starts followed by the number of values."""
        with name_scope(name, "RaggedFromRowStarts"):
            values = _convert_values(values)
            nvals = _nrows_tensor(values)
            with name_scope(None, "RowPartitionFromRowStarts"):
                row_starts = _convert_partition(row_starts, "row_starts",
                                                _partition_dtype_hint(values))
                nvals = math_ops.cast(nvals, row_starts.dtype)
                row_splits = array_ops.concat([row_starts, [nvals]], axis=0)
            return cls._from_splits(values, row_splits, "from_row_starts", validate)

    @classmethod
    def from_row_limits(cls, values, row_limits, name=None, validate=True):
        """Row i ends at values[row_limits[i]] and starts where the previous row ended:
        row_splits = 0 followed by row_limits."""
        with name_scope(name, "RaggedFromRowLimits"):
            values = _convert_values(values)
            with name_scope(None, "RowPartitionFromRowLimits"):
                row_limits = _convert_partition(row_limits, "row_limits",
                                                _partition_dtype_hint(values))
                zero = array_ops.zeros([1], row_limits.dtype)
                row_splits = array_ops.concat([zero, row_limits], axis=0)
            return cls._from_splits(values, row_splits, "from_row_limits", validate)

    @classmethod
    def _from_splits(cls, values, row_splits, factory, validate):
        """The RaggedTensor of `values` cut at `row_splits` (TF's _from_row_partition): TF adds
        Assert ops that check the splits when the graph runs; learntf checks them now, when
        they are known."""
        values = _convert_values(values)
        if validate:
            _validate_splits(values, row_splits, factory)
        return cls(values, row_splits, internal=True)

    @classmethod
    def from_nested_row_splits(cls, flat_values, nested_row_splits, name=None, validate=True):
        result = flat_values
        for splits in reversed(list(nested_row_splits)):
            result = cls.from_row_splits(result, splits, validate=validate)
        return result

    @classmethod
    def from_nested_row_lengths(cls, flat_values, nested_row_lengths, name=None, validate=True):
        result = flat_values
        for lengths in reversed(list(nested_row_lengths)):
            result = cls.from_row_lengths(result, lengths, validate=validate)
        return result

    @classmethod
    def from_tensor(cls, tensor, lengths=None, padding=None, ragged_rank=1, name=None,
                    row_splits_dtype=dtypes.int64):
        """Rows of a dense tensor; `lengths` or `padding` (a pad value) shorten them."""
        with name_scope(name, "RaggedFromTensor"):
            tensor = convert_to_tensor(tensor, name="tensor")
            dims = tensor.shape.as_list() if tensor.shape.rank is not None else None
            if dims is None or len(dims) < ragged_rank + 1 or None in dims[:ragged_rank + 1]:
                raise ValueError("learntf: RaggedTensor.from_tensor needs a tensor of rank >= %d "
                                 "whose first %d dimensions are known; got shape %s."
                                 % (ragged_rank + 1, ragged_rank + 1, tensor.shape))
            if lengths is not None or padding is not None:
                return _from_tensor_trimmed(cls, tensor, lengths, padding, row_splits_dtype)
            row_dims = dims[:ragged_rank + 1]
            flat = array_ops.reshape(tensor, [int(np.prod(row_dims))] + dims[ragged_rank + 1:])
            result = flat
            for level in reversed(range(ragged_rank)):
                count, width = int(np.prod(row_dims[:level + 1])), row_dims[level + 1]
                splits = np.arange(0, count * width + 1, width) if width else np.zeros(count + 1)
                result = cls(result, splits_tensor(splits, row_splits_dtype), internal=True)
            return result

    @classmethod
    def from_sparse(cls, st_input, name=None, row_splits_dtype=dtypes.int64):
        """Rows of a 2-D SparseTensor whose indices are in order (each row's values packed)."""
        indices = static_value(st_input.indices)
        dense_shape = static_value(st_input.dense_shape)
        if indices is None or dense_shape is None:
            raise require_static("RaggedTensor.from_sparse")
        if len(dense_shape) != 2:
            raise ValueError("rank(st_input) must be 2.")
        rows = indices[:, 0]
        splits = np.concatenate([[0], np.cumsum(np.bincount(rows, minlength=int(dense_shape[0])))])
        return cls.from_row_splits(st_input.values, splits_tensor(splits, row_splits_dtype),
                                   validate=False)

    # -- what it holds ----------------------------------------------------------------------
    @property
    def values(self):
        """Every row's elements, one after another (a Tensor, or a RaggedTensor)."""
        return self._values

    @property
    def row_splits(self):
        """Where each row starts and ends in `values` (int64, length nrows + 1)."""
        return self._row_splits

    @property
    def flat_values(self):
        """The innermost dense tensor of values."""
        values = self._values
        while isinstance(values, RaggedTensor):
            values = values._values
        return values

    @property
    def nested_row_splits(self):
        result, rt = [], self
        while isinstance(rt, RaggedTensor):
            result.append(rt._row_splits)
            rt = rt._values
        return tuple(result)

    @property
    def ragged_rank(self):
        """How many dimensions are ragged (1 for [[1, 2], [3]])."""
        inner = self._values
        return 1 + (inner.ragged_rank if isinstance(inner, RaggedTensor) else 0)

    @property
    def dtype(self):
        return self.flat_values.dtype

    @property
    def row_splits_dtype(self):
        return self._row_splits.dtype

    @property
    def shape(self):
        """The static shape: ragged dimensions are None, e.g. (4, None)."""
        values_shape = self._values.shape
        inner = values_shape.as_list()[1:] if values_shape.rank is not None else None
        return TensorShape(None if inner is None else [self._static_nrows(), None] + inner)

    def get_shape(self):
        return self.shape

    @property
    def graph(self):
        return self._row_splits.graph

    def _static_nrows(self):
        splits = static_value(self._row_splits)
        if splits is not None:
            return len(splits) - 1
        known = self._row_splits.shape[0] if self._row_splits.shape.rank == 1 else None
        return None if known is None else known - 1

    def static_splits(self, what="this operation"):
        """row_splits as NumPy, or learntf's NotImplementedError if they are only known at
        run time (graph mode, splits computed by ops)."""
        splits = static_value(self._row_splits)
        if splits is None:
            raise require_static(what)
        return np.asarray(splits, dtype=np.int64)

    # -- row partition views -----------------------------------------------------------------
    def nrows(self, out_type=None, name=None):
        """The number of rows, as a scalar tensor of the row_splits' dtype (or `out_type`)."""
        with name_scope(name, "RaggedNRows"):
            result = self._partition_nrows()
            return result if out_type is None else math_ops.cast(result, out_type)

    def _partition_nrows(self):
        """len(row_splits) - 1: a constant when the length of row_splits is known."""
        splits = self._row_splits
        if splits.shape.rank == 1 and splits.shape[0] is not None:
            return constant(splits.shape[0] - 1, dtype=splits.dtype)
        return array_ops.shape(splits, out_type=splits.dtype)[0] - 1

    def row_lengths(self, axis=1, name=None):
        """How many values each row holds: row_splits[1:] - row_splits[:-1]."""
        if axis == 0:
            return self._partition_nrows()
        splits = self._row_splits
        if axis == 1:
            return splits[1:] - splits[:-1]
        with name_scope(name, "RaggedRowLengths"):
            if isinstance(self._values, RaggedTensor):
                return self.with_values(self._values.row_lengths(axis - 1))
            raise NotImplementedError("learntf: row_lengths(axis=%d) of a dense inner "
                                      "dimension is not implemented." % axis)

    def row_starts(self, name=None):
        with name_scope(name, "RaggedRowStarts"):
            return self._row_splits[:-1]

    def row_limits(self, name=None):
        with name_scope(name, "RaggedRowLimits"):
            return self._row_splits[1:]

    def value_rowids(self, name=None):
        """The row of each value: [0, 0, 1, 1, 1, 3] for [[a, b], [c, d, e], [], [f]]."""
        with name_scope(name, "RaggedValueRowIds"):
            return ragged_ops.row_splits_to_segment_ids(self._row_splits)

    def nested_row_lengths(self, name=None):
        result, rt = [], self
        while isinstance(rt, RaggedTensor):
            result.append(rt.row_lengths())
            rt = rt._values
        return tuple(result)

    def bounding_shape(self, axis=None, name=None, out_type=None):
        """The shape of the smallest dense tensor holding every row: [nrows, longest row, ...]."""
        out_type = dtypes.as_dtype(out_type) if out_type is not None else self._row_splits.dtype
        nested = [static_value(s) for s in self.nested_row_splits]
        inner = self.flat_values.shape
        if any(s is None for s in nested) or not inner.is_fully_defined():
            raise require_static("RaggedTensor.bounding_shape")
        dims = ragged_ops.bounding_dims(inner.as_list(), nested)
        return constant(dims if axis is None else dims[axis], dtype=out_type)

    def with_values(self, new_values):
        """The same rows holding `new_values` instead."""
        return RaggedTensor(_convert_values(new_values), self._row_splits, internal=True)

    def with_flat_values(self, new_values):
        """The same ragged structure around new innermost values."""
        if isinstance(self._values, RaggedTensor):
            return self.with_values(self._values.with_flat_values(new_values))
        return self.with_values(new_values)

    # -- conversions -----------------------------------------------------------------------
    def to_tensor(self, default_value=None, name=None, shape=None):
        """A dense tensor, short rows padded with `default_value` (zeros, or b''): one
        `RaggedTensorToTensor` op, given the requested shape (-1: as long as the longest row),
        the flat values, the padding value and each level's row_splits."""
        with name_scope(name, "RaggedToTensor"):
            flat = self.flat_values
            if default_value is not None:
                default_value = convert_to_tensor(default_value, dtype=flat.dtype,
                                                  name="default_value")
            nested_splits = self.nested_row_splits
            if default_value is None:
                default_value = array_ops.zeros((), flat.dtype)
            if isinstance(shape, (list, tuple)) and any(_is_tensor(d) for d in shape):
                shape = array_ops.stack(list(shape))
            result = ragged_ops.ragged_tensor_to_tensor(
                _shape_as_tensor(shape, nested_splits[0].dtype), flat, default_value,
                nested_splits)
            if self.shape.rank is not None and not _is_tensor(shape) \
                    and not context.executing_eagerly():
                wanted = TensorShape(shape)
                if wanted.rank is not None:
                    result.set_shape([w if w is not None else k for w, k in
                                      zip(wanted.as_list(), self.shape.as_list())])
                else:
                    result.set_shape(self.shape)
            return result

    def to_list(self):
        """The rows as nested Python lists (eager mode)."""
        if not self._is_eager():
            raise ValueError("RaggedTensor.to_list() is only supported in eager mode; in graph "
                             "mode, evaluate the RaggedTensor first and then use "
                             "RaggedTensorValue.to_list().")
        rows = np.asarray(self.flat_values._value).tolist()
        for splits in reversed(self.nested_row_splits):
            splits = splits._value.tolist()
            rows = [rows[start:stop] for start, stop in zip(splits[:-1], splits[1:])]
        return rows

    def numpy(self):
        """The rows as a NumPy object array of row arrays (a plain array if rows are equal)."""
        if not self._is_eager():
            raise ValueError("RaggedTensor.numpy() is only supported in eager mode.")
        values = self._values.numpy() if isinstance(self._values, RaggedTensor) \
            else np.asarray(self._values._value)
        splits = self._row_splits._value
        rows = [values[splits[i]:splits[i + 1]] for i in range(len(splits) - 1)]
        if not rows:
            return np.zeros((0, 0) + values.shape[1:], dtype=values.dtype)
        if all(len(row) == len(rows[0]) for row in rows):
            return np.array(rows)
        result = np.empty(len(rows), dtype=object)
        result[:] = rows
        return result

    def to_sparse(self, name=None):
        """The same values as a tf.SparseTensor with indices [row, column, ...]."""
        from learntf.sparse.sparse_tensor import SparseTensor
        nested = [static_value(s) for s in self.nested_row_splits]
        flat = self.flat_values
        if any(s is None for s in nested) or flat.shape.rank is None:
            raise require_static("RaggedTensor.to_sparse")
        if flat.shape.rank > 1:
            raise NotImplementedError("learntf: to_sparse() needs 1-D flat values.")
        positions = ragged_ops.value_positions(nested)
        dims = ragged_ops.bounding_dims(flat.shape.as_list(), nested)
        return SparseTensor(positions, flat, dims)

    def _is_eager(self):
        return type(self._row_splits) is EagerTensor

    def _as_eager_tensor(self, dtype=None):
        raise _not_a_tensor_error()

    # -- printing as TensorFlow does ---------------------------------------------------------
    def __repr__(self):
        if self._is_eager():
            # As TensorFlow prints it: numpy()'s rows through np.array2string with ", " between
            # elements, so long values wrap at NumPy's line width and equal rows stack.
            with np.printoptions(formatter={"all": _formatter}):
                value_text = _formatter(self.numpy())
            return "<tf.RaggedTensor %s>" % value_text
        return "tf.RaggedTensor(values=%s, row_splits=%s)" % (self._values, self._row_splits)

    def __bool__(self):
        raise TypeError("RaggedTensor may not be used as a boolean.")

    # __getitem__ is attached by ragged_array_ops; Python operators by ragged_math_ops.


# -- helpers -------------------------------------------------------------------------------------
def _formatter(x):
    """An array's elements separated by commas (TensorFlow's ragged formatter)."""
    if isinstance(x, np.ndarray):
        if x.size != 0:
            return np.array2string(x, separator=", ")
        # array2string prints `[]` for any empty array; shape [0, 3] should be `[[], [], []]`.
        return repr(x.tolist())
    return str(x)


def is_ragged(value):
    return isinstance(value, RaggedTensor)


def require_static(what):
    """learntf's error for structure ops on row_splits computed at run time (graph mode)."""
    return NotImplementedError(
        "learntf: %s needs the ragged tensor's row_splits when the op is built: always known "
        "in eager mode, and in graph mode when they are constants (tf.ragged.constant, "
        "Python lists).  Here they are computed at run time.  rt.to_tensor(), "
        "rt.value_rowids() and rt.row_lengths() work on such tensors." % what)


def _not_a_tensor_error():
    return TypeError(
        "Failed to convert a tf.RaggedTensor to a dense Tensor: this op does not take ragged "
        "tensors.\n(learntf: TensorFlow runs ragged versions of many ops; learntf has "
        "tf.concat, tf.reduce_*, element-wise tf.math ops and the Python operators (rt + 1). "
        "For others, pad with rt.to_tensor(), or apply an op to every value with "
        "tf.ragged.map_flat_values(op, rt).)")


def _convert_values(values):
    if isinstance(values, RaggedTensor):
        return values
    values = convert_to_tensor(values, name="values")
    if values.shape.rank == 0:
        raise ValueError("Shape () must have rank at least 1")
    return values


def _convert_partition(partition, what, dtype_hint=dtypes.int64):
    """Row-partition values as an int tensor (Python lists become int64, or the row_splits
    dtype of ragged values, as in TF)."""
    if isinstance(partition, RaggedTensor):
        raise TypeError("%s must be a Tensor, not a RaggedTensor" % what)
    if isinstance(partition, (list, tuple)):
        partition = np.asarray(partition, dtype=dtype_hint.np)
    tensor = convert_to_tensor(partition, name=what)
    if tensor.dtype not in SPLITS_TYPES:
        raise ValueError("Row-partitioning tensors must have dtype int32 or int64")
    if tensor.shape.rank is not None and tensor.shape.rank != 1:
        raise ValueError("Shape %s must have rank 1" % tensor.shape)
    return tensor


def _partition_dtype_hint(values):
    """Python row partitions of ragged values take the values' row_splits dtype (else int64)."""
    return values.row_splits.dtype if isinstance(values, RaggedTensor) else dtypes.int64


def _nrows_for(value_rowids, nrows):
    """from_value_rowids' row count as a tensor of the ids' dtype, and its value if known:
    given, else one more than the last row id (0 for no values)."""
    if nrows is None:
        known_ids = static_value(value_rowids)
        if known_ids is None:  # the last id + 1, or -1 + 1 = 0 when there are no ids
            last = array_ops.concat([value_rowids[-1:], [-1]], axis=0)[0]
            return last + 1, None
        known = int(known_ids[-1]) + 1 if known_ids.size else 0
        return convert_to_tensor(known, dtype=value_rowids.dtype, name="nrows"), known
    nrows = convert_to_tensor(nrows, dtype=value_rowids.dtype, name="nrows")
    known = static_value(nrows)
    if known is not None:
        if known < 0:
            raise ValueError("Expected nrows >= 0; got %d" % known)
        known_ids = static_value(value_rowids)
        if known_ids is not None and known_ids.size and not known >= known_ids[-1] + 1:
            raise ValueError("Expected nrows >= value_rowids[-1] + 1; got nrows=%d, "
                             "value_rowids[-1]=%d" % (known, known_ids[-1]))
        known = int(known)
    if nrows.shape.rank not in (None, 0):
        raise ValueError("Shape %s must have rank 0" % nrows.shape)
    return nrows, known


def _validate_value_rowids(value_rowids):
    """TF checks these when the graph runs (Assert ops); learntf checks known ids now."""
    ids = static_value(value_rowids)
    if ids is None or not ids.size:
        return
    message = "Arguments to from_value_rowids do not form a valid RowPartition"
    if ids[0] < 0:
        raise errors.InvalidArgumentError(None, None, message + "\n(learntf: row ids cannot "
                                          "be negative, got %s.)" % ids.tolist())
    if np.any(np.diff(ids) < 0):
        raise errors.InvalidArgumentError(None, None, message + "\n(learntf: value_rowids "
                                          "must be sorted, got %s.)" % ids.tolist())


def _nrows_tensor(values):
    """How many rows (or values) `values` has, as an int32 tensor: shape(values)[0]."""
    if isinstance(values, RaggedTensor):
        return values.nrows(out_type=dtypes.int32)
    return array_ops.shape(values)[0]


def splits_tensor(splits, dtype=dtypes.int64):
    """Row splits worked out in NumPy, as a constant tensor."""
    return constant(np.asarray(splits, dtype=np.int64), dtype=dtype, name="row_splits")


def _is_tensor(value):
    return hasattr(value, "dtype") and hasattr(value, "op") or isinstance(value, EagerTensor)


def _shape_as_tensor(shape, dtype):
    """The shape to_tensor() asks for, as the op takes it: -1 for an unknown size, and a
    scalar -1 when even the rank is unknown."""
    if _is_tensor(shape):
        return shape if shape.dtype in SPLITS_TYPES else math_ops.cast(shape, dtype)
    shape = TensorShape(shape)
    if shape.rank is None:
        return constant(-1, dtype=dtype)
    return constant([-1 if d is None else d for d in shape.as_list()], dtype=dtype)


def _leading_dim(values):
    if isinstance(values, RaggedTensor):
        return values._static_nrows()
    return values.shape[0] if values.shape.rank else None


def _validate_splits(values, row_splits, factory):
    splits = static_value(row_splits)
    if splits is None:
        return  # known only at run time: TF checks it then; learntf trusts it
    message = "Arguments to %s do not form a valid RaggedTensor:" % factory
    if splits.size == 0:
        raise ValueError("row_splits tensor may not be empty.")
    if splits[0] != 0:
        raise errors.InvalidArgumentError(None, None, message + "zero\n(learntf: row_splits "
                                          "must start at 0, got %s.)" % splits.tolist())
    if np.any(np.diff(splits) < 0):
        raise errors.InvalidArgumentError(None, None, message + "monotonic\n(learntf: row_splits "
                                          "must never decrease, got %s.)" % splits.tolist())
    nvals = _leading_dim(values)
    if nvals is not None and splits[-1] != nvals:
        raise errors.InvalidArgumentError(
            None, None, "Arguments to _from_row_partition do not form a valid RaggedTensor\n"
            "(learntf: the last row split (%d) must equal the number of values (%d).)"
            % (splits[-1], nvals))


def _from_tensor_trimmed(cls, tensor, lengths, padding, row_splits_dtype):
    value = static_value(tensor)
    if lengths is not None:
        lengths = static_value(convert_to_tensor(lengths))
    elif value is None:
        raise require_static("RaggedTensor.from_tensor(padding=...)")
    else:  # each row ends after its last entry that is not padding
        pad = static_value(convert_to_tensor(padding, dtype=tensor.dtype))
        is_pad = np.all((value == pad).reshape(value.shape[:2] + (-1,)), axis=2)
        lengths = [max((i + 1 for i, p in enumerate(row) if not p), default=0) for row in is_pad]
    if lengths is None:
        raise require_static("RaggedTensor.from_tensor(lengths=...)")
    width = tensor.shape[1]
    lengths = np.minimum(np.asarray(lengths, dtype=np.int64), width)
    index = np.concatenate([np.arange(n) + row * width for row, n in enumerate(lengths)] or
                           [np.zeros(0, np.int64)]).astype(np.int64)
    flat = array_ops.reshape(tensor, [-1] + tensor.shape.as_list()[2:])
    splits = np.concatenate([[0], np.cumsum(lengths)])
    return cls(gather(flat, index), splits_tensor(splits, row_splits_dtype), internal=True)


def _convert_ragged_for_graph(value, dtype=None, name=None):
    raise _not_a_tensor_error()


register_tensor_conversion_function(RaggedTensor, _convert_ragged_for_graph)
