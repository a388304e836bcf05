"""Maths on ragged tensors: element-wise ops act on the values, reductions combine within rows.

An element-wise op does not care which row a value is in, so `rt * 2`, `tf.square(rt)` and
`rt1 + rt2` (same row_splits) run the op on the flat values and keep the row structure:
`tf.ragged.map_flat_values(op, rt)` is that rule for any op.  A reduction along the ragged
axis combines the values of each row -- a segment sum over `value_rowids()`:

    tf.reduce_sum([[1, 2], [3, 4, 5], []], axis=1)  ->  unsorted_segment_sum(values,
                                                         [0, 0, 1, 1, 1], 3) = [3 12 0]

Along axis 0 the segment of a value is its position in its row (tf.ragged.range(row_lengths)).

Unit 10 ("tensors in TF2: strings, ragged, sparse") uses these; gradients flow to the values.
"""

import functools

import numpy as np

from learntf import dtypes, errors
from learntf.framework import context
from learntf.framework.dispatch import dispatch_for
from learntf.framework.graph import name_scope
from learntf.framework.tensor_util import constant_value
from learntf.ops import array_ops, gather_ops, mask_ops, math_ops
from learntf.ops.math_ops import _one_of
from learntf.ragged import ragged_ops
from learntf.ragged.ragged_factory_ops import ragged_range
from learntf.ragged.ragged_tensor import RaggedTensor, is_ragged, require_static


# -- element-wise ----------------------------------------------------------------------------
def map_flat_values(op, *args, **kwargs):
    """`op` applied to the flat values of every RaggedTensor argument (same row structure)."""
    ragged = []
    flat_args = _replace_ragged_with_flat_values(args, ragged)
    flat_kwargs = _replace_ragged_with_flat_values(kwargs, ragged)
    if not ragged:
        return op(*args, **kwargs)
    _check_same_rows(ragged)
    return ragged[0].with_flat_values(op(*flat_args, **flat_kwargs))


for _api in [
    math_ops.negative,
    math_ops.square,
    math_ops.sqrt,
    math_ops.rsqrt,
    math_ops.exp,
    math_ops.log,
    math_ops.log1p,
    math_ops.reciprocal,
    math_ops.sign,
    math_ops.floor,
    math_ops.ceil,
    math_ops.round,
    math_ops.sin,
    math_ops.cos,
    math_ops.tanh,
    math_ops.softplus,
    math_ops.sigmoid,
    math_ops.abs,
    math_ops.cast,
]:  # tf.square(rt) is tf.square on rt's values (framework/dispatch.py)
    dispatch_for(_api, RaggedTensor)(functools.partial(map_flat_values, _api))


def _replace_ragged_with_flat_values(value, ragged):
    """A copy of `value` with each RaggedTensor replaced by its flat values (and appended to
    `ragged`).  This is TF's own walk, not tf.nest's: it looks inside lists, tuples and dicts
    only, in their own order, and rebuilds them as plain ones (a namedtuple becomes a tuple)."""
    if is_ragged(value):
        ragged.append(value)
        return value.flat_values
    if isinstance(value, list):
        return [_replace_ragged_with_flat_values(v, ragged) for v in value]
    if isinstance(value, tuple):
        return tuple(_replace_ragged_with_flat_values(v, ragged) for v in value)
    if isinstance(value, dict):
        return {k: _replace_ragged_with_flat_values(v, ragged) for k, v in value.items()}
    return value


def _check_same_rows(ragged):
    """TF's error unless every ragged tensor has the same nested row_splits."""
    first = ragged[0].nested_row_splits
    for other in ragged[1:]:
        splits = other.nested_row_splits
        if len(splits) != len(first):
            raise ValueError("Inputs must have identical ragged splits")
        for a, b in zip(first, splits):
            if a is b:
                continue
            known_a, known_b = gather_ops.static_value(a), gather_ops.static_value(b)
            if known_a is None or known_b is None:
                raise require_static("an element-wise op on two ragged tensors")
            if not np.array_equal(known_a, known_b):
                raise errors.InvalidArgumentError(
                    None,
                    None,
                    # (TF's words: its assert_equal of the two tensors' row_splits)
                    "Condition x == y did not hold.\n(learntf: an "
                    "element-wise op pairs up values, so both ragged tensors need the same "
                    "rows: row_splits %s vs %s.)" % (known_a.tolist(), known_b.tolist()),
                )


