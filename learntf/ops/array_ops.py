"""Ops that create, reshape, combine and index tensors.

Placeholders (values fed at run time), zeros/ones/fill/range, reshape, concat, stack,
transpose, slicing with Python's `t[i, j]`, `t[:, 1:]`, `t[..., 1]`, and `where`.
Lesson 01 introduces placeholders; lesson 05 feeds them in mini-batches.
"""
import builtins

import numpy as np

from learntf import dtypes
from learntf import errors
from learntf.framework.apply import apply_op, ShapeError
from learntf.framework.constant_op import constant, convert_to_tensor
from learntf.framework.graph import name_scope
from learntf.framework.op_registry import register_op
from learntf.framework.tensor_shape import TensorShape
from learntf.framework.tensor_util import inferred_shape, inferred_value
from learntf.ops.shape_inference import broadcast_shape, check_index_dtype, reshaped


# -- placeholders ------------------------------------------------------------------------------
def _placeholder_kernel(dtype, shape):
    # Session.run checks feeds before running; this only fires if that check is bypassed.
    raise errors.InvalidArgumentError(None, None, "You must feed a value for placeholder tensor")


register_op("Placeholder", [], lambda dtype, shape: [(dtype, shape)], _placeholder_kernel,
            doc="A value supplied through feed_dict each time the graph runs.")


def placeholder(dtype, shape=None, name=None):
    """A tensor whose value must be fed: `sess.run(y, feed_dict={x: value})`."""
    from learntf.framework import context
    if context.executing_eagerly():
        raise RuntimeError("tf.placeholder() is not compatible with eager execution.\n"
                           + context.GRAPH_MODE_HINT)
    return apply_op("Placeholder", [], {"dtype": dtypes.as_dtype(dtype),
                                        "shape": TensorShape(shape)}, name or "Placeholder")


def _placeholder_with_default_infer(input, shape, dtype):  # noqa: A002
    return [(input.dtype, TensorShape(shape))]


register_op("PlaceholderWithDefault", ["input"], _placeholder_with_default_infer,
            lambda value, shape, dtype: value)


def placeholder_with_default(input, shape, name=None):  # noqa: A002
    input = convert_to_tensor(input)
    return apply_op("PlaceholderWithDefault", [input],
                    {"shape": TensorShape(shape), "dtype": input.dtype},
                    name or "PlaceholderWithDefault")


# -- creating values ----------------------------------------------------------------------------
def _fill_infer(value, dims):
    return [(value.dtype, TensorShape(dims))]


register_op("Fill", ["value"], _fill_infer,
            lambda value, dims: np.full(dims, value, dtype=value.dtype))


def fill(dims, value, name=None):
    dims = _static_list(dims, "dims")
    return apply_op("Fill", [value], {"dims": tuple(dims)}, name or "Fill")


def _filled(value, shape, dtype, name):
    shape = tuple(_static_list(shape, "shape"))
    dtype = dtypes.as_dtype(dtype)
    if int(np.prod(shape)) < 1000:  # small ones are stored as constants, as TF does
        return constant(value, dtype=dtype, shape=shape, name=name)
    with name_scope(name) as scope:
        return apply_op("Fill", [constant(value, dtype=dtype)], {"dims": shape}, scope)


def zeros(shape, dtype=dtypes.float32, name=None):
    return _filled(0, shape, dtype, name or "zeros")


def ones(shape, dtype=dtypes.float32, name=None):
    return _filled(1, shape, dtype, name or "ones")


register_op("ZerosLike", ["x"], lambda x: [(x.dtype, x.shape)], np.zeros_like)
register_op("OnesLike", ["x"], lambda x: [(x.dtype, x.shape)], np.ones_like)


def zeros_like(input, dtype=None, name=None):  # noqa: A002
    result = apply_op("ZerosLike", [input], {}, name or "zeros_like")
    return result if dtype is None else _cast(result, dtype)


def ones_like(input, dtype=None, name=None):  # noqa: A002
    result = apply_op("OnesLike", [input], {}, name or "ones_like")
    return result if dtype is None else _cast(result, dtype)


def _cast(x, dtype):
    from learntf.ops.math_ops import cast
    return cast(x, dtype)


