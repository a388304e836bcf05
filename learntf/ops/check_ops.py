"""Assertions: `tf.Assert`, `tf.debugging.assert_equal` and friends, `check_numerics`.

Eagerly (TF 2) an assertion is checked at once and raises TF's InvalidArgumentError with
TF's message.  In a graph (TF 1, or a tf.function's trace) it is an op: `Assert` takes a
boolean condition and data tensors, and fails when it *runs* with "assertion failed: [...]".
A TF 1 program makes it run by fetching it or, the usual idiom, by building the ops that
use the checked value inside `with tf.control_dependencies([assert_op]):`.  Inside a
tf.function the automatic control dependencies run it on every call (it is stateful).
When both sides are constants the graph version checks at once, as TF's does.
The messages follow TF's check_ops.py and control_flow_assert.py word for word.
"""

import numpy as np

from learntf import dtypes, errors
from learntf.framework.apply import ShapeError, apply_op
from learntf.framework.constant_op import convert_to_tensor
from learntf.framework.context import executing_eagerly
from learntf.framework.graph import name_scope
from learntf.framework.op_registry import not_differentiable, register_gradient, register_op
from learntf.framework.tensor_shape import TensorShape
from learntf.framework.tensor_util import constant_value
from learntf.ops import array_ops, control_flow_ops, math_ops
from learntf.ops.logging_ops import summarize_v1


# -- the ops ----------------------------------------------------------------------------------
def _assert_kernel(condition, *data, T, summarize):
    if not np.all(condition):
        parts = ["[%s]" % summarize_v1(value, dtype, summarize) for value, dtype in zip(data, T)]
        raise errors.InvalidArgumentError(None, None, "assertion failed: " + " ".join(parts))


register_op(
    "Assert",
    ["condition", "data*"],
    lambda condition, *data, T, summarize: [],
    _assert_kernel,
    num_outputs=0,
    stateful=True,
    type_attr=None,
)
not_differentiable("Assert")


def _check_numerics_kernel(tensor, message):
    nan, inf = bool(np.isnan(tensor).any()), bool(np.isinf(tensor).any())
    if nan or inf:
        found = "Inf and NaN" if nan and inf else ("NaN" if nan else "Inf")
        raise errors.InvalidArgumentError(
            None, None, "%s : Tensor had %s values" % (message, found)
        )
    return tensor


register_op(
    "CheckNumerics",
    ["tensor"],
    lambda tensor, message: [(tensor.dtype, tensor.shape)],
    _check_numerics_kernel,
)


@register_gradient("CheckNumerics")
def _check_numerics_gradient(op, grad):
    # as TF: the gradient is checked too (TF's message shows the attr as bytes: b'...')
    message = op.get_attr("message")
    message = message.encode() if isinstance(message, str) else message
    return [
        check_numerics(
            grad,
            "Not a number (NaN) or infinity (Inf) values detected in gradient. %s" % message,
        )
    ]


def check_numerics(tensor, message, name=None):
    """`tf.debugging.check_numerics`: `tensor` itself, or InvalidArgumentError if it holds a
    NaN or an infinity when the op runs."""
    return apply_op("CheckNumerics", [tensor], {"message": message}, name or "CheckNumerics")


# -- tf.ensure_shape ----------------------------------------------------------------------------
_ENSURE_SHAPE_HINT = "the tensor has another shape; None in the expected shape accepts any size"


def _ensure_shape_words(actual, expected):
    return "Shape of tensor input %s is not compatible with expected shape %s." % (
        TensorShape(actual).proto_str(),
        TensorShape(expected).proto_str(),
    )


def _ensure_shape_infer(input, shape):
    if not input.shape.is_compatible_with(shape):  # (TF's shape function refuses it too)
        raise ShapeError(
            _ensure_shape_words(input.shape, shape), "the shape is not what it must be"
        )
    return [(input.dtype, input.shape.merge_with(shape))]


def _ensure_shape_kernel(input, shape):
    if not TensorShape(input.shape).is_compatible_with(shape):
        words = _ensure_shape_words(input.shape, shape) + "\n(learntf: %s)" % _ENSURE_SHAPE_HINT
        raise errors.InvalidArgumentError(None, None, words)
    return input


register_op("EnsureShape", ["input"], _ensure_shape_infer, _ensure_shape_kernel)
register_gradient("EnsureShape")(lambda op, grad: [grad])  # (TF's: the gradient passes through)


