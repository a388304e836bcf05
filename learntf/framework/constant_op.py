"""Constants, and turning Python or NumPy values into tensors.

`tf.constant(v)` stores a NumPy copy of `v` in a `Const` op.  `convert_to_tensor` is what every
op calls on its inputs: tensors pass through, variables give their current value, and Python or
NumPy values become constants of the dtype TensorFlow would choose (lesson 01).
"""

import numpy as np

from learntf import dtypes, errors, nest
from learntf.framework import context as context_module
from learntf.framework import graph as graph_module
from learntf.framework.execute import EagerTensor, to_eager
from learntf.framework.op_registry import register_op
from learntf.framework.tensor_shape import TensorShape


def _infer_const(value, dtype):
    return [(dtype, TensorShape(value.shape))]


def _const_kernel(value, dtype):
    return value


# A value stored in the graph itself.
register_op("Const", [], _infer_const, _const_kernel)


_INT32_RANGE = (-(2**31), 2**31 - 1)
_PYTHON_SCALARS = (bool, int, float)


def _int32_vector(value):
    """A Python int or a flat list of them (a shape, axes, slice bounds: most conversions) as
    an int32 array, quickly; None for anything else, or for ints beyond int32 (TF makes those
    int64)."""
    if type(value) is int:
        if not _INT32_RANGE[0] <= value <= _INT32_RANGE[1]:
            return None
    elif (
        type(value) not in (list, tuple)
        or not value
        or not all(type(item) is int for item in value)
    ):
        return None  # (an empty list is float32 in TF)
    elif not _INT32_RANGE[0] <= min(value) <= max(value) <= _INT32_RANGE[1]:
        return None
    array = np.array(value, dtype=np.int32)
    array.flags.writeable = False
    return array


def to_numpy(value, dtype=None, what="value"):
    """`value` as a read-only NumPy array of `dtype` (inferred as TensorFlow does if None)."""
    if dtype is None or dtype is dtypes.int32:
        array = _int32_vector(value)
        if array is not None:
            return array, dtypes.int32
    if isinstance(value, (list, tuple)) and _dtype_of_nested_tensors(value) is not None:
        # eager tensors in a list (eager mode packs them): the list takes the first one's dtype
        dtype = dtype if dtype is not None else _dtype_of_nested_tensors(value)
        value = _nested_values(value)
    if dtype is None:
        dtype = dtypes.dtype_of_value(value)
    else:
        dtype = dtypes.as_dtype(dtype)
        try:
            _check_compatible(value, dtype)
        except TypeError:
            if not context_module.executing_eagerly():
                raise
            raise TypeError(  # (TF's eager words)
                "Cannot convert %r to EagerTensor of dtype %s\n(learntf: the value does not "
                "fit %s; give one that does, or convert it with its own dtype and tf.cast "
                "it)" % (value, dtype.name, dtype.name)
            ) from None
    if dtype is dtypes.string:
        array = _string_array(value)
    else:
        try:
            array = np.asarray(value, dtype=dtype.np)
        except OverflowError:
            array = _wrapped_integers(value, dtype)
        except (TypeError, ValueError) as exc:
            if "inhomogeneous" in str(exc):
                raise ValueError(
                    "Can't convert non-rectangular Python sequence to Tensor.\n"
                    "(learntf: every row needs the same length; for rows of "
                    "different lengths use tf.ragged.constant.)"
                ) from None
            raise TypeError(
                "Failed to convert %s %r to a tensor of dtype %s: %s"
                % (what, value, dtype.name, exc)
            ) from None
        if array is value:
            array = array.copy()  # never alias the caller's array
    array.flags.writeable = False
    return array, dtype


def _wrapped_integers(value, dtype):
    """Ints too big for `dtype` wrap around as TF stores them (2**31 as int32 is -2**31); past
    64 bits TF refuses them eagerly, and a graph's Const keeps their low 64 bits."""
    ints = np.asarray(value, dtype=object)
    if context_module.executing_eagerly() and not all(-(2**63) <= v < 2**63 for v in ints.flat):
        raise ValueError(
            "Can't convert Python sequence with out-of-range integer to Tensor.\n(learntf: "
            "integers hold 64 bits at most; write such numbers as floats.)"
        )
    return np.asarray(ints % 2**64, dtype=np.uint64).astype(dtype.np)


def _string_array(value):
    def encode(item):
        if isinstance(item, str):
            return item.encode("utf-8")
        if isinstance(item, (bytes, np.bytes_)):
            return bytes(item)
        raise TypeError(
            "Expected a string, got %r of type %s instead." % (item, type(item).__name__)
        )

    array = np.asarray(value, dtype=object)
    flat = [encode(item) for item in array.reshape(-1)]
    result = np.empty(len(flat), dtype=object)
    result[:] = flat
    return result.reshape(array.shape)