def range(start, limit=None, delta=1, dtype=None, name="range"):  # noqa: A001 - TF's name
    """Like Python's range: `tf.range(5)` is [0 1 2 3 4] (math_ops.range, where TF has it)."""
    from learntf.ops.math_ops import range as math_range
    return math_range(start, limit, delta, dtype=dtype, name=name)


# -- shapes -------------------------------------------------------------------------------------
def _static_list(value, what):
    """A Python list of ints from a list, tuple, TensorShape or constant tensor."""
    if hasattr(value, "op") and getattr(value.op, "type", None) == "Const":
        value = value.op.attrs["value"].tolist()
    if hasattr(value, "op"):
        raise TypeError("learntf needs `%s` as a Python list of ints, not the tensor %s "
                        "(shapes computed at run time are not supported)." % (what, value.name))
    if isinstance(value, TensorShape):
        value = value.as_list()
    if isinstance(value, (int, np.integer)):
        return [int(value)]
    return [int(v) for v in np.asarray(value).reshape(-1)]


def _known_value(value):
    """The value of a tensor known before running: an eager tensor's, or a constant's."""
    if hasattr(value, "numpy") and hasattr(value, "_value"):  # eager
        return value.numpy()
    if hasattr(value, "op") and getattr(value.op, "type", None) == "Const":
        return value.op.attrs["value"][()]
    return value


def _static_scalar(value, what):
    value = _known_value(value)
    if isinstance(value, np.generic):
        return value.item()
    if hasattr(value, "op"):
        raise TypeError("learntf needs `%s` as a Python number, not the tensor %s." % (what, value.name))
    return value


def _reshape_infer(tensor, shape):
    check_index_dtype("shape", shape)
    if shape.shape.rank is not None and shape.shape.rank > 1:
        raise ShapeError("Shape must be at most rank 1 but is rank %d" % shape.shape.rank)
    requested = inferred_shape(shape)
    value = inferred_value(shape)
    if value is not None and np.count_nonzero(np.reshape(value, -1) == -1) > 1:
        raise ShapeError("Cannot infer multiple unknown dimensions in shape %s"
                         % list(np.reshape(value, -1)))
    return [(tensor.dtype, reshaped(tensor.shape, requested))]


def _reshape_kernel(tensor, shape):
    try:
        return np.reshape(tensor, shape)
    except ValueError:
        requested = [int(d) for d in np.reshape(shape, -1)]
        known = int(np.prod([d for d in requested if d != -1]))
        if -1 in requested:
            raise errors.InvalidArgumentError(
                None, None, "Input to reshape is a tensor with %d values, but the requested "
                "shape requires a multiple of %d" % (tensor.size, known)) from None
        raise errors.InvalidArgumentError(
            None, None, "Input to reshape is a tensor with %d values, but the requested shape "
            "has %d" % (tensor.size, known)) from None


register_op("Reshape", ["tensor", "shape"], _reshape_infer, _reshape_kernel)


def reshape(tensor, shape, name=None):
    """`tensor` with the same values in another shape (a list, or a shape tensor computed by
    the graph, such as `tf.shape(y)`); -1 stands for "whatever is left"."""
    if isinstance(shape, TensorShape):
        shape = shape.as_list()
    return apply_op("Reshape", [tensor, shape], {}, name or "Reshape")


def _shape_infer(input, out_type):  # noqa: A002
    return [(out_type, TensorShape([input.shape.rank]))]


register_op("Shape", ["input"], _shape_infer,
            lambda input, out_type: np.array(input.shape, dtype=out_type.np))  # noqa: A002


def _statically(name, default_name, input, value_when_known, op_type, attrs):  # noqa: A002
    """TF's shape/size/rank: a Const named like the op when the answer is known while building
    (TF's optimize=True), else the op itself, computed when the graph runs."""
    from learntf.framework import context
    from learntf.framework.graph import name_scope
    with name_scope(name, default_name, [input]) as scope:
        if context.executing_eagerly():
            return apply_op(op_type, [input], attrs, scope)
        input = convert_to_tensor(input)
        known = value_when_known(input.shape)
        if known is not None:
            return constant(known, dtype=attrs.get("out_type", dtypes.int32), name=scope)
        return apply_op(op_type, [input], attrs, scope)


def shape(input, name=None, out_type=dtypes.int32):  # noqa: A002
    """The shape of `input` as a 1-D integer tensor (a Const when it is known statically)."""
    return _statically(name, "Shape", input,
                       lambda s: s.as_list() if s.is_fully_defined() else None,
                       "Shape", {"out_type": dtypes.as_dtype(out_type)})


