"""Arithmetic, comparisons, reductions and matrix products.

Each op type is registered once with its shape inference and NumPy kernel; the functions
below (`add`, `multiply`, `reduce_mean`, `matmul`, ...) create them.  Element-wise ops
broadcast like NumPy.  Lessons 01 and 03 use them; lesson 04 adds their gradients.
Reductions take their axes as a tensor input, as TF's do: `Sum(x, Sum/reduction_indices)`,
or a Const named `Const` holding every axis when `axis` is None.
"""

import builtins

import numpy as np

from learntf import dtypes, errors
from learntf.framework import context, memory
from learntf.framework.apply import ShapeError, apply_op
from learntf.framework.constant_op import constant, convert_to_tensor, eager_int32
from learntf.framework.dispatch import add_dispatch_support
from learntf.framework.execute import EagerTensor
from learntf.framework.graph import Tensor, name_scope
from learntf.framework.op_registry import no_gradient_in_tensorflow, register_op
from learntf.framework.tensor_shape import TensorShape
from learntf.framework.tensor_util import inferred_value
from learntf.ops.shape_inference import (
    FLOAT_TYPES,
    NUMERIC_TYPES,
    REAL_TYPES,
    broadcast_shape,
    check_dtype,
    check_index_dtype,
    reduced_shape,
)


# -- element-wise binary ops -------------------------------------------------------------------
def _binary_infer(allowed, result_dtype=None):
    def infer(x, y, **unused_attrs):
        check_dtype("x", x, allowed, attr=None if allowed is BOOL else "T")
        return [(result_dtype or x.dtype, broadcast_shape(x.shape, y.shape))]

    return infer


def _quiet(fn):
    """Run a NumPy function without its RuntimeWarnings: TF returns inf/nan silently."""

    def kernel(*args):
        with np.errstate(all="ignore"):
            return fn(*args)

    kernel.__name__ = fn.__name__
    return kernel


def _floor_div(x, y):
    if x.dtype.kind in "iu" and np.broadcast(x, y).size and not np.all(y):  # (none: no error)
        raise errors.InvalidArgumentError(None, None, "Integer division by zero")
    return np.floor_divide(x, y)


def _floor_mod(x, y):
    if x.dtype.kind in "iu" and np.broadcast(x, y).size and not np.all(y):  # (none: no error)
        raise errors.InvalidArgumentError(None, None, "Integer division by zero")
    return np.mod(x, y)


def _pow(x, y):
    if x.dtype.kind in "iu" and np.any(y < 0):
        raise errors.InvalidArgumentError(
            None, None, "Integers to negative integer powers are not allowed"
        )
    with np.errstate(all="ignore"):
        return np.power(x, y)


def _div_no_nan(x, y):
    """x / y, but 0 wherever y is 0 (even if x is inf or nan): TF's safe divide."""
    with np.errstate(all="ignore"):
        return np.where(y == 0, np.zeros((), x.dtype), np.true_divide(x, y)).astype(x.dtype)


def _equal(np_fn):
    """Equal/NotEqual carry TF's attr incompatible_shape_error (shapes must broadcast)."""

    def kernel(x, y, incompatible_shape_error=True):
        return np_fn(x, y)

    kernel.__name__ = np_fn.__name__
    return kernel


BOOL = (dtypes.bool_,)
COMPLEX_TYPES = (dtypes.complex64, dtypes.complex128)
INEXACT_TYPES = FLOAT_TYPES + COMPLEX_TYPES
# TF's lists for ops that refuse unsigned integers (Abs, Neg, Sign, Pow) or take few integers
SIGNED_TYPES = FLOAT_TYPES + (dtypes.int8, dtypes.int16, dtypes.int32, dtypes.int64)
SQUARED_DIFFERENCE_TYPES = FLOAT_TYPES + (dtypes.int32, dtypes.int64) + COMPLEX_TYPES
ANY = NUMERIC_TYPES + BOOL + (dtypes.string,)

# TF's older Add: the numbers but uint16, and strings
_ADD_TYPES = tuple(t for t in NUMERIC_TYPES if t is not dtypes.uint16) + (dtypes.string,)

#            op type            default name  kernel                 allowed dtypes  result dtype
_BINARY = [
    ("AddV2", "Add", np.add, NUMERIC_TYPES, None),
    # (TF's older Add, which also joins strings: what tf.add and `+` run on strings)
    ("Add", "Add", np.add, _ADD_TYPES, None),
    ("Sub", "Sub", np.subtract, NUMERIC_TYPES, None),
    ("Mul", "Mul", np.multiply, NUMERIC_TYPES, None),
    ("RealDiv", "RealDiv", _quiet(np.true_divide), NUMERIC_TYPES, None),
    ("DivNoNan", "DivNoNan", _div_no_nan, INEXACT_TYPES, None),
    ("FloorDiv", "FloorDiv", _floor_div, REAL_TYPES, None),
    ("FloorMod", "FloorMod", _floor_mod, REAL_TYPES, None),
    ("Pow", "Pow", _pow, SIGNED_TYPES + COMPLEX_TYPES, None),
    ("Maximum", "Maximum", np.maximum, REAL_TYPES, None),
    ("Minimum", "Minimum", np.minimum, REAL_TYPES, None),
    (
        "SquaredDifference",
        "SquaredDifference",
        lambda x, y: (x - y) * np.conj(x - y),  # |x - y|^2, also for complex numbers
        SQUARED_DIFFERENCE_TYPES,
        None,
    ),
    ("Equal", "Equal", _equal(np.equal), ANY, dtypes.bool_),
    ("NotEqual", "NotEqual", _equal(np.not_equal), ANY, dtypes.bool_),
    ("Less", "Less", np.less, REAL_TYPES, dtypes.bool_),
    ("LessEqual", "LessEqual", np.less_equal, REAL_TYPES, dtypes.bool_),
    ("Greater", "Greater", np.greater, REAL_TYPES, dtypes.bool_),
    ("GreaterEqual", "GreaterEqual", np.greater_equal, REAL_TYPES, dtypes.bool_),
    ("LogicalAnd", "LogicalAnd", np.logical_and, BOOL, dtypes.bool_),
    ("LogicalOr", "LogicalOr", np.logical_or, BOOL, dtypes.bool_),
]

_ELEMENTWISE = ("AddV2", "Sub", "Mul", "RealDiv", "Pow", "Maximum", "Minimum", "SquaredDifference")

