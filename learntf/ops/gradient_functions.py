"""The gradient of every differentiable op, in one table (lesson 04).

`@register_gradient("Mul")` attaches `fn(op, grad) -> [grad for each input]` to the op's one
definition in the registry; `tf.gradients` (graph mode) and GradientTape (eager mode) both look
it up there.  Each function builds the ops TensorFlow's own gradient builds (math_grad.py,
array_grad.py, nn_grad.py in TF), with the same types, names and order, so a gradient graph
drawn by learntf is the one TensorBoard shows for real TF.  They are written with learntf ops,
so gradients can be differentiated again.

Broadcasting is undone in one place, `_reduce_gradient_args`: when `x + y` broadcast y, y's
gradient is summed over the broadcast axes (`Sum`) and reshaped back (`Reshape`).  Where the
axes are known when the graph is built they are Consts; otherwise TF's `BroadcastGradientArgs`
op finds them from the two `Shape`s at run time.

Ops with no gradient (comparisons, argmax, shapes, random numbers...) are listed at the end.
"""

import contextlib
import math

import numpy as np

from learntf import dtypes
from learntf.framework import constant_op, context
from learntf.framework.apply import apply_op
from learntf.framework.execute import EagerTensor
from learntf.framework.graph import get_default_graph
from learntf.framework.op_registry import (
    no_gradient_in_tensorflow,
    not_differentiable,
    register_gradient,
    register_op,
)
from learntf.framework.tensor_shape import TensorShape
from learntf.framework.tensor_util import constant_value, constant_value_as_shape, inferred_value
from learntf.ops import array_ops, control_flow_ops, math_ops, nn_ops, random_ops, variables  # noqa: F401 (register)


def _gen(op_type, *inputs, name=None, **attrs):
    """One raw op, named by its type (TF's gen_*_ops functions): `_gen("Mul", a, b)`."""
    return apply_op(op_type, list(inputs), attrs, name)


def _shape_tuple(tensor):
    """The static shape as a tuple (None entries for unknown dims), or None if rank unknown."""
    if type(tensor) is EagerTensor and tensor.dtype is not dtypes.resource:
        return np.shape(tensor._value)  # (eager: the array's own shape, without a TensorShape)
    shape = tensor.shape
    return None if shape.rank is None else tuple(shape.as_list())


def _after(grad):
    """Ops built inside wait for `grad` (TF's `with ops.control_dependencies([grad])`); eager
    ops run in order anyway."""
    if context.executing_eagerly():
        return contextlib.nullcontext()
    return get_default_graph().control_dependencies([grad])


# -- ops that only gradient graphs create (TF's *Grad kernels) -------------------------------------
def _like_first(y, dy):
    return [(dy.dtype, dy.shape)]


def _register_grad_kernel(name, inputs, kernel):
    register_op(name, inputs, _like_first, kernel, same_dtype=True)


_register_grad_kernel("SigmoidGrad", ["y", "dy"], lambda y, dy: dy * y * (1 - y))
_register_grad_kernel("TanhGrad", ["y", "dy"], lambda y, dy: dy * (1 - y * y))
_register_grad_kernel("SqrtGrad", ["y", "dy"], lambda y, dy: dy * np.asarray(0.5, y.dtype) / y)
_register_grad_kernel(
    "RsqrtGrad", ["y", "dy"], lambda y, dy: dy * np.asarray(-0.5, y.dtype) * y * y * y
)
_register_grad_kernel("ReciprocalGrad", ["y", "dy"], lambda y, dy: -dy * y * y)
_register_grad_kernel(
    "ReluGrad",
    ["gradients", "features"],
    lambda gradients, features: gradients * (features > 0),  # (TF's kernel: a NaN stays NaN)
)
_register_grad_kernel(
    "Relu6Grad",
    ["gradients", "features"],
    lambda gradients, features: np.where((features > 0) & (features < 6), gradients, 0).astype(
        gradients.dtype
    ),
)
_register_grad_kernel(
    "EluGrad",
    ["gradients", "outputs"],
    lambda gradients, outputs: np.where(outputs < 0, gradients * (outputs + 1), gradients).astype(
        gradients.dtype
    ),
)


def _invert_permutation(x):
    inverse = np.empty_like(x)
    inverse[x] = np.arange(x.size, dtype=x.dtype)
    return inverse


register_op("InvertPermutation", ["x"], lambda x: [(x.dtype, x.shape)], _invert_permutation)


def _dynamic_stitch_infer(*indices_and_data, N):
    """TF's shape function: dim 0 is the largest index + 1 when every index is known at build
    time (else unknown); the rest is each data's shape past its indices' rank."""
    indices, data = indices_and_data[:N], indices_and_data[N:]
    inner = TensorShape(None)
    for index, values in zip(indices, data):
        if index.shape.rank is not None and values.shape.rank is not None:
            inner = inner.merge_with(values.shape[index.shape.rank :])
    known = [inferred_value(index) for index in indices]
    size = None
    if all(value is not None for value in known):
        size = 1 + max((int(np.max(value)) for value in known if np.size(value)), default=-1)
    return [(data[0].dtype, TensorShape([size]).concatenate(inner))]