def _binary(op):
    """`rt <op> other` (TF's ragged_binary_elementwise_op): `op` on the flat values, with a
    scalar, a ragged tensor with the same rows, a tensor over the inner dense dimensions, or
    one value per row ([nrows, 1])."""

    def forward(x, y):
        if not is_ragged(x):
            x = _convert_like(x, y.flat_values)
        if not is_ragged(y):
            y = _convert_like(y, x.flat_values)
        if is_ragged(x) and is_ragged(y):
            return map_flat_values(op, x, y)
        rt, other = (x, y) if is_ragged(x) else (y, x)
        flat = rt.flat_values
        if other.shape.rank is not None and other.shape.rank < (flat.shape.rank or 1):
            result = op(flat, other) if rt is x else op(other, flat)
            return rt.with_flat_values(result)
        if (
            rt.ragged_rank == 1
            and other.shape.rank == rt.shape.rank
            and other.shape.rank
            and other.shape[1] == 1
        ):  # one value per row
            per_value = gather_ops.gather(other[:, 0], rt.value_rowids())
            result = op(flat, per_value) if rt is x else op(per_value, flat)
            return rt.with_flat_values(result)
        raise NotImplementedError(
            "learntf broadcasts a RaggedTensor of shape %s only with a scalar, a ragged tensor "
            "with the same rows, a tensor over its inner dense dimensions, or one value per row "
            "([nrows, 1]); got a value of shape %s.  Try rt.to_tensor() first."
            % (rt.shape, other.shape)
        )

    return forward


def _convert_like(value, like):
    from learntf.framework.constant_op import convert_to_tensor

    return convert_to_tensor(value, dtype_hint=like.dtype)


def _attach_operators():
    """RaggedTensor's Python operators are TF's math functions (rt * 2 is tf.multiply)."""
    pairs = {
        "add": math_ops.add,
        "sub": math_ops.subtract,
        "mul": math_ops.multiply,
        "truediv": math_ops.truediv,
        "floordiv": math_ops.floordiv,
        "mod": math_ops.floormod,
        "pow": math_ops.pow,
        "and": math_ops.logical_and,
        "or": math_ops.logical_or,
    }
    for name, op in pairs.items():
        forward = _binary(op)
        setattr(RaggedTensor, "__%s__" % name, lambda x, y, f=forward: f(x, y))
        setattr(RaggedTensor, "__r%s__" % name, lambda x, y, f=forward: f(y, x))
    for name, op in {
        "lt": math_ops.less,
        "le": math_ops.less_equal,
        "gt": math_ops.greater,
        "ge": math_ops.greater_equal,
    }.items():
        compare = _binary(op)
        setattr(RaggedTensor, "__%s__" % name, lambda x, y, f=compare: f(x, y))
    RaggedTensor.__neg__ = lambda x: x.with_flat_values(math_ops.negative(x.flat_values))
    RaggedTensor.__abs__ = lambda x: x.with_flat_values(math_ops.abs(x.flat_values))
    RaggedTensor.__invert__ = lambda x: x.with_flat_values(math_ops.logical_not(x.flat_values))
    RaggedTensor.__eq__ = _equal
    RaggedTensor.__ne__ = _not_equal
    RaggedTensor.__hash__ = None


def _equal(x, y):
    """TF2: `==` compares element-wise in eager mode (False when the shapes cannot match)."""
    if not context.executing_eagerly() or y is None:
        return x is y
    try:
        return _binary(math_ops.equal)(x, y)
    except (TypeError, ValueError, NotImplementedError, errors.OpError):
        return False


def _not_equal(x, y):
    result = _equal(x, y)
    return (
        (not result)
        if isinstance(result, bool)
        else result.with_flat_values(math_ops.logical_not(result.flat_values))
    )


_attach_operators()


# -- reductions --------------------------------------------------------------------------------
_SEGMENT_OP = {
    "Sum": gather_ops.unsorted_segment_sum,
    "Prod": gather_ops.unsorted_segment_prod,
    "Max": gather_ops.unsorted_segment_max,
    "Min": gather_ops.unsorted_segment_min,
}
_DENSE_OP = {
    "Sum": math_ops.reduce_sum,
    "Prod": math_ops.reduce_prod,
    "Max": math_ops.reduce_max,
    "Min": math_ops.reduce_min,
    "Mean": math_ops.reduce_mean,
    "All": math_ops.reduce_all,
    "Any": math_ops.reduce_any,
}


def _register_reduction(api, op_type):
    """tf.reduce_<op>(rt, ...) is `reduce` (framework/dispatch.py), with the same arguments."""

    def ragged_reduction(
        input_tensor, axis=None, keepdims=None, name=None, reduction_indices=None, keep_dims=None
    ):
        axis = _one_of("axis", axis, "reduction_indices", reduction_indices)
        keepdims = bool(_one_of("keepdims", keepdims, "keep_dims", keep_dims))
        return reduce(op_type, input_tensor, _python_axis(axis), keepdims, name)

    dispatch_for(api, RaggedTensor)(ragged_reduction)


