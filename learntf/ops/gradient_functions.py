"""The gradient of every differentiable op, in one table (lesson 04).

`@register_gradient("Mul")` attaches `fn(op, grad) -> [grad for each input]` to the op's one
definition in the registry; `tf.gradients` (graph mode) and, later, GradientTape (eager mode)
both look it up there.  Every function here is built from learntf ops, so gradients can be
differentiated again.  Broadcasting is undone in one place, `unbroadcast`.

Ops with no gradient (comparisons, argmax, shapes, random numbers...) are listed at the end.
"""
import numpy as np

from learntf.framework.apply import apply_op
from learntf.framework.op_registry import not_differentiable, register_gradient, register_op
from learntf.ops import array_ops, math_ops
from learntf.ops import control_flow_ops, nn_ops, random_ops, variables  # noqa: F401 (register)
from learntf.ops.shape_inference import normalize_axes


# -- helper ops: shapes taken from another tensor at run time -------------------------------------
def _like_infer(value, like):
    return [(value.dtype, like.shape)]


def _sum_to_shape(value, like):
    """Sum `value` over the axes that broadcasting added or stretched to reach `like`'s shape."""
    shape = np.shape(like)
    if value.shape == shape:
        return value  # nothing was broadcast
    extra = value.ndim - len(shape)
    axes = tuple(range(extra)) + tuple(i + extra for i, d in enumerate(shape)
                                       if d == 1 and value.shape[i + extra] != 1)
    result = np.sum(value, axis=axes, keepdims=True) if axes else value
    return result.reshape(shape)


def _broadcast_like(value, like, scale=None):
    """`value` (times `scale`) spread over `like`'s shape, as a new array."""
    if scale is not None:
        value = value * np.asarray(scale, dtype=value.dtype)
    if np.ndim(value) == 0:
        return np.full(np.shape(like), value, dtype=value.dtype)
    return value + np.zeros(np.shape(like), dtype=value.dtype)


def _broadcast_mean_like(value, like):
    return _broadcast_like(value, like, max(np.size(value), 1) / max(np.size(like), 1))


register_op("SumToShapeOf", ["value", "like"], _like_infer, _sum_to_shape)
register_op("BroadcastLike", ["value", "like"], _like_infer, _broadcast_like)
# The gradient of a mean: broadcast back, divided by how many elements each output averaged.
register_op("BroadcastMeanLike", ["value", "like"], _like_infer, _broadcast_mean_like)
register_op("ReshapeLike", ["value", "like"], _like_infer,
            lambda value, like: np.reshape(value, np.shape(like)))


def _slice_grad_kernel(like, grad, key):
    result = np.zeros(np.shape(like), dtype=grad.dtype)
    result[array_ops._python_index(key)] = grad
    return result


register_op("StridedSliceGrad", ["like", "dy"], lambda like, dy, key: [(dy.dtype, like.shape)],
            _slice_grad_kernel)


def unbroadcast(grad, x):
    """`grad` summed back to `x`'s shape, when broadcasting made x bigger (or shapes unknown)."""
    if grad.shape.is_fully_defined() and x.shape.is_fully_defined() and grad.shape == x.shape:
        return grad
    return apply_op("SumToShapeOf", [grad, x], {}, "SumToShapeOf")


def broadcast_like(value, like):
    return apply_op("BroadcastLike", [value, like], {}, "BroadcastLike")


def reshape_like(value, like):
    if like.shape.is_fully_defined():
        return array_ops.reshape(value, like.shape.as_list())
    return apply_op("ReshapeLike", [value, like], {}, "ReshapeLike")


@register_gradient("SumToShapeOf")
def _sum_to_shape_grad(op, grad):
    return [broadcast_like(grad, op.inputs[0]), None]


@register_gradient("BroadcastLike")
def _broadcast_like_grad(op, grad):
    return [unbroadcast(grad, op.inputs[0]), None]


@register_gradient("BroadcastMeanLike")
def _broadcast_mean_like_grad(op, grad):
    value, like = op.inputs
    scale = math_ops.cast(array_ops.size(value), grad.dtype) / math_ops.cast(
        array_ops.size(like), grad.dtype)
    return [unbroadcast(grad, value) * scale, None]