def _size_when_known(static_shape):
    if static_shape.is_fully_defined():
        return static_shape.num_elements()
    if static_shape.rank is not None and 0 in static_shape.as_list():
        return 0
    return None


register_op("Size", ["input"], lambda input, out_type: [(out_type, TensorShape([]))],
            lambda input, out_type: np.array(input.size, dtype=out_type.np))  # noqa: A002
register_op("Rank", ["input"], lambda input: [(dtypes.int32, TensorShape([]))],
            lambda input: np.array(input.ndim, dtype=np.int32))  # noqa: A002


def size(input, name=None, out_type=dtypes.int32):  # noqa: A002
    """How many elements `input` has, as an integer scalar tensor."""
    return _statically(name, "Size", input, _size_when_known,
                       "Size", {"out_type": dtypes.as_dtype(out_type)})


def rank(input, name=None):  # noqa: A002
    """How many axes `input` has, as an int32 scalar tensor."""
    return _statically(name, "Rank", input, lambda s: s.rank, "Rank", {})


def _expand_dims_infer(input, axis):  # noqa: A002
    if input.shape.rank is None:
        return [(input.dtype, TensorShape(None))]
    dims = input.shape.as_list()
    rank = len(dims)
    if not -rank - 1 <= axis <= rank:
        raise ShapeError("Tried to expand dim index %d for tensor with %d dimensions." % (axis, rank))
    position = axis if axis >= 0 else rank + 1 + axis
    return [(input.dtype, TensorShape(dims[:position] + [1] + dims[position:]))]


register_op("ExpandDims", ["input"], _expand_dims_infer,
            lambda input, axis: np.expand_dims(input, axis))  # noqa: A002


def expand_dims(input, axis=None, name=None, dim=None):  # noqa: A002
    axis = dim if axis is None else axis
    return apply_op("ExpandDims", [input], {"axis": int(axis)}, name or "ExpandDims")


def _squeeze_infer(input, axis):  # noqa: A002
    if input.shape.rank is None:
        return [(input.dtype, TensorShape(None))]
    dims = input.shape.as_list()
    axes = [a % len(dims) for a in axis] if axis else [i for i, d in enumerate(dims) if d == 1]
    for a in axes:
        if dims[a] not in (1, None):
            raise ShapeError("Can not squeeze dim[%d], expected a dimension of 1, got %d"
                             % (a, dims[a]))
    return [(input.dtype, TensorShape([d for i, d in enumerate(dims) if i not in axes]))]


register_op("Squeeze", ["input"], _squeeze_infer,
            lambda input, axis: np.squeeze(input, axis=tuple(axis) if axis else None))  # noqa: A002


def squeeze(input, axis=None, name=None, squeeze_dims=None):  # noqa: A002
    axis = squeeze_dims if axis is None else axis
    axis = () if axis is None else ((axis,) if isinstance(axis, int) else tuple(axis))
    return apply_op("Squeeze", [input], {"axis": axis}, name or "Squeeze")


# -- combining ----------------------------------------------------------------------------------
def _concat_infer(*values, axis):
    rank = next((v.shape.rank for v in values if v.shape.rank is not None), None)
    if rank is None:
        return [(values[0].dtype, TensorShape(None))]
    if not -rank <= axis < rank:
        raise ShapeError("Shape must be at least rank %d but is rank %d" % (axis + 1, rank))
    axis %= rank
    result = None
    for v in values:
        if v.dtype is not values[0].dtype:
            raise TypeError("Tensors in list passed to 'values' of 'ConcatV2' Op have types "
                            "[%s] that don't all match." % ", ".join(t.dtype.name for t in values))
        if v.shape.rank is None:
            continue
        if v.shape.rank != rank:
            raise ShapeError("Shape must be rank %d but is rank %d" % (rank, v.shape.rank),
                             "every tensor passed to tf.concat needs the same rank")
        dims = v.shape.as_list()
        if result is None:
            result = dims
            continue
        for i, (a, b) in enumerate(zip(result, dims)):
            if i == axis:
                result[i] = None if a is None or b is None else a + b
            elif a is not None and b is not None and a != b:
                raise ShapeError("Dimension %d in both shapes must be equal, but are %d and %d. "
                                 "Shapes are %s and %s." % (i, a, b, TensorShape(result[:i] + [a] + result[i + 1:]).proto_str(), v.shape.proto_str()),
                                 "all dimensions except the concat axis must match")
            elif a is None:
                result[i] = b
    return [(values[0].dtype, TensorShape(result))]


