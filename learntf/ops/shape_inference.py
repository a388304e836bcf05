"""Shape and dtype inference helpers shared by the op definitions.

Every op's `infer` function receives its input tensors (with their static dtype and
TensorShape) and its attrs, and returns one `(dtype, shape)` pair per output.  Unknown
dimensions (None) flow through; a definite mismatch raises `ShapeError`, which `apply_op`
turns into TensorFlow's ValueError naming the op and the input shapes.
"""

import numpy as np

from learntf import dtypes, errors
from learntf.framework.apply import ShapeError
from learntf.framework.tensor_shape import TensorShape

FLOAT_TYPES = (dtypes.float16, dtypes.float32, dtypes.float64)
REAL_TYPES = FLOAT_TYPES + (
    dtypes.int8,
    dtypes.int16,
    dtypes.int32,
    dtypes.int64,
    dtypes.uint8,
    dtypes.uint16,
)
NUMERIC_TYPES = REAL_TYPES + (dtypes.complex64, dtypes.complex128)


class DTypeError(TypeError):
    """An input whose dtype the op does not accept, found by shape inference.  The op's name is
    not known here: `apply_op` words it as TF's graph-mode TypeError (`graph_message`), eager
    mode (framework/execute.py) as TF's InvalidArgumentError (`eager_message`); both end with
    one "(learntf: ...)" line naming the op and a conversion to a dtype it accepts."""

    def __init__(self, arg_name, dtype, allowed, attr, index):
        super().__init__(arg_name, dtype, allowed, attr, index)
        self.arg_name, self.dtype, self.allowed = arg_name, dtype, tuple(allowed)
        self.attr, self.index = attr, index

    def __str__(self):
        return self.graph_message("this op")

    def graph_message(self, op_name):
        """TF's words when a graph is built (TF's op_def_library.py), then the hint."""
        if self.attr is None:
            words = "Input '%s' of '%s' Op has type %s that does not match expected type of %s." % (
                self.arg_name,
                op_name,
                self.dtype.name,
                self.allowed[0].name,
            )
        else:
            words = (
                "Value passed to parameter '%s' has DataType %s not in list of allowed "
                "values: %s"
                % (self.arg_name, self.dtype.name, ", ".join(d.name for d in self.allowed))
            )
        return words + "\n" + self.hint(op_name)

    def eager_message(self, op_name):
        """TF's words when an eager op is run (the C++ attr check), then the hint."""
        if self.attr is None:
            words = (
                "cannot compute %s as input #%d(zero-based) was expected to be a %s tensor "
                "but is a %s tensor [Op:%s]"
                % (op_name, self.index, self.allowed[0].proto_name, self.dtype.proto_name, op_name)
            )
        else:
            words = (
                "Value for attr '%s' of %s is not in the list of allowed values: %s\n\t; "
                "NodeDef: {{node %s}} [Op:%s]"
                % (
                    self.attr,
                    self.dtype.proto_name,
                    ", ".join(d.proto_name for d in self.allowed),
                    op_name,
                    op_name,
                )
            )
        return words + "\n" + self.hint(op_name)

    def hint(self, op_name):
        """One line: what the op takes for this input, and how to convert to it."""
        return "(learntf: %s takes %s for '%s', not %s; %s.)" % (
            op_name,
            _kinds(self.allowed),
            self.arg_name,
            self.dtype.name,
            _conversion(self.arg_name, self.dtype, self.allowed),
        )


def _kinds(allowed):
    """`allowed` in words: "floating-point tensors", "int32 or int64 tensors", ..."""
    kinds = [
        kind
        for kind, test in (
            ("floating-point", lambda d: d.is_floating),
            ("integer", lambda d: d.is_integer),
            ("complex", lambda d: d.is_complex),
            ("bool", lambda d: d.is_bool),
            ("string", lambda d: d is dtypes.string),
        )
        if any(test(d) for d in allowed)
    ]
    if kinds == ["integer"] and len(allowed) <= 3:
        kinds = [d.name for d in allowed]
    return "%s tensors" % (
        " or ".join(kinds) if len(kinds) < 3 else ", ".join(kinds[:-1]) + " or " + kinds[-1]
    )


def _conversion(arg_name, given, allowed):
    """How to turn a `given` tensor into one of the `allowed` dtypes, as TF code."""
    if dtypes.bool_ in allowed and len(allowed) == 1:
        return "compare to get bools (e.g. %s > 0) or use tf.cast(%s, tf.bool)" % (
            arg_name,
            arg_name,
        )
    if dtypes.string in allowed and len(allowed) == 1:
        return "format numbers as strings with tf.strings.as_string(%s)" % arg_name
    target = next(
        (d for d in (dtypes.float32, dtypes.int32, dtypes.int64) if d in allowed), allowed[0]
    )
    if given is dtypes.string:
        return "parse the strings with tf.strings.to_number(%s, tf.%s)" % (arg_name, target.name)
    if given.is_complex and not any(d.is_complex for d in allowed):
        return "keep the real part with tf.math.real(%s), or the magnitude with tf.abs(%s)" % (
            arg_name,
            arg_name,
        )
    return "cast it first, e.g. tf.cast(%s, tf.%s)" % (arg_name, target.name)


def check_dtype(arg_name, tensor, allowed, attr="T", index=0):
    """TF's error (`DTypeError`) when `tensor`'s dtype is not one the op accepts for input
    `arg_name`.  `attr` is the op's type attr for this input (TF's eager words name it); None
    for an input of one fixed dtype, such as LogicalAnd's bool `x`, which is input `index`."""
    if tensor.dtype.base_dtype not in allowed:
        raise DTypeError(arg_name, tensor.dtype.base_dtype, allowed, attr, index)


