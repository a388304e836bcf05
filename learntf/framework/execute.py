"""Eager execution: run each op at once, on NumPy values (TensorFlow 2's default; lesson 14).

`execute(op_def, tensors, attrs)` is the eager twin of building an Operation: given the inputs
converted as in a graph (framework/constant_op.py's `convert_inputs`, called by `apply_op`), it
checks them with the op's own shape/dtype inference, calls the op's NumPy kernel and wraps the
results in `EagerTensor`s.  Active GradientTapes record the call so they can replay
it backwards with the op's registered gradient (lesson 18).

An EagerTensor holds its value: `.numpy()`, `print(t)` and NumPy functions work directly.
"""

import random

import numpy as np

from learntf import dtypes, errors
from learntf.framework.context import PerThreadStack
from learntf.framework.tensor_shape import TensorShape


def fetch_value(value):
    """A kernel's result as a program gets it (`t.numpy()`, `sess.run`): a NumPy scalar for a
    0-d result, and never an array that aliases a constant or a variable's storage (those are
    read-only; they are copied)."""
    if type(value) is np.ndarray:
        if value.ndim == 0:
            return value[()]
        if not value.flags.writeable:
            return value.copy()
    return value


class EagerTensor:
    """A tensor with a value: a NumPy array (or scalar) and its TensorFlow dtype."""

    __slots__ = ("_value", "_dtype", "_assign_target", "_shape", "__weakref__")

    # Python operators (+, *, @, [i, j], ...) are attached in learntf/ops/operators.py.

    def __init__(self, value, dtype):
        self._value = value
        self._dtype = dtype
        self._assign_target = None
        self._shape = None

    # -- what it holds --------------------------------------------------------------------
    def numpy(self):
        """The value as NumPy: an ndarray, or a NumPy scalar for a 0-d tensor."""
        if self._dtype is dtypes.variant:  # a TensorList (ops/list_ops.py) is no array
            raise errors.InvalidArgumentError(
                None, None, "Cannot convert a Tensor of dtype variant to a NumPy array."
            )
        return fetch_value(self._value)

    @property
    def dtype(self):
        return self._dtype

    @property
    def shape(self):
        if self._shape is None:  # a tensor's value never changes, so neither does its shape
            self._shape = TensorShape.from_numpy(np.shape(self._value))
        return self._shape

    def get_shape(self):
        return self.shape

    @property
    def ndim(self):
        return np.ndim(self._value)

    @property
    def device(self):
        return "/job:localhost/replica:0/task:0/device:CPU:0"

    @property
    def name(self):
        raise AttributeError("Tensor.name is undefined when eager execution is enabled.")

    @property
    def op(self):
        raise AttributeError("Tensor.op is undefined when eager execution is enabled.")

    @property
    def graph(self):
        raise AttributeError("Tensor.graph is undefined when eager execution is enabled.")

    def ref(self):
        return _Reference(self)

    def experimental_ref(self):
        return self.ref()

    def eval(self, feed_dict=None, session=None):
        """TF1's `tensor.eval()`: an eager tensor already has its value."""
        raise NotImplementedError(
            "eval is not supported when eager execution is enabled, is "
            ".numpy() what you're looking for?\n(learntf: an eager tensor "
            "already holds its value. For TF1's graphs and sessions, call "
            "tf.compat.v1.disable_v2_behavior() right after the imports.)"
        )

    # -- printing as TensorFlow does --------------------------------------------------------
    def __str__(self):
        return "tf.Tensor(%s, shape=%s, dtype=%s)" % (
            numpy_text(self._value),
            self.shape,
            self._dtype.name,
        )

    def __repr__(self):
        return "<tf.Tensor: shape=%s, dtype=%s, %s=%s>" % (
            self.shape,
            self._dtype.name,
            "value" if self._dtype is dtypes.variant else "numpy",  # (as TF shows a list)
            numpy_text(self._value, is_repr=True),
        )

    # -- acting like a NumPy value ---------------------------------------------------------
    def __array__(self, dtype=None, copy=None):
        value = np.asarray(self._value)
        return value.astype(dtype) if dtype is not None else value

    __array_priority__ = 100

    def __bool__(self):
        return bool(self._value)

    def __float__(self):
        return float(self._value)

    def __int__(self):
        return int(self._value)

    def __index__(self):
        if not self._dtype.is_integer:
            raise TypeError("Only integer tensors can be used as indices.")
        return int(self._value)

    def __len__(self):
        if np.ndim(self._value) == 0:
            raise TypeError("Scalar tensor has no `len()`")
        return len(self._value)

    def __iter__(self):
        if np.ndim(self._value) == 0:
            raise TypeError("Cannot iterate over a scalar tensor.")
        for row in self._value:
            yield EagerTensor(row, self._dtype)

    def __hash__(self):
        raise TypeError("Tensor is unhashable. Instead, use tensor.ref() as the key.")

    def __format__(self, spec):
        return format(self.numpy(), spec)


