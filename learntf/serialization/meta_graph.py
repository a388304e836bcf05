"""Meta graphs: a graph plus what a program needs to carry on with it (the `.meta` file).

`saver.save()` writes `PREFIX.meta`, a `MetaGraphDef` protocol buffer in binary form (see
learntf/serialization/proto.py), holding:

    meta_info_def    which program wrote it (learntf and its version)
    graph_def        every op (serialization/graph_io.py), the optimizer's and the saver's too
    saver_def        the names of the saver's ops: the filename tensor to feed, the op that
                     saves, the op that restores (`save/Const:0`, `save/control_dependency:0`,
                     `save/restore_all`)
    collection_def   the graph's collections, by name: tensors and ops as `node_list` names,
                     variables as `variable_list` entries (the names of each variable's handle,
                     initializer, read and initial-value ops; TF keeps these as serialized
                     `VariableDef` bytes, learntf as readable messages), strings, ints, floats

`tf.train.import_meta_graph(path)` recreates the ops, refills the collections (rebuilding a
`tf.Variable` object for each variable, so `tf.trainable_variables()` and optimizers work) and
returns a Saver built from `saver_def`; restoring a checkpoint then gives the variables their
values.  No Python code is stored, so the program's Python objects (an optimizer object, your
own functions) do not come back: find what you need by name or through a collection.
Seed 003 (lesson 06) reloads a trained model this way and fine-tunes a new layer on top.
"""

import os
import warnings

from learntf.framework import graph as graph_module
from learntf.framework.graph import Operation, Tensor
from learntf.ops.ref_variable import RefVariable
from learntf.ops.variables import Variable
from learntf.serialization.graph_io import GraphDef, as_graph_def, atomic_write, import_nodes
from learntf.serialization.proto import (
    BOOL,
    BYTES,
    DOUBLE,
    FLOAT,
    INT,
    STRING,
    DecodeError,
    Enum,
    Field,
    MapOf,
    Message,
    ParseError,
    parse_text,
    to_text,
)
from learntf.version import __version__

META_GRAPH_VERSION = "learntf-1"


class MetaInfoDef(Message):
    FIELDS = (
        Field(1, "meta_graph_version", STRING),
        Field(4, "tags", STRING, repeated=True),
        Field(5, "tensorflow_version", STRING),
        Field(6, "tensorflow_git_version", STRING),
    )


class SaverDef(Message):
    """How to run a Saver: which tensor to feed the path to, which ops save and restore."""

    FIELDS = (
        Field(1, "filename_tensor_name", STRING),
        Field(2, "save_tensor_name", STRING),
        Field(3, "restore_op_name", STRING),
        Field(4, "max_to_keep", INT),
        Field(5, "sharded", BOOL),
        Field(6, "keep_checkpoint_every_n_hours", FLOAT),
        Field(7, "version", Enum("CheckpointFormatVersion", [("LEGACY", 0), ("V1", 1), ("V2", 2)])),
    )


class VariableDef(Message):
    """A variable, by the names of its ops (enough to rebuild the tf.Variable object)."""

    FIELDS = (
        Field(1, "variable_name", STRING),
        Field(2, "initializer_name", STRING),
        Field(3, "snapshot_name", STRING),
        Field(5, "is_resource", BOOL),
        Field(6, "initial_value_name", STRING),
        Field(7, "trainable", BOOL),
    )


def _list_of(kind):
    return type("List", (Message,), {"FIELDS": (Field(1, "value", kind, repeated=True),)})


class CollectionDef(Message):
    """One collection: exactly one of its lists is used."""

    NodeList, BytesList, Int64List = _list_of(STRING), _list_of(BYTES), _list_of(INT)
    FloatList, VariableList = _list_of(DOUBLE), _list_of(VariableDef)
    FIELDS = (
        Field(1, "node_list", NodeList),
        Field(2, "bytes_list", BytesList),
        Field(3, "int64_list", Int64List),
        Field(4, "float_list", FloatList),
        Field(6, "variable_list", VariableList),
    )