def _python_axis(axis):
    """`axis` as a Python int or tuple of ints (for ragged reductions, which need it now)."""
    if axis is None or isinstance(axis, int):
        return axis
    value = constant_value(axis)
    if value is None:
        raise TypeError(
            "learntf needs `axis` of a ragged reduction as a Python int or list "
            "of ints, not the tensor %s." % axis.name
        )
    return int(value) if np.ndim(value) == 0 else tuple(int(a) for a in value)


def reduce(op_type, rt, axis=None, keepdims=False, name=None):
    """tf.reduce_<op>(rt, axis) for op_type Sum, Prod, Max, Min, Mean, All or Any."""
    if op_type == "Mean":  # total / count, as TF does (an int mean becomes float64)
        with name_scope(name, "RaggedReduceMean"):
            total = reduce("Sum", rt, axis, keepdims)
            ones = (
                rt.with_flat_values(array_ops.ones_like(rt.flat_values))
                if is_ragged(rt)
                else array_ops.ones_like(rt)
            )
            count = reduce("Sum", ones, axis, keepdims)
            if is_ragged(total):
                return total.with_flat_values(total.flat_values / count.flat_values)
            return total / count
    if op_type in ("All", "Any"):  # on 0/1 integers: all = product, any = sum (as TF)
        with name_scope(name, "RaggedReduce" + op_type):
            as_int = map_flat_values(math_ops.cast, rt, dtypes.int32)
            result = reduce("Prod" if op_type == "All" else "Sum", as_int, axis, keepdims)
            return map_flat_values(math_ops.cast, result, dtypes.bool_)
    return _aggregate(op_type, rt, axis, keepdims, name or "RaggedReduce" + op_type)


def _aggregate(op_type, rt, axis, keepdims, name=None):
    """Reduce `rt` along `axis` (an int, a list of them, or None for all): along a ragged axis
    with the unsorted segment op, along a dense one with the ordinary reduction."""
    if not is_ragged(rt):
        return _DENSE_OP[op_type](rt, axis, keepdims=keepdims, name=name)
    if hasattr(axis, "dtype"):  # an axis tensor must be known while building
        axis = gather_ops.static_value(axis)
        if axis is None:
            raise ValueError("axis must be known at graph construction time.")
        axis = axis.tolist()
    if axis is None:
        result = _DENSE_OP[op_type](rt.flat_values, None, keepdims=keepdims, name=name)
        for _ in range(rt.shape.rank - 1 if keepdims else 0):
            result = array_ops.expand_dims(result, axis=0)
        return result
    with name_scope(name, "RaggedReduce"):
        if isinstance(axis, (list, tuple)):
            if not axis:
                return rt
            if len(axis) > 1:  # the innermost first, so the outer axes keep their meaning
                axes = sorted(_positive_axis(a, rt.shape.rank) for a in axis)
                inner = _aggregate(op_type, rt, axes[-1], keepdims)
                return _aggregate(op_type, inner, axes[:-1], keepdims)
            axis = axis[0]
        axis = _positive_axis(axis, rt.shape.rank)
        if axis == 0:
            result = _reduce_rows_together(op_type, rt)
        elif axis == 1:
            if is_ragged(rt.values):
                raise NotImplementedError(
                    "learntf reduces a ragged tensor along axis 1 only when the rows hold "
                    "dense values (ragged_rank 1); reduce an inner axis first."
                )
            num_segments = array_ops.shape(rt.row_splits)[0] - 1
            segment_ids = ragged_ops.row_splits_to_segment_ids(rt.row_splits)
            result = _SEGMENT_OP[op_type](rt.values, segment_ids, num_segments)
        else:
            return rt.with_values(_aggregate(op_type, rt.values, axis - 1, keepdims))
        return array_ops.expand_dims(result, axis) if keepdims else result


def _positive_axis(axis, rank):
    if rank is not None and not -rank <= axis < rank:
        raise ValueError("axis=%s out of bounds: expected %s<=axis<%s" % (axis, -rank, rank))
    return axis + rank if axis < 0 else axis


def _reduce_rows_together(op_type, rt):
    """Axis 0: combine the j-th values of every row.  A value's segment is its position in
    its row, tf.ragged.range(row_lengths).values: [0, 1, 0, 1, 2, 0] for rows of 2, 3, 0, 1
    values; there are as many segments as the longest row has values."""
    if is_ragged(rt.values):
        raise NotImplementedError(
            "learntf reduces a ragged tensor along axis 0 only when the "
            "rows hold dense values (ragged_rank 1)."
        )
    row_lengths = rt.row_splits[1:] - rt.row_splits[:-1]
    num_segments = math_ops.maximum(mask_ops.max_of_all(row_lengths), 0)
    position_in_row = ragged_range(row_lengths).values
    return _SEGMENT_OP[op_type](rt.values, position_in_row, num_segments)


for _op_type, _api in _DENSE_OP.items():
    _register_reduction(_api, _op_type)