def broadcast_shape(a, b):
    """NumPy broadcasting on partially known shapes; ShapeError if two dims can't match."""
    if a.rank is None or b.rank is None:
        return TensorShape(None)
    a_dims, b_dims = a.as_list(), b.as_list()
    rank = max(len(a_dims), len(b_dims))
    a_dims = [1] * (rank - len(a_dims)) + a_dims
    b_dims = [1] * (rank - len(b_dims)) + b_dims
    result = []
    for x, y in zip(a_dims, b_dims):
        if x == 1:
            result.append(y)
        elif y == 1:
            result.append(x)
        elif x is None:
            result.append(y)
        elif y is None or x == y:
            result.append(x)
        else:
            error = ShapeError(
                "Dimensions must be equal, but are %d and %d" % (x, y),
                "the shapes %s and %s cannot be broadcast together; check which "
                "axis is which, or reshape one operand (e.g. tf.reshape(y, "
                "[-1, 1]))" % (a, b),
            )
            error.eager_words = "Incompatible shapes: %s vs. %s" % (a.proto_str(), b.proto_str())
            raise error
    return TensorShape(result)


def normalize_axes(axis, rank, op_name="reduction"):
    """`axis` (None, int, sequence or NumPy array) as a sorted tuple of non-negative axes."""
    if axis is None:
        return None if rank is None else tuple(range(rank))
    axes = tuple(int(a) for a in np.reshape(axis, -1))
    if rank is None:
        return axes
    result = []
    for a in axes:
        if not -rank <= a < rank:
            error = ShapeError(
                "Invalid reduction dimension %d for input with %d dimensions." % (a, rank)
            )
            error.eager_words = (  # (TF's reduction kernel, its unclosed parenthesis too)
                "Invalid reduction dimension (%d for input with %d dimension(s)" % (a, rank)
            )
            raise error
        result.append(a % rank)
    return tuple(sorted(set(result)))


def reduced_shape(shape, axis, keepdims):
    if shape.rank is None:
        return TensorShape(None)
    axes = normalize_axes(axis, shape.rank)
    dims = shape.as_list()
    if keepdims:
        return TensorShape([1 if i in axes else d for i, d in enumerate(dims)])
    return TensorShape([d for i, d in enumerate(dims) if i not in axes])


INDEX_TYPES = (dtypes.int32, dtypes.int64)


def check_index_dtype(arg_name, tensor, allowed=INDEX_TYPES, attr="Tidx", index=0):
    """TF's error (`DTypeError`) when a shape, axis or index input is not an integer tensor;
    `attr` is the op's type attr for it (Tidx, Tshape, Tperm, ...), as for `check_dtype`."""
    check_dtype(arg_name, tensor, allowed, attr=attr, index=index)


def reshaped(input_shape, requested):
    """The static shape of Reshape's output, as TF's shape function finds it: `requested` is
    the shape tensor's partially known value (None for unknown or -1 dims); one unknown dim is
    filled in when the element counts tell it."""
    if requested.rank is None or input_shape.rank is None:
        return requested
    out = requested.as_list()
    out_unknown = [i for i, d in enumerate(out) if d is None]
    in_dims = input_shape.as_list()
    in_unknown = [i for i, d in enumerate(in_dims) if d is None]
    if len(out_unknown) > 1 or len(in_unknown) > 1:
        return requested
    known_out = int(np.prod([d for d in out if d is not None], dtype=np.int64))
    known_in = int(np.prod([d for d in in_dims if d is not None], dtype=np.int64))
    if not in_unknown and not out_unknown:
        if known_in != known_out:
            raise ShapeError(
                "Cannot reshape a tensor with %d elements to shape %s (%d elements)"
                % (known_in, requested.proto_str(), known_out),
                "the number of elements must stay the same",
            )
    elif not in_unknown and known_out > 0:
        if known_in % known_out:
            error = ShapeError(
                "Dimension size must be evenly divisible by %d but is %d" % (known_out, known_in),
                "the number of elements must stay the same",
            )
            error.eager_words = (  # (TF's Reshape kernel)
                "Input to reshape is a tensor with %d values, but the requested shape requires "
                "a multiple of %d" % (known_in, known_out)
            )
            raise error
        out[out_unknown[0]] = known_in // known_out
    elif in_unknown and out_unknown and known_in == known_out:
        out[out_unknown[0]] = in_dims[in_unknown[0]]
    return TensorShape(out)


def kernel_shape_error(op, arrays):
    """The error the op's shape function finds in the arrays its kernel just failed on in a
    Session (feeds gave shapes the graph could not check), worded as TF's kernel words it
    ("Incompatible shapes: [2] vs. [3]") rather than NumPy's; None if it finds none."""
    from learntf.framework.execute import EagerTensor

    try:
        op.op_def.infer(*[EagerTensor(a, t.dtype) for a, t in zip(arrays, op.inputs)], **op.attrs)
    except ValueError as found:  # a ShapeError: (words, hint)
        words = getattr(found, "eager_words", None) or found.args[0]
        hint = "".join("\n(learntf: %s)" % h for h in found.args[1:2])
        return errors.InvalidArgumentError(None, op, words + hint)
    except Exception:  # no clearer words: NumPy's, with the op's inputs
        return None
    return None