def _dynamic_stitch(*indices_and_data, N):
    """merged[indices[m][i]] = data[m][i]: the inputs are N index tensors, then N data tensors."""
    indices, data = indices_and_data[:N], indices_and_data[N:]
    size = 1 + max((int(np.max(i)) for i in indices if np.size(i)), default=-1)
    first = data[0]
    inner = first.shape[np.ndim(indices[0]) :]
    merged = np.zeros((size,) + tuple(inner), dtype=first.dtype)
    for index, values in zip(indices, data):
        merged[np.reshape(index, -1)] = np.reshape(values, (-1,) + tuple(inner))
    return merged


register_op("DynamicStitch", ["indices_and_data*"], _dynamic_stitch_infer, _dynamic_stitch)


def _dynamic_stitch_op(indices, data):
    return apply_op("DynamicStitch", [list(indices) + list(data)], {"N": len(indices)}, None)


def _strided_slice_grad_infer(shape, begin, end, strides, dy, **masks):
    return [(dy.dtype, constant_value_as_shape(shape))]


def _strided_slice_grad_kernel(shape, begin, end, strides, dy, **masks):
    """Zeros of the input's shape, with dy written where the forward slice read from."""
    index = array_ops._python_slices(
        len(strides), begin.tolist(), end.tolist(), strides.tolist(), **masks
    )
    result = np.zeros(tuple(shape), dtype=dy.dtype)
    result[tuple(index)] = dy
    return result


register_op(
    "StridedSliceGrad",
    ["shape", "begin", "end", "strides", "dy"],
    _strided_slice_grad_infer,
    _strided_slice_grad_kernel,
    type_input=4,
)


# -- undoing broadcasting -------------------------------------------------------------------------
def _shapes_fully_specified_and_equal(x, y, grad):
    x_shape = _shape_tuple(x)
    return (
        x_shape is not None
        and None not in x_shape
        and x_shape == _shape_tuple(y)
        and x_shape == _shape_tuple(grad)
    )


def _infer_reduction_axes(x_shape, y_shape):
    """The axes x and y were broadcast along, if the static shapes tell; else (None, None)."""
    if x_shape.rank is None or y_shape.rank is None:
        return None, None
    x_dims, y_dims = x_shape.as_list(), y_shape.as_list()
    rank = max(len(x_dims), len(y_dims))
    x_dims = [1] * (rank - len(x_dims)) + x_dims
    y_dims = [1] * (rank - len(y_dims)) + y_dims
    x_axes, y_axes = [], []
    for axis, (x_dim, y_dim) in enumerate(zip(x_dims, y_dims)):
        if x_dim == 1 and y_dim != 1:
            x_axes.append(axis)
        elif y_dim == 1 and x_dim != 1:
            y_axes.append(axis)
        elif x_dim is None or y_dim is None:
            return None, None
    return x_axes, y_axes


def _smart_broadcast_gradient_args(x, y):
    """For each of x, y: (its shape as a tensor, the axes to sum over, whether to sum at all).
    Run eagerly, the shapes are known: NumPy vectors stand for the Shape ops a graph gets."""
    if context.executing_eagerly():
        x_shape = constant_op.eager_int32(_shape_tuple(x))
        y_shape = constant_op.eager_int32(_shape_tuple(y))
    else:
        x_shape, y_shape = array_ops.shape(x), array_ops.shape(y)
    x_axes, y_axes = _infer_reduction_axes(x.shape, y.shape)
    if x_axes is None or y_axes is None:
        x_axes, y_axes = _gen("BroadcastGradientArgs", x_shape, y_shape)
        return (x_shape, x_axes, True), (y_shape, y_axes, True)
    x_must_reduce = bool(x_axes) or x.shape.rank < y.shape.rank
    y_must_reduce = bool(y_axes) or y.shape.rank < x.shape.rank
    return (x_shape, x_axes, x_must_reduce), (y_shape, y_axes, y_must_reduce)


def _reduce_gradient_arg(grad, shape_axes_must_reduce):
    shape, axes, must_reduce = shape_axes_must_reduce
    if isinstance(axes, list):  # (TF's int32 default, also for no axes)
        if context.executing_eagerly():
            axes = constant_op.eager_int32(tuple(axes))
        else:
            axes = np.array(axes, dtype=np.int32)
    if grad is not None and must_reduce:
        grad = math_ops.reduce_sum(grad, axes, keepdims=True)
        grad = array_ops.reshape(grad, shape)
    return grad


def _skipped(op):
    """The inputs whose gradients nobody asked for: GradientTape tells (`skip_input_indices`),
    so that, as in TF, the gradient builds fewer ops; tf.gradients asks for all."""
    return op.skip_input_indices or ()


def _is_scalar(tensor):
    return _shape_tuple(tensor) == ()


def _reduce_gradient_args(x, y, gx, gy):
    """gx, gy summed back to the shapes of x and y (what broadcasting stretched)."""
    if gx is not None or gy is not None:
        bx, by = _smart_broadcast_gradient_args(x, y)
        gx = _reduce_gradient_arg(gx, bx)
        gy = _reduce_gradient_arg(gy, by)
    return gx, gy


