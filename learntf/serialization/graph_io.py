"""Graphs as data: `Graph.as_graph_def()`, `tf.import_graph_def` and `tf.train.write_graph`.

A `GraphDef` is a graph written down as a protocol buffer (learntf/serialization/proto.py): one
`NodeDef` per operation, holding its name, its op type, its inputs by name (`"x"` for output 0,
`"x:1"` for output 1, `"^x"` for a control input) and its attributes.  Attributes are typed
values (an `AttrValue` sets exactly one of these fields):

    i: 3            an int               f: 0.5          a float (a double in learntf)
    b: true         a bool               s: "SAME"       a string
    type: DT_FLOAT  a dtype              shape { dim { size: -1 } dim { size: 3 } }
    tensor { ... }  a NumPy array (a TensorProto: dtype, shape, and the values)
    list { i: 1 i: 2 }          a tuple of ints (or of floats, strings, dtypes, shapes...)
    list { value { ... } ... }  a tuple of mixed or nested values (a learntf extension)
    (nothing set)               None

A TensorProto keeps up to 16 numbers readable (`float_val: 3.0`); larger arrays go in
`tensor_content` as raw little-endian bytes.  `versions { producer: 1 }` is the version of this
layout.  Importing rebuilds each node through the op registry (`apply_op`), with the same name
(under a prefix, `import/` by default), attributes and control inputs; shapes are inferred again.

Seed 003 (lesson 06) writes one graph as text (`.pbtxt`, for people) and as binary (`.pb`,
smaller), then imports it into a new graph.
"""

import os

import numpy as np

from learntf import dtypes
from learntf.framework import graph as graph_module
from learntf.framework.graph_walk import dependency_order
from learntf.framework.tensor_shape import TensorShape
from learntf.serialization.proto import (
    BOOL,
    BYTES,
    DOUBLE,
    FLOAT,
    INT,
    STRING,
    Enum,
    Field,
    MapOf,
    Message,
    to_text,
)

GRAPH_DEF_VERSION = 1  # the layout described above; bump it when the layout changes
_READABLE_SIZE = 16  # arrays up to this many elements are written as readable numbers

DATA_TYPE = Enum(
    "DataType",
    [
        ("DT_INVALID", 0),
        ("DT_FLOAT", 1),
        ("DT_DOUBLE", 2),
        ("DT_INT32", 3),
        ("DT_UINT8", 4),
        ("DT_INT16", 5),
        ("DT_INT8", 6),
        ("DT_STRING", 7),
        ("DT_COMPLEX64", 8),
        ("DT_INT64", 9),
        ("DT_BOOL", 10),
        ("DT_UINT16", 17),
        ("DT_COMPLEX128", 18),
        ("DT_HALF", 19),
        ("DT_RESOURCE", 20),
        ("DT_VARIANT", 21),
    ],
)


def enum_name(dtype):
    """tf.float32 -> "DT_FLOAT" (TensorFlow's enum name for the dtype)."""
    return "DT_" + dtype.proto_name.upper()


def dtype_of_enum(name):
    """ "DT_FLOAT" -> tf.float32."""
    return dtypes.as_dtype(name[3:].lower())


# -- the messages ----------------------------------------------------------------------------
class TensorShapeProto(Message):
    """A shape: one `dim` per dimension (size -1 when unknown), or `unknown_rank: true`."""

    class Dim(Message):
        FIELDS = (Field(1, "size", INT), Field(2, "name", STRING))

    FIELDS = (Field(2, "dim", Dim, repeated=True), Field(3, "unknown_rank", BOOL))


class TensorProto(Message):
    """An array: dtype, shape, and values (readable `*_val` fields or raw `tensor_content`)."""

    FIELDS = (
        Field(1, "dtype", DATA_TYPE),
        Field(2, "tensor_shape", TensorShapeProto),
        Field(4, "tensor_content", BYTES),
        Field(5, "float_val", FLOAT, repeated=True),
        Field(6, "double_val", DOUBLE, repeated=True),
        Field(7, "int_val", INT, repeated=True),
        Field(8, "string_val", BYTES, repeated=True),
        Field(10, "int64_val", INT, repeated=True),
        Field(11, "bool_val", BOOL, repeated=True),
    )


class AttrValue(Message):
    """One attribute value: exactly one field is set (none for Python's None)."""


class ListValue(Message):
    """A tuple: one repeated field of one kind, or `value` for mixed and nested items."""