def _check_compatible(value, dtype):
    """Raise TF's TypeError when a Python value does not fit `dtype` (0.5 for an int32)."""
    if isinstance(value, (np.ndarray, np.generic)):
        is_text = value.dtype.kind in "SUO"
        if is_text != (dtype is dtypes.string):
            raise TypeError(
                "Expected %s, but got %s of type '%s'." % (dtype.name, value, type(value).__name__)
            )
        return
    for item in nest.flatten(value):  # (TF's _AssertCompatible walks the value with tf.nest too)
        if value is None:  # None is no value: TF's ValueError, never NumPy's NaN
            dtypes.dtype_of_value(None)  # (raises it, in TF's words)
        if item is None:
            raise ValueError(dtypes.MIXED_TYPES_WORDS)
        if dtype.is_integer and (isinstance(item, float) or isinstance(item, complex)):
            raise TypeError(
                "Expected %s, but got %s of type '%s'." % (dtype.name, item, type(item).__name__)
            )
        if dtype.is_integer or dtype.is_floating:
            if isinstance(item, (str, bytes)):
                raise TypeError(
                    "Expected %s, but got %s of type '%s'."
                    % (dtype.name, item, type(item).__name__)
                )
        if dtype is dtypes.bool_ and not isinstance(item, (bool, np.bool_)):
            raise TypeError("Expected bool, but got %s of type '%s'." % (item, type(item).__name__))
        if dtype is dtypes.string and not isinstance(item, (str, bytes)):
            raise TypeError(
                "Expected string, but got %s of type '%s'." % (item, type(item).__name__)
            )


def constant(value, dtype=None, shape=None, name="Const", verify_shape=False):
    """A tensor holding `value` (reshaped or broadcast to `shape` if given)."""
    if dtype is not None:
        dtype = dtypes.as_dtype(dtype).base_dtype  # float32 for a variable's float32_ref
    if hasattr(value, "_value") and hasattr(value, "numpy"):  # an eager tensor
        value = value.numpy()
    if isinstance(value, graph_module.Tensor):
        raise TypeError(
            "tf.constant needs a Python or NumPy value, not the tensor %s; "
            "use tf.identity to copy a tensor." % value.name
        )
    array, dtype = to_numpy(value, dtype)
    if shape is not None:
        shape = tuple(TensorShape(shape).as_list())
        if array.size == 1:
            array = np.broadcast_to(array.reshape(()), shape).copy()
        elif array.size == int(np.prod(shape)):
            array = array.reshape(shape)
        else:
            raise TypeError(
                "Eager execution of tf.constant with unsupported shape. Tried to "
                "convert a value of %d elements to a tensor of shape %s." % (array.size, shape)
                if verify_shape
                else "Expected Tensor's shape: %s, but got %s elements." % (shape, array.size)
            )
        array.flags.writeable = False
    if context_module.executing_eagerly():
        return EagerTensor(array, dtype)
    from learntf.framework.apply import apply_op

    return apply_op("Const", [], {"value": array, "dtype": dtype}, name)


_eager_int32_cache = {}


def eager_int32(values):
    """An int32 EagerTensor holding the tuple of ints `values`, made once and then shared:
    eager ops take many small constant vectors (axes, permutations, slice bounds), and
    tensors never change."""
    tensor = _eager_int32_cache.get(values)
    if tensor is None:
        array = np.array(values, dtype=np.int32)
        array.flags.writeable = False
        tensor = EagerTensor(array, dtypes.int32)
        if len(_eager_int32_cache) < 4096:
            _eager_int32_cache[values] = tensor
    return tensor


# -- conversion ------------------------------------------------------------------------------
# Types that know how to become a tensor register a function here (Variable does).
_conversion_functions = []


def register_tensor_conversion_function(base_type, conversion_func):
    _conversion_functions.append((base_type, conversion_func))


