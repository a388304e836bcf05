"""Python operators on tensors and variables: `x + y`, `x * 2`, `a @ b`, `-x`, `x[i, j]`...

As in TensorFlow, `x + y` builds the same op as `tf.add(x, y)`, but its default name is the
lowercase Python name (`add`, `mul`, `truediv`) and a Python number on either side becomes a
constant of the tensor's dtype (`add/y`).  On a variable, an operator first reads its value.

In eager mode `x + y` is `tf.add(x, y)` run at once; eager execution (framework/execute.py) has
a quick path for this common case.
"""

import numpy as np

from learntf import errors
from learntf.eager.func_graph import FuncGraph
from learntf.framework import context
from learntf.framework.constant_op import convert_to_tensor
from learntf.framework.dispatch import is_composite
from learntf.framework.execute import EagerTensor
from learntf.framework.graph import Tensor, name_scope
from learntf.framework.user_code import user_code_location
from learntf.ops import array_ops, bitwise_ops, math_ops
from learntf.ops.variables import Variable


def _binary(fn, op_name):
    """`x <op> y` (and the reflected `y <op> x`) under a name scope called `op_name`."""

    def forward(x, y):
        if is_composite(y):
            return NotImplemented  # a RaggedTensor's reflected operator (rt.__radd__) handles it
        if type(x) is EagerTensor:  # eager ops have no names: skip the name scope
            return fn(x, y)
        with name_scope(None, op_name, [x, y]) as scope:
            return fn(x, y, name=scope)

    def reflected(y, x):  # called for `x <op> y` when x is not a tensor
        if type(y) is EagerTensor:
            return fn(convert_to_tensor(x, dtype=y.dtype), y)
        with name_scope(None, op_name, [x, y]) as scope:
            y = convert_to_tensor(y)
            x = convert_to_tensor(x, dtype=y.dtype, name="x")
            return fn(x, y, name=scope)

    return forward, reflected


def _truediv(x, y, name=None):
    if type(x) is not EagerTensor or type(y) is not EagerTensor:
        x = convert_to_tensor(x)
        y = convert_to_tensor(y, dtype_hint=x.dtype, name="y")  # (a mismatch: truediv's TypeError)
    return math_ops.truediv(x, y, name=name)


def _matmul(x, y, name=None):
    return math_ops.matmul(x, y, name=name)


#            Python name   op function            name scope
_BINARY = {
    "add": (math_ops.add, "add"),
    "sub": (math_ops.subtract, "sub"),
    "mul": (math_ops.multiply, "mul"),
    "truediv": (_truediv, "truediv"),
    "floordiv": (math_ops.floordiv, "floordiv"),
    "mod": (math_ops.floormod, "mod"),
    "pow": (math_ops.pow, "pow"),
    "matmul": (_matmul, "matmul"),
    "and": (bitwise_ops.and_, "and"),  # logical on bools, bitwise on integers
    "or": (bitwise_ops.or_, "or"),
    "xor": (bitwise_ops.xor_, "xor"),
}

_COMPARISONS = {
    "lt": math_ops.less,
    "le": math_ops.less_equal,
    "gt": math_ops.greater,
    "ge": math_ops.greater_equal,
}


def _attach(cls, read=lambda v: v, getitem=True):
    """Give `cls` the operator methods; `read` turns an instance into a tensor first."""
    for py_name, (fn, op_name) in _BINARY.items():
        forward, reflected = _binary(fn, op_name)
        setattr(cls, "__%s__" % py_name, lambda x, y, f=forward: f(read(x), y))
        setattr(cls, "__r%s__" % py_name, lambda y, x, f=reflected: f(read(y), x))
    for py_name, fn in _COMPARISONS.items():
        setattr(cls, "__%s__" % py_name, lambda x, y, f=fn: f(read(x), y))
    cls.__neg__ = lambda x: math_ops.negative(read(x))
    cls.__abs__ = lambda x: math_ops.abs(read(x))
    cls.__invert__ = lambda x: bitwise_ops.invert_(read(x))
    cls.__pos__ = lambda x: read(x)
    if getitem:
        cls.__getitem__ = lambda x, key: array_ops.strided_slice_by_key(read(x), key)