ListValue.FIELDS = (
    Field(2, "s", STRING, repeated=True),
    Field(3, "i", INT, repeated=True),
    Field(4, "f", DOUBLE, repeated=True),
    Field(5, "b", BOOL, repeated=True),
    Field(6, "type", DATA_TYPE, repeated=True),
    Field(7, "shape", TensorShapeProto, repeated=True),
    Field(8, "tensor", TensorProto, repeated=True),
    Field(15, "value", AttrValue, repeated=True),
)
AttrValue.FIELDS = (
    Field(1, "list", ListValue, optional=True),
    Field(2, "s", STRING, optional=True),
    Field(3, "i", INT, optional=True),
    Field(4, "f", DOUBLE, optional=True),
    Field(5, "b", BOOL, optional=True),
    Field(6, "type", DATA_TYPE, optional=True),
    Field(7, "shape", TensorShapeProto, optional=True),
    Field(8, "tensor", TensorProto, optional=True),
)


class NodeDef(Message):
    """One operation: name, op type, inputs by name, device, attributes."""

    FIELDS = (
        Field(1, "name", STRING),
        Field(2, "op", STRING),
        Field(3, "input", STRING, repeated=True),
        Field(4, "device", STRING),
        Field(5, "attr", MapOf(AttrValue)),
    )


class VersionDef(Message):
    FIELDS = (Field(1, "producer", INT), Field(2, "min_consumer", INT))


class GraphDef(Message):
    """A whole graph: its nodes in creation order (inputs before the ops that use them)."""

    FIELDS = (Field(1, "node", NodeDef, repeated=True), Field(4, "versions", VersionDef))


# -- Python attribute values <-> AttrValue ----------------------------------------------------
def attr_value(value):
    """The AttrValue message for one Python attribute value."""
    if value is None:
        return AttrValue()
    if isinstance(value, (bool, np.bool_)):
        return AttrValue(b=bool(value))
    if isinstance(value, (int, np.integer)):
        return AttrValue(i=int(value))
    if isinstance(value, (float, np.floating)):
        return AttrValue(f=float(value))
    if isinstance(value, str):
        return AttrValue(s=value)
    if isinstance(value, dtypes.DType):
        return AttrValue(type=enum_name(value))
    if isinstance(value, TensorShape):
        return AttrValue(shape=shape_proto(value))
    if isinstance(value, np.ndarray):
        return AttrValue(tensor=tensor_proto(value))
    if isinstance(value, (tuple, list)):
        return AttrValue(list=_list_value(value))
    raise TypeError(
        "learntf cannot write the attribute value %r (of type %s) into a GraphDef"
        % (value, type(value).__name__)
    )


def _list_value(items):
    kinds = {_list_kind(item) for item in items}
    if len(kinds) == 1 and None not in kinds:
        kind = kinds.pop()
        convert = {
            "s": str,
            "i": int,
            "f": float,
            "b": bool,
            "type": enum_name,
            "shape": shape_proto,
            "tensor": tensor_proto,
        }[kind]
        return ListValue(**{kind: [convert(item) for item in items]})
    return ListValue(value=[attr_value(item) for item in items])


def _list_kind(item):
    if isinstance(item, (bool, np.bool_)):
        return "b"
    for kind, types in (
        ("i", (int, np.integer)),
        ("f", (float, np.floating)),
        ("s", str),
        ("type", dtypes.DType),
        ("shape", TensorShape),
        ("tensor", np.ndarray),
    ):
        if isinstance(item, types):
            return kind
    return None


def python_value(attr):
    """The Python value an AttrValue message holds (tuples for lists, None when empty)."""
    if attr is None:
        return None
    if attr.list is not None:
        listed = attr.list
        return tuple(
            [python_value(v) for v in listed.value]
            + list(listed.s)
            + list(listed.i)
            + list(listed.f)
            + list(listed.b)
            + [dtype_of_enum(t) for t in listed.type]
            + [tensor_shape(s) for s in listed.shape]
            + [array_of(t) for t in listed.tensor]
        )
    for name in ("s", "i", "f", "b"):
        if getattr(attr, name) is not None:
            return getattr(attr, name)
    if attr.type is not None:
        return dtype_of_enum(attr.type)
    if attr.shape is not None:
        return tensor_shape(attr.shape)
    if attr.tensor is not None:
        return array_of(attr.tensor)
    return None


def shape_proto(shape):
    shape = TensorShape(shape)
    if shape.rank is None:
        return TensorShapeProto(unknown_rank=True)
    return TensorShapeProto(
        dim=[TensorShapeProto.Dim(size=-1 if d is None else d) for d in shape.as_list()]
    )


def tensor_shape(proto):
    if proto is None:
        return TensorShape([])
    if proto.unknown_rank:
        return TensorShape(None)
    return TensorShape([None if d.size < 0 else d.size for d in proto.dim])