for _name, _default, _kernel, _allowed, _result in _BINARY:
    register_op(
        _name,
        ["x", "y"],
        _binary_infer(_allowed, _result),
        _kernel,
        default_name=_default,
        same_dtype=True,
        elementwise=_name in _ELEMENTWISE,
        type_attr=None if _allowed is BOOL else "T",
    )  # LogicalAnd/Or have no T


# -- element-wise unary ops --------------------------------------------------------------------
def _unary_infer(allowed, result_dtype=None, arg_name="x"):
    def infer(x):
        check_dtype(arg_name, x, allowed, attr=None if allowed is BOOL else "T")
        return [(result_dtype or x.dtype, x.shape)]

    return infer


def _sigmoid(x):
    # 1 / (1 + exp(-x)) overflows for large negative x; this form does not.
    with np.errstate(all="ignore"):
        if x.dtype.kind == "c":  # (complex numbers have no order: the plain formula)
            return (1 / (1 + np.exp(-x))).astype(x.dtype, copy=False)
        e = np.exp(-np.abs(x))
        return np.where(x >= 0, 1 / (1 + e), e / (1 + e)).astype(x.dtype, copy=False)


def _reciprocal_kernel(x):
    if x.dtype.kind in "iu":
        raise _no_kernel("Reciprocal", x.dtype)
    with np.errstate(all="ignore"):
        return np.reciprocal(x)


def _cast_like(fn):
    """Keep the input dtype where NumPy would promote a 0-d result."""

    def kernel(x):
        with np.errstate(all="ignore"):
            return np.asarray(fn(x), dtype=x.dtype)

    kernel.__name__ = fn.__name__
    return kernel


_UNARY = [
    ("Neg", np.negative, SIGNED_TYPES + COMPLEX_TYPES, None),
    ("Abs", np.abs, SIGNED_TYPES, None),
    ("Square", np.square, NUMERIC_TYPES, None),
    ("Sqrt", _quiet(np.sqrt), INEXACT_TYPES, None),
    ("Rsqrt", _quiet(lambda x: 1 / np.sqrt(x)), INEXACT_TYPES, None),
    ("Exp", _quiet(np.exp), INEXACT_TYPES, None),
    ("Log", _quiet(np.log), INEXACT_TYPES, None),
    ("Log1p", _quiet(np.log1p), INEXACT_TYPES, None),
    ("Reciprocal", _reciprocal_kernel, INEXACT_TYPES + SIGNED_TYPES[3:], None),
    ("Sign", np.sign, SIGNED_TYPES + COMPLEX_TYPES, None),
    ("Floor", np.floor, FLOAT_TYPES, None),
    ("Ceil", np.ceil, FLOAT_TYPES, None),
    ("Round", np.round, FLOAT_TYPES, None),
    ("Sin", np.sin, INEXACT_TYPES, None),
    ("Cos", np.cos, INEXACT_TYPES, None),
    ("Sigmoid", _sigmoid, INEXACT_TYPES, None),
    ("Tanh", np.tanh, INEXACT_TYPES, None),
    ("Softplus", _cast_like(lambda x: np.logaddexp(0, x)), FLOAT_TYPES, None),
    ("IsFinite", np.isfinite, FLOAT_TYPES, dtypes.bool_),
    ("LogicalNot", np.logical_not, BOOL, dtypes.bool_),
]

for _name, _kernel, _allowed, _result in _UNARY:
    _input = "features" if _name == "Softplus" else "x"  # TF's names
    register_op(
        _name,
        [_input],
        _unary_infer(_allowed, _result, _input),
        _kernel,
        type_attr=None if _allowed is BOOL else "T",
    )  # LogicalNot has no T
no_gradient_in_tensorflow("IsFinite")


def _complex_abs_infer(x, Tout):
    check_dtype("x", x, COMPLEX_TYPES)
    return [(Tout, x.shape)]


register_op("ComplexAbs", ["x"], _complex_abs_infer, lambda x, Tout: np.abs(x).astype(Tout.np))


def _identity(x):
    return x


register_op("Identity", ["input"], lambda x: [(x.dtype, x.shape)], _identity)
register_op("StopGradient", ["input"], lambda x: [(x.dtype, x.shape)], _identity)


def _cast_infer(x, DstT, Truncate=False):
    return [(DstT, x.shape)]


def _cast_kernel(x, DstT, Truncate=False):
    if DstT is dtypes.string or x.dtype == object:
        raise errors.UnimplementedError(
            None,
            None,
            "Cast %s to %s is not supported"  # (TF's names: float, double)
            % (dtypes.as_dtype(x.dtype).proto_name, DstT.proto_name),
        )
    if x.dtype.kind == "c" and DstT is not dtypes.complex64 and DstT is not dtypes.complex128:
        x = x.real  # TF casts a complex number to a real type by its real part
    return x.astype(DstT.np)


register_op("Cast", ["x"], _cast_infer, _cast_kernel, type_attr="SrcT")


# -- n-ary ------------------------------------------------------------------------------------
def _add_n_infer(*inputs, N=None):
    shape = inputs[0].shape
    for index, t in enumerate(inputs[1:], 1):
        if t.dtype is not inputs[0].dtype:
            raise TypeError(
                "Tensors in list passed to 'inputs' of 'AddN' Op have types [%s] that don't all "
                "match." % ", ".join(v.dtype.name for v in inputs)
            )
        if not shape.is_compatible_with(t.shape):
            error = ShapeError(
                "Shapes must be equal rank, but are %s and %s"
                % (shape.proto_str(), t.shape.proto_str()),
                "tf.add_n does not broadcast; every input needs the same shape",
            )
            error.eager_words = (  # (TF's AddN kernel)
                "Inputs to operation AddN of type AddN must have the same size and shape.  "
                "Input 0: %s != input %d: %s"
                % (inputs[0].shape.proto_str(), index, t.shape.proto_str())
            )
            raise error
        shape = shape.merge_with(t.shape)
    return [(inputs[0].dtype, shape)]


def _add_n_kernel(*values, N=None):
    for index, value in enumerate(values[1:], 1):
        if value.shape != values[0].shape:  # AddN does not broadcast
            raise errors.InvalidArgumentError(
                None,
                None,
                "Inputs to operation AddN of type AddN must have the same size and shape.  "
                "Input 0: %s != input %d: %s" % (list(values[0].shape), index, list(value.shape)),
            )
    total = values[0]
    for v in values[1:]:
        total = total + v
    return total


register_op("AddN", ["inputs*"], _add_n_infer, _add_n_kernel, same_dtype=True)


