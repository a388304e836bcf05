"""`tf.py_function`, `tf.numpy_function` and TF 1's `tf.py_func`: Python code as an op.

The op holds a *token* ("pyfunc_0", ...) naming a Python function kept in a table here, as
TF's `_py_funcs` registry does; its kernel looks the function up and calls it when the op
runs -- at once in eager mode, at each `Session.run` in a graph, at each call of a
tf.function.  Three op types, as in TF:

* `EagerPyFunc` (`tf.py_function`): the function gets and returns tensors and runs eagerly
  even inside a session's run.  It runs under a GradientTape, kept under its token, so the
  op's gradient (another EagerPyFunc) asks that tape: `py_function` is differentiable.
* `PyFunc` (`tf.numpy_function`, `tf.py_func`) and `PyFuncStateless` (`stateful=False`):
  NumPy arrays in and out; no gradient.

A value the function returns must have the declared dtype (`Tout`): TF's
InvalidArgumentError otherwise.  An error raised inside the function becomes TF's OpError for
it ("ValueError: ..." as an InvalidArgumentError).
"""

import contextlib
import itertools

import numpy as np

from learntf import dtypes, errors, nest
from learntf.framework import context as context_module
from learntf.framework.apply import apply_op
from learntf.framework.constant_op import convert_to_tensor
from learntf.framework.graph import get_default_graph
from learntf.framework.op_registry import not_differentiable, register_gradient, register_op
from learntf.framework.tensor_shape import TensorShape

_functions = {}  # token -> the Python function
_tapes = {}  # token -> (tape, inputs, outputs) of the last run of a py_function
_tokens = itertools.count()


@contextlib.contextmanager
def _eagerly():
    """Run the user's function in eager mode, whatever mode the op runs in (a session)."""
    state = context_module.context
    saved = (state.eager_enabled, state.graph_mode_depth, state.eager_name_scope)
    state.eager_enabled, state.graph_mode_depth, state.eager_name_scope = True, 0, ""
    try:
        yield
    finally:
        state.eager_enabled, state.graph_mode_depth, state.eager_name_scope = saved


def _op_error(exc):
    """An exception raised by the user's function, as TF's C++ maps Python errors."""
    if isinstance(exc, errors.OpError):
        return exc
    kind = errors.UnknownError
    if isinstance(exc, (ValueError, TypeError)):
        kind = errors.InvalidArgumentError
    elif isinstance(exc, (StopIteration, IndexError)):
        kind = errors.OutOfRangeError
    elif isinstance(exc, MemoryError):
        kind = errors.ResourceExhaustedError
    elif isinstance(exc, NotImplementedError):
        kind = errors.UnimplementedError
    return kind(None, None, "%s: %s" % (type(exc).__name__, exc))


def _outputs_of(result, Tout):
    if len(Tout) == 1 and not isinstance(result, (list, tuple)):
        return [result]
    if result is None:
        return []
    return list(result)


# -- the kernels --------------------------------------------------------------------------------
def _numpy_kernel(*inputs, token, Tin, Tout):
    function = _functions[token]
    try:
        result = function(*inputs)
    except Exception as exc:
        raise _op_error(exc) from None
    outputs = []
    for i, (value, dtype) in enumerate(zip(_outputs_of(result, Tout), Tout)):
        array = np.asarray(value)
        if dtype is dtypes.string and array.dtype.kind in "SUO":
            array = array.astype(object)
        elif array.dtype != dtype.np:
            raise errors.InvalidArgumentError(
                None,
                None,
                "%d-th value returned by %s is %s, but expects %s"
                % (i, token, dtypes.as_dtype(array.dtype).proto_name, dtype.proto_name),
            )
        outputs.append(array)
    return tuple(outputs)


def _eager_kernel(*inputs, token, Tin, Tout, is_async=False):
    from learntf.eager.tape import GradientTape

    function = _functions[token]
    with _eagerly():
        tensors = [convert_to_tensor(value, dtype=dtype) for value, dtype in zip(inputs, Tin)]
        try:
            with GradientTape() as tape:
                for tensor in tensors:
                    tape.watch(tensor)
                result = function(*tensors)
                if getattr(function, "_is_gradient", False):  # (a gradient: None is zero)
                    result = [0.0 if r is None else r for r in result]
                outputs = [
                    _converted(value, dtype)
                    for value, dtype in zip(_outputs_of(result, Tout), Tout)
                ]
        except Exception as exc:
            raise _op_error(exc) from None
    _tapes[token] = (tape, tensors, outputs)
    return tuple(t.numpy() if hasattr(t, "numpy") else t for t in outputs)