_VAL_FIELDS = {
    "float32": "float_val",
    "float64": "double_val",
    "int32": "int_val",
    "int16": "int_val",
    "int8": "int_val",
    "uint8": "int_val",
    "uint16": "int_val",
    "int64": "int64_val",
    "bool": "bool_val",
}


def tensor_proto(array):
    """A TensorProto holding `array`: readable numbers when small, raw bytes otherwise."""
    dtype = dtypes.as_dtype(array.dtype) if array.dtype != object else dtypes.string
    proto = TensorProto(dtype=enum_name(dtype), tensor_shape=shape_proto(array.shape))
    if dtype is dtypes.string:
        proto.string_val = [
            item if isinstance(item, bytes) else str(item).encode("utf-8")
            for item in array.reshape(-1)
        ]
    elif dtype.name in _VAL_FIELDS and array.size <= _READABLE_SIZE:
        setattr(proto, _VAL_FIELDS[dtype.name], array.reshape(-1).tolist())
    else:
        proto.tensor_content = (
            np.ascontiguousarray(array).astype(array.dtype.newbyteorder("<"), copy=False).tobytes()
        )
    return proto


def array_of(proto):
    """The read-only NumPy array a TensorProto holds."""
    dtype = dtype_of_enum(proto.dtype)
    shape = tuple(tensor_shape(proto.tensor_shape).as_list())
    size = int(np.prod(shape))
    if dtype is dtypes.string:
        array = np.empty(len(proto.string_val), dtype=object)
        array[:] = list(proto.string_val)
    elif proto.tensor_content:
        array = np.frombuffer(proto.tensor_content, dtype=dtype.np.newbyteorder("<"))
        array = array.astype(dtype.np, copy=False)
    else:
        array = np.array(getattr(proto, _VAL_FIELDS.get(dtype.name, "double_val")), dtype=dtype.np)
    if array.size != size:
        if array.size > size:
            raise ValueError("A TensorProto of shape %s holds %d values" % (shape, array.size))
        if array.size == 0:
            array = (
                np.zeros(size, dtype=dtype.np)
                if dtype is not dtypes.string
                else np.array([b""] * size + [None], dtype=object)[:-1]
            )
        else:  # TensorFlow's rule: the last value repeats to fill the shape
            array = np.concatenate([array, np.repeat(array[-1:], size - array.size)])
    array = array.reshape(shape)
    array.flags.writeable = False
    return array


# -- Graph -> GraphDef ----------------------------------------------------------------------------
def as_graph_def(graph, add_shapes=False):
    """The GraphDef of `graph`: one NodeDef per operation, in creation order."""
    graph_def = GraphDef(versions=VersionDef(producer=GRAPH_DEF_VERSION))
    for op in graph.get_operations():
        node = NodeDef(name=op.name, op=op.type)
        node.input = [_input_name(t) for t in op.inputs]
        node.input += ["^" + c.name for c in op.control_inputs]
        node.attr = {key: attr_value(value) for key, value in op.attrs.items()}
        if add_shapes:
            node.attr["_output_shapes"] = attr_value(tuple(t.shape for t in op.outputs))
        graph_def.node.append(node)
    return graph_def


def _input_name(tensor):
    return tensor.op.name if tensor.value_index == 0 else tensor.name


def write_graph(graph_or_graph_def, logdir, name, as_text=True):
    """`tf.train.write_graph`: save a graph to `logdir/name` as text (.pbtxt) or binary (.pb)."""
    graph_def = graph_or_graph_def
    if isinstance(graph_def, graph_module.Graph):
        graph_def = graph_def.as_graph_def()
    if not isinstance(graph_def, GraphDef):
        raise TypeError("write_graph needs a tf.Graph or a GraphDef, got %r" % (graph_def,))
    os.makedirs(logdir or ".", exist_ok=True)
    path = os.path.join(logdir, name)
    data = to_text(graph_def).encode("utf-8") if as_text else graph_def.SerializeToString()
    atomic_write(path, data)
    return path