# -- arithmetic -----------------------------------------------------------------------------------
@register_gradient("Add")  # (TF's older Add: the same gradient)
@register_gradient("AddV2")
def _add_grad(op, grad):
    x, y = op.inputs
    skip = _skipped(op)
    if 1 in skip and _is_scalar(y):
        return grad, None
    if _shapes_fully_specified_and_equal(x, y, grad):
        return grad, grad
    return _reduce_gradient_args(x, y, None if 0 in skip else grad, None if 1 in skip else grad)


@register_gradient("Sub")
def _sub_grad(op, grad):
    x, y = op.inputs
    skip = _skipped(op)
    if 1 in skip and _is_scalar(y):
        return grad, None
    if _shapes_fully_specified_and_equal(x, y, grad):
        return grad, -grad
    return _reduce_gradient_args(x, y, None if 0 in skip else grad, None if 1 in skip else -grad)


@register_gradient("Mul")
def _mul_grad(op, grad):
    x, y = op.inputs
    skip = _skipped(op)
    if 1 in skip and _is_scalar(y):
        return _gen("Mul", grad, y), None
    if _shapes_fully_specified_and_equal(x, y, grad) and grad.dtype in (
        dtypes.int32,
        dtypes.float32,
    ):
        return _gen("Mul", grad, y), _gen("Mul", grad, x)
    gx = None if 0 in skip else _gen("Mul", grad, y)
    gy = None if 1 in skip else _gen("Mul", x, grad)
    return _reduce_gradient_args(x, y, gx, gy)


@register_gradient("RealDiv")
def _real_div_grad(op, grad):
    x, y = op.inputs
    gx = _gen("RealDiv", grad, y)
    gy = grad * _gen("RealDiv", _gen("RealDiv", -x, y), y)
    return _reduce_gradient_args(x, y, gx, gy)


@register_gradient("DivNoNan")
def _div_no_nan_grad(op, grad):
    """As RealDiv's, with 0 wherever y is 0."""
    x, y = op.inputs
    gx = math_ops.div_no_nan(grad, y)
    gy = grad * math_ops.div_no_nan(math_ops.div_no_nan(-x, y), y)
    return _reduce_gradient_args(x, y, gx, gy)


@register_gradient("Pow")
def _pow_grad(op, grad):
    x, y = op.inputs
    skip = _skipped(op)
    if 1 in skip and _is_scalar(y):
        return grad * y * math_ops.pow(x, y - 1), None
    gx = None if 0 in skip else grad * y * math_ops.pow(x, y - 1)
    gy = None
    if 1 not in skip:
        mask = x > 0  # d(x^y)/dy = x^y log(x), taken as 0 where x <= 0
        safe_x = array_ops.where(mask, x, array_ops.ones_like(x))
        log_x = array_ops.where(mask, math_ops.log(safe_x), array_ops.zeros_like(x))
        gy = grad * op.outputs[0] * log_x
    return _reduce_gradient_args(x, y, gx, gy)


@register_gradient("SquaredDifference")
def _squared_difference_grad(op, grad):
    x, y = op.inputs
    with _after(grad):
        two = constant_op.convert_to_tensor(2.0, dtype=grad.dtype, name="scalar")
        x_grad = _gen("Mul", two, grad) * (x - y)  # (TF's scalar_mul)
    if _shapes_fully_specified_and_equal(x, y, grad):
        return x_grad, -x_grad
    skip = _skipped(op)
    return _reduce_gradient_args(
        x, y, None if 0 in skip else x_grad, None if 1 in skip else -x_grad
    )


def _maximum_minimum_grad(op, grad, selector):
    x, y = op.inputs
    skip = _skipped(op)
    zeros = array_ops.zeros_like(grad)
    xmask = selector(x, y)
    if 1 in skip and _is_scalar(y):
        return _gen("SelectV2", xmask, grad, zeros), None
    gx = None if 0 in skip else _gen("SelectV2", xmask, grad, zeros)
    gy = None if 1 in skip else _gen("SelectV2", xmask, zeros, grad)
    return _reduce_gradient_args(x, y, gx, gy)


register_gradient("Maximum")(
    lambda op, grad: _maximum_minimum_grad(op, grad, math_ops.greater_equal)
)
register_gradient("Minimum")(lambda op, grad: _maximum_minimum_grad(op, grad, math_ops.less_equal))


@register_gradient("ComplexAbs")
def _complex_abs_grad(op, grad):
    """d|z| = grad * z / |z| (0 where z is 0), as TF's."""
    x = op.inputs[0]
    return [
        math_ops.div_no_nan(math_ops.cast(grad, x.dtype) * x, math_ops.cast(op.outputs[0], x.dtype))
    ]


@register_gradient("Sign")
def _sign_grad(op, grad):
    """Zeros (TF's _SignGrad), not None: a tape's gradient through tf.sign is 0."""
    return [array_ops.zeros_like(op.inputs[0])]


@register_gradient("FloorMod")
def _floor_mod_grad(op, grad):
    """x mod y = x - floor(x / y) * y: grad for x, -grad * floor(x / y) for y."""
    x, y = op.inputs
    floor_xy = math_ops.floordiv(x, y)
    return _reduce_gradient_args(x, y, grad, grad * math_ops.negative(floor_xy))