class _Reference:
    """A hashable handle on a tensor (`t.ref()`), for dict keys and sets."""

    __slots__ = ("_tensor",)

    def __init__(self, tensor):
        self._tensor = tensor

    def deref(self):
        return self._tensor

    def __hash__(self):
        return id(self._tensor)

    def __eq__(self, other):
        return isinstance(other, _Reference) and other._tensor is self._tensor


def numpy_text(value, is_repr=False):
    """How TensorFlow shows a value: NumPy's text, scalars as plain Python numbers."""
    if isinstance(value, np.ndarray) and value.ndim == 0:
        value = value[()]
    if isinstance(value, np.generic) and is_repr:
        text = repr(value.item())
    elif isinstance(value, np.generic):
        text = str(value)
    else:
        text = repr(value) if is_repr else str(value)
    return "\n" + text if "\n" in text else text


class EagerOperation:
    """One op as it ran eagerly: what gradient functions and tapes need to know about it."""

    __slots__ = ("op_def", "inputs", "outputs", "attrs")
    skip_input_indices = None  # (GradientTape tells gradient functions, eager/tape.py)

    def __init__(self, op_def, inputs, outputs, attrs):
        self.op_def = op_def
        self.inputs = inputs
        self.outputs = outputs
        self.attrs = attrs

    @property
    def type(self):
        return self.op_def.name

    @property
    def name(self):
        return self.op_def.name

    def get_attr(self, name):
        return self.attrs[name]


# -- running ops ---------------------------------------------------------------------------------
class EagerState:
    """Eager-mode state that graph mode keeps per session.

    `kernel_states`: what stateful kernels hold (random generators), cached as TF caches its
    eager kernels, by op type and attrs: a repeated `tf.random.uniform([3], seed=1)` continues
    one stream.  `global_seed` is `tf.random.set_seed`'s; `op_seeds` draws the seeds of random
    ops made without one (TF's `random.Random(global_seed)`); `kernel_epoch` counts the resets
    of every kernel (tf.function's too) that set_seed makes (learntf/ops/random_ops.py)."""

    def __init__(self):
        self.kernel_states = {}
        self.global_seed = None
        self.op_seeds = random.Random()
        self.kernel_epoch = 0


eager_state = EagerState()

# GradientTapes recording now in this thread (innermost last; per thread, as in TF), and the
# function that records an op on them, filled in by learntf/eager/tape.py.
active_tapes = PerThreadStack()
record_on_tapes = None

# Shape inference validates inputs and gives output dtypes.  In a loop the same op sees the
# same dtypes and shapes again and again, so eager mode remembers the answers.
_inferred = {}


def _eager_state_for(op):
    """What `make_state` gives a kernel in eager mode: the state of TF's cached kernel for this
    op type and these attrs, made on first use."""
    try:
        key = (op.op_def.name, tuple(sorted(op.attrs.items())))
        state = eager_state.kernel_states.get(key)
    except TypeError:  # an unhashable attr: a kernel of its own
        return op.op_def.make_state(op, None)
    if state is None:
        state = eager_state.kernel_states[key] = op.op_def.make_state(op, None)
    return state


_PYTHON_NUMBERS = (float, int)


def to_eager(value, dtype=None):
    """`value` as an EagerTensor (Python and NumPy values become constants)."""
    if type(value) is EagerTensor:
        if dtype is not None and value._dtype is not dtype:
            raise errors.InvalidArgumentError(
                None,
                None,
                "Tensor conversion requested dtype %s for Tensor with dtype %s"
                % (dtype.name, value._dtype.name),
            )
        return value
    if dtype is dtypes.float32 or dtype is dtypes.float64:  # (`x * 2.0`: the commonest, quickly)
        if type(value) in _PYTHON_NUMBERS:
            return EagerTensor(dtype.np.type(value), dtype)
        if type(value) is dtype.np.type:  # a NumPy scalar (immutable) of the very dtype
            return EagerTensor(value, dtype)
    as_tensor = getattr(value, "_as_eager_tensor", None)
    if as_tensor is not None:
        return as_tensor(dtype)
    array, dtype = constant_op.to_numpy(value, dtype)
    return EagerTensor(array, dtype)


