"""TensorFlow's protocol buffers, imported only when one is first needed.

TensorFlow describes its files with protobuf messages: a graph is a `GraphDef` (`.pb`,
`.pbtxt`), a `.meta` file a `MetaGraphDef`, an event file holds `Event` records (carrying a
`Summary` or a `GraphDef`), a checkpoint's object graph is a `TrackableObjectGraph`, a
SavedModel is `MetaGraphDef`s with a `SavedObjectGraph`.  The compiled message classes come from
the `tensorboard` package (`tensorboard.compat.proto`, the same .proto files TensorFlow
compiles), run by the `protobuf` library, which reads and writes both of a message's forms:
binary (`SerializeToString`, `ParseFromString`) and text (`text_format`).  They are loaded on
first use, so `import learntf` stays light.

Two messages learntf needs ship in no package: TensorFlow's `CheckpointState` (the `checkpoint`
file) and `SavedModel` (`saved_model.pb`).  They are declared here with protobuf's own
descriptors, with the field numbers of TensorFlow's checkpoint_state.proto and saved_model.proto,
so both forms are TensorFlow's.  Lesson 09 opens a graph in both forms; lesson 10 an event file.
"""

import importlib
import re
import types

_INSTALL_HINT = (
    "TensorBoard summaries need the optional `tensorboard` package, which is not "
    "installed.\n(learntf: run `pip install tensorboard`, or install learntf with "
    "its summaries extra: `pip install 'learntf[summaries]'`. Until then, print "
    "the values you want to follow, e.g. print(step, sess.run(mse)).)"
)

_NAMES = [
    "summary_pb2",
    "event_pb2",
    "graph_pb2",
    "node_def_pb2",
    "attr_value_pb2",
    "tensor_pb2",
    "tensor_shape_pb2",
    "types_pb2",
    "trackable_object_graph_pb2",
    "saved_object_graph_pb2",
    "meta_graph_pb2",
    "saver_pb2",
    "function_pb2",
    "struct_pb2",
    "op_def_pb2",
    "versions_pb2",
    "variable_pb2",
    "config_pb2",
]

_modules = None


def protos():
    """The proto modules: `.graph_pb2`, `.meta_graph_pb2`, `.summary_pb2`, `.event_pb2`, ...,
    and `.checkpoint_state_pb2` / `.saved_model_pb2` (declared below).

    Raises ImportError naming `pip install tensorboard` when the package is missing."""
    global _modules
    if _modules is None:
        try:
            loaded = {
                name: importlib.import_module("tensorboard.compat.proto." + name) for name in _NAMES
            }
        except ImportError as exc:
            raise ImportError(_INSTALL_HINT, name="tensorboard") from exc
        loaded.update(_declared_messages())
        _modules = types.SimpleNamespace(**loaded)
    return _modules


def lazy_messages(module_name, table):
    """A module-level `__getattr__` serving message classes by TensorFlow's names, loaded on
    first use: table = {"SaverDef": ("saver_pb2", "SaverDef"), "MetaInfoDef":
    ("meta_graph_pb2", "MetaGraphDef.MetaInfoDef"), ...}."""

    def __getattr__(name):
        if name not in table:
            raise AttributeError("module %r has no attribute %r" % (module_name, name))
        proto_module, path = table[name]
        found = getattr(protos(), proto_module)
        for part in path.split("."):
            found = getattr(found, part)
        return found

    return __getattr__


def require_tensorboard():
    """Fail early, at graph-building time, with the install hint (not in the middle of a run)."""
    protos()


# -- messages no package ships ---------------------------------------------------------------
# (message name, its module's name, [(field number, name, label, type, message type)]), as in
# tensorflow/python/training/checkpoint_state.proto and tensorflow/core/protobuf/saved_model.proto.
_DECLARED = [
    (
        "CheckpointState",
        "checkpoint_state_pb2",
        [
            (1, "model_checkpoint_path", "OPTIONAL", "STRING", None),
            (2, "all_model_checkpoint_paths", "REPEATED", "STRING", None),
            (3, "all_model_checkpoint_timestamps", "REPEATED", "DOUBLE", None),
            (4, "last_preserved_timestamp", "OPTIONAL", "DOUBLE", None),
        ],
    ),
    (
        "SavedModel",
        "saved_model_pb2",
        [
            (1, "saved_model_schema_version", "OPTIONAL", "INT64", None),
            (2, "meta_graphs", "REPEATED", "MESSAGE", ".tensorboard.MetaGraphDef"),
        ],
    ),
]


def _declared_messages():
    """{module name: a module-like namespace holding the message class}, built from a
    FileDescriptorProto in protobuf's default pool (package `learntf`, so it never clashes with
    TensorFlow's own classes when TensorFlow is loaded in the same process)."""
    from google.protobuf import descriptor_pb2, descriptor_pool, message_factory

    pool = descriptor_pool.Default()
    file_name = "learntf/serialization/tf_protos.proto"
    try:
        pool.FindFileByName(file_name)
    except KeyError:
        file_proto = descriptor_pb2.FileDescriptorProto(
            name=file_name,
            package="learntf",
            syntax="proto3",
            dependency=["tensorboard/compat/proto/meta_graph.proto"],
        )
        field_type = descriptor_pb2.FieldDescriptorProto
        for message_name, _, fields in _DECLARED:
            message = file_proto.message_type.add(name=message_name)
            for number, name, label, kind, type_name in fields:
                field = message.field.add(
                    name=name,
                    number=number,
                    label=field_type.Label.Value("LABEL_" + label),
                    type=field_type.Type.Value("TYPE_" + kind),
                )
                if type_name:
                    field.type_name = type_name
        pool.Add(file_proto)
    return {
        module_name: types.SimpleNamespace(
            **{
                message_name: message_factory.GetMessageClass(
                    pool.FindMessageTypeByName("learntf." + message_name)
                )
            }
        )
        for message_name, module_name, _ in _DECLARED
    }


# -- the text form, guarded ------------------------------------------------------------------
MAX_TEXT_DEPTH = 100  # the nesting protobuf's binary reader allows; deeper text is refused
_NESTING = re.compile(r""""(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|\#[^\n]*|[{<]|[}>]""")


def parse_text(text, message):
    """Fill `message` from its text form (`text_format.Parse`) and return it.

    Raises `text_format.ParseError`, also for text nested deeper than MAX_TEXT_DEPTH (protobuf's
    text parser is recursive Python: crafted nesting would otherwise end in RecursionError)."""
    from google.protobuf import text_format

    depth = 0
    for match in _NESTING.finditer(text):
        token = match.group()
        if token in ("{", "<"):
            depth += 1
            if depth > MAX_TEXT_DEPTH:
                line = text.count("\n", 0, match.start()) + 1
                column = match.start() - text.rfind("\n", 0, match.start())
                raise text_format.ParseError(
                    "Message is nested deeper than %d levels" % MAX_TEXT_DEPTH, line, column
                )
        elif token in ("}", ">"):
            depth -= 1
    try:
        return text_format.Parse(text, message)
    except RecursionError:  # (the depth check above should make this unreachable)
        raise text_format.ParseError("Message is nested too deeply") from None