class MetaGraphDef(Message):
    FIELDS = (
        Field(1, "meta_info_def", MetaInfoDef),
        Field(2, "graph_def", GraphDef),
        Field(3, "saver_def", SaverDef),
        Field(4, "collection_def", MapOf(CollectionDef)),
    )


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
    meta = MetaGraphDef(
        meta_info_def=meta_info_def
        or MetaInfoDef(
            meta_graph_version=META_GRAPH_VERSION, tensorflow_version="learntf " + __version__
        ),
        graph_def=graph_def or as_graph_def(graph),
        saver_def=saver_def,
    )
    keys = graph.get_all_collection_keys() if collection_list is None else collection_list
    for key in keys:
        collection = _collection_def(graph, key)
        if collection is not None:
            meta.collection_def[key] = collection
    if filename:
        os.makedirs(os.path.dirname(filename) or ".", exist_ok=True)
        atomic_write(
            filename, to_text(meta).encode("utf-8") if as_text else meta.SerializeToString()
        )
    return meta


def _collection_def(graph, key):
    items = graph.get_collection(key)
    if not items:
        return None
    if all(isinstance(item, Variable) for item in items):
        return CollectionDef(
            variable_list=CollectionDef.VariableList(value=[_variable_def(v) for v in items])
        )
    if all(isinstance(item, (Tensor, Operation)) for item in items):
        return CollectionDef(node_list=CollectionDef.NodeList(value=[i.name for i in items]))
    if all(isinstance(item, (str, bytes)) for item in items):
        return CollectionDef(
            bytes_list=CollectionDef.BytesList(
                value=[i.encode("utf-8") if isinstance(i, str) else i for i in items]
            )
        )
    if all(isinstance(item, int) and not isinstance(item, bool) for item in items):
        return CollectionDef(int64_list=CollectionDef.Int64List(value=list(items)))
    if all(isinstance(item, float) for item in items):
        return CollectionDef(float_list=CollectionDef.FloatList(value=list(items)))
    warnings.warn(
        "Issue encountered when serializing %s.\nType is unsupported, or the types of "
        "the items don't match field type in CollectionDef. (learntf: a meta graph "
        "keeps collections of tensors, ops, variables, strings and numbers; this one "
        "holds %s, so it is left out.)" % (key, type(items[0]).__name__),
        stacklevel=3,
    )
    return None


def _variable_def(variable):
    """A variable by its ops' names: for a TF1 reference variable `w:0`, `w/Assign` and the
    snapshot `w/read:0`, as TF writes them; for a resource variable its handle and read."""
    is_reference = variable.dtype._is_ref_dtype
    snapshot = variable.value() if is_reference else variable._as_graph_element()
    return VariableDef(
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
    try:
        return MetaGraphDef.FromString(data)
    except DecodeError:
        pass
    try:
        return parse_text(data.decode("utf-8"), MetaGraphDef())
    except (UnicodeDecodeError, ParseError) as exc:
        raise IOError(
            "Cannot parse file %s: %s.\n(learntf: it is neither a binary nor a text "
            "MetaGraphDef; pass the .meta file that saver.save() wrote.)" % (filename, exc)
        ) from None


def import_scoped_meta_graph(
    meta_graph_or_file, clear_devices=False, graph=None, import_scope=None, input_map=None
):
    """Add a meta graph's ops and collections to `graph`; return {name: Variable} it rebuilt."""
    meta = meta_graph_or_file
    if not isinstance(meta, MetaGraphDef):
        meta = read_meta_graph_file(meta_graph_or_file)
    graph = graph or graph_module.get_default_graph()
    imported = import_nodes(graph, meta.graph_def or GraphDef(), import_scope or "", input_map)
    scope = imported.prefix
    variables = {}
    for key in sorted(meta.collection_def):
        for item in _collection_items(graph, meta.collection_def[key], scope, variables):
            graph.add_to_collection(key, item)
    return variables


def _collection_items(graph, collection, scope, variables):
    if collection.node_list is not None:
        return [graph.as_graph_element(scope + name) for name in collection.node_list.value]
    if collection.variable_list is not None:
        return [_variable(graph, d, scope, variables) for d in collection.variable_list.value]
    if collection.bytes_list is not None:
        return [_text_or_bytes(b) for b in collection.bytes_list.value]
    if collection.int64_list is not None:
        return list(collection.int64_list.value)
    if collection.float_list is not None:
        return list(collection.float_list.value)
    return []


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
