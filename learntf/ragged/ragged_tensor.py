"""tf.RaggedTensor: a tensor whose rows have different lengths (unit 16, "tensors in TF2").

A RaggedTensor is two ordinary tensors, not a new kind of value:

    [[11, 22], [21, 22, 23], [], [41]]
        values     = [11, 22, 21, 22, 23, 41]    every row's elements, one row after another
        row_splits = [0, 2, 5, 5, 6]              row i is values[row_splits[i]:row_splits[i+1]]

`values` may itself be a RaggedTensor (one more ragged dimension); the innermost, dense tensor
is `flat_values`.  Ops on a RaggedTensor are ops on these component tensors, so they run in
eager and graph mode and gradients flow to the values.

The factories (from_row_lengths, from_value_rowids, from_tensor...) build row_splits with the
ops TensorFlow uses (cumsum, bincount, range), so they work on partitions known only at run time;
so do `to_tensor()`, `value_rowids()`, `row_lengths()` and the reductions.
learntf rule: indexing, concat, stack, from_sparse, to_sparse and bounding_shape work out the
new row_splits in NumPy when they are built, so they need row_splits known by then -- always in
eager mode; in graph mode when they are constants (tf.ragged.constant).
"""

import numpy as np

from learntf import dtypes, errors, nest
from learntf.framework import context
from learntf.framework.constant_op import (
    constant,
    convert_to_tensor,
    register_tensor_conversion_function,
)
from learntf.framework.execute import EagerTensor
from learntf.framework.graph import name_scope
from learntf.framework.tensor_shape import TensorShape
from learntf.ops import array_ops, mask_ops, math_ops
from learntf.ops.gather_ops import static_value
from learntf.ragged import ragged_ops

SPLITS_TYPES = (dtypes.int32, dtypes.int64)