register_op("ConcatV2", ["values*"], _concat_infer,
            lambda *values, axis: np.concatenate(values, axis=axis), default_name="concat")


def concat(values, axis, name="concat"):
    values = list(values)
    if any(getattr(v, "_is_ragged", False) for v in values):  # tf.RaggedTensor (unit 10)
        from learntf.ragged.ragged_array_ops import concat as ragged_concat
        return ragged_concat(values, axis, name=None if name == "concat" else name)
    if len(values) == 1:
        return identity_of(values[0], name)
    return apply_op("ConcatV2", [values], {"axis": int(_static_scalar(axis, "axis"))}, name)


def identity_of(value, name):
    from learntf.ops.math_ops import identity
    return identity(value, name=name)


def _pack_infer(*values, axis):
    shape = TensorShape(None)
    for v in values:
        if v.dtype is not values[0].dtype:
            raise TypeError("Tensors in list passed to 'values' of 'Pack' Op have types [%s] "
                            "that don't all match." % ", ".join(t.dtype.name for t in values))
        if not shape.is_compatible_with(v.shape):
            raise ShapeError("Shapes must be equal rank, but are %s and %s"
                             % (shape.proto_str(), v.shape.proto_str()),
                             "tf.stack needs tensors of one shape")
        shape = shape.merge_with(v.shape)
    if shape.rank is None:
        return [(values[0].dtype, TensorShape(None))]
    dims = shape.as_list()
    rank = len(dims) + 1
    if not -rank <= axis < rank:
        raise ShapeError("Argument 'axis' = %d not in range [%d, %d)" % (axis, -rank, rank))
    position = axis % rank
    return [(values[0].dtype, TensorShape(dims[:position] + [len(values)] + dims[position:]))]


register_op("Pack", ["values*"], _pack_infer,
            lambda *values, axis: np.stack(values, axis=axis), default_name="stack")


def stack(values, axis=0, name="stack"):
    values = list(values)
    return apply_op("Pack", [values], {"axis": int(axis)}, name)


def _unpack_infer(value, num, axis):
    dims = value.shape.as_list()
    return [(value.dtype, TensorShape(dims[:axis % len(dims)] + dims[axis % len(dims) + 1:]))] * num


register_op("Unpack", ["value"], _unpack_infer,
            lambda value, num, axis: tuple(np.moveaxis(value, axis, 0)),
            num_outputs="num", default_name="unstack")


def unstack(value, num=None, axis=0, name="unstack"):
    """Split `value` along `axis` into a list of tensors."""
    value = convert_to_tensor(value)
    if num is None:
        num = value.shape[axis]
        if num is None:
            raise ValueError("Cannot infer argument `num` from shape %s" % value.shape)
    return list(apply_op("Unpack", [value], {"num": num, "axis": axis}, name))


def _transpose_infer(x, perm):
    if x.shape.rank is None:
        return [(x.dtype, TensorShape(None))]
    dims = x.shape.as_list()
    if perm is None:
        perm = tuple(reversed(builtins.range(len(dims))))
    if sorted(perm) != list(np.arange(len(dims))):
        raise ShapeError("Dimension must be %d but is %d" % (len(dims), len(perm)),
                         "perm must list every axis of the input exactly once")
    return [(x.dtype, TensorShape([dims[p] for p in perm]))]


register_op("Transpose", ["x"], _transpose_infer,
            lambda x, perm: np.transpose(x, perm), default_name="transpose")


def transpose(a, perm=None, name="transpose", conjugate=False):
    if perm is not None:
        perm = tuple(_static_list(perm, "perm"))
    return apply_op("Transpose", [a], {"perm": perm}, name)


def _tile_infer(input, multiples):  # noqa: A002
    if input.shape.rank is None:
        return [(input.dtype, TensorShape(None))]
    dims = input.shape.as_list()
    if len(multiples) != len(dims):
        raise ShapeError("Shape must be rank %d but is rank %d" % (len(dims), len(multiples)))
    return [(input.dtype, TensorShape([None if d is None else d * m
                                       for d, m in zip(dims, multiples)]))]