# -- reductions --------------------------------------------------------------------------------
# Sum(input, reduction_indices) and friends: the axes are a tensor, as in TF, usually a Const
# (`Sum/reduction_indices`); attr keep_dims.
def _reduce_infer(input, reduction_indices, keep_dims):
    check_index_dtype("reduction_indices", reduction_indices)
    if reduction_indices.shape.rank is not None and reduction_indices.shape.rank > 1:
        raise ShapeError(
            "Shape must be at most rank 1 but is rank %d" % reduction_indices.shape.rank
        )
    axes = inferred_value(reduction_indices)
    rank = input.shape.rank
    if axes is None or rank is None:
        if keep_dims and rank is not None:
            return [(input.dtype, TensorShape([None] * rank))]
        return [(input.dtype, TensorShape(None))]
    return [(input.dtype, reduced_shape(input.shape, axes, keep_dims))]


def _runtime_axes(reduction_indices, rank):
    """The reduction axes as a tuple of non-negative ints; TF's error for one out of range."""
    axes = reduction_indices.tolist()
    if not isinstance(axes, list):
        axes = [axes]
    for axis in axes:
        if not -rank <= axis < rank:
            raise errors.InvalidArgumentError(
                None,
                None,
                "Invalid reduction dimension (%d for input with %d dimension(s)" % (axis, rank),
            )
    return tuple(axis % rank for axis in axes)


def _reducer(ufunc):
    """A reduction kernel by `ufunc.reduce` (np.add.reduce for Sum: np.sum without its
    wrapper's cost, and in the input's dtype, so integer sums wrap around as in TF)."""

    def kernel(input, reduction_indices, keep_dims):
        axes = _runtime_axes(reduction_indices, input.ndim)
        return np.asarray(ufunc.reduce(input, axis=axes, keepdims=keep_dims), dtype=input.dtype)

    kernel.__name__ = ufunc.__name__
    return kernel


def _mean_kernel(input, reduction_indices, keep_dims):
    axes = _runtime_axes(reduction_indices, input.ndim)
    count = 1
    for axis in axes:
        count *= input.shape[axis]
    if input.dtype.kind in "iu":  # TF's integer mean truncates toward zero
        total = np.add.reduce(input, axis=axes, keepdims=keep_dims, dtype=np.int64)
        return np.asarray(np.trunc(total / max(count, 1)), dtype=input.dtype)
    with np.errstate(all="ignore"):
        if input.dtype == np.float16:  # NumPy's mean sums float16 in float32, as TF does
            return np.asarray(np.mean(input, axis=axes, keepdims=keep_dims), dtype=input.dtype)
        return np.asarray(
            np.add.reduce(input, axis=axes, keepdims=keep_dims) / count, dtype=input.dtype
        )


def _reduce_minmax(ufunc):
    def kernel(input, reduction_indices, keep_dims):
        axes = _runtime_axes(reduction_indices, input.ndim)
        if input.size == 0:  # TF returns the identity element for an empty reduction
            info = np.finfo if input.dtype.kind == "f" else np.iinfo
            fill = info(input.dtype).min if ufunc is np.maximum else info(input.dtype).max
            if input.dtype.kind == "f":  # (-inf for Max of floats, inf for Min)
                fill = -np.inf if ufunc is np.maximum else np.inf
            shape = (
                [1 if i in axes else d for i, d in enumerate(input.shape)]
                if keep_dims
                else [d for i, d in enumerate(input.shape) if i not in axes]
            )
            return np.full(shape, fill, dtype=input.dtype)
        return np.asarray(ufunc.reduce(input, axis=axes, keepdims=keep_dims), dtype=input.dtype)

    return kernel


def _reduce_infer_of(allowed):
    """_reduce_infer after TF's dtype check of `input` (Sum takes numbers, Max real numbers,
    Any bools: `tf.reduce_mean` of bools is an error, as in TF)."""

    def infer(input, reduction_indices, keep_dims):
        check_dtype("input", input, allowed, attr=None if allowed is BOOL else "T")
        return _reduce_infer(input, reduction_indices, keep_dims)

    return infer


_REDUCTION_INPUTS = ["input", "reduction_indices"]
_SUM = _reduce_infer_of(NUMERIC_TYPES)
_MAX = _reduce_infer_of(REAL_TYPES)
_ANY = _reduce_infer_of(BOOL)
register_op("Sum", _REDUCTION_INPUTS, _SUM, _reducer(np.add))
register_op("Prod", _REDUCTION_INPUTS, _SUM, _reducer(np.multiply))
register_op("Mean", _REDUCTION_INPUTS, _SUM, _mean_kernel)
register_op("Max", _REDUCTION_INPUTS, _MAX, _reduce_minmax(np.maximum))
register_op("Min", _REDUCTION_INPUTS, _MAX, _reduce_minmax(np.minimum))
register_op("All", _REDUCTION_INPUTS, _ANY, _reducer(np.logical_and), type_attr=None)
register_op("Any", _REDUCTION_INPUTS, _ANY, _reducer(np.logical_or), type_attr=None)


# -- cumulative sums and products --------------------------------------------------------------
# Cumsum(x, axis) and Cumprod(x, axis), attrs exclusive and reverse: a running total along one
# axis.  `exclusive` leaves each element out of its own total (the first is 0, or 1 for a
# product); `reverse` runs from the end.  The output has x's shape.
def _scan_infer(x, axis, exclusive, reverse):
    check_dtype("x", x, NUMERIC_TYPES)
    check_index_dtype("axis", axis)
    return [(x.dtype, x.shape)]


def _scan_axis(axis, rank):
    """The scan axis as a non-negative int; TF's error (the kernel's words) when it is not
    one of x's axes."""
    if np.ndim(axis) != 0:
        raise errors.InvalidArgumentError(
            None,
            None,
            "ScanOp: axis must be a scalar, not %s\n(learntf: axis is one int, "
            "e.g. tf.cumsum(x, axis=1).)" % list(np.shape(axis)),
        )
    given = int(axis)
    normalized = given + rank if given < 0 else given
    if not 0 <= normalized < rank:
        hint = (
            "x has %d axes, so axis must be one of %d..%d; a negative axis counts from the "
            "end." % (rank, -rank, rank - 1)
            if rank
            else "x is a scalar; a running total needs at least one axis."
        )
        raise errors.InvalidArgumentError(
            None,
            None,
            "ScanOp: Expected scan axis in the range [%d, %d), but got %d\n"
            "(learntf: %s)" % (-rank, rank, normalized, hint),
        )
    return normalized