class RaggedTensor:
    """Rows of different lengths: flat `values` plus `row_splits` marking where rows start."""

    __array_priority__ = 200  # `ndarray + rt` calls rt.__radd__

    def __init__(self, values, row_splits, internal=False):
        if not internal:
            raise ValueError(
                "RaggedTensor constructor is private; please use one of the "
                "factory methods instead (e.g., RaggedTensor.from_row_lengths())"
            )
        self._values = values
        self._row_splits = row_splits

    # -- factories ---------------------------------------------------------------------------
    @classmethod
    def from_row_splits(cls, values, row_splits, name=None, validate=True):
        """Row i is values[row_splits[i]:row_splits[i + 1]]."""
        with name_scope(name, "RaggedFromRowSplits"):
            with name_scope(None, "RowPartitionFromRowSplits"):
                row_splits = _convert_partition(
                    row_splits, "row_splits", _partition_dtype_hint(values)
                )
            return cls._from_splits(values, row_splits, "from_row_splits", validate)

    @classmethod
    def from_row_lengths(cls, values, row_lengths, name=None, validate=True):
        """Row i holds the next row_lengths[i] values: row_splits = [0, cumsum(row_lengths)]."""
        with name_scope(name, "RaggedFromRowLengths"):
            with name_scope(None, "RowPartitionFromRowLengths"):
                row_lengths = _convert_partition(
                    row_lengths, "row_lengths", _partition_dtype_hint(values)
                )
                lengths = static_value(row_lengths)
                if validate and lengths is not None and np.any(lengths < 0):
                    raise errors.InvalidArgumentError(
                        None,
                        None,
                        "Arguments to from_row_lengths do not form a valid "
                        "RowPartition.\n(learntf: a row cannot have a negative length.)",
                    )
                row_splits = ragged_ops.splits_from_lengths(row_lengths)
            return cls._from_splits(values, row_splits, "from_row_lengths", validate)

    @classmethod
    def from_value_rowids(cls, values, value_rowids, nrows=None, name=None, validate=True):
        """Value j belongs to row value_rowids[j] (ids sorted; rows may be empty): count the
        values of each row (bincount), then add the counts up into row_splits."""
        with name_scope(name, "RaggedFromValueRowIds"):
            with name_scope(None, "RowPartitionFromValueRowIds"):
                value_rowids = _convert_partition(
                    value_rowids, "value_rowids", _partition_dtype_hint(values)
                )
                nrows, known_nrows = _nrows_for(value_rowids, nrows)
                if validate:
                    _validate_value_rowids(value_rowids)
                row_lengths = ragged_ops.lengths_from_value_rowids(
                    math_ops.cast(value_rowids, dtypes.int32),
                    math_ops.cast(nrows, dtypes.int32),
                    value_rowids.dtype,
                )
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
                row_starts = _convert_partition(
                    row_starts, "row_starts", _partition_dtype_hint(values)
                )
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
                row_limits = _convert_partition(
                    row_limits, "row_limits", _partition_dtype_hint(values)
                )
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
    def from_uniform_row_length(
        cls, values, uniform_row_length, nrows=None, validate=True, name=None
    ):
        """Every row holds `uniform_row_length` values: row_splits = [0, n, 2n, ...]."""
        with name_scope(name, "RaggedFromUniformRowLength"):
            values = _convert_values(values)
            hint = _partition_dtype_hint(values)
            row_length = _convert_scalar_partition(uniform_row_length, "UniformRowLength", hint)
            nvals = _nvals(values, row_length.dtype)
            with name_scope(None, "RowPartitionFromUniformRowLength"):
                row_splits = _uniform_splits(row_length, nvals, nrows, validate)
            return cls._from_splits(values, row_splits, "from_uniform_row_length", validate)

    @classmethod
    def from_tensor(
        cls,
        tensor,
        lengths=None,
        padding=None,
        ragged_rank=1,
        name=None,
        row_splits_dtype=dtypes.int64,
    ):
        """Rows of a dense tensor: all of each row (uniform row length), or the first
        lengths[i] entries of row i, or each row up to its last entry that is not `padding`."""
        if not isinstance(ragged_rank, int):
            raise TypeError("Argument `ragged_rank` must be an int. Received %s." % ragged_rank)
        if ragged_rank <= 0:
            raise ValueError(
                "Argument `ragged_rank` must be greater than 0. Received %s." % ragged_rank
            )
        row_splits_dtype = dtypes.as_dtype(row_splits_dtype)
        with name_scope(name, "RaggedFromTensor"):
            tensor = convert_to_tensor(tensor, name="tensor")
            rank = tensor.shape.rank
            if rank is not None and rank < 2:
                raise ValueError(
                    "The rank of a RaggedTensor must be greater than 1, i.e., a "
                    "list of scalars won't have ragged dimensions. Received "
                    "argument `tensor` with rank %d." % rank
                )
            if rank is not None and rank < ragged_rank + 1:
                raise ValueError(
                    "Shape %s must have rank at least %d" % (tensor.shape, ragged_rank + 1)
                )
            input_shape = array_ops.shape(tensor, out_type=row_splits_dtype)
            ncols = input_shape[1]
            if ragged_rank > 1:
                return _from_tensor_nested(
                    cls, tensor, input_shape, lengths, padding, ragged_rank, row_splits_dtype
                )
            if padding is not None:
                lengths = _lengths_before_padding(tensor, padding)
            if lengths is not None:
                return _from_tensor_lengths(cls, tensor, ncols, lengths, row_splits_dtype)
            values_shape = array_ops.concat(
                [[input_shape[0] * input_shape[1]], input_shape[2:]], axis=0
            )
            values = array_ops.reshape(tensor, values_shape)
            known_nrows, known_ncols = tensor.shape.as_list()[:2] if rank else (None, None)
            nrows = (
                input_shape[0] if known_nrows is None else constant(known_nrows, row_splits_dtype)
            )
            ncols = (
                input_shape[1] if known_ncols is None else constant(known_ncols, row_splits_dtype)
            )
            return cls.from_uniform_row_length(values, ncols, nrows=nrows, validate=False)

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
        return cls.from_row_splits(
            st_input.values, splits_tensor(splits, row_splits_dtype), validate=False
        )

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
            raise NotImplementedError(
                "learntf: row_lengths(axis=%d) of a dense inner "
                "dimension is not implemented." % axis
            )

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
                default_value = convert_to_tensor(
                    default_value, dtype=flat.dtype, name="default_value"
                )
            nested_splits = self.nested_row_splits
            if default_value is None:
                default_value = array_ops.zeros((), flat.dtype)
            if isinstance(shape, (list, tuple)) and any(_is_tensor(d) for d in shape):
                shape = array_ops.stack(list(shape))
            result = ragged_ops.ragged_tensor_to_tensor(
                _shape_as_tensor(shape, nested_splits[0].dtype), flat, default_value, nested_splits
            )
            if (
                self.shape.rank is not None
                and not _is_tensor(shape)
                and not context.executing_eagerly()
            ):
                wanted = TensorShape(shape)
                if wanted.rank is not None:
                    result.set_shape(
                        [
                            w if w is not None else k
                            for w, k in zip(wanted.as_list(), self.shape.as_list())
                        ]
                    )
                else:
                    result.set_shape(self.shape)
            return result

    def to_list(self):
        """The rows as nested Python lists (eager mode)."""
        if not self._is_eager():
            raise ValueError(
                "RaggedTensor.to_list() is only supported in eager mode; in graph "
                "mode, evaluate the RaggedTensor first and then use "
                "RaggedTensorValue.to_list()."
            )
        rows = np.asarray(self.flat_values._value).tolist()
        for splits in reversed(self.nested_row_splits):
            splits = splits._value.tolist()
            rows = [rows[start:stop] for start, stop in zip(splits[:-1], splits[1:])]
        return rows

    def numpy(self):
        """The rows as a NumPy object array of row arrays (a plain array if rows are equal)."""
        if not self._is_eager():
            raise ValueError("RaggedTensor.numpy() is only supported in eager mode.")
        values = (
            self._values.numpy()
            if isinstance(self._values, RaggedTensor)
            else np.asarray(self._values._value)
        )
        splits = self._row_splits._value
        rows = [values[splits[i] : splits[i + 1]] for i in range(len(splits) - 1)]
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
        "rt.value_rowids() and rt.row_lengths() work on such tensors." % what
    )