def convert_to_tensor(value, dtype=None, name=None, preferred_dtype=None, dtype_hint=None):
    """Return `value` as a Tensor: tensors pass through, other values become constants."""
    if type(value) is EagerTensor and (dtype is None or dtype is value._dtype):
        if context_module.executing_eagerly():
            return value  # (the common case in eager code, first)
    if dtype is not None:
        dtype = dtypes.as_dtype(dtype).base_dtype  # float32 for a variable's float32_ref
    if context_module.executing_eagerly():
        if isinstance(value, (list, tuple)) and _dtype_of_nested_tensors(value) is not None:
            if dtype is not None:
                value = _cast_nested_tensors(value, dtype)
            return _autopack(value, dtype or _dtype_of_nested_tensors(value), name or "packed")
        return to_eager(
            value, dtype if dtype is not None else _hint(value, preferred_dtype or dtype_hint)
        )
    if isinstance(value, graph_module.Tensor):
        if dtype is not None and value.dtype.base_dtype is not dtype:
            raise ValueError(
                "Tensor conversion requested dtype %s for Tensor with dtype %s: %s"
                % (dtype.name, value.dtype.name, value)
            )
        return value
    if type(value) is EagerTensor:  # an eager value used while building a graph
        return _eager_into_graph(value, dtype, name)
    for base_type, conversion_func in _conversion_functions:
        if isinstance(value, base_type):
            return conversion_func(value, dtype=dtype, name=name)
    if value is None:
        raise ValueError(
            "Attempt to convert a value (None) with an unsupported type "
            "(<class 'NoneType'>) to a Tensor."
        )
    if isinstance(value, (list, tuple)):
        tensor_dtype = _dtype_of_nested_tensors(value)
        if tensor_dtype is not None:
            if dtype is not None and dtype is not tensor_dtype:
                value = _cast_nested_tensors(value, dtype)
            return _autopack(value, dtype or tensor_dtype, name or "packed")
    if dtype is None:
        dtype = _hint(value, preferred_dtype or dtype_hint)
    return constant(value, dtype=dtype, name=name or "Const")


# -- an op's inputs: one conversion for graph and eager mode ----------------------------------
def convert_inputs(op_def, inputs, eager):
    """The inputs of one op as tensors, as TF's op builder converts them in either mode.

    Inputs that share the type attr `T` (`op_def.same_dtype`) take one dtype: that of the first
    tensor or variable among them; Python and NumPy values are converted to it (`x * 2` with a
    float32 x makes a float32 2), and a tensor of another dtype is an error.  Only the errors'
    words differ by mode: a graph names the op's arguments, eager execution the input positions,
    as TF's do.  Each value goes through `convert_to_tensor`, whose graph constants are named
    after the argument (`y`, `inputs_1`)."""
    if op_def.list_input is None:
        flat = inputs
    else:
        flat = []
        for index, value in enumerate(inputs):
            if index == op_def.list_input:
                flat.extend(value)
            else:
                flat.append(value)
    if eager and flat:  # the common case first: eager tensors of one dtype, nothing to convert
        dtype = flat[0]._dtype if type(flat[0]) is EagerTensor else None
        for value in flat:
            if type(value) is not EagerTensor or (op_def.same_dtype and value._dtype is not dtype):
                break
        else:
            return flat
        if op_def.same_dtype and len(flat) == 2 and dtype is not None:  # `x + 1.0`, `x * 2`
            value = flat[1]
            if type(value) in _PYTHON_SCALARS:
                try:
                    return [flat[0], to_eager(value, dtype)]
                except TypeError:  # (the general path below words the error)
                    pass
    shared = None
    if op_def.same_dtype:
        for value in flat:
            shared = _known_dtype(value, eager)
            if shared is not None:
                break
    tensors = []
    for position, value in enumerate(flat):
        if eager and type(value) is EagerTensor:
            tensor = value
        else:
            name = None if eager else _arg_name(op_def, inputs, position)
            dtype = shared if _known_dtype(value, eager) is None else None
            try:
                if eager and dtype is not None and type(value) in _PYTHON_SCALARS:
                    tensor = to_eager(value, dtype)  # (what convert_to_tensor does, directly)
                else:
                    tensor = convert_to_tensor(value, dtype=dtype, name=name)
            except TypeError as exc:
                if dtype is None:
                    raise
                raise TypeError(
                    _cannot_convert_message(op_def, name, value, dtype, exc, eager)
                ) from None
        if shared is not None and tensor.dtype.base_dtype is not shared:
            raise _mismatch_error(op_def, inputs, flat, position, tensor, shared, eager)
        tensors.append(tensor)
    return tensors


def _arg_name(op_def, inputs, position):
    """The name of the flat input at `position`, as TF's graph errors and constants say it:
    `y`, or `inputs_1` for the second item of a list input."""
    names, list_input = op_def.input_names, op_def.list_input
    if list_input is None or position < list_input:
        return names[position]
    count = len(inputs[list_input])
    if position < list_input + count:
        return "%s_%d" % (names[list_input], position - list_input)
    return names[position - count + 1]


def _known_dtype(value, eager):
    """The value type of a tensor or variable (float32 for a float32_ref), else None: the
    inputs whose dtype the others follow."""
    if type(value) is EagerTensor or isinstance(value, graph_module.Tensor):
        return value.dtype.base_dtype
    dtype = getattr(value, "dtype", None)
    if isinstance(dtype, dtypes.DType) and hasattr(
        value, "_as_eager_tensor" if eager else "_as_graph_element"
    ):
        return dtype.base_dtype
    return None


