"""Data types: `tf.float32`, `tf.int32`, ... and the rules for picking one.

A DType pairs TensorFlow's name for a type with the NumPy dtype that stores it.  The rules
for converting Python values follow TensorFlow (lesson 01): a Python float becomes float32,
a Python int becomes int32, and a NumPy array keeps its own dtype (float64 stays float64).

Each type has a reference twin, `float32_ref` for `float32`: the dtype of a TF1 reference
variable (`VariableV2`) and of the ops that hand the variable itself on (`Assign`,
`ApplyGradientDescent`).  Its `base_dtype` is the value type; an op that wants a value reads
the variable through such a tensor when it runs (learntf/ops/ref_variable.py).
"""

import numpy as np


class DType:
    """One TensorFlow data type: its name, the NumPy dtype behind it, and its proto name."""

    __slots__ = ("name", "as_numpy_dtype", "proto_name", "_np", "_base", "_ref")

    def __init__(self, name, numpy_dtype, proto_name, base=None):
        self.name = name
        self._np = np.dtype(numpy_dtype) if numpy_dtype is not None else None
        self.as_numpy_dtype = self._np.type if self._np is not None else None
        self.proto_name = proto_name  # what TF's C++ messages call it: 'float', 'double', ...
        self._base = base if base is not None else self  # float32 for float32_ref
        self._ref = None  # float32_ref for float32
        if base is not None:
            base._ref = self

    @property
    def np(self):
        """The NumPy dtype that stores values of this type."""
        return self._np

    @property
    def base_dtype(self):
        """The value type: float32 for float32_ref, the type itself otherwise."""
        return self._base

    @property
    def _is_ref_dtype(self):
        return self._base is not self

    @property
    def _as_ref(self):
        """The reference twin (float32_ref for float32 and for float32_ref)."""
        return self._base._ref

    @property
    def real_dtype(self):
        return {complex64: float32, complex128: float64}.get(self, self)

    def is_compatible_with(self, other):
        """True if a value of type `other` may be used where this type is expected: the same
        type, or this type's reference twin (float32 accepts float32_ref, not the reverse)."""
        other = as_dtype(other)
        return self is other or self is other._base

    @property
    def is_floating(self):
        return self._np is not None and self._np.kind == "f"

    @property
    def is_integer(self):
        return self._np is not None and self._np.kind in "iu"

    @property
    def is_bool(self):
        return self._base is bool_

    @property
    def is_complex(self):
        return self._np is not None and self._np.kind == "c"

    @property
    def is_numeric(self):
        return self.is_floating or self.is_integer or self.is_complex

    @property
    def min(self):
        return np.finfo(self._np).min if self.is_floating else np.iinfo(self._np).min

    @property
    def max(self):
        return np.finfo(self._np).max if self.is_floating else np.iinfo(self._np).max

    def __repr__(self):
        return "tf." + self.name

    def __str__(self):
        return "<dtype: %r>" % self.name

    def __reduce__(self):
        return as_dtype, (self.name,)


float16 = DType("float16", np.float16, "half")
float32 = DType("float32", np.float32, "float")
float64 = DType("float64", np.float64, "double")
int8 = DType("int8", np.int8, "int8")
int16 = DType("int16", np.int16, "int16")
int32 = DType("int32", np.int32, "int32")
int64 = DType("int64", np.int64, "int64")
uint8 = DType("uint8", np.uint8, "uint8")
uint16 = DType("uint16", np.uint16, "uint16")
complex64 = DType("complex64", np.complex64, "complex64")
complex128 = DType("complex128", np.complex128, "complex128")
bool_ = DType("bool", np.bool_, "bool")
string = DType("string", np.object_, "string")
resource = DType("resource", np.object_, "resource")
variant = DType("variant", np.object_, "variant")

half = float16
double = float64

_ALL = [
    float16,
    float32,
    float64,
    int8,
    int16,
    int32,
    int64,
    uint8,
    uint16,
    complex64,
    complex128,
    bool_,
    string,
    resource,
    variant,
]
_BY_NUMPY = {d.np: d for d in _ALL if d.np is not None and d.np != np.dtype(object)}