def ensure_shape(x, shape, name=None):
    """`tf.ensure_shape`: `x` itself, checked to have a shape compatible with `shape` (None
    for a dimension that may be anything), when the op runs; its static shape is refined."""
    shape = TensorShape(shape)
    return apply_op("EnsureShape", [x], {"shape": shape}, name or "EnsureShape")


# -- tf.Assert ----------------------------------------------------------------------------------
def _summarize_eager(tensor, summarize):
    """A tensor in an eager Assert's message (TF's _summarize_eager)."""
    summarize = 3 if summarize is None else summarize
    array = np.asarray(tensor.numpy())
    if array.ndim:
        flat = array.reshape(-1)
        items = [str(x) for x in flat[: flat.size if summarize < 0 else summarize]]
        if len(items) < flat.size:
            items.append("...")
    else:
        items = [str(array[()])] if summarize != 0 else []
    return ", ".join(items)


def Assert(condition, data, summarize=None, name=None):
    """`tf.debugging.Assert`: eagerly, raise now if `condition` is false; in a graph, an
    `Assert` op that raises when it runs."""
    if executing_eagerly():
        if not condition:
            text = "\n".join(_summarize_eager(convert_to_tensor(x), summarize) for x in data)
            raise errors.InvalidArgumentError(
                None, None, "Expected '%s' to be true. Summarized data: %s" % (condition, text)
            )
        return None
    with name_scope(name, "Assert"):
        tensors = [convert_to_tensor(x) for x in data]
        attrs = {"T": tuple(t.dtype for t in tensors)}
        attrs["summarize"] = 3 if summarize is None else summarize
        if all(t.dtype in (dtypes.string, dtypes.int32) for t in tensors):
            return apply_op("Assert", [condition, tensors], attrs, "Assert")
        # As TF: other data (floats, say) is summarized only when the check fails, inside
        # a cond whose true branch does nothing.
        condition = convert_to_tensor(condition, name="Condition")
        guarded = control_flow_ops.cond(
            condition,
            control_flow_ops.no_op,
            lambda: apply_op("Assert", [condition, tensors], attrs, "Assert"),
            name="AssertGuard",
        )
        return guarded.op


# -- element-wise comparisons -------------------------------------------------------------------
def _pretty_print(item, summarize):
    if hasattr(item, "numpy"):
        array = item.numpy()
        if np.ndim(array) == 0:
            return str(array)
        flat = array.reshape(-1)
        items = [str(x) for x in flat[:summarize]]
        if len(items) < flat.size:
            items.append("...")
        return str(items)
    return str(item)


def _eager_failure_data(sym, x, y, summarize, passed):
    """What an eager comparison's error lists (TF's _make_assert_msg_data)."""
    data = ["Condition x %s y did not hold." % sym]
    if summarize > 0:
        xs, ys = x.numpy(), y.numpy()
        if x.shape == y.shape and x.shape.as_list():
            failed = np.logical_not(passed)
            indices = np.argwhere(failed).astype(np.int64)
            count = min(summarize, indices.shape[0])
            data += ["Indices of first %d different values:" % count, indices[:count]]
            data += ["Corresponding x values:", xs[failed].reshape(-1)[:count]]
            data += ["Corresponding y values:", ys[failed].reshape(-1)[:count]]
        xs, ys = xs.reshape(-1), ys.reshape(-1)
        x_count, y_count = min(xs.size, summarize), min(ys.size, summarize)
        data += ["First %d elements of x:" % x_count, xs[:x_count]]
        data += ["First %d elements of y:" % y_count, ys[:y_count]]
    return data


def _binary_assert(sym, opname, op_func, static_func, x, y, data, summarize, message, name):
    with name_scope(name, opname):
        x = convert_to_tensor(x, name="x")
        y = convert_to_tensor(y, name="y")
        if executing_eagerly():
            passed = op_func(x, y)
            if math_ops.reduce_all(passed):
                return None
            summarize = 3 if summarize is None else (10**9 if summarize < 0 else summarize)
            if data is None:
                data = _eager_failure_data(sym, x, y, summarize, passed.numpy())
            if message is not None:
                data = [message] + list(data)
            text = "\n".join(_pretty_print(d, summarize) for d in data)
            raise errors.InvalidArgumentError(None, None, text)
        if data is None:
            data = [
                "Condition x %s y did not hold element-wise:" % sym,
                "x (%s) = " % x.name,
                x,
                "y (%s) = " % y.name,
                y,
            ]
        if message is not None:
            data = [message] + list(data)
        condition = math_ops.reduce_all(op_func(x, y))
        x_static, y_static = constant_value(x), constant_value(y)
        if x_static is not None and y_static is not None:
            if not np.all(static_func(x_static, y_static)):
                raise errors.InvalidArgumentError(
                    None, None, "\n".join(_static_text(d) for d in data)
                )
        return Assert(condition, data, summarize=summarize)