register_op("Tile", ["input"], _tile_infer, lambda input, multiples: np.tile(input, multiples))  # noqa: A002


def tile(input, multiples, name=None):  # noqa: A002
    return apply_op("Tile", [input], {"multiples": tuple(_static_list(multiples, "multiples"))},
                    name or "Tile")


def _broadcast_to_infer(input, shape):  # noqa: A002
    from learntf.framework.tensor_util import constant_value
    dims = constant_value(shape)
    if dims is None:
        rank = shape.shape.num_elements() if shape.shape.rank == 1 else None
        return [(input.dtype, TensorShape(None if rank is None else [None] * rank))]
    return [(input.dtype, TensorShape([int(d) for d in np.reshape(dims, -1)]))]


register_op("BroadcastTo", ["input", "shape"], _broadcast_to_infer,
            lambda input, shape: np.array(np.broadcast_to(input, tuple(shape))))  # noqa: A002


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
                None, None, "Incompatible shapes: [%s] vs. [%s]"
                % (",".join(map(str, s0)), ",".join(map(str, s1))))
    r0 = [axis for axis, d in enumerate(padded0) if d == 1]
    r1 = [axis for axis, d in enumerate(padded1) if d == 1]
    return np.array(r0, dtype=s0.dtype), np.array(r1, dtype=s1.dtype)


register_op("BroadcastGradientArgs", ["s0", "s1"],
            lambda s0, s1: [(s0.dtype, TensorShape([None])), (s0.dtype, TensorShape([None]))],
            _broadcast_gradient_args, num_outputs=2, same_dtype=True)


def broadcast_to(input, shape, name=None):  # noqa: A002
    """`input` repeated along axes of size 1 (or new leading axes) to `shape`."""
    return apply_op("BroadcastTo", [input, shape], {}, name or "BroadcastTo")


# -- choosing -----------------------------------------------------------------------------------
def _select_infer(condition, x, y):
    if condition.dtype is not dtypes.bool_:
        raise TypeError("Input 'condition' of 'Select' Op has type %s that does not match "
                        "expected type of bool." % condition.dtype.name)
    shape = broadcast_shape(condition.shape, broadcast_shape(x.shape, y.shape))
    return [(x.dtype, shape)]


def _select_v1_kernel(condition, x, y):
    if condition.ndim == 1 and x.ndim > 1:  # v1 Select picks whole rows with a vector
        condition = condition.reshape((-1,) + (1,) * (x.ndim - 1))
    return np.where(condition, x, y)


register_op("Select", ["condition", "t", "e"], _select_infer, _select_v1_kernel)
register_op("SelectV2", ["condition", "t", "e"], _select_infer, np.where)


def _where_infer(condition):
    rank = condition.shape.rank
    return [(dtypes.int64, TensorShape([None, rank]))]


register_op("Where", ["input"], _where_infer,
            lambda condition: np.argwhere(condition).astype(np.int64))


def where(condition, x=None, y=None, name=None):
    """Elements of x where condition is True, else of y; with only a condition, the indices
    of its True elements."""
    if x is None and y is None:
        return apply_op("Where", [condition], {}, name or "Where")
    if x is None or y is None:
        raise ValueError("x and y must both be non-None or both be None.")
    x = convert_to_tensor(x, name="x")
    y = convert_to_tensor(y, dtype_hint=x.dtype, name="y")
    if y.dtype is not x.dtype:
        raise TypeError("Input 'e' of 'SelectV2' Op has type %s that does not match type %s of "
                        "argument 't'." % (y.dtype.name, x.dtype.name))
    return apply_op("SelectV2", [condition, x, y], {}, name or "SelectV2")