no_gradient_in_tensorflow("Where")  # TF registers none: LookupError, as TF


@register_gradient("AddN")
def _add_n_grad(op, grad):
    return [grad] * len(op.inputs)


@register_gradient("Neg")
def _neg_grad(op, grad):
    return -grad


@register_gradient("Abs")
def _abs_grad(op, grad):
    return grad * math_ops.sign(op.inputs[0])


@register_gradient("Square")
def _square_grad(op, grad):
    x = op.inputs[0]
    with _after(grad):
        two = constant_op.constant(2.0, dtype=x.dtype)
        return math_ops.multiply(grad, math_ops.multiply(x, two))


@register_gradient("Sqrt")
def _sqrt_grad(op, grad):
    return _gen("SqrtGrad", op.outputs[0], grad)


@register_gradient("SqrtGrad")
def _sqrt_grad_grad(op, grad):
    a, y = op.inputs[0], op.outputs[0]
    with _after(grad):
        ga = grad / a
        return -ga * y, 0.5 * ga


@register_gradient("Rsqrt")
def _rsqrt_grad(op, grad):
    return _gen("RsqrtGrad", op.outputs[0], grad)


@register_gradient("RsqrtGrad")
def _rsqrt_grad_grad(op, grad):
    a, b = op.inputs
    with _after(grad):
        return -1.5 * grad * b * math_ops.square(a), _gen("RsqrtGrad", a, grad)


@register_gradient("Reciprocal")
def _reciprocal_grad(op, grad):
    return _gen("ReciprocalGrad", op.outputs[0], grad)


@register_gradient("ReciprocalGrad")
def _reciprocal_grad_grad(op, grad):
    a, b = op.inputs
    with _after(grad):
        return grad * -2.0 * b * a, _gen("ReciprocalGrad", a, grad)


@register_gradient("Exp")
def _exp_grad(op, grad):
    y = op.outputs[0]
    with _after(grad):
        return grad * y


@register_gradient("Log")
def _log_grad(op, grad):
    x = op.inputs[0]
    with _after(grad):
        return grad * math_ops.reciprocal(x)


@register_gradient("Log1p")
def _log1p_grad(op, grad):
    x = op.inputs[0]
    with _after(grad):
        return grad * math_ops.reciprocal(1 + x)


@register_gradient("Sin")
def _sin_grad(op, grad):
    x = op.inputs[0]
    with _after(grad):
        return grad * math_ops.cos(x)


@register_gradient("Cos")
def _cos_grad(op, grad):
    x = op.inputs[0]
    with _after(grad):
        return -grad * math_ops.sin(x)


@register_gradient("Sigmoid")
def _sigmoid_grad(op, grad):
    y = op.outputs[0]
    with _after(grad):
        return _gen("SigmoidGrad", y, grad)


@register_gradient("SigmoidGrad")
def _sigmoid_grad_grad(op, grad):
    with _after(grad):
        a, b = op.inputs
        gb = grad * b
        return gb - 2.0 * gb * a, _gen("SigmoidGrad", a, grad)


@register_gradient("Tanh")
def _tanh_grad(op, grad):
    y = op.outputs[0]
    with _after(grad):
        return _gen("TanhGrad", y, grad)


@register_gradient("TanhGrad")
def _tanh_grad_grad(op, grad):
    with _after(grad):
        a, b = op.inputs
        return grad * -2.0 * b * a, _gen("TanhGrad", a, grad)


@register_gradient("Softplus")
def _softplus_grad(op, grad):
    return grad * math_ops.sigmoid(op.inputs[0])


@register_gradient("Relu")
def _relu_grad(op, grad):
    return _gen("ReluGrad", grad, op.outputs[0])


@register_gradient("ReluGrad")
def _relu_grad_grad(op, grad):
    x = op.inputs[1]
    return _gen("ReluGrad", grad, x), array_ops.zeros_like(x)


@register_gradient("Relu6")
def _relu6_grad(op, grad):
    return _gen("Relu6Grad", grad, op.outputs[0])


@register_gradient("Relu6Grad")
def _relu6_grad_grad(op, grad):
    x = op.inputs[1]
    return _gen("Relu6Grad", grad, x), array_ops.zeros_like(x)


@register_gradient("Elu")
def _elu_grad(op, grad):
    return _gen("EluGrad", grad, op.outputs[0])


@register_gradient("EluGrad")
def _elu_grad_grad(op, grad):
    elu_x = op.inputs[1]
    return (
        _gen("EluGrad", grad, elu_x),
        array_ops.where(elu_x < 0, grad * op.inputs[0], array_ops.zeros_like(elu_x)),
    )


@register_gradient("Softmax")
def _softmax_grad(op, grad_softmax):
    softmax = op.outputs[0]
    sum_channels = math_ops.reduce_sum(grad_softmax * softmax, -1, keepdims=True)
    return (grad_softmax - sum_channels) * softmax


@register_gradient("LogSoftmax")
def _log_softmax_grad(op, grad):
    softmax = math_ops.exp(op.outputs[0])
    return grad - math_ops.reduce_sum(grad, -1, keepdims=True) * softmax