@register_gradient("ReshapeLike")
def _reshape_like_grad(op, grad):
    return [reshape_like(grad, op.inputs[0]), None]


@register_gradient("StridedSliceGrad")
def _strided_slice_grad_grad(op, grad):
    return [None, array_ops.strided_slice_by_key(grad, array_ops._python_index(op.attrs["key"]))]


# -- arithmetic -----------------------------------------------------------------------------------
@register_gradient("AddV2")
def _add_grad(op, grad):
    x, y = op.inputs
    return [unbroadcast(grad, x), unbroadcast(grad, y)]


@register_gradient("Sub")
def _sub_grad(op, grad):
    x, y = op.inputs
    return [unbroadcast(grad, x), unbroadcast(-grad, y)]


@register_gradient("Mul")
def _mul_grad(op, grad):
    x, y = op.inputs
    return [unbroadcast(grad * y, x), unbroadcast(grad * x, y)]


@register_gradient("RealDiv")
def _div_grad(op, grad):
    x, y = op.inputs
    return [unbroadcast(grad / y, x), unbroadcast(-grad * x / (y * y), y)]


@register_gradient("Pow")
def _pow_grad(op, grad):
    x, y = op.inputs
    z = op.outputs[0]
    gx = grad * y * math_ops.pow(x, y - 1)
    # d(x^y)/dy = x^y log(x), taken as 0 where x <= 0 (as TF does)
    safe_log = array_ops.where(x > 0, math_ops.log(array_ops.where(x > 0, x, array_ops.ones_like(x))),
                               array_ops.zeros_like(x))
    gy = grad * z * safe_log
    return [unbroadcast(gx, x), unbroadcast(gy, y)]


@register_gradient("SquaredDifference")
def _squared_difference_grad(op, grad):
    x, y = op.inputs
    d = grad * 2.0 * (x - y)
    return [unbroadcast(d, x), unbroadcast(-d, y)]


def _minmax_grad(op, grad, pick_x):
    x, y = op.inputs
    mask = pick_x(x, y)
    zeros = array_ops.zeros_like(grad)
    return [unbroadcast(array_ops.where(mask, grad, zeros), x),
            unbroadcast(array_ops.where(mask, zeros, grad), y)]


register_gradient("Maximum")(lambda op, grad: _minmax_grad(op, grad, math_ops.greater_equal))
register_gradient("Minimum")(lambda op, grad: _minmax_grad(op, grad, math_ops.less_equal))


@register_gradient("AddN")
def _add_n_grad(op, grad):
    return [grad] * len(op.inputs)


@register_gradient("Neg")
def _neg_grad(op, grad):
    return [-grad]


@register_gradient("Abs")
def _abs_grad(op, grad):
    return [grad * math_ops.sign(op.inputs[0])]


@register_gradient("Square")
def _square_grad(op, grad):
    return [grad * (2.0 * op.inputs[0])]


@register_gradient("Sqrt")
def _sqrt_grad(op, grad):
    return [grad * 0.5 / op.outputs[0]]


@register_gradient("Rsqrt")
def _rsqrt_grad(op, grad):
    y = op.outputs[0]
    return [grad * -0.5 * y * y * y]


@register_gradient("Exp")
def _exp_grad(op, grad):
    return [grad * op.outputs[0]]


@register_gradient("Log")
def _log_grad(op, grad):
    return [grad / op.inputs[0]]


@register_gradient("Log1p")
def _log1p_grad(op, grad):
    return [grad / (1.0 + op.inputs[0])]


@register_gradient("Reciprocal")
def _reciprocal_grad(op, grad):
    y = op.outputs[0]
    return [-grad * y * y]


@register_gradient("Sin")
def _sin_grad(op, grad):
    return [grad * math_ops.cos(op.inputs[0])]


@register_gradient("Cos")
def _cos_grad(op, grad):
    return [-grad * math_ops.sin(op.inputs[0])]


@register_gradient("Sigmoid")
def _sigmoid_grad(op, grad):
    y = op.outputs[0]
    return [grad * y * (1.0 - y)]