_attach(Tensor)
_attach(Variable, read=lambda v: v.value(), getitem=False)  # Variable's own, below
_attach(EagerTensor)


def _eager_equal(x, y):
    """TF2: `==` on eager tensors compares element-wise (False when it cannot compare)."""
    if y is None:
        return False
    try:
        return math_ops.equal(x, y)
    except (TypeError, ValueError, Exception):  # incomparable values
        return False


def _eager_not_equal(x, y):
    result = _eager_equal(x, y)
    return True if result is False else math_ops.logical_not(result)


EagerTensor.__eq__ = _eager_equal
EagerTensor.__ne__ = _eager_not_equal


def _elementwise_equality(tensor):
    """TF 2 (not after disable_v2_behavior()) compares the tensors of function graphs
    element-wise; a TF1 graph's tensors compare by identity."""
    return isinstance(tensor.graph, FuncGraph) and context.context.eager_enabled


def _graph_equal(x, y):
    """TF2: `==` on a tensor that tf.function traces is element-wise too (an Equal op), so
    `if i % 2 == 0:` becomes a tf.cond; a TF1 graph's tensors compare by identity."""
    if y is None or not _elementwise_equality(x):
        return x is y
    try:
        return math_ops.equal(x, y)
    except (TypeError, ValueError):  # incomparable values
        return False


def _graph_not_equal(x, y):
    if y is None or not _elementwise_equality(x):
        return x is not y
    result = _graph_equal(x, y)
    return True if result is False else math_ops.logical_not(result)


Tensor.__eq__ = _graph_equal
Tensor.__ne__ = _graph_not_equal
Tensor.__hash__ = object.__hash__  # (learntf keeps tensors usable as keys: by identity)


def _variable_getitem(variable, key):
    """`v[0, 1]`: the slice's value, which also offers `.assign(...)` (seed 004; the op it
    makes is in ops/state_ops.py)."""
    sliced = array_ops.strided_slice_by_key(variable.value(), key)
    sliced._assign_target = (variable, key)
    return sliced


# How TensorFlow's AttributeError names each kind of tensor
_TF_TYPE_NAME = {
    Tensor: "SymbolicTensor",
    EagerTensor: "tensorflow.python.framework.ops.EagerTensor",
}


def _assign_slice(tensor, value, name=None):
    """`v[0, 1].assign(42)`: a slice of a variable (made by `v[...]` above) assigns into the
    variable (in graph mode, an op); any other tensor is immutable, and says so in TF's words."""
    if tensor._assign_target is None:
        raise AttributeError(
            "'%s' object has no attribute 'assign'\n(learntf: tensors are immutable; only a "
            "tf.Variable, or a slice of one, can be assigned.)" % _TF_TYPE_NAME[type(tensor)]
        )
    variable, key = tensor._assign_target
    return variable._assign_slice(tensor, key, value)


Tensor.assign = EagerTensor.assign = _assign_slice


def _variable_equal(variable, other):
    if variable._eager:  # TF2: element-wise in eager mode
        return math_ops.equal(variable.value(), other)
    return variable is other


def _variable_not_equal(variable, other):
    if variable._eager:
        return math_ops.not_equal(variable.value(), other)
    return variable is not other


Variable.__getitem__ = _variable_getitem
Variable.__eq__ = _variable_equal
Variable.__ne__ = _variable_not_equal