@register_gradient("Identity")
def _identity_grad(op, grad):
    return grad


@register_gradient("ReadVariableOp")
def _read_variable_grad(op, grad):
    return grad  # flows to the variable's handle: the gradient w.r.t. the variable


# (these two pass an IndexedSlices on as it is, as TF's do)
_identity_grad.takes_indexed_slices = _read_variable_grad.takes_indexed_slices = True


_FLOAT_TYPES = ("float16", "bfloat16", "float32", "float64", "complex64", "complex128")


@register_gradient("Cast")
def _cast_grad(op, grad):
    source = op.inputs[0].dtype
    if source.name in _FLOAT_TYPES and grad.dtype.name in _FLOAT_TYPES:
        return math_ops.cast(grad, source)
    return None


# -- matrices -------------------------------------------------------------------------------------
@register_gradient("MatMul")
def _matmul_grad(op, grad):
    a, b = op.inputs
    ta, tb = op.attrs["transpose_a"], op.attrs["transpose_b"]
    # The product that gives each input's gradient: (left, right, transpose_a, transpose_b).
    if not ta and not tb:
        product_a, product_b = (grad, b, False, True), (a, grad, True, False)
    elif not ta and tb:
        product_a, product_b = (grad, b, False, False), (grad, a, True, False)
    elif ta and not tb:
        product_a, product_b = (b, grad, False, True), (a, grad, False, False)
    else:
        product_a, product_b = (b, grad, True, True), (grad, a, True, True)
    skip = _skipped(op)  # (with 1 skipped TF builds only a's product; with 0, only b's)
    grad_a = grad_b = None
    if 1 in skip or 0 not in skip:
        left, right, transpose_a, transpose_b = product_a
        grad_a = math_ops.matmul(
            left,
            right,
            transpose_a=transpose_a,
            transpose_b=transpose_b,
            grad_a=True,
            name="MatMul",
        )
    if 1 not in skip:
        left, right, transpose_a, transpose_b = product_b
        grad_b = math_ops.matmul(
            left,
            right,
            transpose_a=transpose_a,
            transpose_b=transpose_b,
            grad_b=True,
            name="MatMul",
        )
    return grad_a, grad_b


@register_gradient("BatchMatMulV2")
def _batch_matmul_grad(op, grad):
    x, y = op.inputs
    adj_x, adj_y = op.attrs["adj_x"], op.attrs["adj_y"]

    def matmul(a, b, adjoint_a, adjoint_b):
        return math_ops.matmul(a, b, adjoint_a=adjoint_a, adjoint_b=adjoint_b)

    if not adj_x and not adj_y:
        grad_x, grad_y = matmul(grad, y, False, True), matmul(x, grad, True, False)
    elif not adj_x:
        grad_x, grad_y = matmul(grad, y, False, False), matmul(grad, x, True, False)
    elif not adj_y:
        grad_x, grad_y = matmul(y, grad, False, True), matmul(x, grad, False, False)
    else:
        grad_x, grad_y = matmul(y, grad, True, True), matmul(grad, x, True, True)
    x_shape, y_shape = x.shape, y.shape
    may_have_batch = (
        x_shape.rank is None or x_shape.rank > 2 or y_shape.rank is None or y_shape.rank > 2
    )
    batches_match = (
        x_shape.rank is not None
        and y_shape.rank is not None
        and x_shape[:-2].is_fully_defined()
        and y_shape[:-2].is_fully_defined()
        and x_shape[:-2] == y_shape[:-2]
    )
    if not may_have_batch or batches_match:
        return grad_x, grad_y
    # One operand's batch was broadcast: sum its gradient over the broadcast batch axes.
    sx, sy = array_ops.shape(x), array_ops.shape(y)
    rx, ry = _gen("BroadcastGradientArgs", sx[:-2], sy[:-2])
    return (
        array_ops.reshape(math_ops.reduce_sum(grad_x, rx), sx),
        array_ops.reshape(math_ops.reduce_sum(grad_y, ry), sy),
    )


@register_gradient("MatrixInverse")
def _matrix_inverse_grad(op, grad):
    ainv = op.outputs[0]
    inner = math_ops.matmul(grad, ainv, transpose_b=True)
    return -math_ops.matmul(ainv, inner, transpose_a=True)


# -- shapes ---------------------------------------------------------------------------------------
@register_gradient("Reshape")
def _reshape_grad(op, grad):
    dims = _shape_tuple(op.inputs[0])
    if dims is not None and None in dims:
        unknown = [i for i, d in enumerate(dims) if d is None]
        if len(unknown) == 1 and 0 not in dims:  # one unknown dim: -1 says "what is left"
            return array_ops.reshape(grad, [-1 if d is None else d for d in dims]), None
    return array_ops.reshape(grad, array_ops.shape(op.inputs[0])), None


def _reshape_to_input(op, grad):
    return array_ops.reshape(grad, array_ops.shape(op.inputs[0]))


register_gradient("ExpandDims")(lambda op, grad: [_reshape_to_input(op, grad), None])
register_gradient("Squeeze")(_reshape_to_input)


