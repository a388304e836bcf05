"""Ops that create, reshape, combine and index tensors.

Placeholders (values fed at run time), zeros/ones/fill/range, reshape, concat, stack,
transpose, slicing with Python's `t[i, j]`, `t[:, 1:]`, `t[..., 1]`, and `where`.
Lesson 01 introduces placeholders; lesson 06 feeds them in mini-batches.

As in TensorFlow, a shape, axis, permutation or slice bound is an input tensor of the op, not
an attribute: `tf.reshape(x, [2, 3])` builds `Reshape(x, Reshape/shape)`, the list becoming a
Const named after the argument inside the op's scope, and `tf.reshape(x, tf.shape(y))` takes
a shape computed when the graph runs.  Shape inference reads such inputs when their values are
known while building (framework/tensor_util.py); execution plans fold the Consts away.
"""

import builtins
import collections
import math

import numpy as np

from learntf import dtypes, errors
from learntf.framework import context, memory
from learntf.framework.apply import ShapeError, apply_op
from learntf.framework.constant_op import constant, convert_to_tensor, eager_int32
from learntf.framework.dispatch import add_dispatch_support
from learntf.framework.graph import Tensor, name_scope
from learntf.framework.op_registry import no_gradient_in_tensorflow, register_op
from learntf.framework.tensor_shape import TensorShape
from learntf.framework.tensor_util import inferred_shape, inferred_value
from learntf.ops.shape_inference import broadcast_shape, check_index_dtype, reshaped


# -- placeholders ------------------------------------------------------------------------------
def _placeholder_kernel(dtype, shape):
    # Session.run checks feeds before running; this only fires if that check is bypassed.
    raise errors.InvalidArgumentError(None, None, "You must feed a value for placeholder tensor")


# A value supplied through feed_dict each time the graph runs.
register_op("Placeholder", [], lambda dtype, shape: [(dtype, shape)], _placeholder_kernel)


def placeholder(dtype, shape=None, name=None):
    """A tensor whose value must be fed: `sess.run(y, feed_dict={x: value})`."""
    if context.executing_eagerly():
        raise RuntimeError(
            "tf.placeholder() is not compatible with eager execution.\n" + context.GRAPH_MODE_HINT
        )
    try:
        shape = TensorShape(shape)
    except (TypeError, ValueError) as error:  # (TF's words: the op's shape attr)
        raise type(error)("Error converting shape to a TensorShape: %s." % error) from None
    return apply_op(
        "Placeholder", [], {"dtype": dtypes.as_dtype(dtype), "shape": shape}, name or "Placeholder"
    )


def _placeholder_with_default_infer(input, shape, dtype):
    return [(input.dtype, TensorShape(shape))]


register_op(
    "PlaceholderWithDefault",
    ["input"],
    _placeholder_with_default_infer,
    lambda value, shape, dtype: value,
    type_attr=None,
)


def placeholder_with_default(input, shape, name=None):
    input = convert_to_tensor(input)
    return apply_op(
        "PlaceholderWithDefault",
        [input],
        {"shape": TensorShape(shape), "dtype": input.dtype},
        name or "PlaceholderWithDefault",
    )


# -- creating values ----------------------------------------------------------------------------
def _fill_infer(dims, value):
    check_index_dtype("dims", dims, attr="index_type")
    if value.shape.rank not in (None, 0):
        raise ShapeError(
            "Shape must be rank 0 but is rank %d" % value.shape.rank,
            "tf.fill's value is one scalar",
        )
    known = inferred_value(dims)
    if known is not None and np.any(np.asarray(known) < 0):
        # TF's shape function: -1 would mean "unknown" in a shape tensor, below it is invalid
        negative = [int(d) for d in np.reshape(known, -1) if d < 0]
        words = (
            "Invalid value in tensor used for shape: %d" % min(negative)
            if min(negative) < -1
            else "Fill dimensions must be >= 0"
        )
        error = ShapeError(words, "a shape's dimensions are sizes, 0 or more")
        error.eager_words = _negative_dimension_words(known)
        raise error
    return [(value.dtype, inferred_shape(dims))]


def _negative_dimension_words(dims):
    return "Dimension %d must be >= 0" % next(int(d) for d in np.reshape(dims, -1) if d < 0)


def _fill_kernel(dims, value):
    dims = [int(d) for d in np.reshape(dims, -1)]
    if any(d < 0 for d in dims):
        raise errors.InvalidArgumentError(None, None, _negative_dimension_words(dims))
    if math.prod(dims) > np.iinfo(np.int64).max:
        raise errors.InvalidArgumentError(
            None,
            None,
            "Shape [%s] would have more than 2**63 - 1 elements\n(learntf: no computer holds "
            "that many; check the shape's numbers.)" % ",".join(map(str, dims)),
        )
    memory.check_allocation(dims, value.dtype)
    return np.full(dims, value, dtype=value.dtype)


register_op("Fill", ["dims", "value"], _fill_infer, _fill_kernel, type_input=1)


def fill(dims, value, name=None):
    """A tensor of shape `dims` (a list, or a shape tensor) filled with the scalar `value`."""
    if isinstance(dims, TensorShape):
        dims = dims.as_list()
    return apply_op("Fill", [dims, value], {}, name or "Fill")


def _filled(value_of, shape, dtype, name, default_name):
    """zeros/ones as TF builds them: a Const when the shape is static and small (under 1000
    elements), else Fill(shape, scalar) with the shape as `<name>/shape_as_tensor`."""
    dtype = dtypes.as_dtype(dtype)
    scalar = value_of(dtype)
    with name_scope(name, default_name, [shape]) as scope:
        if not isinstance(shape, Tensor) and not _is_eager_tensor(shape):
            try:
                static = TensorShape(shape)
                if (
                    not context.executing_eagerly()
                    and not isinstance(shape, (int, np.integer))
                    and static.is_fully_defined()
                    and static.num_elements() < 1000
                ):
                    return constant(scalar, dtype=dtype, shape=static.as_list(), name=scope)
                shape = _shape_as_tensor(static)
            except (TypeError, ValueError):
                shape = convert_to_tensor(shape, dtype=dtypes.int32)
        if shape.shape.rank in (None, 0):
            shape = reshape(shape, [-1])  # a scalar shape is a vector of one dim
        return fill(shape, constant(scalar, dtype=dtype), name=scope)


def _is_eager_tensor(value):
    return type(value).__name__ == "EagerTensor"


def _shape_as_tensor(static_shape, name="shape_as_tensor"):
    """A fully known TensorShape as an int32 Const, int64 if a dimension needs it (TF's
    conversion of a TensorShape)."""
    if not static_shape.is_fully_defined():
        raise ValueError(
            "Cannot convert a partially known TensorShape %s to a Tensor." % static_shape
        )
    dims = static_shape.as_list()
    wide = any(d > np.iinfo(np.int32).max for d in dims)
    return constant(dims, dtype=dtypes.int64 if wide else dtypes.int32, name=name)


def _zero(dtype):
    return False if dtype is dtypes.bool_ else ("" if dtype is dtypes.string else 0)


def _one(dtype):
    return True if dtype is dtypes.bool_ else 1


def zeros(shape, dtype=dtypes.float32, name=None):
    """A tensor of `shape` full of zeros (False, "" for bool and string)."""
    return _filled(_zero, shape, dtype, name, "zeros")


def ones(shape, dtype=dtypes.float32, name=None):
    """A tensor of `shape` full of ones (True for bool)."""
    return _filled(_one, shape, dtype, name, "ones")


def _zeros_like_kernel(x):
    """Zeros of x's shape; of a TensorList (a variant), the list's own zeros_like."""
    return x.zeros_like() if hasattr(x, "zeros_like") else np.zeros_like(x)


register_op("ZerosLike", ["x"], lambda x: [(x.dtype, x.shape)], _zeros_like_kernel)
register_op("OnesLike", ["x"], lambda x: [(x.dtype, x.shape)], np.ones_like)


def zeros_like(input, dtype=None, name=None, optimize=True):
    """Zeros of `input`'s shape: a Const (or Fill) when the shape is static, else ZerosLike."""
    with name_scope(name, "zeros_like", [input]) as scope:
        return _array_like(zeros, "ZerosLike", input, dtype, scope, optimize)


def ones_like_v2(input, dtype=None, name=None):
    """TF 2's `tf.ones_like`: a Const (or Fill) when the shape is static, else one OnesLike op.
    (TF 1's `ones_like`, below, always builds Fill(Shape(input), 1).)"""
    with name_scope(name, "ones_like", [input]) as scope:
        return _array_like(ones, "OnesLike", input, dtype, scope, optimize=True)


def _array_like(fill, like_op, input, dtype, scope, optimize):
    """`fill` (zeros or ones) of `input`'s shape, as TF's array_like_impl builds it."""
    input = _tensor_like(input, name="tensor")
    dtype = input.dtype if dtype is None else dtypes.as_dtype(dtype)
    if context.executing_eagerly():
        if dtype is not input.dtype:
            return fill(shape(input), dtype=dtype, name=scope)
        return apply_op(like_op, [input], {}, scope)
    if optimize and input.shape.is_fully_defined() and input.dtype is not dtypes.variant:
        return fill(input.shape, dtype=dtype, name=scope)
    if dtype is not input.dtype:
        return fill(_shape_internal(input, optimize), dtype=dtype, name=scope)
    return apply_op(like_op, [input], {}, scope)