def _not_a_tensor_error():
    return TypeError(
        "Failed to convert a tf.RaggedTensor to a dense Tensor: this op does not take ragged "
        "tensors.\n(learntf: TensorFlow runs ragged versions of many ops; learntf has "
        "tf.concat, tf.reduce_*, element-wise tf.math ops and the Python operators (rt + 1). "
        "For others, pad with rt.to_tensor(), or apply an op to every value with "
        "tf.ragged.map_flat_values(op, rt).)"
    )


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
            raise ValueError(
                "Expected nrows >= value_rowids[-1] + 1; got nrows=%d, "
                "value_rowids[-1]=%d" % (known, known_ids[-1])
            )
        known = int(known)
    if nrows.shape.rank not in (None, 0):
        raise ValueError("Shape %s must have rank 0" % nrows.shape)
    return nrows, known


def _validate_value_rowids(value_rowids):
    """TF checks these when the graph runs (Assert ops); learntf checks known ids now."""
    ids = static_value(value_rowids)
    if ids is None or not ids.size:
        return
    message = "Arguments to from_value_rowids do not form a valid RowPartition."
    if ids[0] < 0:
        raise errors.InvalidArgumentError(
            None, None, message + "\n(learntf: row ids cannot be negative, got %s.)" % ids.tolist()
        )
    if np.any(np.diff(ids) < 0):
        raise errors.InvalidArgumentError(
            None, None, message + "\n(learntf: value_rowids must be sorted, got %s.)" % ids.tolist()
        )


def _convert_scalar_partition(value, what, dtype_hint):
    """A uniform row length as a scalar int tensor (Python ints take `dtype_hint`)."""
    if not _is_tensor(value):
        value = np.asarray(value, dtype=dtype_hint.np)
    tensor = convert_to_tensor(value, name=what)
    if tensor.dtype not in SPLITS_TYPES:
        raise ValueError("Row-partitioning tensors must have dtype int32 or int64")
    return tensor


def _nvals(values, dtype):
    """How many values (rows of `values`): a constant when the shape says."""
    known = _leading_dim(values)
    if known is not None:
        return constant(known, dtype)
    if isinstance(values, RaggedTensor):
        return values.nrows(out_type=dtype)
    return array_ops.shape(values, out_type=dtype)[0]