def _make_ref(base):
    return DType(base.name + "_ref", base.np, base.proto_name + "_ref", base=base)


float16_ref, float32_ref, float64_ref = map(_make_ref, (float16, float32, float64))
int8_ref, int16_ref, int32_ref, int64_ref = map(_make_ref, (int8, int16, int32, int64))
uint8_ref, uint16_ref = map(_make_ref, (uint8, uint16))
complex64_ref, complex128_ref = map(_make_ref, (complex64, complex128))
bool_ref, string_ref, resource_ref, variant_ref = map(_make_ref, (bool_, string, resource, variant))
half_ref, double_ref = float16_ref, float64_ref

_BY_NAME = {d.name: d for base in _ALL for d in (base, base._ref)}
_BY_NAME.update(
    {
        "half": float16,
        "double": float64,
        "float": float32,
        "half_ref": float16_ref,
        "double_ref": float64_ref,
    }
)


_NOT_A_DTYPE = "Cannot convert the argument `type_value`: %r to a TensorFlow DType."


def as_dtype(type_value):
    """Convert a DType, a NumPy dtype or type, a name string or a Python type to a DType."""
    if isinstance(type_value, DType):
        return type_value
    if isinstance(type_value, str):
        if type_value in _BY_NAME:
            return _BY_NAME[type_value]
        raise TypeError(_NOT_A_DTYPE % (type_value,))
    if type_value is float:
        return float32
    if type_value is int:
        return int32
    if type_value is bool:
        return bool_
    if type_value in (str, bytes):
        return string
    try:
        numpy_dtype = np.dtype(type_value)
    except TypeError:
        raise TypeError(_NOT_A_DTYPE % (type_value,)) from None
    if numpy_dtype.kind in "SUO":
        return string
    if numpy_dtype in _BY_NUMPY:
        return _BY_NUMPY[numpy_dtype]
    raise TypeError(_NOT_A_DTYPE % (type_value,))


def dtype_of_value(value):
    """The DType TensorFlow infers for a Python or NumPy value (float -> float32, int -> int32)."""
    if isinstance(value, np.ndarray) or isinstance(value, np.generic):
        return as_dtype(value.dtype)
    if isinstance(value, bool):
        return bool_
    if isinstance(value, int):
        return int32 if -(2**31) <= value < 2**31 else int64
    if isinstance(value, float):
        return float32
    if isinstance(value, (str, bytes)):
        return string
    if isinstance(value, (list, tuple)):
        return _dtype_of_nested(value)
    if isinstance(value, complex):
        return complex128
    raise ValueError(  # (TF's words)
        "Attempt to convert a value (%r) with an unsupported type (%s) to a Tensor."
        % (value, type(value))
    )


def _dtype_of_nested(values):
    found = None
    for item in values:
        if item is None:  # (TF: None among numbers is a mixed sequence)
            raise ValueError(MIXED_TYPES_WORDS)
        item_dtype = dtype_of_value(item) if not isinstance(item, (list, tuple)) or item else None
        if item_dtype is None:
            continue
        found = item_dtype if found is None else _wider(found, item_dtype)
    return found if found is not None else float32


def _wider(a, b):
    # Python lists mixing ints and floats become float32, as in TF.
    if a is b:
        return a
    if a.is_floating or b.is_floating:
        if float64 in (a, b):
            return float64
        return float32
    if a.is_integer and b.is_integer:
        return int64 if int64 in (a, b) else int32
    if bool_ in (a, b) and (a.is_numeric or b.is_numeric):
        return a if a is not bool_ else b
    raise ValueError(
        MIXED_TYPES_WORDS + "\n(learntf: a list mixing %s and %s values.)" % (a.name, b.name)
    )


MIXED_TYPES_WORDS = "Can't convert Python sequence with mixed types to Tensor."  # (TF's words)


__all__ = [
    "DType",
    "as_dtype",
    "float16",
    "float32",
    "float64",
    "half",
    "double",
    "int8",
    "int16",
    "int32",
    "int64",
    "uint8",
    "uint16",
    "complex64",
    "complex128",
    "bool_",
    "string",
    "resource",
    "variant",
]