@register_gradient("Tanh")
def _tanh_grad(op, grad):
    y = op.outputs[0]
    return [grad * (1.0 - y * y)]


@register_gradient("Softplus")
def _softplus_grad(op, grad):
    return [grad * math_ops.sigmoid(op.inputs[0])]


@register_gradient("Relu")
def _relu_grad(op, grad):
    # TF's subgradient: 0 at x == 0
    return [array_ops.where(op.outputs[0] > 0, grad, array_ops.zeros_like(grad))]


@register_gradient("Relu6")
def _relu6_grad(op, grad):
    x = op.inputs[0]
    inside = math_ops.logical_and(x > 0, x < 6)
    return [array_ops.where(inside, grad, array_ops.zeros_like(grad))]


@register_gradient("Elu")
def _elu_grad(op, grad):
    y = op.outputs[0]
    return [array_ops.where(y > 0, grad, grad * (y + 1.0))]


@register_gradient("Softmax")
def _softmax_grad(op, grad):
    y = op.outputs[0]
    axis = op.attrs["axis"]
    return [y * (grad - math_ops.reduce_sum(grad * y, axis=axis, keepdims=True))]


@register_gradient("LogSoftmax")
def _log_softmax_grad(op, grad):
    y = op.outputs[0]
    axis = op.attrs["axis"]
    return [grad - math_ops.exp(y) * math_ops.reduce_sum(grad, axis=axis, keepdims=True)]


@register_gradient("Identity")
def _identity_grad(op, grad):
    return [grad]


@register_gradient("ReadVariableOp")
def _read_variable_grad(op, grad):
    return [grad]  # flows to the variable's handle: the gradient w.r.t. the variable


@register_gradient("Cast")
def _cast_grad(op, grad):
    x = op.inputs[0]
    if x.dtype.is_floating and grad.dtype.is_floating:
        return [math_ops.cast(grad, x.dtype)]
    return [None]


# -- matrices ---------------------------------------------------------------------------------------
@register_gradient("MatMul")
def _matmul_grad(op, grad):
    a, b = op.inputs
    ta, tb = op.attrs["transpose_a"], op.attrs["transpose_b"]
    if not ta and not tb:
        return [math_ops.matmul(grad, b, transpose_b=True), math_ops.matmul(a, grad, transpose_a=True)]
    if not ta and tb:
        return [math_ops.matmul(grad, b), math_ops.matmul(grad, a, transpose_a=True)]
    if ta and not tb:
        return [math_ops.matmul(b, grad, transpose_b=True), math_ops.matmul(a, grad)]
    return [math_ops.matmul(b, grad, transpose_a=True, transpose_b=True),
            math_ops.matmul(grad, a, transpose_a=True, transpose_b=True)]


@register_gradient("BatchMatMulV2")
def _batch_matmul_grad(op, grad):
    ga, gb = _matmul_grad(op, grad)
    return [unbroadcast(ga, op.inputs[0]), unbroadcast(gb, op.inputs[1])]


@register_gradient("MatrixInverse")
def _matrix_inverse_grad(op, grad):
    ainv = op.outputs[0]
    inner = math_ops.matmul(grad, ainv, transpose_b=True)
    return [-math_ops.matmul(ainv, inner, transpose_a=True)]


# -- shapes -------------------------------------------------------------------------------------------
@register_gradient("Reshape")
def _reshape_grad(op, grad):
    return [reshape_like(grad, op.inputs[0])]


register_gradient("ExpandDims")(_reshape_grad)
register_gradient("Squeeze")(_reshape_grad)


@register_gradient("Transpose")
def _transpose_grad(op, grad):
    perm = op.attrs["perm"]
    if perm is None:
        return [array_ops.transpose(grad)]
    return [array_ops.transpose(grad, list(np.argsort(perm)))]


@register_gradient("StridedSlice")
def _strided_slice_grad(op, grad):
    return [apply_op("StridedSliceGrad", [op.inputs[0], grad], {"key": op.attrs["key"]},
                     "StridedSliceGrad")]


