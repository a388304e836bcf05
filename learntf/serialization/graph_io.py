"""Graphs as data: `Graph.as_graph_def()`, `tf.import_graph_def` and `tf.train.write_graph`.

A `GraphDef` is a graph written down as a protocol buffer, TensorFlow's own message (loaded
through learntf/serialization/tf_protos.py): one `NodeDef` per operation, holding its name, its
op type, its inputs by name (`"x"` for output 0, `"x:1"` for output 1, `"^x"` for a control
input) and its attributes.  Attributes are typed values (an `AttrValue` sets one of these
fields):

    i: 3            an int               f: 0.5          a float (32 bits, as in TF)
    b: true         a bool               s: "SAME"       a string
    type: DT_FLOAT  a dtype              shape { dim { size: -1 } dim { size: 3 } }
    tensor { ... }  a NumPy array (a TensorProto: dtype, shape, and the values)
    list { i: 1 i: 2 }          a tuple of ints (or of floats, strings, dtypes, shapes...)
    (nothing set)               None

A TensorProto keeps up to 16 numbers readable (`float_val: 3.0`); larger arrays go in
`tensor_content` as raw little-endian bytes.  `versions { producer: 1 }` is the version of this
layout.  Importing rebuilds each node through the op registry (`apply_op`), with the same name
(under a prefix, `import/` by default), attributes and control inputs; shapes are inferred again.
Each attr is first checked against the type TF's OpDef gives it (learntf/saved_model/op_args.json,
recorded from TF): a damaged file is refused in TF's words, naming the node, never half-read.

Seed 003 (lesson 09) writes one graph as text (`.pbtxt`, for people) and as binary (`.pb`,
smaller), then imports it into a new graph.
"""

import inspect
import os
import re

import numpy as np

from learntf import dtypes, errors
from learntf.framework import graph as graph_module
from learntf.framework.file_io import atomic_write
from learntf.framework.graph_extras import written_attrs
from learntf.framework.graph_walk import dependency_order
from learntf.framework.tensor_shape import TensorShape
from learntf.serialization.tf_protos import lazy_messages, protos

GRAPH_DEF_VERSION = 1  # the layout described above; bump it when the layout changes
# The dtypes TensorFlow writes as raw bytes (`tensor_content`) when a tensor has more than one
# element (tensor_util.make_tensor_proto); other tensors list their values (`float_val: 2.0`).
_CONTENT_DTYPES = frozenset(
    [
        "float16",
        "float32",
        "float64",
        "int32",
        "uint8",
        "int16",
        "int8",
        "int64",
        "uint32",
        "uint64",
    ]
)
# TF lets a TensorProto list fewer values than its shape holds (the last one repeats); a crafted
# shape could then ask for any amount of memory.  Fills above this size are refused.
_LARGEST_FILLED = 1 << 30

# The message classes, by the names TensorFlow's Python gives them (`tf.compat.v1.GraphDef`):
# looked up on first use (module __getattr__), so importing this module loads no protobuf.
_MESSAGES = {
    "GraphDef": ("graph_pb2", "GraphDef"),
    "NodeDef": ("node_def_pb2", "NodeDef"),
    "AttrValue": ("attr_value_pb2", "AttrValue"),
    "VersionDef": ("versions_pb2", "VersionDef"),
    "TensorProto": ("tensor_pb2", "TensorProto"),
    "TensorShapeProto": ("tensor_shape_pb2", "TensorShapeProto"),
}


__getattr__ = lazy_messages(__name__, _MESSAGES)


def enum_name(dtype):
    """tf.float32 -> "DT_FLOAT" (TensorFlow's enum name for the dtype)."""
    return "DT_" + dtype.proto_name.upper()


def data_type(dtype):
    """tf.float32 -> the number of DT_FLOAT in TensorFlow's DataType enum."""
    return protos().types_pb2.DataType.Value(enum_name(dtype))


def dtype_of_enum(number):
    """The number of DT_FLOAT -> tf.float32 (ValueError for a number learntf does not know)."""
    return dtypes.as_dtype(protos().types_pb2.DataType.Name(number)[3:].lower())