def _static_text(item):
    if isinstance(item, str):
        return item
    value = constant_value(item)
    return str(value) if value is not None else str(item)


def _comparison(sym, opname, op_func, static_func):
    def check(x, y, data=None, summarize=None, message=None, name=None):
        return _binary_assert(
            sym, opname, op_func, static_func, x, y, data, summarize, message, name
        )

    check.__name__ = opname
    check.__doc__ = "`tf.%s` (TF 1's arguments): check x %s y element-wise." % (opname, sym)
    return check


assert_none_equal = _comparison("!=", "assert_none_equal", math_ops.not_equal, np.not_equal)
assert_less = _comparison("<", "assert_less", math_ops.less, np.less)
assert_less_equal = _comparison("<=", "assert_less_equal", math_ops.less_equal, np.less_equal)
assert_greater = _comparison(">", "assert_greater", math_ops.greater, np.greater)
assert_greater_equal = _comparison(
    ">=", "assert_greater_equal", math_ops.greater_equal, np.greater_equal
)
_assert_equal = _comparison("==", "assert_equal", math_ops.equal, np.equal)


def assert_equal(x, y, data=None, summarize=None, message=None, name=None):
    """`tf.compat.v1.assert_equal`: check x == y element-wise."""
    if x is y:  # (as TF: nothing to check)
        return None if executing_eagerly() else control_flow_ops.no_op()
    return _assert_equal(x, y, data, summarize, message, name)


# -- comparisons with zero ----------------------------------------------------------------------
def _message_prefix(message):
    return "%s.  " % message if message else ""


def _tensor_text(x):
    if executing_eagerly():
        return "shape=%s dtype=%s" % (x.shape, x.dtype.name)
    return x.name


def _sign_check(opname, sym, compare, zero_first):
    def check(x, data=None, summarize=None, message=None, name=None):
        message = _message_prefix(message)
        with name_scope(name, opname):
            x = convert_to_tensor(x, name="x")
            if data is None:
                data = [
                    message,
                    "Condition x %s 0 did not hold element-wise:" % sym,
                    "x (%s) = " % _tensor_text(x),
                    x,
                ]
            zero = convert_to_tensor(0, dtype=x.dtype)
            pair = (zero, x) if zero_first else (x, zero)
            return compare(*pair, data=data, summarize=summarize)

    check.__name__ = opname
    check.__doc__ = "`tf.debugging.%s`: check x %s 0 element-wise." % (opname, sym)
    return check


assert_positive = _sign_check("assert_positive", ">", assert_less, True)
assert_non_negative = _sign_check("assert_non_negative", ">=", assert_less_equal, True)
assert_negative = _sign_check("assert_negative", "<", assert_less, False)
assert_non_positive = _sign_check("assert_non_positive", "<=", assert_less_equal, False)


def assert_near(x, y, rtol=None, atol=None, data=None, summarize=None, message=None, name=None):
    """`tf.debugging.assert_near`: |x - y| < atol + rtol * |y| element-wise (TF's default
    tolerances: 10 machine epsilons)."""
    message = _message_prefix(message)
    with name_scope(name, "assert_near"):
        x = convert_to_tensor(x, name="x")
        y = convert_to_tensor(y, name="y", dtype=x.dtype)
        eps = np.finfo(x.dtype.np).eps
        rtol = convert_to_tensor(10 * eps if rtol is None else rtol, name="rtol", dtype=x.dtype)
        atol = convert_to_tensor(10 * eps if atol is None else atol, name="atol", dtype=x.dtype)
        if data is None:
            data = [
                message,
                "x and y not equal to tolerance rtol = %s, atol = %s" % (rtol, atol),
                "x (%s) = " % _tensor_text(x),
                x,
                "y (%s) = " % _tensor_text(y),
                y,
            ]
        tolerance = atol + rtol * math_ops.abs(y)
        condition = math_ops.reduce_all(math_ops.less(math_ops.abs(x - y), tolerance))
        return Assert(condition, data, summarize=summarize)