# -- indexing: t[i, j], t[:, 1:], t[..., 1] ------------------------------------------------------
def _normalize_index(key):
    """Turn a Python index into a hashable tuple of ints, slices, Ellipsis and None."""
    if not isinstance(key, tuple):
        key = (key,)
    result = []
    for item in key:
        item = _known_value(item)
        if isinstance(item, np.ndarray) and item.ndim == 0:
            item = item[()]
        if hasattr(item, "op"):
            raise TypeError("learntf needs indices whose value is known when the graph is built "
                            "(Python ints, eager tensors or constants), not %s; use tf.gather "
                            "to index with a computed tensor." % item.name)
        if isinstance(item, (bool, np.bool_)):
            raise TypeError("learntf does not support boolean indices; use tf.boolean_mask.")
        if isinstance(item, (int, np.integer)):
            result.append(int(item))
        elif isinstance(item, slice):
            parts = [_static_scalar(p, "slice bound") for p in (item.start, item.stop, item.step)]
            if any(p is not None and not isinstance(p, (int, np.integer)) for p in parts):
                raise TypeError("Only integers, slices (`:`), ellipsis (`...`), tf.newaxis "
                                "(`None`) and scalar tf.int32/tf.int64 tensors are valid "
                                "indices, got %r" % (item,))
            result.append(("slice",) + tuple(None if p is None else int(p) for p in parts))
        elif item is Ellipsis:
            result.append("...")
        elif item is None:
            result.append("newaxis")
        else:
            raise TypeError("Only integers, slices (`:`), ellipsis (`...`), tf.newaxis (`None`) "
                            "and scalar tf.int32/tf.int64 tensors are valid indices, got %r"
                            % (item,))
    return tuple(result)


def _python_index(key):
    return tuple(slice(*item[1:]) if isinstance(item, tuple) else
                 (Ellipsis if item == "..." else None if item == "newaxis" else item)
                 for item in key)


def _strided_slice_infer(input, key):  # noqa: A002
    if input.shape.rank is None:
        return [(input.dtype, TensorShape(None))]
    dims = input.shape.as_list()
    n_real = sum(1 for k in key if k not in ("...", "newaxis"))
    if n_real > len(dims):
        raise ShapeError("Index out of range using input dim %d; input has only %d dims"
                         % (len(dims), len(dims)))
    expanded = []
    for item in key:
        if item == "...":
            expanded.extend([("slice", None, None, None)] * (len(dims) - n_real))
        else:
            expanded.append(item)
    if "..." not in key:
        expanded.extend([("slice", None, None, None)] * (len(dims) - n_real))
    result, position = [], 0
    for item in expanded:
        if item == "newaxis":
            result.append(1)
            continue
        size = dims[position]
        position += 1
        if isinstance(item, int):
            if size is not None and not -size <= item < size:
                raise ShapeError("slice index %d of dimension %d out of bounds" % (item, position - 1),
                                 "valid indices for this axis are %d..%d" % (-size, size - 1))
            continue
        _, start, stop, step = item
        if size is None:
            result.append(None)
        else:
            result.append(len(np.arange(size)[slice(start, stop, step)]))
    return [(input.dtype, TensorShape(result))]


def _strided_slice_kernel(input, key):  # noqa: A002
    try:
        return input[_python_index(key)]
    except IndexError as exc:
        raise errors.InvalidArgumentError(None, None, "slice index out of bounds: %s" % exc) from None


register_op("StridedSlice", ["input"], _strided_slice_infer, _strided_slice_kernel,
            default_name="strided_slice")


def strided_slice_by_key(tensor, key, name=None):
    """`tensor[key]` for Python index `key` (used by Tensor.__getitem__)."""
    return apply_op("StridedSlice", [tensor], {"key": _normalize_index(key)},
                    name or "strided_slice")


newaxis = None


def _one_hot_infer(indices, depth, on_value, off_value, dtype, axis):
    if indices.shape.rank is None:
        return [(dtype, TensorShape(None))]
    dims = indices.shape.as_list()
    position = len(dims) if axis == -1 else axis
    return [(dtype, TensorShape(dims[:position] + [depth] + dims[position:]))]


def _one_hot_kernel(indices, depth, on_value, off_value, dtype, axis):
    eye = np.arange(depth) == np.asarray(indices)[..., None]
    result = np.where(eye, on_value, off_value).astype(dtype.np)
    return result if axis == -1 else np.moveaxis(result, -1, axis)


register_op("OneHot", ["indices"], _one_hot_infer, _one_hot_kernel)


def one_hot(indices, depth, on_value=None, off_value=None, axis=None, dtype=None, name=None):
    """A tensor with `on_value` at each index and `off_value` elsewhere (new last axis)."""
    dtype = dtypes.as_dtype(dtype) if dtype is not None else dtypes.float32
    return apply_op("OneHot", [indices], {
        "depth": int(depth), "on_value": 1 if on_value is None else on_value,
        "off_value": 0 if off_value is None else off_value, "dtype": dtype,
        "axis": -1 if axis is None else axis}, name or "one_hot")