def atomic_write(path, data):
    """Write `data` to `path` so that readers see the old file or the new one, never half of one:
    write a temporary file beside it, flush it to disk, then rename it over `path`."""
    temp = "%s.tmp%d" % (path, os.getpid())
    try:
        with open(temp, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        if os.path.exists(temp):
            os.remove(temp)
        raise


# -- GraphDef -> ops ------------------------------------------------------------------------------
def import_graph_def(
    graph_def, input_map=None, return_elements=None, name=None, op_dict=None, producer_op_list=None
):
    """`tf.import_graph_def`: add the nodes of `graph_def` to the default graph.

    Names get the prefix `name/` ("import/" by default; name="" adds none).  `input_map` maps
    input names of `graph_def` ("a:0") to tensors of this graph; `return_elements` lists names
    whose tensors or operations to return."""
    imported = import_nodes(
        graph_module.get_default_graph(), graph_def, "import" if name is None else name, input_map
    )
    if return_elements is None:
        return None
    graph = graph_module.get_default_graph()
    return [graph.as_graph_element(imported.prefix + element) for element in return_elements]


class ImportResult:
    """What an import made: the name prefix it used and the new operations by original name."""

    def __init__(self, prefix):
        self.prefix = prefix
        self.ops = {}


def import_nodes(graph, graph_def, prefix, input_map=None):
    """Recreate every node of `graph_def` in `graph` under `prefix` (no prefix when "")."""
    if not isinstance(graph_def, GraphDef):
        raise TypeError("import_graph_def needs a GraphDef, got %s" % type(graph_def).__name__)
    producer = graph_def.versions.producer if graph_def.versions is not None else 0
    if producer > GRAPH_DEF_VERSION:
        raise ValueError(
            "This GraphDef uses layout version %d; this learntf reads versions up "
            "to %d. (learntf: it was written by a newer learntf; upgrade learntf.)"
            % (producer, GRAPH_DEF_VERSION)
        )
    input_map = {_canonical(k): v for k, v in (input_map or {}).items()}
    with graph.as_default(), graph.control_dependencies(None):
        if prefix:
            with graph.name_scope(prefix) as scope:
                pass
        else:
            scope = ""
        result = ImportResult(scope)
        for node in _in_dependency_order(graph_def.node):
            result.ops[node.name] = _import_node(graph, node, scope, result.ops, input_map)
    return result


def _canonical(name):
    return name if ":" in name or name.startswith("^") else name + ":0"


def _in_dependency_order(nodes):
    """The nodes ordered so every input comes before its consumer (files may list any order)."""
    by_name = {node.name: node for node in nodes}
    if len(by_name) != len(nodes):
        seen = set()
        for node in nodes:
            if node.name in seen:
                raise ValueError("Duplicate node name in graph: '%s'" % node.name)
            seen.add(node.name)

    def inputs(name):  # (nodes are walked by name: a NodeDef is not hashable)
        found = (source.lstrip("^").split(":")[0] for source in by_name[name].input)
        return [source for source in found if source in by_name]

    def cycle(name):
        raise ValueError("GraphDef has a cycle through node '%s'" % name)

    names = dependency_order([node.name for node in nodes], inputs, on_cycle=cycle)
    return [by_name[name] for name in names]


def _import_node(graph, node, scope, made, input_map):
    from learntf.framework.apply import apply_op
    from learntf.framework.op_registry import OP_DEFS

    op_def = OP_DEFS.get(node.op)
    if op_def is None:
        raise ValueError(
            "Op type not registered '%s' in binary running on host. Make sure the Op and Kernel "
            "are registered in the binary running in this process.\n(learntf: node '%s' needs "
            "an op that learntf does not define; learntf.framework.op_registry.OP_DEFS lists "
            "the ops it has.)" % (node.op, node.name)
        )
    tensors, control_ops = [], []
    for source in node.input:
        if source.startswith("^"):
            control_ops.append(_source_op(made, source[1:], node))
            continue
        key = _canonical(source)
        if key in input_map:
            tensors.append(input_map[key])
            continue
        op_name, _, index = key.rpartition(":")
        tensors.append(_source_op(made, op_name, node).outputs[int(index)])
    attrs = {
        key: python_value(value) for key, value in node.attr.items() if not key.startswith("_")
    }
    full_name = scope + node.name
    with graph.name_scope(""):
        if graph.unique_name(full_name) != full_name:
            raise ValueError(
                "Duplicate node name in graph: '%s'\n(learntf: this graph already has an op of "
                "that name - usually the import ran twice. Import into a fresh graph "
                "(tf.reset_default_graph() first) or give the import a prefix (name= or "
                "import_scope=).)" % full_name
            )
        apply_op(node.op, _structure(op_def, tensors), attrs, full_name + "/")
    op = graph.get_operation_by_name(full_name)
    for control in control_ops:
        op._add_control_input(control)
    return op


def _source_op(made, name, node):
    if name not in made:
        raise ValueError("Node '%s': Unknown input node '%s'" % (node.name, name))
    return made[name]


def _structure(op_def, tensors):
    """Flat NodeDef inputs -> the argument list apply_op expects (one list for a list input)."""
    if op_def.list_input is None:
        return tensors
    fixed = len(op_def.input_names) - 1
    start = op_def.list_input
    count = len(tensors) - fixed
    return tensors[:start] + [tensors[start : start + count]] + tensors[start + count :]