def _scan_kernel(ufunc, identity):
    """Cumsum (np.add, 0) or Cumprod (np.multiply, 1): NumPy's running `accumulate`, with the
    input shifted by one (the identity first) when exclusive, flipped when reverse."""

    def kernel(x, axis, exclusive, reverse):
        axis = _scan_axis(axis, x.ndim)
        values = np.flip(x, axis) if reverse else x
        totals = ufunc.accumulate(values, axis=axis, dtype=x.dtype)
        if exclusive and totals.shape[axis]:
            first = np.full_like(np.take(totals, [0], axis=axis), identity)
            totals = np.concatenate([first, np.delete(totals, -1, axis=axis)], axis=axis)
        return np.flip(totals, axis) if reverse else totals

    kernel.__name__ = "cum" + ufunc.__name__
    return kernel


register_op("Cumsum", ["x", "axis"], _scan_infer, _scan_kernel(np.add, 0))
register_op("Cumprod", ["x", "axis"], _scan_infer, _scan_kernel(np.multiply, 1))


def _arg_infer(input, dimension, output_type):
    check_dtype("input", input, REAL_TYPES + BOOL)  # (TF's ArgMax takes bools too)
    check_index_dtype("dimension", dimension)
    rank = input.shape.rank
    axis = inferred_value(dimension)
    if rank is None:
        return [(output_type, TensorShape(None))]
    if axis is None:
        return [(output_type, TensorShape([None] * max(rank - 1, 0)))]
    axis = int(axis)
    if not -rank <= axis < max(rank, 1):
        raise ShapeError(
            "Expected dimension in the range [%d, %d), but got %d" % (-rank, rank, axis)
        )
    axis %= max(rank, 1)
    return [
        (output_type, TensorShape([d for i, d in enumerate(input.shape.as_list()) if i != axis]))
    ]


def _arg_kernel(np_fn):
    def kernel(input, dimension, output_type):
        axis = int(dimension)
        if not -input.ndim <= axis < max(input.ndim, 1):
            raise errors.InvalidArgumentError(
                None,
                None,
                "Expected dimension in the range [%d, %d), but got %d"
                % (-input.ndim, input.ndim, axis),
            )
        if input.shape and input.shape[axis] == 0:
            raise errors.InvalidArgumentError(
                None, None, "Reduction axis %d is empty in shape %s" % (axis, list(input.shape))
            )
        return np.asarray(np_fn(input, axis=axis), dtype=output_type.np)

    return kernel


register_op("ArgMax", ["input", "dimension"], _arg_infer, _arg_kernel(np.argmax))
register_op("ArgMin", ["input", "dimension"], _arg_infer, _arg_kernel(np.argmin))


# -- Range(start, limit, delta) ----------------------------------------------------------------
def _range_size(start, limit, delta):
    if delta == 0:
        raise ValueError("Requires delta != 0: %s" % delta)
    if delta > 0 and start > limit:
        raise ValueError("Requires start <= limit when delta > 0: %s/%s" % (start, limit))
    if delta < 0 and start < limit:
        raise ValueError("Requires start >= limit when delta < 0: %s/%s" % (start, limit))
    if isinstance(start, (int, np.integer)) and isinstance(delta, (int, np.integer)):
        return (builtins.abs(limit - start) + builtins.abs(delta) - 1) // builtins.abs(delta)
    return int(np.ceil(builtins.abs((limit - start) / delta)))


def _range_infer(start, limit, delta):
    for tensor in (start, limit, delta):
        if tensor.shape.rank not in (None, 0):
            raise ShapeError(
                "Shape must be rank 0 but is rank %d" % tensor.shape.rank, "tf.range takes scalars"
            )
    if not start.dtype is limit.dtype is delta.dtype:
        raise TypeError(
            "Input 'limit' of 'Range' Op has type %s that does not match type %s "
            "of argument 'start'." % (limit.dtype.name, start.dtype.name)
        )
    values = [inferred_value(t) for t in (start, limit, delta)]
    if any(v is None for v in values):
        return [(start.dtype, TensorShape([None]))]
    try:
        size = _range_size(*(v.item() for v in values))
    except ValueError as exc:  # TF's shape function leaves out the value of a zero delta
        raise ShapeError(
            str(exc).replace("Requires delta != 0: 0", "Requires delta != 0")
        ) from None
    return [(start.dtype, TensorShape([size]))]


def _range_kernel(start, limit, delta):
    try:
        size = _range_size(start.item(), limit.item(), delta.item())
    except ValueError as exc:
        raise errors.InvalidArgumentError(None, None, str(exc)) from None
    memory.check_allocation([size], start.dtype)
    return np.arange(start, limit, delta, dtype=start.dtype)


register_op(
    "Range",
    ["start", "limit", "delta"],
    _range_infer,
    _range_kernel,
    default_name="range",
    type_attr="Tidx",
)

# The dtypes tf.range accepts, from narrowest to widest: mixed inputs take the widest.
_RANGE_DTYPES = [dtypes.int32, dtypes.int64, dtypes.float16, dtypes.float32, dtypes.float64]


def range(start, limit=None, delta=1, dtype=None, name="range"):  # TF's name
    """Like Python's range: `tf.range(5)` is [0 1 2 3 4]; one `Range` op of three scalars."""
    if limit is None:
        start, limit = 0, start
    if dtype is not None:
        dtype = dtypes.as_dtype(dtype)
    with name_scope(name, "Range", [start, limit, delta]) as scope:
        start, limit, delta = (
            value
            if isinstance(value, Tensor)
            else convert_to_tensor(value, dtype=dtype, name=arg_name)
            for value, arg_name in ((start, "start"), (limit, "limit"), (delta, "delta"))
        )
        if dtype is None:
            dtype = max((t.dtype for t in (start, limit, delta)), key=_RANGE_DTYPES.index)
        start, limit, delta = (cast(t, dtype) for t in (start, limit, delta))
        return apply_op("Range", [start, limit, delta], {}, scope)


# -- matrices ----------------------------------------------------------------------------------
# TF's MatMul takes no int8 or int16; BatchMatMulV2 takes int16 too
MATMUL_TYPES = (
    FLOAT_TYPES + (dtypes.int32, dtypes.int64, dtypes.uint8, dtypes.uint16) + COMPLEX_TYPES
)


def _matmul_infer(a, b, transpose_a=False, transpose_b=False, **unused_attrs):
    check_dtype("a", a, MATMUL_TYPES)
    try:
        return _matmul_shape(a, b, transpose_a, transpose_b)
    except ShapeError as error:  # in eager mode, TF's MatMul kernel's words
        ranks = [t.shape.rank for t in (a, b) if t.shape.rank is not None and t.shape.rank < 2]
        error.eager_words = (
            "In[0] and In[1] ndims must be == 2: %d" % ranks[0]
            if ranks
            else "Matrix size-incompatible: In[0]: %s, In[1]: %s"
            % (a.shape.proto_str(), b.shape.proto_str())
        )
        raise


