"""What a tensor's value (or, for a shape tensor, its shape) is when the graph is built.

TensorFlow passes shapes, axes and permutations to ops as tensors (`Reshape(tensor, shape)`,
`Sum(input, reduction_indices)`), usually small `Const` ops, sometimes computed (`tf.shape(y)`).
Two parts of TensorFlow look at their values before anything runs, and learntf has both:

* `constant_value(t)` and `constant_value_as_shape(t)` are TF's Python functions of those
  names: an eager tensor's value, a `Const`'s value, the `Shape`/`Size`/`Rank` of a tensor whose
  shape is known, and a few ops over those (`Pack`, `ConcatV2`, `Range`, `Cast`, `Fill`...).
  Gradient functions and op builders ask them, so they take the branches TF takes.
* `inferred_value(t)` and `inferred_shape(t)` are what TF's C++ shape inference sees: it also
  computes any small sub-graph of pure ops whose inputs are known (`tf.shape(x) * 2`).  Every
  op's `infer` function uses these, so learntf's static shapes are TF's.

Anything else is known only when the graph runs, and the answer is None (or unknown dims).
"""

import numpy as np

from learntf.framework.execute import EagerTensor
from learntf.framework.tensor_shape import TensorShape

# Sub-graphs evaluated for shape inference stay small, as in TF's shape refiner.
_MAX_EVALUATED_ELEMENTS = 1000


def _is_eager(tensor):
    return type(tensor) is EagerTensor


def _op_of(tensor):
    if _is_eager(tensor):
        return None
    op = getattr(tensor, "op", None)
    return op if op is not None and hasattr(op, "attrs") else None


# -- TF's Python view: tensor_util.constant_value / constant_value_as_shape ------------------------
def constant_value(tensor):
    """The NumPy value of `tensor` if TF's `tensor_util.constant_value` knows it, else None.

    Plain Python or NumPy values are their own value."""
    if _is_eager(tensor):
        return np.asarray(tensor._value)
    if not hasattr(tensor, "op"):
        return None if tensor is None else np.asarray(tensor)
    op = _op_of(tensor)
    if op is None:
        return None
    rule = _CONSTANT_RULES.get(op.type)
    return None if rule is None else rule(tensor, op)


def _const(tensor, op):
    return op.attrs["value"]


def _static_shape_value(tensor, op):
    """Shape, Size, Rank of an input whose shape is known."""
    shape = op.inputs[0].shape
    if op.type == "Rank":
        return None if shape.rank is None else np.array(shape.rank, np.int32)
    if not shape.is_fully_defined():
        return None
    dims = shape.as_list()
    if op.type == "Size":
        return np.array(int(np.prod(dims)), np.int32)
    return np.array(dims, dtype=tensor.dtype.np)


def _all_known(tensors):
    values = [constant_value(t) for t in tensors]
    return None if any(v is None for v in values) else values


def _range_value(tensor, op):
    known = _all_known(op.inputs)
    return None if known is None else np.arange(*known, dtype=tensor.dtype.np)


def _cast_value(tensor, op):
    value = constant_value(op.inputs[0])
    return None if value is None else value.astype(op.attrs["DstT"].np)


def _concat_value(tensor, op):
    known = _all_known(op.inputs)
    return None if known is None else np.concatenate(known[:-1], axis=int(known[-1]))


def _pack_value(tensor, op):
    if not op.inputs or op.attrs["axis"] != 0:
        return None
    known = _all_known(op.inputs)
    return None if known is None else np.array(known)


def _unpack_value(tensor, op):
    if op.attrs["axis"] != 0:
        return None
    value = constant_value(op.inputs[0])
    return None if value is None else value[tensor.value_index]


def _fill_value(tensor, op):
    value = constant_value(op.inputs[1])
    if value is None or not tensor.shape.is_fully_defined():
        return None
    return np.full(tensor.shape.as_list(), value, dtype=value.dtype)


def _compare_value(compare):
    def rule(tensor, op):
        known = _all_known(op.inputs)
        return None if known is None else compare(*known)

    return rule


def _pass_through(tensor, op):
    return constant_value(op.inputs[0])


_CONSTANT_RULES = {
    "Const": _const,
    "Shape": _static_shape_value,
    "Size": _static_shape_value,
    "Rank": _static_shape_value,
    "Range": _range_value,
    "Cast": _cast_value,
    "ConcatV2": _concat_value,
    "Pack": _pack_value,
    "Unpack": _unpack_value,
    "Fill": _fill_value,
    "Equal": _compare_value(np.equal),
    "NotEqual": _compare_value(np.not_equal),
    "StopGradient": _pass_through,
    "Identity": _pass_through,
}


def constant_value_as_shape(tensor):
    """The shape that the 1-D shape tensor `tensor` describes, as far as TF's Python knows it:
    a TensorShape, with None for dims (or rank) not known.  A -1 means an unknown dim."""
    if _is_eager(tensor):
        return _shape_of_value(np.asarray(tensor._value))
    if tensor.shape.rank == 0:
        value = constant_value(tensor)
        if value is None or value != -1:
            raise ValueError(
                "Received a scalar value '%s' as shape; require a statically known "
                "scalar with value '-1' to describe an unknown shape." % value
            )
        return TensorShape(None)
    length = tensor.shape[0] if tensor.shape.rank == 1 else None
    if length == 0:
        return TensorShape([])
    op = _op_of(tensor)
    if op is not None:
        if op.type == "Shape":
            return op.inputs[0].shape
        if op.type == "Pack" and op.attrs["axis"] == 0:
            return TensorShape([_dim_or_none(constant_value(t)) for t in op.inputs])
        if op.type == "ConcatV2":
            return _concatenated([constant_value_as_shape(t) for t in op.inputs[:-1]])
        if op.type == "Cast" and op.attrs["DstT"].name in ("int32", "int64"):
            return constant_value_as_shape(op.inputs[0])
        if op.type == "StridedSlice":
            sliced = _sliced_shape(op, constant_value_as_shape)
            if sliced is not None:
                return sliced
    result = TensorShape([None] * length if length is not None else None)
    value = constant_value(tensor)
    if value is not None:
        result = result.merge_with(_shape_of_value(value))
    return result


