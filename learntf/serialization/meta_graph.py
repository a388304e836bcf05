"""Meta graphs: a graph plus what a program needs to carry on with it (the `.meta` file).

`saver.save()` writes `PREFIX.meta`, a `MetaGraphDef` protocol buffer in binary form
(TensorFlow's message, through learntf/serialization/tf_protos.py), holding:

    meta_info_def    which program wrote it (learntf and its version)
    graph_def        every op (serialization/graph_io.py), the optimizer's and the saver's too
    saver_def        the names of the saver's ops: the filename tensor to feed, the op that
                     saves, the op that restores (`save/Const:0`, `save/control_dependency:0`,
                     `save/restore_all`)
    collection_def   the graph's collections, by name: tensors and ops as `node_list` names,
                     strings, ints, floats; the variable collections (`variables`,
                     `trainable_variables`...) as serialized `VariableDef` messages in
                     `bytes_list` (the names of each variable's handle, initializer, read and
                     initial-value ops), as TF keeps them

`tf.train.import_meta_graph(path)` recreates the ops, refills the collections (rebuilding a
`tf.Variable` object for each variable, so `tf.trainable_variables()` and optimizers work) and
returns a Saver built from `saver_def`; restoring a checkpoint then gives the variables their
values.  No Python code is stored, so the program's Python objects (an optimizer object, your
own functions) do not come back: find what you need by name or through a collection.
Seed 003 (lesson 09) reloads a trained model this way and fine-tunes a new layer on top.
"""

import os
import warnings

from learntf.framework import graph as graph_module
from learntf.framework.file_io import atomic_write
from learntf.framework.graph import Operation, Tensor
from learntf.ops.ref_variable import RefVariable
from learntf.ops.variables import Variable
from learntf.serialization.graph_io import as_graph_def, import_nodes, message_bytes
from learntf.serialization.tf_protos import lazy_messages, parse_text, protos
from learntf.version import __learntf_version__

META_GRAPH_VERSION = "learntf-1"

# The collections TF stores as serialized `VariableDef`s (in `bytes_list`), and rebuilds as
# tf.Variable objects on import: the keys TF registers a proto function for.  A variable in any
# other collection is stored by name (`node_list`) and comes back as its tensor, as in TF.
VARIABLE_COLLECTIONS = (
    "variables",
    "trainable_variables",
    "moving_average_variables",
    "local_variables",
    "model_variables",
    "global_step",
    "metric_variables",
)

# The message classes, by their TensorFlow names, looked up on first use (see graph_io).
_MESSAGES = {
    "MetaGraphDef": ("meta_graph_pb2", "MetaGraphDef"),
    "MetaInfoDef": ("meta_graph_pb2", "MetaGraphDef.MetaInfoDef"),
    "CollectionDef": ("meta_graph_pb2", "CollectionDef"),
    "SaverDef": ("saver_pb2", "SaverDef"),
    "VariableDef": ("variable_pb2", "VariableDef"),
}


__getattr__ = lazy_messages(__name__, _MESSAGES)


# -- export ---------------------------------------------------------------------------------------
def export_meta_graph(
    filename=None,
    meta_info_def=None,
    graph_def=None,
    saver_def=None,
    collection_list=None,
    as_text=False,
    graph=None,
    export_scope=None,
    clear_devices=False,
    clear_extraneous_savers=False,
    strip_default_attrs=False,
    save_debug_info=False,
    **kwargs,
):
    """`tf.train.export_meta_graph`: a graph's MetaGraphDef (also written to `filename`)."""
    if export_scope:
        raise NotImplementedError(
            "learntf exports whole graphs only (export_scope=%r); build the "
            "part you want to export in a graph of its own." % export_scope
        )
    graph = graph or graph_module.get_default_graph()
    pb = protos()
    meta = pb.meta_graph_pb2.MetaGraphDef()
    if meta_info_def is not None:
        meta.meta_info_def.CopyFrom(meta_info_def)
    else:
        meta.meta_info_def.meta_graph_version = META_GRAPH_VERSION
        meta.meta_info_def.tensorflow_version = "learntf " + __learntf_version__
    meta.graph_def.CopyFrom(graph_def or as_graph_def(graph))
    if saver_def is not None:
        meta.saver_def.CopyFrom(saver_def)
    keys = graph.get_all_collection_keys() if collection_list is None else collection_list
    for key in keys:
        collection = _collection_def(graph, key)
        if collection is not None:
            meta.collection_def[key].CopyFrom(collection)
    if filename:
        os.makedirs(os.path.dirname(filename) or ".", exist_ok=True)
        atomic_write(filename, message_bytes(meta, as_text))
    return meta


def _collection_def(graph, key):
    """The CollectionDef of one collection, as TF writes it, or None (with a warning when its
    items have no CollectionDef form)."""
    items = graph.get_collection(key)
    if not items:
        return None
    collection = protos().meta_graph_pb2.CollectionDef()
    if key in VARIABLE_COLLECTIONS and all(isinstance(item, Variable) for item in items):
        collection.bytes_list.value.extend(
            _variable_def(v).SerializeToString(deterministic=True) for v in items
        )
    elif all(isinstance(item, (Tensor, Operation, Variable)) for item in items):
        collection.node_list.value.extend(item.name for item in items)
    elif all(isinstance(item, (str, bytes)) for item in items):
        collection.bytes_list.value.extend(
            i.encode("utf-8") if isinstance(i, str) else i for i in items
        )
    elif all(isinstance(item, int) and not isinstance(item, bool) for item in items):
        collection.int64_list.value.extend(items)
    elif all(isinstance(item, float) for item in items):
        collection.float_list.value.extend(items)
    else:
        warnings.warn(
            "Issue encountered when serializing %s.\nType is unsupported, or the types of "
            "the items don't match field type in CollectionDef. (learntf: a meta graph "
            "keeps collections of tensors, ops, variables, strings and numbers; this one "
            "holds %s, so it is left out.)" % (key, type(items[0]).__name__),
            stacklevel=3,
        )
        return None
    return collection