# -- Python's other protocols: bool(), len(), iter(), float(), np.asarray(), v[i] = x -------------
# A graph tensor has no value: each protocol that needs one says why and what to do instead.
def _disallow(task, tensor, what):
    """TF 2.21's error for bool() or iteration of a graph tensor, with a hint for where it
    happened: a TF1 graph, a tf.function without AutoGraph, or code AutoGraph did not convert."""
    from learntf.autograph import ag_ctx

    status = ag_ctx.control_status_ctx().status
    if status is ag_ctx.Status.DISABLED:
        fix = (
            "this tf.function was made with autograph=False (or do_not_convert), so a Python "
            "%s on a tensor is not converted to graph control flow: drop autograph=False, or "
            "write tf.cond / tf.while_loop yourself" % what
        )
    elif status is ag_ctx.Status.ENABLED:
        fix = (
            "this %s is in code AutoGraph leaves as it is (a lambda, a function defined inside "
            "the converted one, a library's code): move the test into your own function, or "
            "write tf.cond / tf.while_loop yourself" % what
        )
    elif isinstance(tensor.graph, FuncGraph):
        fix = (
            "AutoGraph could not convert this function, so its Python %s stays as it is: "
            "learntf needs the function's source code (a function typed at an interactive "
            "prompt or made by exec has none); write tf.cond / tf.while_loop yourself" % what
        )
    else:
        fix = (
            "%s has no value while a TF1 graph is built, so a Python %s cannot test it; use "
            "tf.cond or tf.where, or run the graph with a Session first" % (tensor.name, what)
        )
    raise errors.OperatorNotAllowedInGraphError(
        "%s is not allowed. You can attempt the following resolutions to the problem: If you "
        "are running in Graph mode, use Eager execution mode or decorate this function with "
        "@tf.function. If you are using AutoGraph, you can try decorating this function with "
        "@tf.function. If that does not work, then you may be using an unsupported feature or "
        "your source code may not be visible to AutoGraph. See https://github.com/tensorflow/"
        "tensorflow/blob/master/tensorflow/python/autograph/g3doc/reference/limitations.md"
        "#access-to-source-code for more information.\n%s(learntf: %s.)"
        % (task, user_code_location(skip=3), fix)
    )


def _tensor_bool(tensor):
    _disallow("Using a symbolic `tf.Tensor` as a Python `bool`", tensor, "`if`/`while`")


def _tensor_iter(tensor):
    _disallow("Iterating over a symbolic `tf.Tensor`", tensor, "`for` loop")


def _tensor_len(tensor):
    raise TypeError(
        "len is not well defined for a symbolic Tensor (%s). Please call `x.shape` "
        "rather than `len(x)` for shape information." % tensor.name
    )


def _tensor_array(tensor, dtype=None, copy=None):
    raise NotImplementedError(
        "Cannot convert a symbolic tf.Tensor (%s) to a numpy array. This error may "
        "indicate that you're trying to pass a Tensor to a NumPy call, which is not "
        "supported.\n(learntf: evaluate it first: sess.run(%s) or %s.eval().)"
        % (tensor.name, "tensor", "tensor")
    )


def _variable_bool(variable):
    return variable.value().__bool__()


def _variable_float(variable):
    return float(variable.value())


def _variable_int(variable):
    return int(variable.value())


def _variable_len(variable):
    return len(variable.value())


def _variable_iter(variable):
    if variable._eager:
        return iter(variable.value())
    raise TypeError("'Variable' object is not iterable.")


def _variable_setitem(variable, key, value):
    where = (
        "it changes the variable at once"
        if variable._eager
        else "it is an op, which changes the variable when a session runs it"
    )
    raise TypeError(
        "'ResourceVariable' object does not support item assignment\n(learntf: "
        "write v[...].assign(value) (or v.assign(new_value) for the whole "
        "variable); %s.)" % where
    )


def _variable_array(variable, dtype=None, copy=None):
    if variable._eager:
        return np.asarray(variable.value(), dtype=dtype)
    raise NotImplementedError(
        "Cannot convert the variable %s to a NumPy array outside a "
        "session; use sess.run(v) or v.eval()." % variable.name
    )


Tensor.__bool__ = _tensor_bool
Tensor.__iter__ = _tensor_iter
Tensor.__len__ = _tensor_len
Tensor.__array__ = _tensor_array
Tensor.__array_priority__ = 100  # make `ndarray + tensor` call Tensor.__radd__
Variable.__bool__ = _variable_bool
Variable.__float__ = _variable_float
Variable.__int__ = _variable_int
Variable.__len__ = _variable_len
Variable.__iter__ = _variable_iter
Variable.__setitem__ = _variable_setitem
Variable.__array__ = _variable_array
Variable.__array_priority__ = 100