def ones_like(input, dtype=None, name=None, optimize=True):
    """Ones of `input`'s shape: Fill(Shape(input), 1), the shape a Const when it is static."""
    with name_scope(name, "ones_like", [input]) as scope:
        input = convert_to_tensor(input, name="tensor")
        dtype = input.dtype if dtype is None else dtypes.as_dtype(dtype)
        result = ones(_shape_internal(input, optimize), dtype=dtype, name=scope)
        if not context.executing_eagerly():
            result.set_shape(input.shape)
        return result


def _tensor_like(value, name):
    """`value` itself if it is a tensor or a variable (which know their shape and dtype), else
    `value` converted to a tensor (TF's `is_tf_type` test)."""
    if (
        hasattr(value, "shape")
        and hasattr(value, "dtype")
        and not isinstance(value, np.ndarray)
        and isinstance(getattr(value, "dtype", None), dtypes.DType)
    ):
        return value
    return convert_to_tensor(value, name=name)


def _shape_internal(input, optimize):
    """TF's shape_internal with no out_type: a static shape becomes `Shape/shape_as_tensor`."""
    with name_scope(None, "Shape", [input]) as scope:
        if not context.executing_eagerly() and optimize and input.shape.is_fully_defined():
            return _shape_as_tensor(input.shape)
        return apply_op("Shape", [input], {"out_type": dtypes.int32}, scope)


def _cast(x, dtype):
    from learntf.ops.math_ops import cast

    return cast(x, dtype)


def range(start, limit=None, delta=1, dtype=None, name="range"):  # TF's name
    """Like Python's range: `tf.range(5)` is [0 1 2 3 4] (math_ops.range, where TF has it)."""
    from learntf.ops.math_ops import range as math_range

    return math_range(start, limit, delta, dtype=dtype, name=name)


# -- shapes -------------------------------------------------------------------------------------
def _reshape_infer(tensor, shape):
    check_index_dtype("shape", shape, attr="Tshape")
    if shape.shape.rank is not None and shape.shape.rank > 1:
        raise ShapeError("Shape must be at most rank 1 but is rank %d" % shape.shape.rank)
    return [(tensor.dtype, reshaped(tensor.shape, inferred_shape(shape)))]


def _reshape_kernel(tensor, shape):
    dims = shape.tolist()
    try:
        return tensor.reshape(dims)
    except (ValueError, TypeError):
        raise errors.InvalidArgumentError(None, None, _reshape_error(tensor.size, dims)) from None


def _reshape_error(size, dims):
    """TF's words for a shape that does not fit `size` elements."""
    if not isinstance(dims, list):
        dims = [dims]
    unknown = [i for i, d in enumerate(dims) if d == -1]
    if len(unknown) > 1:
        return "Only one input size may be -1, not both %d and %d" % (unknown[0], unknown[1])
    known = int(np.prod([d for d in dims if d != -1]))
    if unknown:
        return (
            "Input to reshape is a tensor with %d values, but the requested shape requires "
            "a multiple of %d" % (size, known)
        )
    return "Input to reshape is a tensor with %d values, but the requested shape has %d" % (
        size,
        known,
    )


register_op("Reshape", ["tensor", "shape"], _reshape_infer, _reshape_kernel)


def reshape(tensor, shape, name=None):
    """`tensor` with the same values in another shape (a list, or a shape tensor computed by
    the graph, such as `tf.shape(y)`); -1 stands for "whatever is left"."""
    if isinstance(shape, TensorShape):
        shape = shape.as_list()
    if isinstance(shape, (list, tuple)) and not shape:  # [] is a scalar's shape: int32, as TF
        shape = np.zeros(0, dtype=np.int32)
    return apply_op("Reshape", [tensor, shape], {}, name or "Reshape")


def _shape_infer(input, out_type):
    return [(out_type, TensorShape([input.shape.rank]))]


register_op(
    "Shape",
    ["input"],
    _shape_infer,
    lambda input, out_type: np.array(input.shape, dtype=out_type.np),
)


def _statically(name, default_name, input, value_when_known, op_type, attrs):
    """TF's shape/size/rank: a Const named like the op when the answer is known while building
    (TF's optimize=True), else the op itself, computed when the graph runs."""
    with name_scope(name, default_name, [input]) as scope:
        if context.executing_eagerly():
            return apply_op(op_type, [input], attrs, scope)
        input = convert_to_tensor(input)
        known = value_when_known(input.shape)
        if known is not None:
            return constant(known, dtype=attrs.get("out_type", dtypes.int32), name=scope)
        return apply_op(op_type, [input], attrs, scope)


def shape(input, name=None, out_type=dtypes.int32):
    """The shape of `input` as a 1-D integer tensor (a Const when it is known statically)."""
    return _statically(
        name,
        "Shape",
        input,
        lambda s: s.as_list() if s.is_fully_defined() else None,
        "Shape",
        {"out_type": dtypes.as_dtype(out_type)},
    )


def _size_when_known(static_shape):
    if static_shape.is_fully_defined():
        return static_shape.num_elements()
    if static_shape.rank is not None and 0 in static_shape.as_list():
        return 0
    return None


register_op(
    "Size",
    ["input"],
    lambda input, out_type: [(out_type, TensorShape([]))],
    lambda input, out_type: np.array(input.size, dtype=out_type.np),
)
register_op(
    "Rank",
    ["input"],
    lambda input: [(dtypes.int32, TensorShape([]))],
    lambda input: np.array(input.ndim, dtype=np.int32),
)


def size(input, name=None, out_type=dtypes.int32):
    """How many elements `input` has, as an integer scalar tensor."""
    return _statically(
        name, "Size", input, _size_when_known, "Size", {"out_type": dtypes.as_dtype(out_type)}
    )


def rank(input, name=None):
    """How many axes `input` has, as an int32 scalar tensor."""
    return _statically(name, "Rank", input, lambda s: s.rank, "Rank", {})


def _shape_n_infer(*inputs, N, out_type):
    return [(out_type, TensorShape([t.shape.rank])) for t in inputs]


register_op(
    "ShapeN",
    ["input*"],
    _shape_n_infer,
    lambda *inputs, N, out_type: tuple(np.array(np.shape(t), dtype=out_type.np) for t in inputs),
    num_outputs="N",
)


def shape_n(input, out_type=dtypes.int32, name=None):
    """The shapes of a list of tensors (one ShapeN op, as TF's conv2d gradient uses)."""
    input = list(input)
    return list(
        apply_op(
            "ShapeN",
            [input],
            {"N": len(input), "out_type": dtypes.as_dtype(out_type)},
            name or "ShapeN",
        )
    )


def _concat_offset_infer(concat_dim, *shapes, N):
    check_index_dtype("concat_dim", concat_dim, (dtypes.int32,), attr=None)
    return [(shape.dtype, shape.shape) for shape in shapes]


def _concat_offset_kernel(concat_dim, *shapes, N):
    """Where each input of a concat starts in the result: 0 on every axis but `concat_dim`."""
    axis = int(concat_dim) % len(shapes[0])
    offsets, start = [], 0
    for shape in shapes:
        offset = np.zeros_like(shape)
        offset[axis] = start
        start += shape[axis]
        offsets.append(offset)
    return tuple(offsets)


register_op(
    "ConcatOffset",
    ["concat_dim", "shape*"],
    _concat_offset_infer,
    _concat_offset_kernel,
    num_outputs="N",
    type_attr=None,
)


def _expand_dims_infer(input, dim):
    check_index_dtype("dim", dim, attr="Tdim")
    axis = inferred_value(dim)
    if input.shape.rank is None or axis is None:
        return [(input.dtype, TensorShape(None))]
    if np.size(axis) != 1:
        raise ShapeError("'dim' input must be a tensor with a single value")
    axis = int(np.reshape(axis, -1)[0])
    dims = input.shape.as_list()
    rank = len(dims)
    if not -rank - 1 <= axis <= rank:
        error = ShapeError("dim %d not in the interval [%d, %d]." % (axis, -rank - 1, rank))
        error.eager_words = "Tried to expand dim index %d for tensor with %d dimensions." % (
            axis,
            rank,
        )  # (TF's ExpandDims kernel)
        raise error
    position = axis if axis >= 0 else rank + 1 + axis
    return [(input.dtype, TensorShape(dims[:position] + [1] + dims[position:]))]


def _expand_dims_kernel(input, dim):
    axis = int(np.reshape(dim, -1)[0])
    if not -input.ndim - 1 <= axis <= input.ndim:
        raise errors.InvalidArgumentError(
            None,
            None,
            "Tried to expand dim index %d for tensor with %d dimensions." % (axis, input.ndim),
        )
    return np.expand_dims(input, axis)


register_op("ExpandDims", ["input", "dim"], _expand_dims_infer, _expand_dims_kernel)


def expand_dims(input, axis=None, name=None, dim=None):
    """`input` with a new axis of length 1 inserted at `axis`."""
    from learntf.ops.math_ops import _one_of

    axis = _one_of("axis", axis, "dim", dim)
    if axis is None:
        raise ValueError("Must specify an axis argument to tf.expand_dims()")
    return apply_op("ExpandDims", [input, axis], {}, name or "ExpandDims")


