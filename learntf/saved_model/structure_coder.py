"""Python structures as TensorFlow's `StructuredValue` protos, and back.

A SavedModel must remember what a function takes and returns beyond its flat tensors: that
`__call__` takes one argument `x` of spec `TensorSpec([None, 2], tf.float32)`, that a
signature returns `{"output_0": ...}`.  TensorFlow writes such Python values (None, numbers,
strings, lists, tuples, dicts, named tuples, TensorSpecs, shapes and dtypes) as a
`StructuredValue` (struct.proto), as its nested_structure_coder does; learntf reads and writes
the same messages.
"""

import collections

from learntf import dtypes
from learntf.framework.tensor_shape import TensorShape
from learntf.serialization import graph_io
from learntf.serialization.tf_protos import protos


def encode(value):
    """The StructuredValue of a Python structure."""
    from learntf.eager.func_graph import TensorSpec

    message = protos().struct_pb2.StructuredValue()
    if value is None:
        message.none_value.SetInParent()
    elif isinstance(value, bool):  # (before int: a bool is an int)
        message.bool_value = value
    elif isinstance(value, int):
        message.int64_value = value
    elif isinstance(value, float):
        message.float64_value = value
    elif isinstance(value, str):
        message.string_value = value
    elif isinstance(value, TensorSpec):
        spec = message.tensor_spec_value
        spec.name = value.name or ""
        spec.shape.CopyFrom(_shape_message(value.shape))
        spec.dtype = _enum(value.dtype)
    elif isinstance(value, TensorShape):
        message.tensor_shape_value.CopyFrom(_shape_message(value))
    elif isinstance(value, dtypes.DType):
        message.tensor_dtype_value = _enum(value)
    elif isinstance(value, dict):
        message.dict_value.SetInParent()
        for key in sorted(value):  # (TF sorts a dict's keys)
            message.dict_value.fields[key].CopyFrom(encode(value[key]))
    elif isinstance(value, tuple) and hasattr(value, "_fields"):
        message.named_tuple_value.name = type(value).__name__
        for key, item in zip(value._fields, value):
            pair = message.named_tuple_value.values.add(key=key)
            pair.value.CopyFrom(encode(item))
    elif isinstance(value, (list, tuple)):
        target = message.list_value if isinstance(value, list) else message.tuple_value
        target.SetInParent()
        for item in value:
            target.values.add().CopyFrom(encode(item))
    else:
        raise ValueError(
            "No encoder for object %r of type %s.\n(learntf: a saved function's arguments and "
            "results may be tensors, TensorSpecs, numbers, strings, None, and lists, tuples and "
            "dicts of those.)" % (value, type(value))
        )
    return message


def decode(message):
    """The Python structure a StructuredValue holds (named tuples come back as named tuples
    of the same name and fields)."""
    from learntf.eager.func_graph import TensorSpec

    kind = message.WhichOneof("kind")
    if kind == "none_value":
        return None
    if kind in ("bool_value", "int64_value", "float64_value", "string_value"):
        return getattr(message, kind)
    if kind == "tensor_spec_value":
        spec = message.tensor_spec_value
        return TensorSpec(_shape(spec.shape), _dtype(spec.dtype), spec.name or None)
    if kind == "tensor_shape_value":
        return _shape(message.tensor_shape_value)
    if kind == "tensor_dtype_value":
        return _dtype(message.tensor_dtype_value)
    if kind == "dict_value":
        return {key: decode(item) for key, item in message.dict_value.fields.items()}
    if kind == "named_tuple_value":
        pairs = message.named_tuple_value.values
        cls = collections.namedtuple(message.named_tuple_value.name, [p.key for p in pairs])
        return cls(*(decode(p.value) for p in pairs))
    if kind in ("list_value", "tuple_value"):
        items = [decode(item) for item in getattr(message, kind).values]
        return items if kind == "list_value" else tuple(items)
    raise ValueError(
        "Cannot decode a StructuredValue holding %s.\n(learntf: this SavedModel was written "
        "with a structure learntf does not read.)" % (kind or "nothing")
    )


def _shape_message(shape):
    return graph_io.shape_proto(TensorShape(shape))


def _shape(message):
    if message.unknown_rank:
        return TensorShape(None)
    return TensorShape([None if d.size < 0 else d.size for d in message.dim])


def _enum(dtype):
    return graph_io.data_type(dtype)


def _dtype(number):
    return graph_io.dtype_of_enum(number)