@register_gradient("Transpose")
def _transpose_grad(op, grad):
    return array_ops.transpose(grad, _gen("InvertPermutation", op.inputs[1])), None


@register_gradient("ConcatV2")
def _concat_grad(op, grad):
    """Each input's gradient is the slice of `grad` where that input landed in the result."""
    values, concat_dim = op.inputs[:-1], op.inputs[-1]
    if len(values) == 1:
        return grad, None
    non_neg_concat_dim = concat_dim % array_ops.rank(values[0])
    sizes = []
    for x in values:  # all static: Consts; else one ShapeN (as TF, after the Consts it made)
        shape = array_ops.shape(x)
        if not context.executing_eagerly() and shape.op.type != "Const":
            sizes = array_ops.shape_n(values)
            break
        sizes.append(shape)
    offsets = _gen("ConcatOffset", non_neg_concat_dim, sizes, N=len(sizes))
    return [array_ops.slice(grad, begin, size) for begin, size in zip(offsets, sizes)] + [None]


@register_gradient("StridedSlice")
def _strided_slice_grad(op, grad):
    x, begin, end, strides = op.inputs
    shape = array_ops.shape(x, out_type=begin.dtype)
    args = [_static_or(t) for t in (shape, begin, end, strides)]
    masks = {
        key: op.attrs[key]
        for key in ("begin_mask", "end_mask", "ellipsis_mask", "new_axis_mask", "shrink_axis_mask")
    }
    return (apply_op("StridedSliceGrad", args + [grad], masks, None), None, None, None)


@register_gradient("StridedSliceGrad")
def _strided_slice_grad_grad(op, grad):
    begin, end, strides = op.inputs[1:4]
    masks = {
        key: op.attrs[key]
        for key in ("begin_mask", "end_mask", "ellipsis_mask", "new_axis_mask", "shrink_axis_mask")
    }
    return (
        None,
        None,
        None,
        None,
        apply_op("StridedSlice", [grad, begin, end, strides], masks, None),
    )


def _static_or(tensor):
    """The value of `tensor` as NumPy when known (a new Const where it is used), else tensor."""
    value = constant_value(tensor)
    return value if value is not None else tensor


@register_gradient("Slice")
def _slice_grad(op, grad):
    """Pad `grad` with zeros back to the input's shape (TF: Pad with before/after amounts)."""
    x, begin = op.inputs[0], op.inputs[1]
    input_rank = array_ops.rank(x)
    slice_size = array_ops.shape(op.outputs[0])
    shape = array_ops.stack([input_rank, 1])
    before_pad = array_ops.reshape(begin, shape)
    after_pad = array_ops.reshape(array_ops.shape(x) - slice_size - begin, shape)
    paddings = array_ops.concat([before_pad, after_pad], 1)
    return array_ops.pad(grad, paddings), None, None


@register_gradient("Pad")
@register_gradient("PadV2")
def _pad_grad(op, grad):
    """The part of `grad` that lies over the original input (none for PadV2's fill value)."""
    x, paddings = op.inputs[:2]
    pad_before = array_ops.slice(paddings, [0, 0], array_ops.stack([array_ops.rank(x), 1]))
    begin = array_ops.reshape(pad_before, [-1])
    x_grad = array_ops.slice(grad, begin, array_ops.shape(x))
    return [x_grad] + [None] * (len(op.inputs) - 1)


@register_gradient("MirrorPad")
def _mirror_pad_grad(op, grad):
    return _gen("MirrorPadGrad", grad, op.inputs[1], mode=op.attrs["mode"]), None


@register_gradient("MirrorPadGrad")
def _mirror_pad_grad_grad(op, grad):
    return _gen("MirrorPad", grad, op.inputs[1], mode=op.attrs["mode"]), None


@register_gradient("Pack")
def _pack_grad(op, grad):
    return array_ops.unstack(grad, num=len(op.inputs), axis=op.attrs["axis"])


@register_gradient("Unpack")
def _unpack_grad(op, *grads):
    return array_ops.stack(list(grads), axis=op.attrs["axis"])


@register_gradient("Split")
def _split_grad(op, *grads):
    """The pieces' gradients joined back along the split axis (an unused piece's is zeros)."""
    return None, array_ops.concat(list(grads), op.inputs[0])


@register_gradient("SplitV")
def _split_v_grad(op, *grads):
    return array_ops.concat(list(grads), op.inputs[2]), None, None


@register_gradient("Tile")
def _tile_grad(op, grad):
    """Sum over the copies: reshape to (multiple, size) pairs, then sum every first of a pair."""
    x, multiples = op.inputs
    input_shape = array_ops.shape(x, out_type=multiples.dtype)
    split_shape = array_ops.reshape(
        array_ops.transpose(array_ops.stack([multiples, input_shape])), [-1]
    )
    axes = math_ops.range(0, array_ops.size(split_shape), 2)
    input_grad = math_ops.reduce_sum(array_ops.reshape(grad, split_shape), axes)
    if not context.executing_eagerly():
        input_grad.set_shape(x.shape)
    return input_grad, None