def _matmul_shape(a, b, transpose_a, transpose_b):
    if a.shape.rank is None or b.shape.rank is None:
        for t in (a, b):  # (BatchMatMulV2's check of the rank it knows)
            if t.shape.rank is not None and t.shape.rank < 2:
                raise ShapeError("Shape must be at least rank 2 but is rank %d" % t.shape.rank)
        return [(a.dtype, TensorShape(None))]
    for t in (a, b):
        if t.shape.rank < 2:
            raise ShapeError(
                "Shape must be rank 2 but is rank %d" % t.shape.rank,
                "tf.matmul multiplies matrices; reshape a vector v to a column "
                "with tf.reshape(v, [-1, 1]) or use tf.tensordot",
            )
    a_dims, b_dims = a.shape.as_list(), b.shape.as_list()
    if transpose_a:
        a_dims[-2:] = a_dims[-1], a_dims[-2]
    if transpose_b:
        b_dims[-2:] = b_dims[-1], b_dims[-2]
    inner_a, inner_b = a_dims[-1], b_dims[-2]
    if inner_a is not None and inner_b is not None and inner_a != inner_b:
        raise ShapeError(
            "Dimensions must be equal, but are %d and %d" % (inner_a, inner_b),
            "in a @ b the columns of a (%d) must equal the rows of b (%d); "
            "perhaps one operand needs tf.transpose" % (inner_a, inner_b),
        )
    batch = broadcast_shape(TensorShape(a_dims[:-2]), TensorShape(b_dims[:-2])).as_list()
    return [(a.dtype, TensorShape(batch + [a_dims[-2], b_dims[-1]]))]


def _matmul_kernel(a, b, transpose_a=False, transpose_b=False, **unused_attrs):
    for index, operand in enumerate((a, b)):
        if operand.ndim < 2:  # (a rank the graph did not know: no vectors at run time either)
            raise errors.InvalidArgumentError(
                None, None, "In[%d] ndims must be >= 2: %d" % (index, operand.ndim)
            )
    if a.dtype in (np.uint8, np.uint16):  # (TF has no CPU kernel for them)
        raise _no_kernel("MatMul", a.dtype)
    if transpose_a:
        a = a.swapaxes(-1, -2)  # (the method: np.swapaxes adds a Python call on every run)
    if transpose_b:
        b = b.swapaxes(-1, -2)
    if a.ndim == 2 == b.ndim:
        try:  # np.dot: the same product as np.matmul for matrices, with less overhead
            return np.dot(a, b)
        except ValueError:
            pass  # (the check below says why)
    if a.shape[-1] != b.shape[-2]:
        raise errors.InvalidArgumentError(
            None,
            None,
            "Matrix size-incompatible: In[0]: [%s], In[1]: [%s]"
            % (",".join(map(str, a.shape)), ",".join(map(str, b.shape))),
        )
    return np.matmul(a, b)


def _batch_matmul_infer(x, y, adj_x=False, adj_y=False, **unused_attrs):
    check_dtype("x", x, MATMUL_TYPES + (dtypes.int16,))
    return _matmul_shape(x, y, adj_x, adj_y)


def _batch_matmul_kernel(x, y, adj_x=False, adj_y=False, **unused_attrs):
    return _matmul_kernel(x, y, transpose_a=adj_x, transpose_b=adj_y)


# MatMul(a, b) with transpose_a/transpose_b; BatchMatMulV2(x, y) with adj_x/adj_y (real dtypes:
# the adjoint is the transpose).  TF's grad_a/grad_b (grad_x/grad_y) attrs only hint kernels.
register_op("MatMul", ["a", "b"], _matmul_infer, _matmul_kernel, same_dtype=True)
register_op("BatchMatMulV2", ["x", "y"], _batch_matmul_infer, _batch_matmul_kernel, same_dtype=True)


def _square_matrix_infer(x, **attrs):
    check_dtype("input", x, FLOAT_TYPES)
    dims = x.shape.as_list() if x.shape.rank is not None else None
    if dims is not None:
        if len(dims) < 2:
            raise ShapeError("Shape must be at least rank 2 but is rank %d" % len(dims))
        if None not in dims[-2:] and dims[-1] != dims[-2]:
            error = ShapeError(
                "Dimensions must be equal, but are %d and %d" % (dims[-2], dims[-1]),
                "only square matrices have an inverse",
            )
            error.eager_words = "Input matrix must be square."  # (TF's kernel)
            raise error
    return [(x.dtype, x.shape)]


def _matrix_inverse_kernel(x, adjoint=False):
    try:
        result = np.linalg.inv(x.astype(np.float64) if x.dtype == np.float16 else x)
    except np.linalg.LinAlgError:
        raise errors.InvalidArgumentError(None, None, "Input is not invertible.") from None
    if adjoint:
        result = np.conj(np.swapaxes(result, -1, -2))
    return result.astype(x.dtype, copy=False)


register_op("MatrixInverse", ["input"], _square_matrix_infer, _matrix_inverse_kernel)


# -- public functions ----------------------------------------------------------------------------
def add(x, y, name=None):
    """x + y; TF's tf.add converts y to x's dtype only as a hint, so an eager `tf.add(ints,
    0.5)` reaches the kernel with a float (InvalidArgumentError), where other ops refuse to
    convert the number (TypeError)."""
    if type(x) is EagerTensor and type(y) in (int, float, bool, str):  # (str: AddV2 refuses)
        try:
            y = convert_to_tensor(y, dtype=x.dtype)
        except TypeError:
            y = convert_to_tensor(y)
    if isinstance(x, (str, bytes)) or getattr(x, "dtype", None) == dtypes.string:
        # TF: strings are joined by the Add op
        return apply_op("Add", [x, y], {}, name or "Add")
    return apply_op("AddV2", [x, y], {}, name or "Add")


def subtract(x, y, name=None):
    return apply_op("Sub", [x, y], {}, name or "Sub")


def multiply(x, y, name=None):
    return apply_op("Mul", [x, y], {}, name or "Mul")