def _dim_or_none(value):
    return None if value is None or value < 0 else int(value)


def _shape_of_value(value):
    return TensorShape([_dim_or_none(d) for d in np.reshape(value, -1)])


def _concatenated(shapes):
    dims = []
    for shape in shapes:
        if shape.rank is None:
            return TensorShape(None)
        dims.extend(shape.as_list())
    return TensorShape(dims)


def _sliced_shape(op, shape_of):
    """`shape[begin:end:stride]` for a 1-D StridedSlice of a (partially known) shape tensor."""
    bounds = [constant_value(t) for t in op.inputs[1:]]
    attrs = op.attrs
    if (
        any(b is None or np.size(b) != 1 for b in bounds)
        or attrs["ellipsis_mask"]
        or attrs["new_axis_mask"]
        or attrs["shrink_axis_mask"]
        or attrs["begin_mask"] not in (0, 1)
        or attrs["end_mask"] not in (0, 1)
    ):
        return None
    begin, end, stride = (int(np.reshape(b, -1)[0]) for b in bounds)
    previous = shape_of(op.inputs[0])
    if previous.rank is None:
        return None
    dims = previous.as_list()[
        slice(None if attrs["begin_mask"] else begin, None if attrs["end_mask"] else end, stride)
    ]
    return TensorShape(dims)


# -- TF's C++ view: what shape inference can compute before running --------------------------------
def inferred_value(tensor, _memo=None):
    """The value of `tensor` if it can be computed while building: `constant_value`, or the
    result of running the NumPy kernels of a small sub-graph of pure ops over known values (as
    TF's shape refiner does).  None if it depends on feeds, variables or random numbers.

    Nothing is remembered between calls: static shapes can change (set_shape, or an execution
    plan that refines them for the shapes it is fed), and the answer with them."""
    value = constant_value(tensor)
    if value is not None or not hasattr(tensor, "op") or _op_of(tensor) is None:
        return value
    memo = {} if _memo is None else _memo  # within one call, each tensor is evaluated once
    if tensor not in memo:
        memo[tensor] = None
        memo[tensor] = _evaluate(tensor, memo)
    return memo[tensor]


def _evaluate(tensor, memo):
    op = tensor.op
    op_def = op.op_def
    if op.type == "ShapeN":  # the shape of one input, known statically
        shape = op.inputs[tensor.value_index].shape
        return np.array(shape.as_list(), tensor.dtype.np) if shape.is_fully_defined() else None
    if (
        op_def.stateful
        or op_def.make_state is not None
        or not op.inputs
        or op.type in ("Placeholder", "PlaceholderWithDefault")
    ):
        return None
    if op.type in ("Shape", "Size", "Rank"):  # known only from the input's static shape
        return None  # (constant_value's answer): TF does not run the input to learn it
    elements = tensor.shape.num_elements()  # None while unknown (BroadcastGradientArgs)
    if elements is not None and elements > _MAX_EVALUATED_ELEMENTS:
        return None
    inputs = [inferred_value(t, memo) for t in op.inputs]
    if any(v is None or v.size > _MAX_EVALUATED_ELEMENTS for v in inputs):
        return None
    try:
        with np.errstate(all="ignore"):
            result = op_def.kernel(*inputs, **op.attrs)
    except Exception:  # it will fail, with its proper error, when it runs
        return None
    if op_def.num_outputs != 1:
        result = result[tensor.value_index]
    result = np.asarray(result, dtype=tensor.dtype.np)
    return result if result.size <= _MAX_EVALUATED_ELEMENTS else None


def inferred_shape(tensor):
    """The shape a 1-D shape tensor describes, as TF's C++ shape inference sees it: partial
    shapes through Shape, Pack, ConcatV2, Cast and StridedSlice, else the computed value."""
    if _is_eager(tensor) or not hasattr(tensor, "op"):
        return _shape_of_value(np.asarray(constant_value(tensor)))
    if tensor.shape.rank == 0:
        value = inferred_value(tensor)
        if value is not None and value >= 0:
            return _shape_of_value(value)  # a scalar shape: one dim
        return TensorShape(None)
    length = tensor.shape[0] if tensor.shape.rank == 1 else None
    if length == 0:
        return TensorShape([])
    value = inferred_value(tensor)
    if value is not None:
        return _shape_of_value(value)
    op = _op_of(tensor)
    if op is not None:
        if op.type == "Shape":
            return op.inputs[0].shape
        if op.type == "ShapeN":
            return op.inputs[tensor.value_index].shape
        if op.type == "Pack" and op.attrs["axis"] == 0:
            return TensorShape([_dim_or_none(inferred_value(t)) for t in op.inputs])
        if op.type == "ConcatV2":
            return _concatenated([inferred_shape(t) for t in op.inputs[:-1]])
        if op.type == "Cast" and op.attrs["DstT"].name in ("int32", "int64"):
            return inferred_shape(op.inputs[0])
        if op.type == "StridedSlice":
            sliced = _sliced_shape(op, inferred_shape)
            if sliced is not None:
                return sliced
    return TensorShape([None] * length if length is not None else None)