@register_gradient("BroadcastTo")
def _broadcast_to_grad(op, grad):
    x = op.inputs[0]
    input_shape = array_ops.shape(x, out_type=op.inputs[1].dtype)
    _, reduction_axes = _gen("BroadcastGradientArgs", op.inputs[1], input_shape)  # (TF's order)
    updates = math_ops.reduce_sum(grad, reduction_axes, keepdims=True)
    return array_ops.reshape(updates, input_shape), None


@register_gradient("Select")
def _select_grad(op, grad):
    c, x = op.inputs[0], op.inputs[1]
    zeros = array_ops.zeros_like(x)
    return None, _gen("Select", c, grad, zeros), _gen("Select", c, zeros, grad)


@register_gradient("SelectV2")
def _select_v2_grad(op, grad):
    c, x, y = op.inputs
    z = op.outputs[0]
    zeros = array_ops.zeros([], dtype=grad.dtype)
    gx = _gen("SelectV2", c, grad, zeros)
    gy = _gen("SelectV2", c, zeros, grad)
    gx, _ = _reduce_gradient_args(x, z, gx, None)
    gy, _ = _reduce_gradient_args(y, z, gy, None)
    return None, gx, gy


# -- reductions -----------------------------------------------------------------------------------
def _reduced_shape(input_shape, axes):
    """input_shape with the reduced axes set to 1 (NumPy when both are known, else ops)."""
    known_shape, known_axes = constant_value(input_shape), constant_value(axes)
    if known_shape is not None and known_axes is not None:
        shape = np.array(known_shape, dtype=np.int32)
        shape[np.array(known_axes, dtype=np.int32)] = 1
        return shape
    axes = constant_op.convert_to_tensor(axes)
    input_rank = array_ops.size(input_shape, out_type=axes.dtype)
    axes = (axes + input_rank) % input_rank
    axes_shape = array_ops.shape(axes)
    return _dynamic_stitch_op(
        [math_ops.range(input_rank), axes],
        [input_shape, array_ops.ones(axes_shape, dtype=input_shape.dtype)],
    )