def _int_to_float(x, y, where="__truediv__"):
    """TF's true division: x and y of one dtype (else TypeError), integers cast to float
    first (int8/int16/uint8/uint16 -> float32, wider ones -> float64), bools refused."""
    if not isinstance(x, (Tensor, EagerTensor)) and isinstance(y, (Tensor, EagerTensor)):
        y = convert_to_tensor(y, name="y")
        x = convert_to_tensor(x, dtype=y.dtype, name="x")
    else:
        x = convert_to_tensor(x, name="x")
        y = convert_to_tensor(y, dtype_hint=x.dtype, name="y")
    if x.dtype.base_dtype is not y.dtype.base_dtype:
        raise TypeError("`x` and `y` must have the same dtype, got %r != %r." % (x.dtype, y.dtype))
    if not (x.dtype.is_integer or x.dtype.is_floating or x.dtype.is_complex):
        raise TypeError(
            "Invalid dtype %r in %s. Expected one of {tf.uint8, tf.int8, tf.uint16, tf.int16, "
            "tf.uint32, tf.int32, tf.uint64, tf.int64, tf.bfloat16, tf.float16, tf.float32, "
            "tf.float64, tf.complex64, tf.complex128}." % (x.dtype, where)
        )
    if x.dtype.is_integer:
        target = (
            dtypes.float32
            if x.dtype in (dtypes.int8, dtypes.int16, dtypes.uint8, dtypes.uint16)
            else dtypes.float64
        )
        x, y = cast(x, target), cast(y, target)
    return x, y


def truediv(x, y, name=None):
    with name_scope(name, "truediv", [x, y]) as scope:
        x, y = _int_to_float(x, y)
        return apply_op("RealDiv", [x, y], {}, scope)


def divide(x, y, name=None):
    return truediv(x, y, name=name or "truediv")


def realdiv(x, y, name=None):
    return apply_op("RealDiv", [x, y], {}, name or "RealDiv")


def div_no_nan(x, y, name=None):
    """x / y, with 0 where y is 0 (op DivNoNan); integers are divided as floats, as truediv."""
    with name_scope(name, "div_no_nan", [x, y]) as scope:
        x, y = _int_to_float(x, y, "tf.math.divide_no_nan")
        return apply_op("DivNoNan", [x, y], {}, scope)


divide_no_nan = div_no_nan


def floordiv(x, y, name=None):
    return apply_op("FloorDiv", [x, y], {}, name or "floordiv")


def div(x, y, name=None):
    """`tf.compat.v1.div`: Python 2's `/` -- RealDiv for floats, FloorDiv for integers."""
    with name_scope(name, "div", [x, y]) as scope:
        x = convert_to_tensor(x, name="x")
        y = convert_to_tensor(y, name="y", dtype=x.dtype)
        op_type = "RealDiv" if x.dtype.is_floating or x.dtype.is_complex else "FloorDiv"
        return apply_op(op_type, [x, y], {}, scope)


def floormod(x, y, name=None):
    return apply_op("FloorMod", [x, y], {}, name or "FloorMod")


mod = floormod


def pow(x, y, name=None):  # TF's name

    with name_scope(name, "Pow", [x]) as scope:  # (TF's pow opens a scope of its own)
        return apply_op("Pow", [x, y], {}, scope)


def maximum(x, y, name=None):
    return apply_op("Maximum", [x, y], {}, name or "Maximum")


def minimum(x, y, name=None):
    return apply_op("Minimum", [x, y], {}, name or "Minimum")


def clip_by_value(t, clip_value_min, clip_value_max, name=None):
    """Each element of `t` limited to [clip_value_min, clip_value_max] (gradient 0 outside):
    Minimum with the upper bound, then Maximum with the lower one, as TF builds it."""
    with name_scope(name, "clip_by_value", [t, clip_value_min, clip_value_max]) as scope:
        values = convert_to_tensor(t, name="t")
        t_min = minimum(values, clip_value_max)
        if not values.shape.is_compatible_with(t_min.shape):
            raise ValueError("Shapes %s and %s are incompatible" % (values.shape, t_min.shape))
        t_max = maximum(t_min, clip_value_min, name=scope)
        if not values.shape.is_compatible_with(t_max.shape):
            raise ValueError("Shapes %s and %s are incompatible" % (values.shape, t_max.shape))
        return t_max


def squared_difference(x, y, name=None):
    return apply_op("SquaredDifference", [x, y], {}, name or "SquaredDifference")


def equal(x, y, name=None):
    return apply_op("Equal", [x, y], {"incompatible_shape_error": True}, name or "Equal")


def not_equal(x, y, name=None):
    return apply_op("NotEqual", [x, y], {"incompatible_shape_error": True}, name or "NotEqual")


def less(x, y, name=None):
    return apply_op("Less", [x, y], {}, name or "Less")


def less_equal(x, y, name=None):
    return apply_op("LessEqual", [x, y], {}, name or "LessEqual")


def greater(x, y, name=None):
    return apply_op("Greater", [x, y], {}, name or "Greater")


def greater_equal(x, y, name=None):
    return apply_op("GreaterEqual", [x, y], {}, name or "GreaterEqual")


def logical_and(x, y, name=None):
    return apply_op("LogicalAnd", [x, y], {}, name or "LogicalAnd")


def logical_or(x, y, name=None):
    return apply_op("LogicalOr", [x, y], {}, name or "LogicalOr")


def logical_not(x, name=None):
    return apply_op("LogicalNot", [x], {}, name or "LogicalNot")


def logical_xor(x, y, name="LogicalXor"):
    """x XOR y for bools, composed as TF composes it: (x or y) and not (x and y)."""
    with name_scope(name, "LogicalXor", [x, y]) as scope:
        return logical_and(logical_or(x, y), logical_not(logical_and(x, y)), name=scope)


def _unary(op_type):
    def fn(x, name=None):
        return apply_op(op_type, [x], {}, name or op_type)

    fn.__name__ = op_type.lower()
    fn.__doc__ = "Element-wise %s (op type %s)." % (op_type.lower(), op_type)
    return add_dispatch_support(fn)  # a RaggedTensor's values (learntf/ragged/)


negative = _unary("Neg")
square = _unary("Square")
sqrt = _unary("Sqrt")
rsqrt = _unary("Rsqrt")
exp = _unary("Exp")
log = _unary("Log")
log1p = _unary("Log1p")
_reciprocal = _unary("Reciprocal")


@add_dispatch_support
def reciprocal(x, name=None):
    """1 / x, element-wise (op Reciprocal; TF has no CPU kernel for its integer dtypes)."""
    x = convert_to_tensor(x, name="x")
    if x.dtype.is_integer and x.dtype is not dtypes.uint8:
        _check_cpu_kernel("Reciprocal", x.dtype)
    return _reciprocal(x, name=name)