def _variable_def(variable):
    """A variable by its ops' names: for a TF1 reference variable `w:0`, `w/Assign` and the
    snapshot `w/read:0`, as TF writes them; for a resource variable its handle and read."""
    is_reference = variable.dtype._is_ref_dtype
    snapshot = variable.value() if is_reference else variable._as_graph_element()
    return protos().variable_pb2.VariableDef(
        variable_name=variable.name,
        initializer_name=variable.initializer.name,
        snapshot_name=snapshot.name,
        is_resource=not is_reference,
        initial_value_name=variable.initial_value.name,
        trainable=variable.trainable,
    )


# -- import ---------------------------------------------------------------------------------------
def read_meta_graph_file(filename):
    """The MetaGraphDef in a .meta file (binary, or text as written with as_text=True)."""
    if not os.path.isfile(filename):
        raise IOError("File %s does not exist." % filename)
    with open(filename, "rb") as handle:
        data = handle.read()
    from google.protobuf import message, text_format

    meta = protos().meta_graph_pb2.MetaGraphDef()
    try:
        meta.ParseFromString(data)
        return meta
    except message.DecodeError:
        pass
    try:
        return parse_text(data.decode("utf-8"), protos().meta_graph_pb2.MetaGraphDef())
    except (UnicodeDecodeError, text_format.ParseError) as exc:
        raise IOError(
            "Cannot parse file %s: %s.\n(learntf: it is neither a binary nor a text "
            "MetaGraphDef; pass the .meta file that saver.save() wrote.)" % (filename, exc)
        ) from None


def import_scoped_meta_graph(
    meta_graph_or_file, clear_devices=False, graph=None, import_scope=None, input_map=None
):
    """Add a meta graph's ops and collections to `graph`; return {name: Variable} it rebuilt."""
    meta = meta_graph_or_file
    if not isinstance(meta, protos().meta_graph_pb2.MetaGraphDef):
        meta = read_meta_graph_file(meta_graph_or_file)
    graph = graph or graph_module.get_default_graph()
    if clear_devices:  # (a graph saved on a GPU machine, loaded on this one)
        meta = type(meta).FromString(meta.SerializeToString())
        for node in meta.graph_def.node:
            node.device = ""
    imported = import_nodes(graph, meta.graph_def, import_scope or "", input_map)
    scope = imported.prefix
    variables = {}
    for key in sorted(meta.collection_def):
        for item in _collection_items(graph, key, meta.collection_def[key], scope, variables):
            graph.add_to_collection(key, item)
    return variables


def _collection_items(graph, key, collection, scope, variables):
    kind = collection.WhichOneof("kind")
    if kind == "node_list":
        return [graph.as_graph_element(scope + name) for name in collection.node_list.value]
    if kind == "bytes_list" and key in VARIABLE_COLLECTIONS:
        return [
            _variable(graph, _parsed_variable_def(data, key), scope, variables)
            for data in collection.bytes_list.value
        ]
    if kind == "bytes_list":
        return [_text_or_bytes(b) for b in collection.bytes_list.value]
    if kind in ("int64_list", "float_list"):
        return list(getattr(collection, kind).value)
    return []


def _parsed_variable_def(data, key):
    from google.protobuf import message

    try:
        return protos().variable_pb2.VariableDef.FromString(data)
    except message.DecodeError:
        raise ValueError(
            "Collection %r of the meta graph holds an item that is not a VariableDef.\n"
            "(learntf: the .meta file is damaged; export it again with "
            "tf.train.export_meta_graph or saver.save().)" % key
        ) from None


def _text_or_bytes(data):
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data


def _resource_variable(handle, initializer_op, read_tensor, initial_value, trainable):
    """A tf.Variable object for a resource variable whose ops are already in the graph: what
    Variable.__init__ sets in graph mode; the ops are not touched."""
    variable = Variable.__new__(Variable)
    variable._trainable = bool(trainable)
    variable._eager = False
    variable._handle = handle
    variable._dtype = handle.op.get_attr("dtype")
    variable._shape = handle.op.get_attr("shape")
    variable._initializer_op = initializer_op
    variable._graph_element = read_tensor
    variable._initial_value = initial_value
    is_initialized = [op for op in handle.consumers() if op.type == "VarIsInitializedOp"]
    variable._is_initialized_op = is_initialized[0].outputs[0] if is_initialized else None
    return variable


def _variable(graph, variable_def, scope, variables):
    """The tf.Variable for a VariableDef: one object per variable, shared by its collections
    (a TF1 reference variable when the VariableDef says it is not a resource variable)."""
    name = scope + variable_def.variable_name
    if name not in variables:

        def element(op_or_tensor_name):
            return graph.as_graph_element(scope + op_or_tensor_name) if op_or_tensor_name else None

        from_ops = _resource_variable if variable_def.is_resource else RefVariable._from_ops
        variables[name] = from_ops(
            element(variable_def.variable_name),
            element(variable_def.initializer_name),
            element(variable_def.snapshot_name),
            element(variable_def.initial_value_name),
            variable_def.trainable,
        )
    return variables[name]