def _kept_dims_and_scaling(input_dims, axes):
    """For a reduction of a known shape over known axes: the shape with those axes set to 1,
    and how many times to tile it.  TF builds `Maximum` and `floordiv` ops for the second and
    then evaluates them; it does so once per graph (later reductions of the same shape reuse
    the answer), and learntf mirrors that so the graph has the same nodes."""
    graph = get_default_graph()
    cache = getattr(graph, "_reduced_shape_cache", None)
    if cache is None:
        cache = graph._reduced_shape_cache = {}
    key = (input_dims, axes)
    if key not in cache:
        kept = _reduced_shape(input_dims, np.array(axes, dtype=np.int32))
        math_ops.floordiv(input_dims, math_ops.maximum(kept, 1))  # TF's ops, left unused
        cache[key] = (kept, np.array(input_dims, dtype=np.int32) // np.maximum(kept, 1))
    return cache[key]


@register_gradient("Sum")
def _sum_grad(op, grad):
    x, axes_tensor = op.inputs
    input_dims = _shape_tuple(x)
    if input_dims is not None:
        axes = constant_value(axes_tensor)
        if axes is not None:
            rank = len(input_dims)
            if np.shape(axes) == (rank,) and np.reshape(axes, -1).tolist() == list(range(rank)):
                # every axis reduced: tile a scalar (run eagerly, with shared shape vectors)
                eager = context.executing_eagerly()
                ones = constant_op.eager_int32((1,) * rank) if eager else np.ones(rank, np.int32)
                grad = array_ops.reshape(grad, ones)
                if eager:
                    input_shape = constant_op.eager_int32(input_dims)
                elif None not in input_dims:
                    input_shape = constant_op.constant(list(input_dims), dtype=dtypes.int32)
                else:
                    input_shape = array_ops.shape(x)
                return array_ops.tile(grad, input_shape), None
            if None not in input_dims and not context.executing_eagerly():
                kept, scaling = _kept_dims_and_scaling(input_dims, tuple(np.reshape(axes, -1)))
                grad = array_ops.reshape(grad, kept)
                return array_ops.tile(grad, scaling), None
    input_shape = array_ops.shape(x)
    if not op.attrs["keep_dims"]:
        grad = array_ops.reshape(grad, _reduced_shape(input_shape, axes_tensor))
    return array_ops.broadcast_to(grad, input_shape), None


@register_gradient("Mean")
def _mean_grad(op, grad):
    sum_grad = _sum_grad(op, grad)[0]
    input_dims, output_dims = _shape_tuple(op.inputs[0]), _shape_tuple(op.outputs[0])
    if (
        input_dims is not None
        and output_dims is not None
        and None not in input_dims
        and None not in output_dims
    ):
        factor = math.prod(input_dims) // max(math.prod(output_dims), 1)
        factor = constant_op.constant(factor, dtype=sum_grad.dtype)
    else:
        input_shape = array_ops.shape(op.inputs[0])
        input_rank = array_ops.size(input_shape)
        axes = math_ops.cast(op.inputs[1], input_rank.dtype)
        axes = (axes + input_rank) % input_rank
        factor = math_ops.reduce_prod(array_ops.gather(input_shape, axes))
    return math_ops.truediv(sum_grad, math_ops.cast(factor, sum_grad.dtype)), None


def _min_or_max_grad(op, grad):
    x, axes = op.inputs
    input_shape = array_ops.shape(x)
    y = op.outputs[0]
    if not op.attrs["keep_dims"]:
        kept = _reduced_shape(input_shape, axes)
        y = array_ops.reshape(y, kept)
        grad = array_ops.reshape(grad, kept)
    else:
        kept = array_ops.shape(y)
    indicators = math_ops.cast(math_ops.equal(y, x), grad.dtype)
    num_selected = array_ops.reshape(math_ops.reduce_sum(indicators, axes), kept)
    return math_ops.divide(indicators, num_selected) * grad, None


register_gradient("Max")(_min_or_max_grad)
register_gradient("Min")(_min_or_max_grad)


@register_gradient("Prod")
def _prod_grad(op, grad):
    """d(prod)/dx_i is the product of all the other elements.  Dividing the product by x_i
    would give nan at a zero, so (as TF) the reduced axes are moved to the front and flattened
    into one, and the product of the others is an exclusive Cumprod from the start times an
    exclusive Cumprod from the end.  (Real dtypes: learntf has no Conj for complex inputs.)"""
    x, axes = op.inputs
    input_shape = array_ops.shape(x)
    axes = array_ops.reshape(axes, [-1])  # a scalar axis too, as a vector
    if not op.attrs["keep_dims"]:
        grad = array_ops.reshape(grad, _reduced_shape(input_shape, op.inputs[1]))
    grad = array_ops.broadcast_to(grad, input_shape)
    # The permutation that puts the reduced axes first, and the two lengths it flattens into.
    rank = array_ops.rank(x)
    reduced = (math_ops.cast(axes, rank.dtype) + rank) % rank
    others, _ = array_ops.setdiff1d(math_ops.range(0, rank), reduced, reduced.dtype)
    perm = array_ops.concat([reduced, others], 0)
    reduced_num = math_ops.reduce_prod(array_ops.gather(input_shape, reduced))
    other_num = math_ops.reduce_prod(array_ops.gather(input_shape, others))
    permuted = array_ops.transpose(x, perm)
    permuted_shape = array_ops.shape(permuted)
    rows = array_ops.reshape(permuted, (reduced_num, other_num))
    # Row i's product of every other row: the rows before it times the rows after it.
    before = math_ops.cumprod(rows, axis=0, exclusive=True)
    after = math_ops.cumprod(rows, axis=0, exclusive=True, reverse=True)
    others_product = array_ops.reshape(before * after, permuted_shape)
    out = grad * array_ops.transpose(others_product, _gen("InvertPermutation", perm))
    return array_ops.reshape(out, input_shape), None


@register_gradient("Cumsum")
def _cumsum_grad(op, grad):
    """Each x_i is in the sums from i on (or before i, when reversed): the gradient is the
    cumulative sum of grad in the other direction."""
    return (
        math_ops.cumsum(
            grad, op.inputs[1], exclusive=op.attrs["exclusive"], reverse=not op.attrs["reverse"]
        ),
        None,
    )


@register_gradient("Cumprod")
def _cumprod_grad(op, grad):
    """d(prod_j)/dx_i = prod_j / x_i for every running product j that holds x_i: sum those
    (a Cumsum the other way) and divide by x_i.  Where x_i is 0, DivNoNan gives 0 -- not the
    true derivative (for cumprod([2, 0, 3]) summed, 8 at the zero): TF's answer, kept here;
    Prod's gradient, by contrast, is right at zeros."""
    x, axis = op.inputs
    exclusive, reverse = op.attrs["exclusive"], op.attrs["reverse"]
    prod = math_ops.cumprod(x, axis, exclusive=exclusive, reverse=reverse)
    out = math_ops.cumsum(prod * grad, axis, exclusive=exclusive, reverse=not reverse)
    return math_ops.div_no_nan(out, x), None


# -- not differentiable ---------------------------------------------------------------------------
for _op in [
    "Const",
    "Placeholder",
    "VarHandleOp",
    "VarIsInitializedOp",
    "AssignVariableOp",
    "AssignAddVariableOp",
    "AssignSubVariableOp",
    "StopGradient",
    "NoOp",
    "Equal",
    "NotEqual",
    "Less",
    "LessEqual",
    "Greater",
    "GreaterEqual",
    "LogicalAnd",
    "LogicalOr",
    "LogicalNot",
    "ArgMax",
    "ArgMin",
    "Shape",
    "Size",
    "Rank",
    "Range",
    "RandomUniform",
    "RandomStandardNormal",
    "TruncatedNormal",
    "RandomUniformInt",
    "ZerosLike",
    "OnesLike",
    "Fill",
    "Floor",
    "Ceil",
    "Round",
    "FloorDiv",
    "All",
    "Any",
    "PlaceholderWithDefault",
    "InvertPermutation",
    "DynamicStitch",
    "ShapeN",
    "ConcatOffset",
    "BroadcastGradientArgs",
    "OneHot",
]:
    not_differentiable(_op)