def _uniform_splits(row_length, nvals, nrows, validate):
    """[0, n, 2n, ..., nrows * n]: a constant when nrows and n are known, else
    range(nrows + 1) * n."""
    if row_length.shape.rank not in (None, 0):
        raise ValueError("Shape %s must have rank 0" % row_length.shape)
    dtype = row_length.dtype
    known_length = static_value(row_length)
    if nrows is None:
        if known_length is None:
            nrows = nvals // math_ops.maximum(row_length, constant(1, dtype))
        elif known_length == 0:
            nrows = constant(0, dtype=dtype)
        else:
            nrows = nvals // int(known_length)
    else:
        nrows = convert_to_tensor(nrows, dtype=dtype, name="nrows")
    known_nrows, known_nvals = static_value(nrows), static_value(nvals)
    if validate and None not in (known_nrows, known_length, known_nvals):
        if known_length < 0:
            raise ValueError("uniform_row_length must be >= 0.")
        if known_nrows * known_length != known_nvals:
            raise ValueError(
                "uniform_row_length=%d times nrows=%d must equal nvals=%d"
                % (known_length, known_nrows, known_nvals)
            )
    if known_nrows is not None and known_length is not None:
        return constant([i * int(known_length) for i in range(int(known_nrows) + 1)], dtype)
    return math_ops.range(nrows + 1, dtype=dtype) * row_length


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
        raise errors.InvalidArgumentError(
            None,
            None,
            message + "zero\n(learntf: row_splits must start at 0, got %s.)" % splits.tolist(),
        )
    if np.any(np.diff(splits) < 0):
        raise errors.InvalidArgumentError(
            None,
            None,
            message + "monotonic.\n(learntf: row_splits "
            "must never decrease, got %s.)" % splits.tolist(),
        )
    nvals = _leading_dim(values)
    if nvals is not None and splits[-1] != nvals:
        raise errors.InvalidArgumentError(
            None,
            None,
            "Arguments to _from_row_partition do not form a valid RaggedTensor\n"
            "(learntf: the last row split (%d) must equal the number of values (%d).)"
            % (splits[-1], nvals),
        )


def _from_tensor_nested(cls, tensor, input_shape, lengths, padding, ragged_rank, dtype):
    """from_tensor with ragged_rank > 1: flatten the first ragged_rank dimensions into rows,
    cut those, then group them back with uniform row lengths, innermost first."""
    if tensor.shape.is_fully_defined():
        dims = tensor.shape.as_list()
        dim_size = np.cumprod(dims)
        new_shape = [int(dim_size[ragged_rank - 1])] + dims[ragged_rank:]
    else:
        dim_size = math_ops.cumprod(input_shape)
        new_shape = array_ops.concat(
            [[dim_size[ragged_rank - 1]], input_shape[ragged_rank:]], axis=0
        )
    flattened = array_ops.reshape(tensor, new_shape)
    result = RaggedTensor.from_tensor(flattened, lengths, padding, row_splits_dtype=dtype)
    for axis in range(ragged_rank - 1, 0, -1):
        known = tensor.shape[axis]
        row_length = input_shape[axis] if known is None else constant(known, dtype)
        result = RaggedTensor.from_uniform_row_length(
            result, row_length, nrows=dim_size[axis - 1], validate=False
        )
    return result


def _from_tensor_lengths(cls, tensor, ncols, lengths, dtype):
    """Row i is the first lengths[i] entries of tensor[i] (lengths clipped to [0, ncols]):
    a sequence mask picks them."""
    lengths = mask_ops.convert_to_int_tensor(lengths, "lengths", dtype)
    if lengths.shape.rank not in (None, 1):
        raise ValueError("Shape %s must have rank 1" % lengths.shape)
    lengths = math_ops.minimum(lengths, ncols)
    lengths = math_ops.maximum(lengths, 0)
    limits = math_ops.cumsum(lengths)
    splits = array_ops.concat([array_ops.zeros([1], dtype), limits], axis=0)
    mask = mask_ops.sequence_mask(lengths, maxlen=ncols)
    values = mask_ops.boolean_mask(tensor, mask)
    return cls.from_row_splits(values, splits, validate=False)


def _lengths_before_padding(tensor, padding):
    """How long each row is up to its last entry that is not `padding`.  TF computes this with
    ops (and a tf.cond on the rank); learntf works it out from the tensor's known value."""
    value = static_value(tensor)
    if value is None:
        raise require_static("RaggedTensor.from_tensor(padding=...)")
    pad = static_value(convert_to_tensor(padding, dtype=tensor.dtype))
    is_pad = np.all((value == pad).reshape(value.shape[:2] + (-1,)), axis=2)
    return [max((i + 1 for i, p in enumerate(row) if not p), default=0) for row in is_pad]


def _convert_ragged_for_graph(value, dtype=None, name=None):
    raise _not_a_tensor_error()


register_tensor_conversion_function(RaggedTensor, _convert_ragged_for_graph)
nest.register_composite(
    RaggedTensor,
    lambda value: [value.flat_values] + list(value.nested_row_splits),
    lambda like, parts: RaggedTensor.from_nested_row_splits(parts[0], parts[1:], validate=False),
)