@register_gradient("ConcatV2")
def _concat_grad(op, grad):
    axis = op.attrs["axis"]
    sizes = [t.shape[axis] for t in op.inputs]
    if any(s is None for s in sizes):
        raise NotImplementedError("learntf differentiates tf.concat only when every input's "
                                  "size along the concat axis is known.")
    rank = op.inputs[0].shape.rank
    grads, start = [], 0
    for size in sizes:
        key = [slice(None)] * rank
        key[axis] = slice(start, start + size)
        grads.append(array_ops.strided_slice_by_key(grad, tuple(key)))
        start += size
    return grads


@register_gradient("Pack")
def _pack_grad(op, grad):
    return array_ops.unstack(grad, num=len(op.inputs), axis=op.attrs["axis"])


@register_gradient("Unpack")
def _unpack_grad(op, *grads):
    return [array_ops.stack(list(grads), axis=op.attrs["axis"])]


@register_gradient("Tile")
def _tile_grad(op, grad):
    x = op.inputs[0]
    multiples = op.attrs["multiples"]
    dims = x.shape.as_list()
    split = []
    for m, d in zip(multiples, dims):
        split += [m, d]
    summed = math_ops.reduce_sum(array_ops.reshape(grad, split), axis=list(range(0, len(split), 2)))
    return [summed]


@register_gradient("Select")
def _select_grad(op, grad):
    condition, x, y = op.inputs
    zeros = array_ops.zeros_like(grad)
    return [None, apply_op("Select", [condition, grad, zeros], {}, "Select"),
            apply_op("Select", [condition, zeros, grad], {}, "Select")]


@register_gradient("SelectV2")
def _select_v2_grad(op, grad):
    condition, x, y = op.inputs
    zeros = array_ops.zeros_like(grad)
    return [None, unbroadcast(array_ops.where(condition, grad, zeros), x),
            unbroadcast(array_ops.where(condition, zeros, grad), y)]


# -- reductions ----------------------------------------------------------------------------------
def _expand_reduced(grad, op):
    """The reduction's output gradient with the reduced axes put back (length 1)."""
    x = op.inputs[0]
    if op.attrs["keepdims"] or x.shape.rank is None:
        return grad
    for axis in normalize_axes(op.attrs["axis"], x.shape.rank):
        grad = array_ops.expand_dims(grad, axis)
    return grad


@register_gradient("Sum")
def _sum_grad(op, grad):
    return [broadcast_like(_expand_reduced(grad, op), op.inputs[0])]


@register_gradient("Mean")
def _mean_grad(op, grad):
    x = op.inputs[0]
    return [apply_op("BroadcastMeanLike", [_expand_reduced(grad, op), x], {},
                     "BroadcastMeanLike")]


def _minmax_reduction_grad(op, grad):
    x = op.inputs[0]
    y = _expand_reduced(op.outputs[0], op)
    indicators = math_ops.cast(math_ops.equal(x, y), grad.dtype)
    count = math_ops.reduce_sum(indicators, axis=op.attrs["axis"], keepdims=True)
    return [indicators / count * _expand_reduced(grad, op)]


register_gradient("Max")(_minmax_reduction_grad)
register_gradient("Min")(_minmax_reduction_grad)


@register_gradient("Prod")
def _prod_grad(op, grad):
    x, y = op.inputs[0], op.outputs[0]
    return [broadcast_like(_expand_reduced(grad * y, op), x) / x]


# -- not differentiable ---------------------------------------------------------------------------
for _op in ["Const", "Placeholder", "VarHandleOp", "VarIsInitializedOp", "AssignVariableOp",
            "AssignAddVariableOp", "AssignSubVariableOp", "StopGradient", "NoOp",
            "Equal", "NotEqual", "Less", "LessEqual", "Greater", "GreaterEqual", "LogicalAnd",
            "LogicalOr", "LogicalNot", "ArgMax", "ArgMin", "Shape", "Size", "Rank", "Range",
            "RandomUniform", "RandomStandardNormal", "TruncatedNormal", "RandomUniformInt",
            "ZerosLike", "OnesLike", "Fill", "Floor", "Ceil", "Round", "Sign", "FloorDiv",
            "FloorMod", "Where", "All", "Any", "PlaceholderWithDefault"]:
    not_differentiable(_op)