def _check_cpu_kernel(op_type, dtype):
    """TF registers some ops for dtypes it has no CPU kernel for: run eagerly, the op cannot
    be placed (NotFoundError); in a graph it fails when it runs (`_no_kernel`)."""
    if context.executing_eagerly():
        raise errors.NotFoundError(
            None,
            None,
            "Could not find device for node: {{node %s}} = %s[T=DT_%s]\n(learntf: TensorFlow "
            "has no CPU kernel of %s for %s; cast the input first.)"
            % (op_type, op_type, dtype.proto_name.upper(), op_type, dtype.name),
        )


def _no_kernel(op_type, dtype):
    return errors.InvalidArgumentError(
        None,
        None,
        "No OpKernel was registered to support Op '%s' used by {{node %s}} with these attrs: "
        "[T=DT_%s]" % (op_type, op_type, np.dtype(dtype).name.upper()),
    )


sign = _unary("Sign")
floor = _unary("Floor")
ceil = _unary("Ceil")
_round = _unary("Round")


@add_dispatch_support
def round(x, name=None):  # TF's name
    """Half to even, element-wise; an integer tensor comes back as it is (as TF's round)."""
    x = convert_to_tensor(x, name="x")
    if x.dtype.is_integer:
        return x
    return _round(x, name=name)


sin = _unary("Sin")
cos = _unary("Cos")
tanh = _unary("Tanh")
softplus = _unary("Softplus")


@add_dispatch_support
def sigmoid(x, name=None):
    """1 / (1 + exp(-x)), element-wise (TF makes the op inside a name scope of its own, so a
    GradientTape builds its gradient in `gradient_tape/Sigmoid/`)."""
    with name_scope(name, "Sigmoid", [x]) as scope:
        x = convert_to_tensor(x, name="x")
        return apply_op("Sigmoid", [x], {}, scope)


def log_sigmoid(x, name=None):
    """log(sigmoid(x)) = -softplus(-x), which stays finite for large |x|."""
    with name_scope(name, "LogSigmoid", [x]) as scope:
        x = convert_to_tensor(x, name="x")
        return apply_op("Neg", [softplus(-x)], {}, scope)


def is_finite(x, name=None):
    """True where x is neither inf nor nan (op IsFinite)."""
    return apply_op("IsFinite", [x], {}, name or "IsFinite")


@add_dispatch_support
def abs(x, name=None):  # TF's name

    with name_scope(name, "Abs", [x]) as scope:  # (TF's abs opens a scope of its own)
        x = convert_to_tensor(x, name="x")
        if x.dtype.is_complex:  # the modulus, a real number (TF's ComplexAbs)
            return apply_op("ComplexAbs", [x], {"Tout": x.dtype.real_dtype}, scope)
        return apply_op("Abs", [x], {}, scope)


def identity(input, name=None):  # TF's name
    return apply_op("Identity", [input], {}, name or "Identity")


def stop_gradient(input, name=None):  # TF's name
    return apply_op("StopGradient", [input], {}, name or "StopGradient")


@add_dispatch_support
def cast(x, dtype, name=None):
    """`x` converted to `dtype` (floats to ints truncate toward zero, as in TF).  A tensor that
    already has the dtype comes back as it is; otherwise one `Cast` op."""
    dtype = dtypes.as_dtype(dtype)
    if isinstance(x, (Tensor, EagerTensor)) and x.dtype is dtype:
        return x
    with name_scope(name, "Cast", [x]) as scope:
        x = convert_to_tensor(x, name="x")
        if x.dtype is not dtype:
            x = apply_op("Cast", [x], {"DstT": dtype, "Truncate": False}, scope)
        return x


def to_float(x, name="ToFloat"):
    """TF 1's shorthands for tf.cast (to_float, to_double, to_int32, to_int64)."""
    return cast(x, dtypes.float32, name=name)


def to_double(x, name="ToDouble"):
    return cast(x, dtypes.float64, name=name)


def to_int32(x, name="ToInt32"):
    return cast(x, dtypes.int32, name=name)


def to_int64(x, name="ToInt64"):
    return cast(x, dtypes.int64, name=name)


def add_n(inputs, name=None):
    """The sum of a list of tensors of one shape and dtype."""
    if not inputs:
        raise ValueError(
            "Inputs must be an iterable of at least one Tensor/IndexedSlices "
            "with the same dtype and shape."
        )
    if len(inputs) == 1:
        return identity(inputs[0], name=name) if name else convert_to_tensor(inputs[0])
    inputs = [convert_to_tensor(v) for v in inputs]  # (each by itself, as TF converts them)
    if context.executing_eagerly():
        for position, value in enumerate(inputs):
            if value.dtype is not inputs[0].dtype:
                raise errors.InvalidArgumentError(
                    None,
                    None,
                    "cannot compute AddN as input #%d(zero-based) was expected to be a %s tensor "
                    "but is a %s tensor [Op:AddN]"
                    % (position, inputs[0].dtype.proto_name, value.dtype.proto_name),
                )
    return apply_op("AddN", [list(inputs)], {"N": len(inputs)}, name or "AddN")


def _reduction_dims(x, axis):
    """The axes to reduce: `axis` itself, or every axis when it is None: a Const [0..rank) when
    the rank is known, else Range(0, Rank(x)) computed when the graph runs (as TF does)."""
    if isinstance(axis, float) or (
        isinstance(axis, (list, tuple)) and any(isinstance(a, float) for a in axis)
    ):  # TF converts a Python axis as its op's Tidx, int32: a float is refused (TypeError)
        return convert_to_tensor(axis, dtype=dtypes.int32)
    if axis is not None:
        return axis
    try:
        rank = x.shape.rank
    except AttributeError:  # a Python list or a NumPy array
        rank = None
    if rank:
        if context.executing_eagerly():
            return eager_int32(tuple(builtins.range(rank)))
        return constant(np.arange(rank, dtype=np.int32))
    from learntf.ops.array_ops import rank as rank_of

    return range(0, rank_of(x))


def _one_of(name, value, old_name, old_value):
    """TF's rule for a renamed argument: either spelling, not both."""
    if value is not None and old_value is not None:
        raise ValueError("Cannot specify both '%s' and '%s'" % (name, old_name))
    return old_value if value is None else value