def execute(op_def, tensors, attrs):
    """Run one op now on its inputs, converted (framework/constant_op.py's `convert_inputs`):
    validate, call the kernel, wrap the results and record the op on active tapes."""
    if op_def.elementwise and not active_tapes:
        result = _elementwise_now(op_def, *tensors)
        if result is not None:
            return result
    output_dtypes = _infer(op_def, tensors, attrs)
    try:
        if op_def.make_state is not None:
            state = _eager_state_for(EagerOperation(op_def, tensors, (), attrs))
            result = op_def.kernel(state, *[t._value for t in tensors], **attrs)
        else:
            result = op_def.kernel(*[t._value for t in tensors], **attrs)
    except (errors.OpError, MemoryError) as exc:
        if isinstance(exc, MemoryError):
            exc = errors.from_memory_error(exc)
        exc.message = errors.before_hint(exc.message, " [Op:%s]" % op_def.name)
        exc.args = (exc.message,)
        raise exc from None
    except (ValueError, TypeError, IndexError, ArithmeticError) as exc:
        raise errors.InvalidArgumentError(
            None,
            None,
            "%s [Op:%s] (inputs: %s)"
            % (exc, op_def.name, ", ".join("%s %s" % (t._dtype.name, t.shape) for t in tensors)),
        ) from None
    if op_def.num_outputs == 1:
        dtype = output_dtypes[0]
        output = EagerTensor(_as_dtype(result, dtype), dtype)
        if active_tapes:
            record_on_tapes(EagerOperation(op_def, tensors, (output,), attrs))
        return output
    results = tuple(result) if output_dtypes else ()
    outputs = tuple(EagerTensor(_as_dtype(v, d), d) for v, d in zip(results, output_dtypes))
    if active_tapes:
        record_on_tapes(EagerOperation(op_def, tensors, outputs, attrs))
    return None if op_def.num_outputs == 0 else outputs


def _elementwise_now(op_def, x, y):
    """The common case of `x + y`, `x * 2.0`: a binary element-wise op on floating tensors of
    one dtype, with no tape recording.  Its kernel is called at once, without shape inference:
    small eager ops stay cheap (lesson 14 measures this).  None when the case does not apply,
    or when NumPy refuses the shapes: the general path then reports TF's error."""
    dtype = x._dtype
    if y._dtype is not dtype or dtype.np is None or dtype.np.kind != "f":
        return None
    try:
        return EagerTensor(op_def.kernel(x._value, y._value), dtype)
    except ValueError:  # shapes that do not broadcast
        return None


def _infer(op_def, tensors, attrs):
    """The output dtypes, after the op's inference has checked the inputs: inferred once per
    op type, input dtypes and shapes, and attrs."""
    try:
        key = (op_def, tuple(attrs.items()), *[(t._dtype, t._value.shape) for t in tensors])
        output_dtypes = _inferred.get(key)
    except AttributeError:  # a value that is no array (a resource handle): its NumPy shape
        key = (op_def, tuple(attrs.items()), *[(t._dtype, np.shape(t._value)) for t in tensors])
        output_dtypes = _inferred.get(key)
    except TypeError:  # an unhashable attr: infer every time
        key, output_dtypes = None, None
    if output_dtypes is None:
        try:
            specs = op_def.infer(*tensors, **attrs)
        except ValueError as exc:  # a shape error found before running
            words, hint = getattr(exc, "eager_words", None) or exc.args[0], exc.args[1:]
            raise errors.InvalidArgumentError(
                None,
                None,
                "%s [Op:%s]%s"
                % (words, op_def.name, "".join("\n(learntf: %s)" % h for h in hint[:1])),
            ) from None
        except TypeError as exc:  # a DTypeError (ops/shape_inference.py): TF's kernel words
            if not hasattr(exc, "eager_message"):
                raise
            raise errors.InvalidArgumentError(None, None, exc.eager_message(op_def.name)) from None
        output_dtypes = tuple(dtype for dtype, _ in specs)
        if key is not None and len(_inferred) < 10000:
            _inferred[key] = output_dtypes
    return output_dtypes


def _as_dtype(value, dtype):
    """Make sure a kernel's result has exactly the dtype inference promised."""
    if getattr(value, "dtype", None) is dtype.np:
        return value
    if dtype.np is not None and dtype.name not in ("resource", "variant", "string"):
        if getattr(value, "dtype", None) != dtype.np:
            return np.asarray(value, dtype=dtype.np)
    return value


# (Last: constant_op imports EagerTensor from here; to_eager reads it when called.)
from learntf.framework import constant_op  # noqa: E402