def _squeeze_infer(input, squeeze_dims):
    if input.shape.rank is None:
        return [(input.dtype, TensorShape(None))]
    dims = input.shape.as_list()
    rank = len(dims)
    for a in squeeze_dims:
        if not -rank <= a < rank:
            raise ShapeError(
                "Tried to squeeze dim index %d for tensor with %d dimensions." % (a, rank)
            )
    axes = [a % rank for a in squeeze_dims]
    if not axes:
        if None in dims:
            return [(input.dtype, TensorShape(None))]
        axes = [i for i, d in enumerate(dims) if d == 1]
    for a in axes:
        if dims[a] not in (1, None):
            raise ShapeError(
                "Can not squeeze dim[%d], expected a dimension of 1, got %d" % (a, dims[a])
            )
    return [(input.dtype, TensorShape([d for i, d in enumerate(dims) if i not in axes]))]


def _squeeze_kernel(input, squeeze_dims):
    try:
        return np.squeeze(input, axis=tuple(squeeze_dims) if squeeze_dims else None)
    except ValueError:
        axis = next(a for a in squeeze_dims if input.shape[a] != 1)
        raise errors.InvalidArgumentError(
            None,
            None,
            "Can not squeeze dim[%d], expected a dimension of 1, got %d"
            % (axis % input.ndim, input.shape[axis]),
        ) from None


register_op("Squeeze", ["input"], _squeeze_infer, _squeeze_kernel)


def squeeze(input, axis=None, name=None, squeeze_dims=None):
    """`input` without its axes of length 1 (only those in `axis`, if given)."""
    from learntf.ops.math_ops import _one_of

    axis = _one_of("axis", axis, "squeeze_dims", squeeze_dims)
    axis = [] if axis is None else ([axis] if np.isscalar(axis) else list(axis))
    return apply_op(
        "Squeeze", [input], {"squeeze_dims": tuple(int(a) for a in axis)}, name or "Squeeze"
    )


# -- combining ----------------------------------------------------------------------------------
def _concat_infer(*values_and_axis, N):
    values, axis_tensor = values_and_axis[:-1], values_and_axis[-1]
    check_index_dtype("axis", axis_tensor)
    for v in values:
        if v.dtype is not values[0].dtype:
            raise TypeError(
                "Tensors in list passed to 'values' of 'ConcatV2' Op have types "
                "[%s] that don't all match." % ", ".join(t.dtype.name for t in values)
            )
    rank = next((v.shape.rank for v in values if v.shape.rank is not None), None)
    axis = inferred_value(axis_tensor)
    if rank is None:
        return [(values[0].dtype, TensorShape(None))]
    for v in values:
        if v.shape.rank is not None and v.shape.rank != rank:
            raise ShapeError(
                "Shape must be rank %d but is rank %d" % (rank, v.shape.rank),
                "every tensor passed to tf.concat needs the same rank",
            )
    if axis is None:
        return [(values[0].dtype, TensorShape([None] * rank))]
    axis = int(axis)
    if not -rank <= axis < rank:
        raise ShapeError(
            "ConcatOp : Expected concatenating dimensions in the range [%d, %d), "
            "but got %d" % (-rank, rank, axis)
        )
    axis %= rank
    if any(v.shape.rank is None for v in values):  # TF's: then no dimension is known
        return [(values[0].dtype, TensorShape([None] * rank))]
    result = None
    for position, v in enumerate(values):
        if v.shape.rank is None:
            continue
        dims = v.shape.as_list()
        if result is None:
            result = dims
            continue
        for i, (a, b) in enumerate(zip(result, dims)):
            if i == axis:
                result[i] = None if a is None or b is None else a + b
            elif a is not None and b is not None and a != b:
                # (TF's shape function compares the shapes without the concat axis; its
                # kernel, in eager mode, shows the first input's shape and this one's)
                rest = result[:axis] + result[axis + 1 :]
                error = ShapeError(
                    "Dimension %d in both shapes must be equal, but are %d and %d. "
                    "Shapes are %s and %s."
                    % (
                        i if i < axis else i - 1,
                        a,
                        b,
                        TensorShape(rest).proto_str(),
                        TensorShape(dims[:axis] + dims[axis + 1 :]).proto_str(),
                    ),
                    "all dimensions except the concat axis must match",
                )
                error.eager_words = (
                    "ConcatOp : Dimension %d in both shapes must be equal: shape[0] = %s vs. "
                    "shape[%d] = %s"
                    % (i, values[0].shape.proto_str(), position, v.shape.proto_str())
                )
                raise error
            elif a is None:
                result[i] = b
    return [(values[0].dtype, TensorShape(result))]


def _concat_kernel(*values_and_axis, N):
    values, axis = values_and_axis[:-1], int(values_and_axis[-1])
    rank = values[0].ndim
    if not -rank <= axis < rank:
        raise errors.InvalidArgumentError(
            None,
            None,
            "ConcatOp : Expected concatenating dimensions in the range [%d, %d), "
            "but got %d" % (-rank, rank, axis),
        )
    try:
        return np.concatenate(values, axis=axis)
    except ValueError:
        first = values[0].shape
        bad = next(
            v.shape
            for v in values
            if len(v.shape) != len(first)
            or any(a != b for i, (a, b) in enumerate(zip(v.shape, first)) if i != axis % rank)
        )
        raise errors.InvalidArgumentError(
            None,
            None,
            "ConcatOp : Dimension %d in both shapes must be equal: shape[0] = %s vs. "
            "shape[1] = %s"
            % (
                next(
                    (i for i, (a, b) in enumerate(zip(first, bad)) if a != b and i != axis % rank),
                    0,
                ),
                list(first),
                list(bad),
            ),
        ) from None


register_op("ConcatV2", ["values*", "axis"], _concat_infer, _concat_kernel, default_name="concat")


@add_dispatch_support  # ragged tensors join row by row (learntf/ragged/)
def concat(values, axis, name="concat"):
    """The tensors of `values` joined along `axis` (ConcatV2, the axis its last input)."""
    if not isinstance(values, (list, tuple)):
        values = [values]
    values = list(values)
    if len(values) == 1:  # TF checks the axis, then returns an Identity of the one tensor
        with name_scope(name) as scope:
            axis_tensor = convert_to_tensor(axis, name="concat_dim", dtype=dtypes.int32)
            if axis_tensor.shape.rank not in (None, 0):
                raise ValueError("Shape %s must have rank 0" % axis_tensor.shape)
            return identity_of(values[0], name=scope if name is None else name)
    dtype = next(
        (v.dtype for v in values if isinstance(getattr(v, "dtype", None), dtypes.DType)), None
    )
    if dtype is not None and not all(hasattr(v, "dtype") for v in values):
        # Python values take the tensors' dtype (tf.concat([[0], int64_splits], 0)), as TF
        # converts a list input sharing one type attr T; named values_<i> in the op's scope.
        with name_scope(name or "concat") as scope:
            values = [
                v
                if hasattr(v, "dtype")
                else convert_to_tensor(v, dtype=dtype.base_dtype, name="values_%d" % i)
                for i, v in enumerate(values)
            ]
            return apply_op("ConcatV2", [values, axis], {"N": len(values)}, scope)
    if context.executing_eagerly() and dtype is not None:
        for position, value in enumerate(values):
            if value.dtype.base_dtype is not dtype.base_dtype:
                raise _eager_mismatch("ConcatV2", position, dtype, value.dtype)
    return apply_op("ConcatV2", [values, axis], {"N": len(values)}, name)


def identity_of(value, name):
    from learntf.ops.math_ops import identity

    return identity(value, name=name)


def _pack_infer(*values, N, axis):
    shape = TensorShape(None)
    for position, v in enumerate(values):
        if v.dtype is not values[0].dtype:
            raise TypeError(
                "Tensors in list passed to 'values' of 'Pack' Op have types [%s] "
                "that don't all match." % ", ".join(t.dtype.name for t in values)
            )
        if not shape.is_compatible_with(v.shape):
            error = ShapeError(
                "Shapes must be equal rank, but are %d and %d\n\tFrom merging "
                "shape 0 with other shapes." % (shape.rank, v.shape.rank)
                if shape.rank != v.shape.rank
                else "Shapes must be equal, but are %s and %s"
                % (shape.proto_str(), v.shape.proto_str()),
                "tf.stack needs tensors of one shape",
            )
            error.eager_words = (  # (TF's Pack kernel)
                "Shapes of all inputs must match: values[0].shape = %s != values[%d].shape = %s"
                % (values[0].shape.proto_str(), position, v.shape.proto_str())
            )
            raise error
        shape = shape.merge_with(v.shape)
    if shape.rank is None:
        return [(values[0].dtype, TensorShape(None))]
    dims = shape.as_list()
    rank = len(dims) + 1
    if not -rank <= axis < rank:
        raise ShapeError("Argument 'axis' = %d not in range [%d, %d)" % (axis, -rank, rank))
    position = axis % rank
    return [(values[0].dtype, TensorShape(dims[:position] + [len(values)] + dims[position:]))]


register_op(
    "Pack",
    ["values*"],
    _pack_infer,
    lambda *values, N, axis: np.stack(values, axis=axis),
    default_name="stack",
)


def stack(values, axis=0, name="stack"):
    """The tensors of `values` (of one shape) stacked along a new axis `axis`.  On axis 0,
    Python numbers alone make a Const, and a list holding tensors packs as TF converts it."""
    values = list(values)
    if axis == 0:
        try:
            return convert_to_tensor(values, name=name)
        except (TypeError, ValueError, NotImplementedError):
            pass  # a list of variables, or of tensors of several dtypes: Pack says what is wrong
    if context.executing_eagerly():
        for position, value in enumerate(values[1:], 1):
            first, other = convert_to_tensor(values[0]).dtype, convert_to_tensor(value).dtype
            if other is not first:
                raise _eager_mismatch("Pack", position, first, other)
    return apply_op("Pack", [values], {"N": len(values), "axis": int(axis)}, name)