def _reduction(op_type, default_name):
    def fn(
        input_tensor, axis=None, keepdims=None, name=None, reduction_indices=None, keep_dims=None
    ):
        axis = _one_of("axis", axis, "reduction_indices", reduction_indices)
        keepdims = bool(_one_of("keepdims", keepdims, "keep_dims", keep_dims))
        if op_type in ("All", "Any") and isinstance(axis, (list, tuple)):
            _check_bool_eagerly(input_tensor)
        result = apply_op(
            op_type,
            [input_tensor, _reduction_dims(input_tensor, axis)],
            {"keep_dims": keepdims},
            name or default_name,
        )
        return _may_reduce_to_scalar(keepdims, axis, result)

    fn.__name__ = "reduce_" + default_name.lower()
    fn.__doc__ = (
        "Reduce along `axis` (all axes if None) with %s; `keepdims` keeps the "
        "reduced axes with length 1." % op_type
    )
    return add_dispatch_support(fn)  # within the rows of a RaggedTensor (learntf/ragged/)


def _check_bool_eagerly(input_tensor):
    """TF's eager Any/All given axes as a Python list converts the input to bool on its slow
    path, whose error is a ValueError (with a tensor axis: the kernel's InvalidArgumentError)."""
    if type(input_tensor) is EagerTensor and input_tensor.dtype is not dtypes.bool_:
        raise ValueError(
            "Tensor conversion requested dtype bool for Tensor with dtype %s: %r"
            % (input_tensor.dtype.name, input_tensor)
        )


def _may_reduce_to_scalar(keepdims, axis, result):
    """Every axis reduced (axis None, no keepdims): a scalar, whatever the input's rank."""
    if axis is None and not keepdims and not result.shape.is_fully_defined():
        result.set_shape(TensorShape([]))
    return result


reduce_sum = _reduction("Sum", "Sum")
reduce_mean = _reduction("Mean", "Mean")
reduce_max = _reduction("Max", "Max")
reduce_min = _reduction("Min", "Min")
reduce_prod = _reduction("Prod", "Prod")
reduce_all = _reduction("All", "All")
reduce_any = _reduction("Any", "Any")


def reduce_logsumexp(input_tensor, axis=None, keepdims=False, name=None):
    """log(sum(exp(x))) along `axis`, without overflow: TF composes it from ordinary ops, so
    its graph (and gradient) is theirs.  The largest element m is taken out first,
    log(sum(exp(x - m))) + m, with m held constant for the gradient (StopGradient) and
    replaced by 0 where it is inf or nan."""
    from learntf.ops.array_ops import where_v2

    with name_scope(name, "ReduceLogSumExp", [input_tensor]) as scope:
        raw_max = reduce_max(input_tensor, axis=axis, keepdims=True)
        my_max = stop_gradient(where_v2(is_finite(raw_max), raw_max, 0))
        result = log(reduce_sum(exp(subtract(input_tensor, my_max)), axis=axis, keepdims=keepdims))
        if not keepdims:
            my_max = apply_op(
                "Reshape", [my_max, apply_op("Shape", [result], {"out_type": dtypes.int32})], {}
            )
        return _may_reduce_to_scalar(keepdims, axis, add(result, my_max, name=scope))


def cumsum(x, axis=0, exclusive=False, reverse=False, name=None):
    """Running sums along `axis`: tf.cumsum([a, b, c]) is [a, a + b, a + b + c]; exclusive
    gives [0, a, a + b], reverse [a + b + c, b + c, c] (op Cumsum)."""
    return _scan("Cumsum", x, axis, exclusive, reverse, name)


def cumprod(x, axis=0, exclusive=False, reverse=False, name=None):
    """Running products along `axis`: [a, a * b, a * b * c]; exclusive gives [1, a, a * b],
    reverse [a * b * c, b * c, c] (op Cumprod)."""
    return _scan("Cumprod", x, axis, exclusive, reverse, name)


def _scan(op_type, x, axis, exclusive, reverse, name):
    with name_scope(name, op_type, [x]) as scope:
        x = convert_to_tensor(x, name="x")
        return apply_op(
            op_type, [x, axis], {"exclusive": bool(exclusive), "reverse": bool(reverse)}, scope
        )


def _arg_reduction(op_type):
    def fn(input, axis=None, name=None, dimension=None, output_type=dtypes.int64):
        axis = _one_of("axis", axis, "dimension", dimension)
        if axis is None:
            axis = 0
        return apply_op(
            op_type, [input, axis], {"output_type": dtypes.as_dtype(output_type)}, name or op_type
        )

    fn.__name__ = op_type.lower()
    fn.__doc__ = "The index of the %s value along `axis` (op %s)." % (
        "largest" if op_type == "ArgMax" else "smallest",
        op_type,
    )
    return fn


argmax = _arg_reduction("ArgMax")
argmin = _arg_reduction("ArgMin")
arg_max, arg_min = argmax, argmin  # TF 1's names, (input, dimension)


def matmul(
    a,
    b,
    transpose_a=False,
    transpose_b=False,
    adjoint_a=False,
    adjoint_b=False,
    a_is_sparse=False,
    b_is_sparse=False,
    output_type=None,
    grad_a=False,
    grad_b=False,
    name=None,
):
    """Matrix product `a @ b`: MatMul for matrices, BatchMatMulV2 when a rank is above 2 (or
    unknown), batched over the leading dimensions."""
    if transpose_a and adjoint_a:
        raise ValueError(
            "Only one of `transpose_a` and `adjoint_a` can be True. Received "
            "`transpose_a`=%s, `adjoint_a`=%s." % (transpose_a, adjoint_a)
        )
    if transpose_b and adjoint_b:
        raise ValueError(
            "Only one of `transpose_b` and `adjoint_b` can be True. Received "
            "`transpose_b`=%s, `adjoint_b`=%s." % (transpose_b, adjoint_b)
        )
    with name_scope(name, "MatMul", [a, b]) as scope:
        a = convert_to_tensor(a, name="a")
        b = convert_to_tensor(b, dtype_hint=a.dtype, name="b")
        ranks = (a.shape.rank, b.shape.rank)
        if any(rank is None or rank > 2 for rank in ranks):
            return apply_op(
                "BatchMatMulV2",
                [a, b],
                {
                    "adj_x": bool(transpose_a or adjoint_a),
                    "adj_y": bool(transpose_b or adjoint_b),
                    "grad_x": bool(grad_a),
                    "grad_y": bool(grad_b),
                },
                scope,
            )
        if a.dtype in (dtypes.uint8, dtypes.uint16):
            _check_cpu_kernel("MatMul", a.dtype)
        return apply_op(
            "MatMul",
            [a, b],
            {
                "transpose_a": bool(transpose_a or adjoint_a),
                "transpose_b": bool(transpose_b or adjoint_b),
                "grad_a": bool(grad_a),
                "grad_b": bool(grad_b),
            },
            scope,
        )


def matrix_inverse(input, adjoint=False, name=None):
    return apply_op("MatrixInverse", [input], {"adjoint": adjoint}, name or "MatrixInverse")
