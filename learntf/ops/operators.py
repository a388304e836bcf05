"""Python operators on tensors and variables: `x + y`, `x * 2`, `a @ b`, `-x`, `x[i, j]`...

As in TensorFlow, `x + y` builds the same op as `tf.add(x, y)`, but its default name is the
lowercase Python name (`add`, `mul`, `truediv`) and a Python number on either side becomes a
constant of the tensor's dtype (`add/y`).  On a variable, an operator first reads its value.

In eager mode `x + y` is `tf.add(x, y)` run at once; eager execution (framework/execute.py) has
a quick path for this common case.
"""

from learntf.framework.constant_op import convert_to_tensor
from learntf.framework.dispatch import is_composite
from learntf.framework.execute import EagerTensor
from learntf.framework.graph import Tensor, name_scope
from learntf.ops import array_ops, math_ops
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
        y = convert_to_tensor(y, dtype=x.dtype, name="y")
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
    "and": (math_ops.logical_and, "and"),
    "or": (math_ops.logical_or, "or"),
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
    cls.__invert__ = lambda x: math_ops.logical_not(read(x))
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


def _variable_getitem(variable, key):
    """`v[0, 1]`: the slice's value, which also offers `.assign(...)` (seed 004; the op it
    makes is in ops/state_ops.py)."""
    sliced = array_ops.strided_slice_by_key(variable.value(), key)
    sliced._assign_target = (variable, key)
    return sliced


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