# -- Python attribute values <-> AttrValue ----------------------------------------------------
def attr_value(value):
    """The AttrValue message for one Python attribute value (TypeError when it has no form:
    an AttrValue's list holds items of one kind, not None and not other lists)."""
    attr = protos().attr_value_pb2.AttrValue()
    if value is None:
        return attr
    kind = _kind(value)
    if kind == "list":
        kinds = {_kind(item) for item in value}
        if len(kinds) > 1 or kinds & {None, "list"}:
            raise TypeError(
                "learntf cannot write the attribute value %r into a GraphDef: an AttrValue's "
                "list holds values of one kind (ints, floats, strings, bools, dtypes, shapes or "
                "arrays), not None or other lists" % (value,)
            )
        attr.list.SetInParent()  # set, even when empty: () reads back as ()
        for item in value:
            _set(attr.list, _kind(item), item, repeated=True)
        return attr
    if kind is None:
        raise TypeError(
            "learntf cannot write the attribute value %r (of type %s) into a GraphDef"
            % (value, type(value).__name__)
        )
    _set(attr, kind, value, repeated=False)
    return attr


def _kind(value):
    """The AttrValue field a Python value goes in, "list" for a tuple, None for no field."""
    if isinstance(value, (bool, np.bool_)):
        return "b"
    if hasattr(value, "run_values"):  # a traced function (a call op's `f`): written by name
        return "func"
    for kind, types in (
        ("i", (int, np.integer)),
        ("f", (float, np.floating)),
        ("s", str),
        ("type", dtypes.DType),
        ("shape", TensorShape),
        ("tensor", np.ndarray),
        ("list", (tuple, list)),
    ):
        if isinstance(value, types):
            return kind
    return None


def _set(message, kind, value, repeated):
    """Store one value in field `kind` of an AttrValue (or, repeated, of its ListValue)."""
    if kind == "func":
        (message.func.add() if repeated else message.func).name = value.name
        return
    if kind in ("shape", "tensor"):
        made = shape_proto(value) if kind == "shape" else tensor_proto(value)
        if repeated:
            getattr(message, kind).add().CopyFrom(made)
        else:
            getattr(message, kind).CopyFrom(made)
        return
    converted = {
        "s": lambda text: text.encode("utf-8"),
        "i": int,
        "f": float,
        "b": bool,
        "type": data_type,
    }[kind](value)
    if repeated:
        getattr(message, kind).append(converted)
    else:
        setattr(message, kind, converted)


def python_value(attr):
    """The Python value an AttrValue message holds (tuples for lists, None when empty; a
    function attribute, which learntf's ops never have, also reads as None)."""
    if attr is None:
        return None
    field = attr.WhichOneof("value")
    if field == "list":
        listed = attr.list
        return tuple(
            [_text(s) for s in listed.s]
            + list(listed.i)
            + list(listed.f)
            + list(listed.b)
            + [dtype_of_enum(t) for t in listed.type]
            + [tensor_shape(s) for s in listed.shape]
            + [array_of(t) for t in listed.tensor]
        )
    if field == "s":
        return _text(attr.s)
    if field in ("i", "f", "b"):
        return getattr(attr, field)
    if field == "type":
        return dtype_of_enum(attr.type)
    if field == "shape":
        return tensor_shape(attr.shape)
    if field == "tensor":
        return array_of(attr.tensor)
    return None


