"""Python operators on tensors and variables: `x + y`, `x * 2`, `a @ b`, `-x`, `x[i, j]`...

As in TensorFlow, `x + y` builds the same op as `tf.add(x, y)`, but its default name is the
lowercase Python name (`add`, `mul`, `truediv`) and a Python number on either side becomes a
constant of the tensor's dtype (`add/y`).  On a variable, an operator first reads its value.

In eager mode the common case — two tensors of one dtype, or a tensor and a Python number, with
no tape recording — calls the op's registered kernel directly: the same definition, without
the general machinery around it, so small eager ops stay cheap (lesson 09 measures this).
"""
from learntf.framework.constant_op import convert_to_tensor
from learntf.framework.eager import EagerTensor, active_tapes
from learntf.framework.graph import Tensor, name_scope
from learntf.framework.op_registry import get_op_def
from learntf.ops import array_ops, math_ops
from learntf.ops.variables import Variable


def _binary(fn, op_name):
    """`x <op> y` (and the reflected `y <op> x`) under a name scope called `op_name`."""
    def forward(x, y):
        if getattr(y, "_is_ragged", False):
            return NotImplemented  # let RaggedTensor's reflected operator handle it
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
    x = convert_to_tensor(x)
    y = convert_to_tensor(y, dtype=x.dtype, name="y")
    return math_ops.truediv(x, y, name=name)


def _matmul(x, y, name=None):
    return math_ops.matmul(x, y, name=name)


#            Python name   op function            name scope  op type for the eager fast path
_BINARY = {"add":      (math_ops.add,          "add",      "AddV2"),
           "sub":      (math_ops.subtract,     "sub",      "Sub"),
           "mul":      (math_ops.multiply,     "mul",      "Mul"),
           "truediv":  (_truediv,              "truediv",  "RealDiv"),
           "floordiv": (math_ops.floordiv,     "floordiv", None),
           "mod":      (math_ops.floormod,     "mod",      None),
           "pow":      (math_ops.pow,          "pow",      "Pow"),
           "matmul":   (_matmul,               "matmul",   None),
           "and":      (math_ops.logical_and,  "and",      None),
           "or":       (math_ops.logical_or,   "or",       None)}

_COMPARISONS = {"lt": math_ops.less, "le": math_ops.less_equal,
                "gt": math_ops.greater, "ge": math_ops.greater_equal}


def _attach(cls, read=lambda v: v, getitem=True):
    """Give `cls` the operator methods; `read` turns an instance into a tensor first."""
    for py_name, (fn, op_name, _) in _BINARY.items():
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
_attach(Variable, read=lambda v: v.value(), getitem=False)  # Variable has its own, for .assign
_attach(EagerTensor)


# -- the eager fast path ----------------------------------------------------------------------
_PYTHON_NUMBERS = (int, float)


def _fast(op_type, slow_forward, slow_reflected):
    """Operator methods for EagerTensor that call the op's kernel directly when they can."""
    kernel = get_op_def(op_type).kernel

    def forward(x, y):
        if not active_tapes:
            if type(y) is EagerTensor:
                if y._dtype is x._dtype and x._dtype.is_floating:
                    try:
                        return EagerTensor(kernel(x._value, y._value), x._dtype)
                    except ValueError:
                        pass  # incompatible shapes: let the general path say so clearly
            elif type(y) in _PYTHON_NUMBERS and x._dtype.is_floating:
                return EagerTensor(kernel(x._value, x._dtype.np.type(y)), x._dtype)
        return slow_forward(x, y)

    def reflected(y, x):
        if not active_tapes and type(x) in _PYTHON_NUMBERS and y._dtype.is_floating:
            return EagerTensor(kernel(y._dtype.np.type(x), y._value), y._dtype)
        return slow_reflected(y, x)

    return forward, reflected


for _py_name, (_, _, _op_type) in _BINARY.items():
    if _op_type is not None:
        _fwd, _refl = _fast(_op_type, getattr(EagerTensor, "__%s__" % _py_name),
                            getattr(EagerTensor, "__r%s__" % _py_name))
        setattr(EagerTensor, "__%s__" % _py_name, _fwd)
        setattr(EagerTensor, "__r%s__" % _py_name, _refl)


def _eager_equal(x, y):
    """TF2: `==` on eager tensors compares element-wise (False when it cannot compare)."""
    if y is None:
        return False
    try:
        return math_ops.equal(x, y)
    except (TypeError, ValueError, Exception):  # noqa: BLE001 - incomparable values
        return False


def _eager_not_equal(x, y):
    result = _eager_equal(x, y)
    return True if result is False else math_ops.logical_not(result)


EagerTensor.__eq__ = _eager_equal
EagerTensor.__ne__ = _eager_not_equal
