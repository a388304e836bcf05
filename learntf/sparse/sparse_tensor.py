"""tf.SparseTensor: a mostly-zero tensor stored as its non-zero entries (unit 17).

    tf.SparseTensor(indices=[[0, 1], [1, 0], [2, 3]], values=[1., 2., 3.], dense_shape=[3, 4])

    [[0. 1. 0. 0.]       indices[i] is where values[i] sits; every other entry is zero.
     [2. 0. 0. 0.]       indices and dense_shape are int64.
     [0. 0. 0. 3.]]

Like a RaggedTensor it is three ordinary tensors, so it works in eager and graph mode and the
values can have gradients.  Many sparse ops need the indices in row-major order; tf.sparse.reorder
sorts them.  `s * 2.0` scales the values; `s + 1` is a TypeError, because adding 1 to every
entry would make the zeros non-zero -- TensorFlow makes you write tf.sparse.to_dense(s) + 1.
"""

from learntf import dtypes, nest
from learntf.framework.constant_op import convert_to_tensor, register_tensor_conversion_function
from learntf.framework.graph import name_scope
from learntf.framework.tensor_shape import TensorShape
from learntf.ops.gather_ops import static_value


class SparseTensor:
    """Non-zero entries of a tensor: `indices` (int64 [n, rank]), `values` [n], `dense_shape`."""

    def __init__(self, indices, values, dense_shape):
        with name_scope(None, "SparseTensor"):
            self._indices = convert_to_tensor(indices, dtype=dtypes.int64, name="indices")
            self._values = convert_to_tensor(values, name="values")
            self._dense_shape = convert_to_tensor(
                dense_shape, dtype=dtypes.int64, name="dense_shape"
            )
        indices_shape = self._indices.shape.with_rank(2)
        values_shape = self._values.shape.with_rank(1)
        dense_shape_shape = self._dense_shape.shape.with_rank(1)
        _assert_compatible(indices_shape[0], values_shape[0])
        _assert_compatible(indices_shape[1], dense_shape_shape[0])

    @classmethod
    def from_value(cls, sparse_tensor_value):
        return cls(
            sparse_tensor_value.indices, sparse_tensor_value.values, sparse_tensor_value.dense_shape
        )

    # -- what it holds ------------------------------------------------------------------------
    @property
    def indices(self):
        """Where each value sits: one row [i, j, ...] per value (int64)."""
        return self._indices

    @property
    def values(self):
        """The non-zero entries, in the order of `indices`."""
        return self._values

    @property
    def dense_shape(self):
        """The shape of the dense tensor this stands for (int64)."""
        return self._dense_shape

    @property
    def dtype(self):
        return self._values.dtype

    @property
    def shape(self):
        """The static shape, from dense_shape when it is known before running."""
        known = static_value(self._dense_shape)
        if known is not None:
            return TensorShape([int(d) for d in known])
        size = self._dense_shape.shape[0] if self._dense_shape.shape.rank == 1 else None
        return TensorShape(None if size is None else [None] * size)

    def get_shape(self):
        return self.shape

    @property
    def op(self):
        return self._values.op

    @property
    def graph(self):
        return self._values.graph

    def with_values(self, new_values):
        """The same positions holding `new_values`."""
        return SparseTensor(self._indices, new_values, self._dense_shape)

    def _as_eager_tensor(self, dtype=None):
        raise _not_a_tensor_error(self, eager=True)

    # -- printing as TensorFlow does ---------------------------------------------------------
    def __repr__(self):
        return "SparseTensor(indices=%s, values=%s, dense_shape=%s)" % (
            self._indices,
            self._values,
            self._dense_shape,
        )

    # `*` and `/` are attached by sparse_ops (they scale the values).  There is no `+`:
    # `s + 1` raises Python's own TypeError, as it does in TensorFlow.


def _assert_compatible(a, b):
    if a is not None and b is not None and a != b:
        raise ValueError("Dimensions %d and %d are not compatible" % (a, b))


_DENSE_OPS_HINT = (
    "\n(learntf: dense ops do not take a SparseTensor.  Use tf.sparse.to_dense(s) for its dense "
    "form, or the tf.sparse ops (tf.sparse.add, tf.sparse.sparse_dense_matmul, s * 2.0) that "
    "keep it sparse.)"
)


def _not_a_tensor_error(sparse, eager):
    """TensorFlow's error for a SparseTensor given to a dense op: a ValueError when the op runs
    eagerly, a TypeError when it is added to a graph (TF 2.21's words), then learntf's hint."""
    if eager:
        return ValueError(
            "Attempt to convert a value (%r) with an unsupported type (%s) to a "
            "Tensor.%s" % (sparse, type(sparse), _DENSE_OPS_HINT)
        )
    return TypeError(
        "Failed to convert elements of %r to Tensor. Consider casting elements to a supported "
        "type. See https://www.tensorflow.org/api_docs/python/tf/dtypes for supported TF "
        "dtypes.%s" % (sparse, _DENSE_OPS_HINT)
    )


def _refuse_conversion(value, dtype=None, name=None):
    raise _not_a_tensor_error(value, eager=False)


register_tensor_conversion_function(SparseTensor, _refuse_conversion)
nest.register_composite(
    SparseTensor,
    lambda value: [value.indices, value.values, value.dense_shape],
    lambda like, parts: SparseTensor(*parts),
)