def _text(data):
    """A string attribute as learntf's ops hold it: text, or bytes when not UTF-8."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data


def shape_proto(shape):
    """A TensorShapeProto: size -1 for an unknown dimension, unknown_rank for no rank."""
    shape = TensorShape(shape)
    proto = protos().tensor_shape_pb2.TensorShapeProto()
    if shape.rank is None:
        proto.unknown_rank = True
    else:
        for size in shape.as_list():
            proto.dim.add(size=-1 if size is None else size)
    return proto


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


def tensor_proto(array, packed=False):
    """A TensorProto holding `array` as TensorFlow's Python writes it (make_tensor_proto): raw
    bytes for a numeric tensor of more than one element, its values listed otherwise.  With
    `packed`, numbers are always raw bytes, as TF's kernels write them (AsProtoTensorContent:
    a summary's tensor)."""
    dtype = dtypes.as_dtype(array.dtype) if array.dtype != object else dtypes.string
    proto = protos().tensor_pb2.TensorProto(dtype=data_type(dtype))
    proto.tensor_shape.CopyFrom(shape_proto(array.shape))
    if dtype is dtypes.string:
        proto.string_val.extend(
            item if isinstance(item, bytes) else str(item).encode("utf-8")
            for item in array.reshape(-1)
        )
    elif dtype.name in _VAL_FIELDS and not (
        packed or (dtype.name in _CONTENT_DTYPES and array.size > 1)
    ):
        getattr(proto, _VAL_FIELDS[dtype.name]).extend(array.reshape(-1).tolist())
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
    elif dtype is dtypes.float16:  # TF keeps a half's 16 bits in an int field, `half_val`
        array = np.array(list(proto.half_val), dtype=np.uint16).view(np.float16)
    else:
        values = getattr(proto, _VAL_FIELDS.get(dtype.name, "double_val"))
        array = np.array(list(values), dtype=dtype.np)
    if array.size != size:
        if array.size > size:
            raise ValueError("A TensorProto of shape %s holds %d values" % (shape, array.size))
        if size * array.dtype.itemsize > _LARGEST_FILLED:
            raise ValueError(
                "A TensorProto of shape %s holds %d values; learntf does not fill in more than "
                "%d bytes" % (shape, array.size, _LARGEST_FILLED)
            )
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
def as_graph_def(graph, add_shapes=False, skip_unwritable=False, library=True):
    """The GraphDef of `graph`: one NodeDef per operation, in creation order, and (`library`)
    a FunctionDef per function its ops call (a tf.cond's branches).  For a drawing
    (TensorBoard's Graphs tab), `skip_unwritable` leaves out attributes that have no AttrValue
    form (a Python object) instead of raising TypeError."""
    graph_def = protos().graph_pb2.GraphDef()
    graph_def.versions.producer = GRAPH_DEF_VERSION
    for op in graph.get_operations():
        node = graph_def.node.add(name=op.name, op=op.type, device=op.device)
        node.input.extend(_input_name(t) for t in op.inputs)
        node.input.extend("^" + c.name for c in op.control_inputs)
        for key, value in written_attrs(op).items():
            try:
                node.attr[key].CopyFrom(attr_value(value))
            except TypeError:
                if not skip_unwritable:
                    raise
                del node.attr[key]
        if add_shapes:
            node.attr["_output_shapes"].CopyFrom(attr_value(tuple(t.shape for t in op.outputs)))
    if library:
        from learntf.saved_model.function_def import function_def

        for function in sorted(called_functions(graph), key=lambda f: f.name):
            graph_def.library.function.append(function_def(function, function.name))
    return graph_def


def called_functions(graph):
    """The traced functions that ops of `graph` call (a cond's branches, a loop's body, a call
    op's `f`), and those these call in turn: each once, in the order first met."""
    found, pending = {}, [graph]
    while pending:
        for op in pending.pop(0).get_operations():
            for value in op.attrs.values():
                for item in value if isinstance(value, (list, tuple)) else [value]:
                    if hasattr(item, "run_values") and id(item) not in found:
                        found[id(item)] = item
                        pending.append(item.graph)
    return list(found.values())


def _input_name(tensor):
    return tensor.op.name if tensor.value_index == 0 else tensor.name


def write_graph(graph_or_graph_def, logdir, name, as_text=True):
    """`tf.train.write_graph`: save a graph to `logdir/name` as text (.pbtxt) or binary (.pb)."""
    graph_def = graph_or_graph_def
    if isinstance(graph_def, graph_module.Graph):
        graph_def = graph_def.as_graph_def()
    if not isinstance(graph_def, protos().graph_pb2.GraphDef):
        raise TypeError("write_graph needs a tf.Graph or a GraphDef, got %r" % (graph_def,))
    os.makedirs(logdir or ".", exist_ok=True)
    path = os.path.join(logdir, name)
    atomic_write(path, message_bytes(graph_def, as_text))
    return path