# -- rank and type ------------------------------------------------------------------------------
def assert_rank(x, rank, data=None, summarize=None, message=None, name=None):
    """`tf.debugging.assert_rank`: a static rank is checked at once (ValueError); an unknown
    one by an Assert op."""
    with name_scope(name, "assert_rank"):
        x = convert_to_tensor(x, name="x")
        rank = convert_to_tensor(rank, name="rank")
        message = _message_prefix(message)
        x_name = "" if executing_eagerly() else x.name
        if data is None:
            data = [message, "Tensor %s must have rank" % x_name, rank, "Received shape: "]
            data.append(array_ops.shape(x))
        rank_static = constant_value(rank)
        if rank_static is not None:
            if np.ndim(rank_static) != 0:
                raise ValueError("Rank must be a scalar.")
            if x.shape.rank is not None:
                if x.shape.rank != rank_static:
                    raise ValueError(
                        "%sTensor %s must have rank %d.  Received rank %d, shape %s"
                        % (message, x_name, rank_static, x.shape.rank, x.shape)
                    )
                if executing_eagerly():
                    return None
                return control_flow_ops.no_op(name="static_checks_determined_all_ok")
        condition = math_ops.equal(array_ops.rank(x), rank)
        return Assert(condition, data, summarize=summarize)


def assert_type(tensor, tf_type, message=None, name=None):
    """`tf.debugging.assert_type`: TypeError at once if `tensor` has another dtype."""
    tf_type = dtypes.as_dtype(tf_type)
    with name_scope(name, "assert_type"):
        tensor = convert_to_tensor(tensor, name="tensor")
        if tensor.dtype != tf_type:
            try:
                tensor_name = tensor.name
            except AttributeError:  # (an eager tensor has no name)
                tensor_name = "tensor"
            raise TypeError(
                "%s%s must be of type %r; got %r"
                % (_message_prefix(message), tensor_name, tf_type, tensor.dtype)
            )
        if executing_eagerly():
            return None
        return control_flow_ops.no_op("statically_determined_correct_type")


# -- TF 2's signatures (message before summarize, no data) ----------------------------------------
def _v2(check):
    def check_v2(x, y, message=None, summarize=None, name=None):
        return check(x, y, summarize=summarize, message=message, name=name)

    check_v2.__name__ = check.__name__
    check_v2.__doc__ = check.__doc__
    return check_v2


def _sign_v2(check):
    def check_v2(x, message=None, summarize=None, name=None):
        return check(x, summarize=summarize, message=message, name=name)

    check_v2.__name__ = check.__name__
    check_v2.__doc__ = check.__doc__
    return check_v2


assert_equal_v2 = _v2(assert_equal)
assert_none_equal_v2 = _v2(assert_none_equal)
assert_less_v2 = _v2(assert_less)
assert_less_equal_v2 = _v2(assert_less_equal)
assert_greater_v2 = _v2(assert_greater)
assert_greater_equal_v2 = _v2(assert_greater_equal)
assert_positive_v2 = _sign_v2(assert_positive)
assert_non_negative_v2 = _sign_v2(assert_non_negative)
assert_negative_v2 = _sign_v2(assert_negative)
assert_non_positive_v2 = _sign_v2(assert_non_positive)


def assert_near_v2(x, y, rtol=None, atol=None, message=None, summarize=None, name=None):
    return assert_near(x, y, rtol=rtol, atol=atol, summarize=summarize, message=message, name=name)


def assert_rank_v2(x, rank, message=None, name=None):
    return assert_rank(x, rank, message=message, name=name)


def assert_type_v2(tensor, tf_type, message=None, name=None):
    assert_type(tensor, tf_type, message=message, name=name)


def enable_check_numerics(stack_height_limit=30, path_length_limit=50):
    """`tf.debugging.enable_check_numerics`: accepted.  (TF then checks every op's output for
    NaN and Inf; learntf does not instrument its ops: use tf.debugging.check_numerics.)"""


def disable_check_numerics():
    """`tf.debugging.disable_check_numerics`: accepted."""
