"""`tf.IndexedSlices`: a gradient that touches only some rows of a tensor.

The gradient of `tf.gather(params, indices)` with respect to `params` is nonzero only in the
rows that were gathered, so TF gives it as those rows (`values`), where they go (`indices`)
and the full shape (`dense_shape`), without building a tensor of zeros.  A row gathered twice
appears twice; `tf.convert_to_tensor` adds them up into the dense gradient (an
UnsortedSegmentSum), which is what any op given an IndexedSlices receives.  The backward pass
(ops/backprop.py) keeps gradients sparse while every one it sums is sparse, as TF's does.
"""

from learntf.framework.constant_op import register_tensor_conversion_function


class IndexedSlices:
    """Rows `values` of a tensor of shape `dense_shape`, at rows `indices`."""

    def __init__(self, values, indices, dense_shape=None):
        self._values = values
        self._indices = indices
        self._dense_shape = dense_shape

    values = property(lambda self: self._values, doc="The rows (a tensor).")
    indices = property(lambda self: self._indices, doc="Which row of the whole each is.")
    dense_shape = property(lambda self: self._dense_shape, doc="The whole tensor's shape.")
    dtype = property(lambda self: self._values.dtype)
    name = property(lambda self: self._values.name)
    op = property(lambda self: self._values.op)
    graph = property(lambda self: self._values.graph)
    device = property(lambda self: "")

    @property
    def shape(self):
        """The dense tensor's static shape."""
        from learntf.framework.tensor_shape import TensorShape
        from learntf.framework.tensor_util import inferred_value

        known = None if self._dense_shape is None else inferred_value(self._dense_shape)
        if known is not None:
            return TensorShape([int(d) for d in known])
        rows = self._values.shape
        return TensorShape(None if rows.rank is None else [None] + rows.as_list()[1:])

    def __str__(self):
        return "IndexedSlices(indices=%s, values=%s%s)" % (
            self._indices,
            self._values,
            (", dense_shape=%s" % (self._dense_shape,)) if self._dense_shape is not None else "",
        )

    __repr__ = __str__

    def __neg__(self):
        return IndexedSlices(-self._values, self._indices, self._dense_shape)

    def _as_eager_tensor(self, dtype=None):
        return _to_tensor(self, dtype)

    def _as_graph_element(self):
        # (learntf: Session.run gives the dense value; TF gives an IndexedSlicesValue)
        return _to_tensor(self)


def _to_tensor(slices, dtype=None, name=None, as_ref=False):
    """The dense tensor: each row of `values` added at its index (TF's conversion)."""
    if slices.dense_shape is None:
        raise ValueError(
            "Tensor conversion requested for IndexedSlices without dense_shape: %s" % slices
        )
    from learntf.ops.gather_ops import unsorted_segment_sum

    dense = unsorted_segment_sum(slices.values, slices.indices, slices.dense_shape[0])
    if dtype is not None and dtype != dense.dtype:
        raise ValueError(
            "Tensor conversion requested dtype %s for Tensor with dtype %s: %r"
            % (dtype.name, dense.dtype.name, dense)
        )
    return dense


register_tensor_conversion_function(IndexedSlices, _to_tensor)


def dense_gradient(grad):
    """What a gradient function receives: IndexedSlices densified (see the module docstring)."""
    return _to_tensor(grad) if type(grad) is IndexedSlices else grad


def sum_slices(gradients):
    """Several IndexedSlices as one: their rows and indices side by side (TF's aggregation)."""
    from learntf.ops import array_ops

    values = array_ops.concat([g.values for g in gradients], 0)
    indices = array_ops.concat([g.indices for g in gradients], 0)
    return IndexedSlices(values, indices, gradients[0].dense_shape)