def _converted(value, dtype):
    found = getattr(value, "dtype", None)
    if isinstance(found, dtypes.DType) and found is not dtype:  # (TF's words, a ValueError)
        raise ValueError(
            "Tensor conversion requested dtype %s for Tensor with dtype %s: %r"
            % (dtype.name, found.name, value)
        )
    return convert_to_tensor(value, dtype=dtype)


def _unknown_shapes(*inputs, Tout, **attrs):
    return [(dtype, TensorShape(None)) for dtype in Tout]


for _name, _kernel in (
    ("EagerPyFunc", _eager_kernel),
    ("PyFunc", _numpy_kernel),
    ("PyFuncStateless", _numpy_kernel),
):
    register_op(
        _name,
        ["input*"],
        _unknown_shapes,
        _kernel,
        num_outputs="Tout",
        stateful=_name != "PyFuncStateless",
        type_attr=None,
    )
not_differentiable("PyFunc")
not_differentiable("PyFuncStateless")


@register_gradient("EagerPyFunc")
def _eager_py_func_gradient(op, *grads):
    """Another EagerPyFunc: the gradient of the forward run's tape (TF's _EagerPyFuncGrad)."""
    token = op.get_attr("token")

    def gradient(*output_grads):
        tape, inputs, outputs = _tapes.pop(token)
        return tape.gradient(outputs, inputs, output_gradients=list(output_grads))

    gradient._is_gradient = True
    grads = [g if g is not None else 0.0 for g in grads]
    if context_module.executing_eagerly():
        return _call(gradient, grads, [t.dtype for t in op.inputs], "EagerPyFunc", None)
    with get_default_graph().control_dependencies(op.outputs):
        return _call(gradient, grads, [t.dtype for t in op.inputs], "EagerPyFunc", None)


# -- the functions ------------------------------------------------------------------------------
def _call(func, inp, Tout, op_type, name):
    if not callable(func):
        raise ValueError(
            f"Expected func to be callable. Received func={func} of type {type(func)}."
        )
    single = not isinstance(Tout, (list, tuple))
    Tout = tuple(dtypes.as_dtype(t) for t in ([Tout] if single else Tout))
    tensors = [convert_to_tensor(x) for x in inp]
    token = "pyfunc_%d" % next(_tokens)
    _functions[token] = func
    attrs = {"token": token, "Tin": tuple(t.dtype.base_dtype for t in tensors), "Tout": Tout}
    if op_type == "EagerPyFunc":
        attrs["is_async"] = False
    result = apply_op(op_type, [tensors], attrs, name or op_type)
    if result is None:
        result = []
    elif not isinstance(result, (list, tuple)):
        result = [result]
    return result[0] if single else list(result)


def py_function(func=None, inp=None, Tout=None, name=None):
    """`tf.py_function(func, inp, Tout)`: call `func` on tensors when the op runs;
    differentiable through the tape."""
    if func is None:  # (as a decorator: @tf.py_function(Tout=...))
        return lambda f: lambda *args: py_function(f, list(args), Tout, name)
    return _call(func, inp, Tout, "EagerPyFunc", name)


def numpy_function(func=None, inp=None, Tout=None, stateful=True, name=None):
    """`tf.numpy_function(func, inp, Tout)`: call `func` on NumPy arrays when the op runs.
    Eagerly TF calls it at once and converts what it returns (without `Tout`), as here."""
    if func is None:
        return lambda f: lambda *args: numpy_function(f, list(args), Tout, stateful, name)
    if context_module.executing_eagerly():
        result = func(*[np.array(x) for x in inp])
        result = [x if x is None else convert_to_tensor(x) for x in nest.flatten(result)]
        return result[0] if len(result) == 1 else result
    return _call(func, inp, Tout, "PyFunc" if stateful else "PyFuncStateless", name)


def py_func(func, inp, Tout, stateful=True, name=None):
    """`tf.compat.v1.py_func`: TF 1's name for numpy_function."""
    return numpy_function(func, inp, Tout, stateful, name)