def _cannot_convert_message(op_def, arg_name, value, dtype, exc, eager):
    if eager:
        return "Cannot convert %r to EagerTensor of dtype %s (%s)" % (value, dtype.name, exc)
    return (
        "Expected %s passed to parameter '%s' of op '%s', got %r of type '%s' instead. Error: %s"
        % (dtype.name, arg_name, op_def.name, value, type(value).__name__, exc)
    )


def _mismatch_error(op_def, inputs, flat, position, tensor, dtype, eager):
    """TF's error for inputs of one type attr with two dtypes: the kernel's words in eager
    mode (an InvalidArgumentError), the op builder's in a graph (a TypeError), which names the
    argument the dtype came from."""
    if eager:
        return errors.InvalidArgumentError(
            None,
            None,
            "cannot compute %s as input #%d(zero-based) was expected to be a %s tensor but is "
            "a %s tensor [Op:%s]\n(learntf: TensorFlow never converts dtypes silently; use "
            "tf.cast.)"
            % (op_def.name, position, dtype.proto_name, tensor.dtype.proto_name, op_def.name),
        )
    arg_name = _arg_name(op_def, inputs, position)
    first = next(i for i, value in enumerate(flat) if _known_dtype(value, eager) is dtype)
    first = _arg_name(op_def, inputs, first)
    return TypeError(
        "Input '%s' of '%s' Op has type %s that does not match type %s of argument '%s'.\n"
        "(learntf: TensorFlow never converts dtypes silently; use tf.cast(%s, tf.%s) or create "
        "the value with the dtype you need.)"
        % (arg_name, op_def.name, tensor.dtype.name, dtype.name, first, arg_name, dtype.name)
    )


# -- lists holding tensors: `tf.reshape(x, [tf.shape(x)[0], -1])` ------------------------------
def _is_tensor(value):
    return isinstance(value, graph_module.Tensor) or type(value).__name__ == "EagerTensor"


def _dtype_of_nested_tensors(items):
    """The dtype of the first tensor in a (nested) list, or None if it holds no tensor."""
    for item in items:
        if _is_tensor(item):
            return item.dtype
        if isinstance(item, (list, tuple)):
            found = _dtype_of_nested_tensors(item)
            if found is not None:
                return found
    return None


def _nested_values(items):
    return [
        _nested_values(item)
        if isinstance(item, (list, tuple))
        else (item.numpy() if _is_tensor(item) else item)
        for item in items
    ]


def _cast_nested_tensors(items, dtype):
    from learntf.framework.apply import apply_op

    return [
        _cast_nested_tensors(item, dtype)
        if isinstance(item, (list, tuple))
        else apply_op("Cast", [item], {"DstT": dtype, "Truncate": False}, "Cast")
        if _is_tensor(item) and item.dtype is not dtype
        else item
        for item in items
    ]


def _autopack(items, dtype, name):
    """A list that holds tensors becomes one `Pack` op (as TF's auto-packing does): its plain
    numbers become constants named by their position (`Reshape/shape/1`), nested lists nested
    Packs."""
    from learntf.framework.apply import apply_op
    from learntf.framework.graph import name_scope

    with name_scope(name) as scope:
        packed = []
        for index, item in enumerate(items):
            if isinstance(item, (list, tuple)) and _dtype_of_nested_tensors(item) is not None:
                item = _autopack(item, dtype, str(index))
            if _is_tensor(item):
                if item.dtype is not dtype:
                    raise TypeError(
                        "Cannot convert a list containing a tensor of dtype %s to "
                        "%s (Tensor is: %r)" % (item.dtype.name, dtype.name, item)
                    )
            else:
                item = constant(item, dtype=dtype, name=str(index))
            packed.append(item)
        return apply_op("Pack", [packed], {"N": len(packed), "axis": 0}, scope)


def _eager_into_graph(value, dtype, name):
    """Inside tf.function: a captured input.  In a plain graph: a constant of its value."""
    from learntf.eager.func_graph import current_func_graph

    if dtype is not None and value.dtype is not dtype:
        raise ValueError(
            "Tensor conversion requested dtype %s for Tensor with dtype %s: %r"
            % (dtype.name, value.dtype.name, value)
        )
    func_graph = current_func_graph()
    if func_graph is not None:
        return func_graph.capture(value, name)
    if value.dtype is dtypes.resource:
        raise ValueError(
            "An eager variable cannot be used in a TF1 graph (it lives outside any "
            "Session). Create the variable inside the graph instead."
        )
    return constant(value.numpy(), dtype=value.dtype, name=name or "Const")


def _hint(value, hint):
    """The hinted dtype if `value` fits it (2 for a float32 hint), else None."""
    if hint is None or hasattr(value, "dtype"):
        return None
    hint = dtypes.as_dtype(hint)
    try:
        _check_compatible(value, hint)
        return hint
    except TypeError:
        return None