def _eager_mismatch(op_type, position, expected, got):
    """TF's kernel words (eager) for an input whose dtype differs from the op's type attr."""
    return errors.InvalidArgumentError(
        None,
        None,
        "cannot compute %s as input #%d(zero-based) was expected to be a %s tensor but is a %s "
        "tensor [Op:%s]\n(learntf: TensorFlow never converts dtypes silently; use tf.cast.)"
        % (op_type, position, expected.proto_name, got.proto_name, op_type),
    )


def _unpack_infer(value, num, axis):
    dims = value.shape.as_list()
    size = dims[axis % len(dims)] if -len(dims) <= axis < len(dims) else None
    if size is not None and size != num:  # never a silent list of the wrong length
        error = ShapeError(
            "Dimension must be %d but is %d" % (num, size),
            "unstack(x, num=n) needs n equal to the size of the axis, %d; leave num out" % size,
        )
        error.eager_words = "Input shape axis %d must equal %d, got shape %s" % (
            axis,
            num,
            value.shape.proto_str(),
        )
        raise error
    return [
        (value.dtype, TensorShape(dims[: axis % len(dims)] + dims[axis % len(dims) + 1 :]))
    ] * num


register_op(
    "Unpack",
    ["value"],
    _unpack_infer,
    lambda value, num, axis: tuple(np.moveaxis(value, axis, 0)),
    num_outputs="num",
    default_name="unstack",
)


def unstack(value, num=None, axis=0, name="unstack"):
    """Split `value` along `axis` into a list of tensors."""
    value = convert_to_tensor(value)
    if num is None:
        dims = value.shape.dims
        num = None if dims is None else dims[axis]
        if num is None:
            raise ValueError("Cannot infer argument `num` from shape %s" % value.shape)
    return list(apply_op("Unpack", [value], {"num": num, "axis": axis}, name))


# -- splitting ------------------------------------------------------------------------------------
# Split(split_dim, value) cuts `value` into num_split equal pieces (the axis comes first, as in
# TF); SplitV(value, size_splits, split_dim) into pieces of the given sizes, one of which may be
# -1 ("what is left").
def _split_axis_infer(split_dim, value):
    """The split axis (non-negative) when it and value's rank are known, else None."""
    axis, rank = inferred_value(split_dim), value.shape.rank
    if axis is None or rank is None:
        return None
    axis = int(axis)
    if not -rank <= axis < rank:
        raise ShapeError(
            "Dimension size, given by scalar input %d must be in range [%d, %d)"
            % (axis, -rank, rank),
            "axis must be one of the tensor's %d axes" % rank,
        )
    return axis % rank


def _pieces_shapes(value, axis, sizes):
    """value's shape with the split axis replaced by each piece's size (None if unknown)."""
    if value.shape.rank is None:
        return [(value.dtype, TensorShape(None))] * len(sizes)
    dims = value.shape.as_list()
    if axis is None:
        return [(value.dtype, TensorShape([None] * len(dims)))] * len(sizes)
    return [(value.dtype, TensorShape(dims[:axis] + [size] + dims[axis + 1 :])) for size in sizes]