def message_bytes(message, as_text):
    """A message's file contents, as TF writes them: its text form (`text_format`), or its
    binary form with map entries in key order (the same bytes on every run)."""
    if as_text:
        from google.protobuf import text_format

        return text_format.MessageToString(message).encode("utf-8")
    return message.SerializeToString(deterministic=True)


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


def import_nodes(graph, graph_def, prefix, input_map=None, functions=None):
    """Recreate every node of `graph_def` in `graph` under `prefix` (no prefix when "").
    `functions` maps the names of functions that nodes call (a call op's `f`) to learntf's
    concrete functions (a SavedModel's library, saved_model/load.py)."""
    if not isinstance(graph_def, protos().graph_pb2.GraphDef):
        raise TypeError("import_graph_def needs a GraphDef, got %s" % type(graph_def).__name__)
    producer = graph_def.versions.producer
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
            result.ops[node.name] = _import_node(
                graph, node, scope, result.ops, input_map, functions or {}
            )
    return result


_NODE_NAME = re.compile(r"[A-Za-z0-9.][A-Za-z0-9_.\\/>-]*\Z")  # (TF's node names)


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


def _import_node(graph, node, scope, made, input_map, functions):
    from learntf.framework.apply import apply_op
    from learntf.framework.op_registry import get_op_def

    try:
        op_def = get_op_def(node.op)  # (loading the part of learntf that defines it)
    except KeyError:
        op_def = None
    if not _NODE_NAME.match(node.name):
        raise ValueError("Node '%s': Node name contains invalid characters" % node.name)
    if op_def is None:
        raise errors.NotFoundError(
            None,
            None,
            "Op type not registered '%s' in binary running on host. Make sure the Op and Kernel "
            "are registered in the binary running in this process.\n(learntf: node '%s' needs "
            "an op that learntf does not define; learntf.framework.op_registry.OP_DEFS lists "
            "the ops it has.)" % (node.op, node.name),
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
        if not index.isdigit():  # ("c:-1" names no output)
            raise ValueError("Node '%s': Unknown input node '%s'" % (node.name, source))
        outputs = _source_op(made, op_name, node).outputs
        if int(index) >= len(outputs):
            raise ValueError(
                "Node '%s': Connecting to invalid output %s of source node %s which has %d "
                "outputs." % (node.name, index, op_name, len(outputs))
            )
        tensors.append(outputs[int(index)])
    attrs = {key: _attr_of(node, key) for key in _taken_attrs(node, op_def, tensors)}
    _check_type_attr(node, op_def, tensors, attrs)
    _check_const_value(node, attrs)
    for key in node.attr:
        if node.attr[key].WhichOneof("value") == "func":
            name = node.attr[key].func.name
            if name not in functions:
                raise ValueError(
                    "Function %s is not defined.\n(learntf: node '%s' calls a function the "
                    "file's library does not hold.)" % (name, node.name)
                )
            attrs[key] = functions[name]
    full_name = scope + node.name
    with graph.name_scope(""):
        if graph.unique_name(full_name) != full_name:
            raise ValueError(
                "Duplicate node name in graph: '%s'\n(learntf: this graph already has an op of "
                "that name - usually the import ran twice. Import into a fresh graph "
                "(tf.reset_default_graph() first) or give the import a prefix (name= or "
                "import_scope=).)" % full_name
            )
        try:
            apply_op(node.op, _structure(op_def, tensors), attrs, full_name + "/")
        except TypeError as exc:  # (inputs of dtypes the op does not take: TF's importer words
            # every invalid node as a ValueError naming it)
            words = str(exc)
            if "{{node " not in words:
                words, marker, hint = words.partition("\n(learntf:")
                words += "; NodeDef: {{node %s}}%s%s" % (node.name, marker, hint)
            raise ValueError(words) from None
    op = graph.get_operation_by_name(full_name)
    if "_gradient_op_type" in node.attr:  # (gradient_override_map's name, as TF keeps it)
        op._gradient_op_type = node.attr["_gradient_op_type"].s.decode()
    if node.device:  # the device the GraphDef recorded (tf.device when it was built)
        op._device = node.device
        from learntf.framework.device import check_placement

        check_placement()  # (a session checks the devices exist, as TF's does)
    for control in control_ops:
        op._add_control_input(control)
    return op


# An AttrValue's field -> the attr type TF's OpDef names ("bool", "list(int)"...).
_ATTR_TYPES = {
    "s": "string",
    "i": "int",
    "f": "float",
    "b": "bool",
    "type": "type",
    "shape": "shape",
    "tensor": "tensor",
    "func": "func",
}


def _taken_attrs(node, op_def, tensors):
    """The names of the node's attrs learntf's op takes, after checking each attr TF's OpDef
    declares against its type (op_args.json, recorded from TF).  TF's attrs learntf does not
    need (MatMul's `grad_a`) and attrs TF's op does not have are dropped: TF's importer keeps
    them unused.  Attrs starting with `_` are TF's bookkeeping (`_output_shapes`)."""
    from learntf.saved_model.function_def import op_args

    declared = op_args().get(node.op, {}).get("attr", {})
    for key in node.attr:
        if key in declared:
            _check_attr_type(node, key, declared[key])
    if op_def.list_input is None and len(tensors) != len(op_def.input_names):
        raise ValueError(
            "NodeDef expected inputs '%s' do not match %d inputs specified; Op<name=%s>; "
            "NodeDef: {{node %s}}\n(learntf: a %s takes %d inputs (%s); the GraphDef is "
            "damaged or was edited by hand.)"
            % (
                _expected_inputs(node, op_def),
                len(tensors),
                node.op,
                node.name,
                node.op,
                len(op_def.input_names),
                ", ".join(op_def.input_names),
            )
        )
    named = [key for key in node.attr if not key.startswith("_")]
    try:
        parameters = _attr_parameters(op_def.infer, len(_structure(op_def, tensors)))
    except (TypeError, ValueError):  # (a builtin without a signature: it takes what it is given)
        return named
    for parameter in parameters:
        if parameter.default is parameter.empty and parameter.kind in _NAMED:
            if parameter.name not in node.attr:
                raise ValueError(
                    "NodeDef missing attr '%s' from Op<name=%s>; NodeDef: {{node %s}}\n"
                    "(learntf: the GraphDef is damaged or was written for another version of "
                    "the op.)" % (parameter.name, node.op, node.name)
                )
    if any(p.kind is p.VAR_KEYWORD for p in parameters):
        return named  # (the op takes any attr: MatMul's `grad_a`)
    return [key for key in named if key in {p.name for p in parameters if p.kind in _NAMED}]


_NAMED = (inspect.Parameter.POSITIONAL_OR_KEYWORD, inspect.Parameter.KEYWORD_ONLY)


def _attr_parameters(infer, input_count):
    """The parameters of an op's shape inference that take attrs: those after the inputs."""
    found = []
    for parameter in inspect.signature(infer).parameters.values():
        if parameter.kind is parameter.VAR_POSITIONAL:  # (takes every input)
            input_count = 0
        elif parameter.kind in _NAMED[1:] + (parameter.VAR_KEYWORD,) or input_count == 0:
            found.append(parameter)
        else:
            input_count -= 1
    return found


def _expected_inputs(node, op_def):
    """TF's words for an op's inputs: each input's dtype when the node's type attr gives it
    ("float, float" for a MatMul whose T is DT_FLOAT), else the attr's or the input's name."""
    from learntf.saved_model.function_def import op_args

    spec = op_args().get(node.op, {}).get("in") or [[n, "", ""] for n in op_def.input_names]
    words = []
    for name, type_attr, _ in spec:
        attr = node.attr[type_attr] if type_attr and type_attr in node.attr else None
        if attr is not None and attr.WhichOneof("value") == "type":
            try:
                name = protos().types_pb2.DataType.Name(attr.type)[3:].lower()
            except ValueError:  # (an unknown dtype number)
                name = type_attr
        words.append(name)
    return ", ".join(words)


def _check_attr_type(node, key, expected):
    """TF's ValueError when an attr holds a value of another type than its op declares (a
    bool attr given the string "no")."""
    attr = node.attr[key]
    field = attr.WhichOneof("value")
    if field == "list":
        kinds = [k for k in _ATTR_TYPES if len(getattr(attr.list, k))]
        if not kinds:  # an empty list fits any list type
            return
        given = "list(%s)" % _ATTR_TYPES[kinds[0]]
        if len(kinds) > 1 or given != expected:
            _wrong_attr_type(node, key, given, expected)
    elif field in _ATTR_TYPES:
        given = _ATTR_TYPES[field]
        if given != expected:
            _wrong_attr_type(node, key, given, expected)
    elif field is None:
        raise ValueError(
            "AttrValue missing value with expected type '%s'\n\t for attr '%s'\n\t; NodeDef: "
            "{{node %s}}; Op<name=%s>\n(learntf: the GraphDef is damaged or was edited by hand; "
            "give attr '%s' a value.)" % (expected, key, node.name, node.op, key)
        )


def _wrong_attr_type(node, key, given, expected):
    raise ValueError(
        "AttrValue had value with type '%s' when '%s' expected\n\t for attr '%s'\n\t; "
        "NodeDef: {{node %s}}; Op<name=%s>\n(learntf: the GraphDef is damaged or was edited by "
        "hand; attr '%s' of a %s must hold a %s.)"
        % (given, expected, key, node.name, node.op, key, node.op, expected)
    )


def _check_type_attr(node, op_def, tensors, attrs):
    """TF writes an op's type attr (`T`), which learntf works out from the inputs: check that it
    agrees with them (TF's words if not), then leave it to learntf."""
    declared = attrs.get(op_def.type_attr) if op_def.type_attr else None
    if declared is None or op_def.list_input is not None or op_def.type_input >= len(tensors):
        return
    if not _takes_attr(op_def.kernel, op_def.type_attr):
        attrs.pop(op_def.type_attr)  # (ops such as Assign take it as an attr of their own)
    given = tensors[op_def.type_input]
    if isinstance(declared, dtypes.DType) and given.dtype.base_dtype != declared:
        raise ValueError(
            "Input %d of node %s was passed %s from %s incompatible with expected %s."
            % (
                op_def.type_input,
                node.name,
                given.dtype.base_dtype.proto_name,
                given.name,
                declared.proto_name,
            )
        )


def _takes_attr(kernel, name):
    try:
        parameters = inspect.signature(kernel).parameters
    except (TypeError, ValueError):  # (a builtin without a signature)
        return False
    return name in parameters or any(p.kind is p.VAR_KEYWORD for p in parameters.values())


def _check_const_value(node, attrs):
    """A Const whose value is not of its dtype (TF's kernel refuses it when it runs)."""
    value, dtype = attrs.get("value"), attrs.get("dtype")
    if node.op == "Const" and isinstance(dtype, dtypes.DType) and hasattr(value, "dtype"):
        if dtypes.as_dtype(value.dtype) != dtype:
            raise ValueError(
                "Node: '%s'\nType mismatch between value (%s) and dtype (%s)\n(learntf: the "
                "GraphDef is damaged; learntf refuses it when importing, TensorFlow when the "
                "node runs.)"
                % (node.name, dtypes.as_dtype(value.dtype).proto_name, dtype.proto_name)
            )


def _attr_of(node, key):
    """The Python value of one attribute of a node being imported; a value the GraphDef holds
    damaged (an unknown dtype number, array bytes that do not fit the shape) is TF's ValueError,
    naming the node."""
    try:
        return python_value(node.attr[key])
    except (ValueError, TypeError) as exc:
        raise ValueError(
            "NodeDef '%s': attribute '%s' is not valid: %s\n(learntf: the GraphDef is damaged "
            "or was written by a program learntf cannot read; write it again with "
            "tf.train.write_graph or saver.save().)" % (node.name, key, exc)
        ) from None


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