def _split_infer(split_dim, value, num_split):
    check_index_dtype("split_dim", split_dim, allowed=(dtypes.int32,), attr=None)
    axis = _split_axis_infer(split_dim, value)
    size = None if axis is None else value.shape[axis]
    if size is not None and size % num_split:
        error = ShapeError(
            "Dimension size must be evenly divisible by %d but is %d\n\tNumber of "
            "ways to split should evenly divide the split dimension" % (num_split, size),
            "%d is not a multiple of %d; pass a list of sizes instead, e.g. "
            "tf.split(x, [a, b], axis)" % (size, num_split),
        )
        error.eager_words = (  # (TF's Split kernel)
            "Number of ways to split should evenly divide the split dimension, but got "
            "split_dim %d (size = %d) and num_split %d" % (axis, size, num_split)
        )
        raise error
    return _pieces_shapes(value, axis, [None if size is None else size // num_split] * num_split)


def _kernel_split_axis(split_dim, value):
    axis, rank = int(split_dim), value.ndim
    if not -rank <= axis < rank:
        raise errors.InvalidArgumentError(
            None,
            None,
            "-input rank(-%d) <= split_dim < input rank (%d), but got %d\n"
            "(learntf: axis must be one of the tensor's %d axes.)" % (rank, rank, axis, rank),
        )
    return axis % rank


def _split_kernel(split_dim, value, num_split):
    axis = _kernel_split_axis(split_dim, value)
    if value.shape[axis] % num_split:
        raise errors.InvalidArgumentError(
            None,
            None,
            "Number of ways to split should evenly divide the split dimension, but "
            "got split_dim %d (size = %d) and num_split %d\n(learntf: pass a list of sizes "
            "instead, e.g. tf.split(x, [a, b], axis).)" % (axis, value.shape[axis], num_split),
        )
    return tuple(np.split(value, num_split, axis=axis))


def _filled_in_sizes(sizes, total):
    """size_splits with its one -1 replaced by what is left of `total` (None if unknown); None
    if the sizes cannot cut `total` exactly."""
    sizes = [int(s) for s in sizes]
    unknown = [i for i, s in enumerate(sizes) if s == -1]
    if len(unknown) > 1:
        return None
    known = builtins.sum(s for s in sizes if s != -1)
    if unknown:
        if total is None:
            sizes[unknown[0]] = None
        elif known > total:
            return None
        else:
            sizes[unknown[0]] = total - known
    elif total is not None and known != total:
        return None
    return sizes


def _split_v_infer(value, size_splits, split_dim, num_split):
    check_index_dtype("split_dim", split_dim, allowed=(dtypes.int32,), attr=None, index=2)
    axis = _split_axis_infer(split_dim, value)
    if size_splits.shape.rank == 1 and size_splits.shape[0] not in (None, num_split):
        raise ShapeError(
            "Length of size_splits should be equal to num_outputs",
            "num=%d, but %d sizes were given" % (num_split, size_splits.shape[0]),
        )
    sizes = inferred_value(size_splits)
    if sizes is None:
        return _pieces_shapes(value, axis, [None] * num_split)
    total = None if axis is None else value.shape[axis]
    filled = _filled_in_sizes(np.reshape(sizes, -1), total)
    if filled is None:
        error = ShapeError(
            "can't split axis of size %s into pieces of size [%s]"
            % (total, ",".join(str(int(s)) for s in np.reshape(sizes, -1))),
            "the sizes must add up to the axis's length (one of them may be -1)",
        )
        if -1 not in np.reshape(sizes, -1):  # (TF's SplitV kernel)
            error.eager_words = (
                "Determined shape must either match input shape along split_dim exactly if "
                "fully specified, or be less than the size of the input along split_dim if "
                "not fully specified.  Got: %d" % int(np.sum(sizes))
            )
        raise error
    return _pieces_shapes(value, axis, filled)


def _split_v_kernel(value, size_splits, split_dim, num_split):
    axis = _kernel_split_axis(split_dim, value)
    if size_splits.ndim != 1 or size_splits.size != num_split:
        raise errors.InvalidArgumentError(
            None,
            None,
            "size of the split_tensor must be 1-D and have the same elements as "
            "outputs got %d -D and %d elements\n(learntf: num=%d, but %d sizes were given.)"
            % (size_splits.ndim, size_splits.size, num_split, size_splits.size),
        )
    sizes = _filled_in_sizes(size_splits.tolist(), value.shape[axis])
    if sizes is None:
        raise errors.InvalidArgumentError(
            None,
            None,
            "Determined shape must either match input shape along split_dim exactly "
            "if fully specified, or be less than the size of the input along split_dim if not "
            "fully specified.  Got: %d\n(learntf: the sizes must add up to %d, the length of "
            "axis %d; one of them may be -1.)"
            % (builtins.sum(size_splits.tolist()), value.shape[axis], axis),
        )
    return tuple(np.split(value, np.cumsum(sizes)[:-1], axis=axis))


register_op(
    "Split",
    ["split_dim", "value"],
    _split_infer,
    _split_kernel,
    num_outputs="num_split",
    default_name="split",
    type_input=1,
)
register_op(
    "SplitV",
    ["value", "size_splits", "split_dim"],
    _split_v_infer,
    _split_v_kernel,
    num_outputs="num_split",
    default_name="split",
)


def split(value, num_or_size_splits, axis=0, num=None, name="split"):
    """`value` cut along `axis` into a list of tensors: `num_or_size_splits` equal pieces
    (op Split) or pieces of the listed sizes (op SplitV; `num` says how many when a size
    tensor does not tell)."""
    if isinstance(num_or_size_splits, (int, np.integer)) and not isinstance(
        num_or_size_splits, bool
    ):
        return list(apply_op("Split", [axis, value], {"num_split": int(num_or_size_splits)}, name))
    size_splits = convert_to_tensor(num_or_size_splits)
    if size_splits.shape.rank == 0:
        raise ValueError(
            "Rank-0 tensors are not supported as the num_or_size_splits argument "
            "to split. Argument provided: %s" % (num_or_size_splits,)
        )
    if num is None:
        num = size_splits.shape[0] if size_splits.shape.rank else None
        if num is None:
            raise ValueError("Cannot infer argument `num` from shape %s" % (num_or_size_splits,))
    return list(apply_op("SplitV", [value, size_splits, axis], {"num_split": int(num)}, name))


# -- set difference --------------------------------------------------------------------------------
def _list_diff_infer(x, y, out_idx):
    for arg_name, tensor in (("x", x), ("y", y)):
        if tensor.shape.rank not in (None, 1):
            raise ShapeError(
                "Shape must be rank 1 but is rank %d" % tensor.shape.rank,
                "tf.setdiff1d compares two vectors; flatten %s with "
                "tf.reshape(%s, [-1])" % (arg_name, arg_name),
            )
    return [(x.dtype, TensorShape([None])), (out_idx, TensorShape([None]))]


def _list_diff_kernel(x, y, out_idx):
    """The values of x not in y, in x's order (repeats kept), and where they sit in x."""
    for arg_name, array in (("x", x), ("y", y)):
        if array.ndim != 1:
            raise errors.InvalidArgumentError(None, None, "%s should be a 1D vector." % arg_name)
    keep = ~np.isin(x, y)
    return x[keep], np.flatnonzero(keep).astype(out_idx.np)


register_op(
    "ListDiff", ["x", "y"], _list_diff_infer, _list_diff_kernel, num_outputs=2, same_dtype=True
)
no_gradient_in_tensorflow("ListDiff")


ListDiffOutput = collections.namedtuple("ListDiff", ["out", "idx"])  # (as TF names them)


def setdiff1d(x, y, index_dtype=dtypes.int32, name=None):
    """(out, idx): the values of vector x that are not in y, in x's order, and their indices
    in x (op ListDiff)."""
    return ListDiffOutput(
        *apply_op("ListDiff", [x, y], {"out_idx": dtypes.as_dtype(index_dtype)}, name or "ListDiff")
    )


def _transpose_infer(x, perm):
    check_index_dtype("perm", perm, attr="Tperm")
    order = inferred_value(perm)
    rank = x.shape.rank
    if order is None:
        if rank is None and perm.shape.rank == 1 and perm.shape[0] is not None:
            rank = perm.shape[0]
        return [(x.dtype, TensorShape(None if rank is None else [None] * rank))]
    order = [int(p) for p in np.reshape(order, -1)]
    if rank is None:
        return [(x.dtype, TensorShape([None] * len(order)))]
    if len(order) != rank:
        error = ShapeError(
            "Dimension must be %d but is %d" % (rank, len(order)),
            "perm must list every axis of the input exactly once",
        )
        error.eager_words = (  # (TF's Transpose kernel)
            "transpose expects a vector of size %d. But input(1) is a vector of size %d"
            % (rank, len(order))
        )
        raise error
    if sorted(p % max(rank, 1) for p in order) != list(builtins.range(rank)):
        error = ShapeError(
            "%s is not a permutation of 0..%d" % (order, rank - 1),
            "perm must list every axis of the input exactly once",
        )
        missing = min(set(builtins.range(rank)) - {p % max(rank, 1) for p in order})
        error.eager_words = "%d is missing from {%s}." % (missing, ",".join(map(str, order)))
        raise error
    dims = x.shape.as_list()
    return [(x.dtype, TensorShape([dims[p] for p in order]))]


def _transpose_kernel(x, perm):
    order = perm.tolist()
    if sorted(order) != list(builtins.range(x.ndim)):
        raise errors.InvalidArgumentError(
            None,
            None,
            "transpose expects a vector of size %d. But input(1) is a vector of "
            "size %d" % (x.ndim, len(order))
            if len(order) != x.ndim
            else "%d is missing from {%s}."  # (TF's words: the first axis perm leaves out)
            % (
                min(set(builtins.range(x.ndim)) - set(order)),
                ",".join(map(str, order)),
            ),
        )
    return np.transpose(x, order)


register_op(
    "Transpose", ["x", "perm"], _transpose_infer, _transpose_kernel, default_name="transpose"
)


def transpose(a, perm=None, name="transpose", conjugate=False):
    """`a` with its axes reordered by `perm` (reversed when perm is None)."""
    if perm is None and type(a).__name__ == "EagerTensor":  # eager: no names, no conversions
        return apply_op(
            "Transpose", [a, eager_int32(tuple(builtins.range(a.ndim - 1, -1, -1)))], {}, None
        )
    with name_scope(name, "transpose", [a]) as scope:
        if not isinstance(a, Tensor) and not _is_eager_tensor(a):
            a = convert_to_tensor(a, name="a")
        if perm is None:
            rank_known = a.shape.rank
            if rank_known is None:  # Range(Rank(a) - 1, -1, -1), computed when it runs
                perm = apply_op(
                    "Range", [apply_op("Rank", [a], {}, "Rank") - 1, -1, -1], {}, "Range"
                )
            elif context.executing_eagerly():
                perm = eager_int32(tuple(builtins.range(rank_known - 1, -1, -1)))
            else:
                perm = np.arange(rank_known - 1, -1, -1, dtype=np.int32)
        return apply_op("Transpose", [a, perm], {}, scope)


def _tile_infer(input, multiples):
    check_index_dtype("multiples", multiples, attr="Tmultiples")
    times = inferred_shape(multiples)  # a vector of counts reads like a shape
    rank = input.shape.rank
    if rank is None:
        rank = times.rank
    if rank is None:
        return [(input.dtype, TensorShape(None))]
    if times.rank is not None and times.rank != rank:
        error = ShapeError(
            "Shape must be rank %d but is rank %d" % (rank, times.rank),
            "tf.tile needs one multiple per axis of the input",
        )
        error.eager_words = (  # (TF's Tile kernel)
            "Expected multiples argument to be a vector of length %d but got length %d"
            % (rank, times.rank)
        )
        raise error
    dims = input.shape.as_list() if input.shape.rank is not None else [None] * rank
    counts = times.as_list() if times.rank is not None else [None] * rank
    known = inferred_value(multiples)  # (a shape reads -1 as unknown: the values themselves)
    known = [] if known is None else [int(m) for m in np.reshape(known, -1)]
    negative = [(i, m) for i, m in enumerate(known) if m < 0]
    if negative:  # (TF's Tile kernel; never NumPy's "negative dimensions")
        raise ShapeError(
            "Expected multiples[%d] >= 0, but got %d" % negative[0],
            "a multiple counts copies: 0 or more",
        )
    return [
        (
            input.dtype,
            TensorShape([None if d is None or m is None else d * m for d, m in zip(dims, counts)]),
        )
    ]


def _tile_kernel(input, multiples):
    counts = np.reshape(multiples, -1)
    if counts.size != input.ndim:
        raise errors.InvalidArgumentError(
            None,
            None,
            "Expected multiples argument to be a vector of length %d but got length "
            "%d" % (input.ndim, counts.size),
        )
    if np.any(counts < 0):  # (TF's words, never NumPy's "negative dimensions")
        i = int(np.argmax(counts < 0))
        raise errors.InvalidArgumentError(
            None, None, "Expected multiples[%d] >= 0, but got %d" % (i, counts[i])
        )
    memory.check_allocation([int(c) * n for c, n in zip(counts, input.shape)], input.dtype)
    return np.tile(input, counts)


register_op("Tile", ["input", "multiples"], _tile_infer, _tile_kernel)


def tile(input, multiples, name=None):
    """`input` repeated `multiples[i]` times along each axis i."""
    return apply_op("Tile", [input, multiples], {}, name or "Tile")


def _broadcast_to_infer(input, shape):
    check_index_dtype("shape", shape)
    target = inferred_shape(shape)
    if target.rank is not None and input.shape.rank is not None:
        if input.shape.rank > target.rank:
            raise ShapeError(
                "Rank of input (%d) must be no greater than rank of output shape "
                "(%d)." % (input.shape.rank, target.rank)
            )
        broadcast = broadcast_shape(input.shape, target)
        target = TensorShape(
            [t if t is not None else b for t, b in zip(target.as_list(), broadcast.as_list())]
        )
    return [(input.dtype, target)]


def _broadcast_to_kernel(input, shape):
    memory.check_allocation([max(int(d), 0) for d in np.reshape(shape, -1)], input.dtype)
    try:
        return np.array(np.broadcast_to(input, tuple(np.reshape(shape, -1))))
    except ValueError:
        raise errors.InvalidArgumentError(
            None,
            None,
            "Incompatible shapes: [%s] vs. [%s]"
            % (",".join(map(str, input.shape)), ",".join(map(str, np.reshape(shape, -1)))),
        ) from None


register_op("BroadcastTo", ["input", "shape"], _broadcast_to_infer, _broadcast_to_kernel)


def _broadcast_gradient_args(s0, s1):
    """For shapes s0, s1 broadcast together: the axes of the result along which each input
    was stretched or had size 1 (or lacked the axis), where its gradient must be summed."""
    if np.array_equal(s0, s1):
        return np.array([], dtype=s0.dtype), np.array([], dtype=s1.dtype)
    rank = max(len(s0), len(s1))
    padded0 = [1] * (rank - len(s0)) + list(s0)
    padded1 = [1] * (rank - len(s1)) + list(s1)
    for d0, d1 in zip(padded0, padded1):
        if d0 != d1 and d0 != 1 and d1 != 1:
            raise errors.InvalidArgumentError(
                None,
                None,
                "Incompatible shapes: [%s] vs. [%s]"
                % (",".join(map(str, s0)), ",".join(map(str, s1))),
            )
    r0 = [axis for axis, d in enumerate(padded0) if d == 1]
    r1 = [axis for axis, d in enumerate(padded1) if d == 1]
    return np.array(r0, dtype=s0.dtype), np.array(r1, dtype=s1.dtype)


register_op(
    "BroadcastGradientArgs",
    ["s0", "s1"],
    lambda s0, s1: [(s0.dtype, TensorShape([None])), (s0.dtype, TensorShape([None]))],
    _broadcast_gradient_args,
    num_outputs=2,
    same_dtype=True,
)


def broadcast_to(input, shape, name=None):
    """`input` repeated along axes of size 1 (or new leading axes) to `shape`."""
    return apply_op("BroadcastTo", [input, shape], {}, name or "BroadcastTo")


# -- Pad(input, paddings), PadV2 with a value, MirrorPad ---------------------------------------
def _pad_infer(input, paddings, *constant_values, **mode):
    check_index_dtype("paddings", paddings, attr="Tpaddings")
    amounts = inferred_value(paddings)
    rank = input.shape.rank
    if rank is None and paddings.shape.rank == 2:
        rank = paddings.shape[0]
    if rank is None:
        return [(input.dtype, TensorShape(None))]
    if amounts is None:
        return [(input.dtype, TensorShape([None] * rank))]
    amounts = np.reshape(amounts, (-1, 2))
    if len(amounts) != rank:
        raise ShapeError(
            "The first dimension of paddings must be the rank of inputs[%d,2] %s"
            % (len(amounts), input.shape.proto_str())
        )
    dims = input.shape.as_list() if input.shape.rank is not None else [None] * rank
    return [
        (
            input.dtype,
            TensorShape(
                [None if d is None else d + int(a) + int(b) for d, (a, b) in zip(dims, amounts)]
            ),
        )
    ]


def _pad_kernel(input, paddings, constant_values=0):
    if np.any(paddings < 0):
        before, after = paddings[np.any(paddings < 0, axis=1)][0]  # (TF names the first axis)
        raise errors.InvalidArgumentError(
            None, None, "Paddings must be non-negative: %d %d" % (before, after)
        )
    return np.pad(input, paddings, constant_values=np.asarray(constant_values, input.dtype))


def _mirror_pad_kernel(input, paddings, mode):
    return np.pad(input, paddings, mode="reflect" if mode == "REFLECT" else "symmetric")


register_op("Pad", ["input", "paddings"], _pad_infer, _pad_kernel)
register_op("PadV2", ["input", "paddings", "constant_values"], _pad_infer, _pad_kernel)
register_op("MirrorPad", ["input", "paddings"], _pad_infer, _mirror_pad_kernel)


def _mirror_pad_grad_infer(input, paddings, mode):
    """The shape MirrorPad started from: each dimension less its paddings."""
    ((dtype, padded),) = _pad_infer(input, paddings)
    amounts = inferred_value(paddings)
    if amounts is None or input.shape.rank is None:
        return [(dtype, TensorShape([None] * padded.rank) if padded.rank is not None else padded)]
    dims = input.shape.as_list()
    return [
        (
            dtype,
            TensorShape(
                [
                    None if d is None else d - int(a) - int(b)
                    for d, (a, b) in zip(dims, np.reshape(amounts, (-1, 2)))
                ]
            ),
        )
    ]


def _mirror_pad_grad_kernel(input, paddings, mode):
    """MirrorPad's adjoint: each mirrored value's gradient is added back onto the value it
    copied (REFLECT leaves the edge out of the mirror, SYMMETRIC repeats it)."""
    offset = 1 if mode == "REFLECT" else 0
    grad = input
    for axis, (before, after) in enumerate(np.reshape(paddings, (-1, 2))):
        g = np.moveaxis(grad, axis, 0)
        size = g.shape[0] - before - after
        x = g[before : before + size].copy()
        x[offset : offset + before] += g[:before][::-1]
        x[size - offset - after : size - offset] += g[before + size :][::-1]
        grad = np.moveaxis(x, 0, axis)
    return grad


register_op("MirrorPadGrad", ["input", "paddings"], _mirror_pad_grad_infer, _mirror_pad_grad_kernel)


def pad(tensor, paddings, mode="CONSTANT", name=None, constant_values=0):
    """`tensor` with paddings[i] = [before, after] values added along each axis i: zeros (or
    `constant_values`), or a mirror of the edge (mode REFLECT or SYMMETRIC)."""
    mode = mode.upper()
    if mode == "CONSTANT":
        if (
            not hasattr(constant_values, "dtype")
            and np.ndim(constant_values) == 0
            and constant_values == 0
        ):
            return apply_op("Pad", [tensor, paddings], {}, name or "Pad")
        return _pad_v2(tensor, paddings, constant_values, name)
    if mode in ("REFLECT", "SYMMETRIC"):
        return apply_op("MirrorPad", [tensor, paddings], {"mode": mode}, name or "MirrorPad")
    raise ValueError(
        'Value of argument `mode` expected to be one of "CONSTANT", "REFLECT", or '
        '"SYMMETRIC". Received `mode` = %s' % mode
    )


def _pad_v2(tensor, paddings, constant_values, name):
    with name_scope(name, "PadV2", [tensor, paddings, constant_values]) as scope:
        tensor = convert_to_tensor(tensor, name="input")
        paddings = convert_to_tensor(paddings, name="paddings")
        values = convert_to_tensor(constant_values, dtype=tensor.dtype, name="constant_values")
        return apply_op("PadV2", [tensor, paddings, values], {}, scope)


# -- choosing -----------------------------------------------------------------------------------
def _check_condition(op_type, condition):
    if condition.dtype is not dtypes.bool_:
        raise TypeError(
            "Input 'condition' of '%s' Op has type %s that does not match "
            "expected type of bool." % (op_type, condition.dtype.name)
        )


def _merged(a, b):
    """Two shapes that must be equal, merged (TF's shape-function Merge), or a ShapeError."""
    if a.rank is not None and b.rank is not None:
        if a.rank != b.rank:
            raise ShapeError("Shapes must be equal rank, but are %d and %d" % (a.rank, b.rank))
        for i, (p, q) in enumerate(zip(a.as_list(), b.as_list())):
            if p is not None and q is not None and p != q:
                raise ShapeError(
                    "Dimension %d in both shapes must be equal, but are %d and %d. "
                    "Shapes are %s and %s." % (i, p, q, a.proto_str(), b.proto_str())
                )
    return a.merge_with(b)


def _select_infer(condition, t, e):
    """TF1's Select: t and e of one shape; the condition of that shape, a scalar, or a vector
    that picks whole rows."""
    _check_condition("Select", condition)
    data = _merged(t.shape, e.shape)
    cond = condition.shape
    if cond.rank is None or data.rank is None or cond.rank == 0:
        return [(t.dtype, data)]
    if cond.rank != 1 or data.rank == 0:
        return [(t.dtype, _merged(data, cond))]
    _merged(cond, TensorShape([data.as_list()[0]]))
    return [(t.dtype, data)]


def _select_v2_infer(condition, t, e):
    _check_condition("SelectV2", condition)
    try:
        return [(t.dtype, broadcast_shape(condition.shape, broadcast_shape(t.shape, e.shape)))]
    except ShapeError as error:
        error.eager_words = "condition %s, then %s, and else %s must be broadcastable" % (
            condition.shape.proto_str(),
            t.shape.proto_str(),
            e.shape.proto_str(),
        )  # (TF's SelectV2 kernel)
        raise


def _select_kernel(condition, t, e):
    if condition.ndim == 1 and t.ndim > 1:  # v1 Select picks whole rows with a vector
        condition = condition.reshape((-1,) + (1,) * (t.ndim - 1))
    return np.where(condition, t, e)


register_op("Select", ["condition", "t", "e"], _select_infer, _select_kernel, type_input=1)
register_op("SelectV2", ["condition", "t", "e"], _select_v2_infer, np.where, type_input=1)


def _where_infer(condition):
    rank = condition.shape.rank
    return [(dtypes.int64, TensorShape([None, rank]))]


def _where_kernel(condition):
    if condition.dtype == np.float16:  # TF has no CPU kernel for half
        raise errors.UnimplementedError(None, None, "No WhereOp available for float16/half.")
    return np.argwhere(condition).astype(np.int64)


register_op("Where", ["input"], _where_infer, _where_kernel)


def _select(op_type, condition, x, y, name):
    """Select/SelectV2 with t and e converted inside the op's scope, y taking x's dtype.
    (The op is made after the scope closes: TF's where() opens none of its own, so a
    GradientTape records the op in the caller's scope.)"""
    with name_scope(name, op_type, [condition, x, y]) as scope:
        if not _known_dtype(x) and _known_dtype(y):
            y = convert_to_tensor(y, name="e")
            x = convert_to_tensor(x, dtype=y.dtype, name="t")
        else:
            x = convert_to_tensor(x, name="t")
            y = convert_to_tensor(y, dtype_hint=x.dtype, name="e")
        if y.dtype.base_dtype is not x.dtype.base_dtype and context.executing_eagerly():
            raise _eager_mismatch(op_type, 2, x.dtype, y.dtype)
        if y.dtype.base_dtype is not x.dtype.base_dtype:
            raise TypeError(
                "Input 'e' of '%s' Op has type %s that does not match type %s of "
                "argument 't'." % (op_type, y.dtype.name, x.dtype.name)
            )
    return apply_op(op_type, [condition, x, y], {}, scope)


def _known_dtype(value):
    return isinstance(getattr(value, "dtype", None), dtypes.DType) and not isinstance(
        value, np.ndarray
    )


def _where_indices(condition, name):
    with name_scope(name, "Where", [condition]) as scope:
        condition = convert_to_tensor(condition, preferred_dtype=dtypes.bool_, name="condition")
        return apply_op("Where", [condition], {}, scope)


def where(condition, x=None, y=None, name=None):
    """TF1's `tf.where`: elements of x where condition is True, else of y (a `Select`: x and y
    of one shape, the condition of that shape or a vector choosing rows); with only a
    condition, the indices of its True elements."""
    if x is None and y is None:
        return _where_indices(condition, name)
    if x is None or y is None:
        raise ValueError("x and y must both be non-None or both be None.")
    return _select("Select", condition, x, y, name)


def where_v2(condition, x=None, y=None, name=None):
    """TF2's `tf.where`: like `where`, but condition, x and y broadcast (a `SelectV2`)."""
    if x is None and y is None:
        return _where_indices(condition, name)
    if x is None or y is None:
        raise ValueError("x and y must both be non-None or both be None.")
    return _select("SelectV2", condition, x, y, name)


# -- indexing: t[i, j], t[:, 1:], t[..., 1] ------------------------------------------------------
# StridedSlice(input, begin, end, strides) with five bit masks, as TF's `__getitem__` builds it:
# entry i of begin/end/strides is one item of the Python index; bit i of a mask says what that
# item is: begin_mask/end_mask an omitted bound (`:`), ellipsis_mask `...`, new_axis_mask
# tf.newaxis (None), shrink_axis_mask a single index (the axis disappears).
_MASKS = ("begin_mask", "end_mask", "ellipsis_mask", "new_axis_mask", "shrink_axis_mask")


def _python_slices(
    count, begin, end, strides, begin_mask, end_mask, ellipsis_mask, new_axis_mask, shrink_axis_mask
):
    """The Python index (ints, slices, Ellipsis, None) that the sparse slice spec stands for;
    begin/end/strides are lists of ints, or None where unknown (then they read as None)."""
    index = []
    for i in builtins.range(count):
        bit = 1 << i
        if ellipsis_mask & bit:
            index.append(Ellipsis)
        elif new_axis_mask & bit:
            index.append(None)
        elif shrink_axis_mask & bit:
            index.append(begin[i])
        else:
            index.append(
                builtins.slice(
                    None if begin_mask & bit else begin[i],
                    None if end_mask & bit else end[i],
                    strides[i],
                )
            )
    return index


def _dense_items(index, rank):
    """`index` with its ellipsis expanded (one is implied at the end) to cover `rank` axes:
    a list of (item, input axis or None for a new axis, position in `index` or None)."""
    real = sum(1 for item in index if item is not None and item is not Ellipsis)
    if real > rank:
        raise ShapeError(
            "Index out of range using input dim %d; input has only %d dims" % (rank, rank)
        )
    if Ellipsis not in index:
        index = index + [Ellipsis]
    items, axis = [], 0
    for position, item in enumerate(index):
        if item is Ellipsis:
            for _ in builtins.range(rank - real):
                items.append((builtins.slice(None), axis, None))
                axis += 1
            real = rank  # a second ellipsis expands to nothing
        elif item is None:
            items.append((None, None, position))
        else:
            items.append((item, axis, position))
            axis += 1
    return items


_UNKNOWN_INDEX = object()  # a single index whose value is known only when the graph runs


def _strided_slice_infer(input, begin, end, strides, **masks):
    for arg_name, tensor in (("begin", begin), ("end", end), ("strides", strides)):
        check_index_dtype(arg_name, tensor, attr="Index")
    count = begin.shape[0] if begin.shape.rank == 1 else None
    if input.shape.rank is None or count is None:
        return [(input.dtype, TensorShape(None))]
    values = [inferred_value(t) for t in (begin, end, strides)]
    begin_v, end_v, strides_v = (
        [None] * count if v is None else [int(x) for x in v] for v in values
    )
    if any(stride == 0 for stride in strides_v):
        raise ShapeError("strides[%d] must be non-zero" % strides_v.index(0))
    shrunk = [v if v is not None else _UNKNOWN_INDEX for v in begin_v]
    index = _python_slices(
        count, shrunk if masks["shrink_axis_mask"] else begin_v, end_v, strides_v, **masks
    )
    index = [
        builtins.slice(None if item.start is _UNKNOWN_INDEX else item.start, item.stop, item.step)
        if isinstance(item, builtins.slice)
        else item
        for item in index
    ]
    dims = input.shape.as_list()
    result = []
    for item, axis, position in _dense_items(index, len(dims)):
        if axis is None:
            result.append(1)
            continue
        size = dims[axis]
        if not isinstance(item, builtins.slice):  # a single index: the axis goes away
            if item is not _UNKNOWN_INDEX and size is not None and not -size <= item < size:
                raise ShapeError(
                    "slice index %d of dimension %d out of bounds." % (item, axis),
                    "valid indices for this axis are %d..%d" % (-size, size - 1),
                )
            continue
        if position is not None:
            bit = 1 << position
            known = (
                strides_v[position] is not None
                and (begin_v[position] is not None or masks["begin_mask"] & bit)
                and (end_v[position] is not None or masks["end_mask"] & bit)
            )
        else:
            known = True
        result.append(len(builtins.range(size)[item]) if known and size is not None else None)
    return [(input.dtype, TensorShape(result))]


def _strided_slice_kernel(input, begin, end, strides, **masks):
    strides = strides.tolist()
    if 0 in strides:
        raise errors.InvalidArgumentError(
            None, None, "strides[%d] must be non-zero" % strides.index(0)
        )
    index = _python_slices(len(strides), begin.tolist(), end.tolist(), strides, **masks)
    try:
        return input[tuple(index)]
    except IndexError:
        for item, axis, _ in _dense_items(index, input.ndim):
            if (
                axis is not None
                and not isinstance(item, builtins.slice)
                and not -input.shape[axis] <= item < input.shape[axis]
            ):
                raise errors.InvalidArgumentError(
                    None, None, "slice index %d of dimension %d out of bounds." % (item, axis)
                ) from None
        raise


register_op(
    "StridedSlice",
    ["input", "begin", "end", "strides"],
    _strided_slice_infer,
    _strided_slice_kernel,
)


def slice_inputs(sliced, key):
    """For `v[key].assign(x)`: the begin, end and strides tensors and the masks of the
    StridedSlice that made `sliced` (in eager mode, made again from `key`).  TF's sliced
    assignment reuses them."""
    if context.executing_eagerly():
        begin, end, strides, masks = slice_spec(key)
        return [eager_int32(tuple(part)) for part in (begin, end, strides)], masks
    op = sliced.op
    return list(op.inputs[1:4]), {mask: op.attrs[mask] for mask in _MASKS}


def slice_assign_infer(ref, begin, end, strides, value, **masks):
    for arg_name, tensor in (("begin", begin), ("end", end), ("strides", strides)):
        check_index_dtype(arg_name, tensor, attr="Index")
    return []


def assign_strided_slice(current, begin, end, strides, value, **masks):
    """A copy of `current` with `value` (broadcast to the slice's shape, as TF 2 does) stored
    in the slice a StridedSlice with these inputs would read: the kernel of TF's
    StridedSliceAssign ops."""
    index = tuple(
        _python_slices(len(strides), begin.tolist(), end.tolist(), strides.tolist(), **masks)
    )
    new = np.array(current, copy=True)
    target = np.shape(new[index])
    try:
        value = np.broadcast_to(value, target)
    except ValueError:
        raise errors.InvalidArgumentError(
            None,
            None,
            "Cannot broadcast input shape %s into final shape %s\n(learntf: the "
            "value must have the slice's shape, or one that broadcasts to it.)"
            % (list(np.shape(value)), list(target)),
        ) from None
    new[index] = value
    return new


def strided_slice(
    input_,
    begin,
    end,
    strides=None,
    begin_mask=0,
    end_mask=0,
    ellipsis_mask=0,
    new_axis_mask=0,
    shrink_axis_mask=0,
    var=None,
    name=None,
):
    """`input_[begin:end:strides]` axis by axis; the masks as TF's `__getitem__` sets them."""
    if strides is None:
        strides = ones_like(begin)
    return apply_op(
        "StridedSlice",
        [input_, begin, end, strides],
        {
            "begin_mask": begin_mask,
            "end_mask": end_mask,
            "ellipsis_mask": ellipsis_mask,
            "new_axis_mask": new_axis_mask,
            "shrink_axis_mask": shrink_axis_mask,
        },
        name or "StridedSlice",
    )


_SLICE_TYPE_ERROR = (
    "Only integers, slices (`:`), ellipsis (`...`), tf.newaxis (`None`) and "
    "scalar tf.int32/tf.int64 tensors are valid indices"
)


def _check_index(item):
    """TF's check on one index: a Python integer, or a scalar integer tensor."""
    if isinstance(item, (int, np.integer)) and not isinstance(item, (bool, np.bool_)):
        return
    if isinstance(item, np.ndarray) and item.ndim == 0 and item.dtype.kind in "iu":
        return
    dtype = getattr(item, "dtype", None)
    if (
        not isinstance(dtype, dtypes.DType)
        or dtype not in (dtypes.int16, dtypes.int32, dtypes.int64)
        or (item.shape.rank == 1)
    ):
        raise TypeError(_SLICE_TYPE_ERROR + ", got %r" % (item,))


def slice_spec(key):
    """TF's `_slice_helper` bookkeeping for a Python index: the begin, end and strides lists
    (Python ints or scalar tensors) and the five masks.  Tensor bounds add ops (`i + 1`)."""
    if not isinstance(key, (list, tuple)):
        key = [key]
    begin, end, strides = [], [], []
    masks = dict.fromkeys(_MASKS, 0)
    for position, item in enumerate(key):
        bit = 1 << position
        if isinstance(item, builtins.slice):
            bound_dtype = _bound_dtype(item)
            for value, bounds, mask, default in (
                (item.start, begin, "begin_mask", 0),
                (item.stop, end, "end_mask", 0),
            ):
                if value is not None:
                    _check_index(value)
                    bounds.append(value)
                else:
                    bounds.append(
                        default if bound_dtype is None else constant(default, dtype=bound_dtype)
                    )
                    masks[mask] |= bit
            if item.step is not None:
                _check_index(item.step)
                strides.append(item.step)
            else:
                strides.append(1 if bound_dtype is None else constant(1, dtype=bound_dtype))
        elif item is Ellipsis or item is None:
            begin.append(0)
            end.append(0)
            strides.append(1)
            masks["ellipsis_mask" if item is Ellipsis else "new_axis_mask"] |= bit
        else:
            _check_index(item)
            begin.append(item)
            end.append(item + 1)
            wide = (isinstance(item, Tensor) or _is_eager_tensor(item)) and item.dtype in (
                dtypes.int16,
                dtypes.int64,
            )
            strides.append(constant(1, dtype=item.dtype) if wide else 1)
            masks["shrink_axis_mask"] |= bit
    return begin, end, strides, masks


def _bound_dtype(item):
    """The widest integer dtype among a slice's tensor bounds (int64 > int32 > int16)."""
    found = None
    for value in (item.start, item.stop, item.step):
        dtype = getattr(value, "dtype", None)
        if not isinstance(dtype, dtypes.DType) or isinstance(value, np.generic):
            continue
        if dtype is dtypes.int64:
            found = dtypes.int64
        elif dtype is dtypes.int32 and found is not dtypes.int64:
            found = dtypes.int32
        elif dtype is dtypes.int16 and found is None:
            found = dtypes.int16
    return found


def strided_slice_by_key(tensor, key, name=None):
    """`tensor[key]` for a Python index `key` (Tensor.__getitem__): one StridedSlice whose
    begin, end and strides are stacked inside its scope (`strided_slice/stack`, `stack_1`,
    `stack_2`), Consts when the index is made of Python ints."""
    if isinstance(key, (bool, np.bool_)) or (getattr(key, "dtype", None) is dtypes.bool_):
        raise TypeError("learntf does not support boolean indices; use tf.boolean_mask.")
    begin, end, strides, masks = slice_spec(key)
    if (
        context.executing_eagerly()
        and begin
        and all(type(v) is int for part in (begin, end, strides) for v in part)
    ):
        # eager, Python ints only: the three vectors as shared constants, no stacking
        packed = [eager_int32(tuple(part)) for part in (begin, end, strides)]
        return apply_op("StridedSlice", [tensor] + packed, masks, "StridedSlice")
    with name_scope(name, "strided_slice", [tensor]) as scope:
        if begin:
            packed = [stack(part) for part in (begin, end, strides)]
            if any(p.dtype is dtypes.int64 for p in packed):
                packed = [_cast(p, dtypes.int64) for p in packed]
        else:
            empty = constant([], dtype=dtypes.int32)
            packed = [empty] * 3
        return strided_slice(tensor, *packed, name=scope, **masks)


# -- Slice(input, begin, size) ------------------------------------------------------------------
def _slice_infer(input, begin, size):
    check_index_dtype("begin", begin, attr="Index")
    check_index_dtype("size", size, attr="Index")
    starts, sizes = inferred_value(begin), inferred_value(size)
    rank = input.shape.rank
    if rank is None:
        rank = begin.shape[0] if begin.shape.rank == 1 else None
    if rank is None:
        return [(input.dtype, TensorShape(None))]
    if sizes is None:
        return [
            (
                input.dtype,
                TensorShape(inferred_shape(size) if size.shape.rank == 1 else [None] * rank),
            )
        ]
    dims = input.shape.as_list() if input.shape.rank is not None else [None] * rank
    result = []
    for axis, (dim, count) in enumerate(zip(dims, np.reshape(sizes, -1).tolist())):
        if count != -1:
            result.append(count)
        elif dim is None or starts is None:
            result.append(None)
        else:
            result.append(dim - int(np.reshape(starts, -1)[axis]))
    return [(input.dtype, TensorShape(result))]


def _slice_kernel(input, begin, size):
    index = []
    for axis, (start, count) in enumerate(zip(begin.tolist(), size.tolist())):
        stop = input.shape[axis] if count == -1 else start + count
        if not 0 <= start <= stop <= input.shape[axis]:
            raise errors.InvalidArgumentError(
                None,
                None,
                "Expected size[%d] in [0, %d], but got %d"
                % (axis, input.shape[axis] - start, count),
            )
        index.append(builtins.slice(start, stop))
    return input[tuple(index)]


register_op("Slice", ["input", "begin", "size"], _slice_infer, _slice_kernel)


def slice(input_, begin, size, name=None):  # TF's name
    """The block of `input_` that starts at `begin` and has `size` (-1: to the end)."""
    return apply_op("Slice", [input_, begin, size], {}, name or "Slice")


newaxis = None


# -- OneHot(indices, depth, on_value, off_value), attr axis ----------------------------------
def _one_hot_infer(indices, depth, on_value, off_value, axis):
    check_index_dtype("indices", indices, (dtypes.uint8, dtypes.int32, dtypes.int64), attr="TI")
    check_index_dtype("depth", depth, (dtypes.int32,), attr=None, index=1)
    if on_value.dtype is not off_value.dtype:
        raise TypeError(
            "Input 'off_value' of 'OneHot' Op has type %s that does not match type "
            "%s of argument 'on_value'." % (off_value.dtype.name, on_value.dtype.name)
        )
    if indices.shape.rank is None:
        return [(on_value.dtype, TensorShape(None))]
    dims = indices.shape.as_list()
    if not -1 <= axis <= len(dims):
        raise ShapeError(
            "Expected axis to be -1 or between [0, %d).  But received: %d" % (len(dims) + 1, axis)
        )
    count = inferred_value(depth)
    if count is not None and count < 0:
        error = ShapeError(
            "Dimension size, given by scalar input 1, must be non-negative but is %d" % count,
            "depth is the number of classes, 1 or more",
        )
        error.eager_words = "depth must be non-negative, got: %d" % count  # (TF's kernel)
        raise error
    position = len(dims) if axis == -1 else axis
    return [
        (
            on_value.dtype,
            TensorShape(
                dims[:position] + [None if count is None else int(count)] + dims[position:]
            ),
        )
    ]


def _one_hot_kernel(indices, depth, on_value, off_value, axis):
    if depth < 0:
        raise errors.InvalidArgumentError(None, None, "depth must be non-negative, got: %d" % depth)
    eye = np.arange(int(depth)) == np.asarray(indices)[..., None]
    result = np.where(eye, on_value, off_value).astype(on_value.dtype)
    return result if axis == -1 else np.moveaxis(result, -1, axis)


register_op(
    "OneHot",
    ["indices", "depth", "on_value", "off_value"],
    _one_hot_infer,
    _one_hot_kernel,
    type_input=2,
)


def one_hot(indices, depth, on_value=None, off_value=None, axis=None, dtype=None, name=None):
    """A tensor with `on_value` at each index and `off_value` elsewhere (a new last axis, or
    `axis`); float32 1 and 0 unless the values or `dtype` say otherwise."""
    with name_scope(name, "one_hot", [indices, depth, on_value, off_value, axis, dtype]) as scope:
        dtype = None if dtype is None else dtypes.as_dtype(dtype)
        given = [
            convert_to_tensor(v, dtype_hint=dtype) if v is not None else None
            for v in (on_value, off_value)
        ]
        for value, which in zip(given, ("on_value", "off_value")):
            if value is not None and dtype is not None and value.dtype is not dtype:
                raise TypeError(
                    "dtype %s of %s does not match dtype parameter %s" % (value.dtype, which, dtype)
                )
        if dtype is None:
            dtype = next((v.dtype for v in given if v is not None), dtypes.float32)
        on_value = (
            given[0] if given[0] is not None else convert_to_tensor(1, dtype=dtype, name="on_value")
        )
        off_value = (
            given[1]
            if given[1] is not None
            else convert_to_tensor(0, dtype=dtype, name="off_value")
        )
        if on_value.dtype is not off_value.dtype:
            raise TypeError(
                "dtype %s of on_value does not match dtype %s of off_value"
                % (on_value.dtype, off_value.dtype)
            )
        return apply_op(
            "OneHot",
            [indices, depth, on_value, off_value],
            {"axis": -1 if axis is None else int(axis)},
            scope,
        )


def gather(params, indices, validate_indices=None, name=None, axis=None, batch_dims=0):
    """tf.gather (defined with the other index ops in gather_ops.py)."""
    from learntf.ops import gather_ops

    return gather_ops.gather(
        params,
        indices,
        validate_indices=validate_indices,
        name=name,
        axis=axis,
        batch_dims=batch_dims,
    )
