"""`tf.saved_model.load`: rebuild a saved object, its variables and its functions.

    loaded = tf.saved_model.load("exported")
    loaded(x)                                       # its __call__, if it had one
    loaded.signatures["serving_default"](x=x)       # {"output_0": ...}

Loading needs no Python class of the original: like TensorFlow, it revives each node of the
`SavedObjectGraph` (save.py) as a generic object, a variable or a function:

1. variables are made with their saved dtype and shape;
2. each saved `FunctionDef` is rebuilt as a traced graph (function_def.py) whose captured
   arguments are bound to those variables;
3. tf.functions become callables that pick the trace matching their arguments;
4. children are attached by name (`loaded.w`, `loaded.layers[0]`);
5. the variables' values are read from variables/variables, walking the checkpoint's object
   graph beside the saved one by child names.
"""

import glob
import os

import numpy as np

from learntf import dtypes, errors, nest
from learntf.eager.def_function import ConcreteFunction
from learntf.eager.func_graph import FuncGraph, TensorSpec
from learntf.framework import context
from learntf.framework.constant_op import convert_to_tensor
from learntf.ops.variables import Variable
from learntf.saved_model import function_def, save, structure_coder
from learntf.serialization import graph_io
from learntf.serialization.tf_protos import protos
from learntf.trackable.autotrackable import AutoTrackable
from learntf.train import checkpoint_format, trackable_object_graph


class _UserObject(AutoTrackable):
    """A revived object: its attributes are the saved object's children."""

    def __call__(self, *args, **kwargs):
        """Its saved `__call__` (Python looks special methods up on the class, so TensorFlow's
        loader routes them to the attribute too)."""
        call = self.__dict__.get("__call__")
        if call is None:
            raise TypeError("'%s' object is not callable" % type(self).__name__)
        return call(*args, **kwargs)


class _SignatureMap(dict):
    """`loaded.signatures`: {name: concrete function taking keyword arguments}."""


class _TupleItems(list):
    """A saved tuple's items while they are gathered; attached as a tuple."""


def load(export_dir, tags=None, options=None):
    """The object saved by tf.saved_model.save in `export_dir`."""
    if not context.executing_eagerly():
        raise RuntimeError(
            "learntf loads a SavedModel in eager mode only.\n(learntf: call "
            "tf.saved_model.load outside a tf.Graph / tf.compat.v1 session.)"
        )
    export_dir = os.fspath(export_dir)
    meta_graph = _read_meta_graph(export_dir, tags)
    saved = meta_graph.object_graph_def
    _check_node_ids(saved, export_dir)
    _check_variables(saved, export_dir)
    fdefs = {f.signature.name: f for f in meta_graph.graph_def.library.function}
    objects = [_revive(node) for node in saved.nodes]
    concretes = _Library(fdefs, saved, objects)
    for node_id, node in enumerate(saved.nodes):
        kind = node.WhichOneof("kind")
        if kind == "function":
            traces = [concretes[n] for n in node.function.concrete_functions]
            objects[node_id] = _RestoredFunction(traces)
        elif kind == "bare_concrete_function":
            objects[node_id] = concretes[node.bare_concrete_function.concrete_function_name]
    # children before their parents (a list is filled before it is assigned to an attribute)
    for node_id, node in reversed(list(enumerate(saved.nodes))):
        parent = objects[node_id]
        for child in node.children:
            _attach(parent, child.local_name, objects[child.node_id])
    _restore_variables(save.variables_prefix(export_dir), saved, objects)
    return objects[0]


# -- reading saved_model.pb ----------------------------------------------------------------------
def _read_meta_graph(export_dir, tags):
    path = os.path.join(export_dir, "saved_model.pb")
    if not os.path.isfile(path):
        raise OSError(
            "SavedModel file does not exist at: %s/{saved_model.pbtxt|saved_model.pb}\n"
            "(learntf: give the directory tf.saved_model.save wrote.)" % export_dir
        )
    with open(path, "rb") as f:
        data = f.read()
    saved_model = protos().saved_model_pb2.SavedModel()
    from google.protobuf import message

    try:
        saved_model.ParseFromString(data)
    except message.DecodeError as exc:
        words = str(exc).replace("'learntf.", "'tensorflow.")  # (TF's message, declared here)
        raise OSError(
            "Cannot parse file %s: %s.\n(learntf: the file is damaged or is not a SavedModel; "
            "save the model again.)" % (os.fsencode(path), words)
        ) from None
    wanted = set([tags] if isinstance(tags, str) else tags or [save.SERVING_TAG])
    for meta_graph in saved_model.meta_graphs:
        if set(meta_graph.meta_info_def.tags) == wanted:
            return meta_graph
    available = [list(mg.meta_info_def.tags) for mg in saved_model.meta_graphs]
    raise RuntimeError(
        "MetaGraphDef associated with tags %r could not be found in SavedModel, with "
        "available tags '%s'.\n(learntf: tf.saved_model.save writes the tag 'serve'.)"
        % (sorted(wanted), available)
    )


def _check_node_ids(saved, export_dir):
    """Every node id the object graph mentions must name one of its nodes."""
    count = len(saved.nodes)
    mentioned = [c.node_id for node in saved.nodes for c in node.children]
    mentioned += [i for f in saved.concrete_functions.values() for i in f.bound_inputs]
    if count == 0 or any(not 0 <= i < count for i in mentioned):
        raise errors.DataLossError(
            None,
            None,
            "The SavedModel in %s is damaged: its object graph refers to a node it does not "
            "have.\n(learntf: save the model again.)" % export_dir,
        )


def _check_variables(saved, export_dir):
    """Every saved variable's dtype and shape, checked before its zeros are made: a damaged
    file must not ask for more memory than its checkpoint's data files hold."""
    data_bytes = sum(
        os.path.getsize(path)
        for path in glob.glob(glob.escape(save.variables_prefix(export_dir)) + ".data-*")
    )
    for node in saved.nodes:
        if node.WhichOneof("kind") != "variable":
            continue
        variable = node.variable
        dtype = _variable_dtype(variable.dtype)
        dims = [d.size for d in variable.shape.dim]
        problem = None
        if dtype is None:
            problem = "has dtype number %d, which no variable holds" % variable.dtype
        elif variable.shape.unknown_rank or -1 in dims:
            raise errors.UnimplementedError(
                None,
                None,
                "Variable '%s' of the SavedModel in %s has an unknown shape %s\n(learntf: "
                "revives variables of known shape only.)" % (variable.name, export_dir, dims),
            )
        elif min(dims, default=0) < 0:
            problem = "has the shape %s" % dims
        elif int(np.prod(dims, dtype=object)) * dtype.np.itemsize > max(data_bytes, 1):
            problem = "has the shape %s, more than its checkpoint's %d bytes hold" % (
                dims,
                data_bytes,
            )
        if problem:
            raise errors.DataLossError(
                None,
                None,
                "The SavedModel in %s is damaged: variable '%s' %s.\n(learntf: save the model "
                "again.)" % (export_dir, variable.name, problem),
            )


def _variable_dtype(number):
    """The learntf dtype of a saved variable's DataType number, or None for one no variable
    holds (DT_INVALID, DT_RESOURCE, a number TensorFlow does not define)."""
    try:
        dtype = graph_io.dtype_of_enum(number)
    except (ValueError, TypeError):
        return None
    return dtype if dtype in checkpoint_format._READABLE else None


# -- reviving objects ----------------------------------------------------------------------------
def _revive(node):
    kind = node.WhichOneof("kind")
    if kind == "variable":
        saved = node.variable
        dtype = graph_io.dtype_of_enum(saved.dtype)
        shape = structure_coder.decode(_shape_value(saved.shape))
        initial = np.zeros(shape.as_list(), dtype=dtype.np)
        if dtype is dtypes.string:  # (the checkpoint's values replace these)
            initial = np.full(shape.as_list(), b"", dtype=object)
        return Variable(initial, trainable=saved.trainable, name=saved.name or None, dtype=dtype)
    if kind == "user_object" and node.user_object.identifier == "signature_map":
        return _SignatureMap()
    if kind == "user_object" and node.user_object.identifier == "trackable_list_wrapper":
        return []
    if kind == "user_object" and node.user_object.identifier == "trackable_dict_wrapper":
        return {}
    if kind == "user_object" and node.user_object.identifier == "trackable_tuple_wrapper":
        return _TupleItems()
    return _UserObject()  # (functions are made once their traces are)


def _shape_value(shape_proto):
    value = protos().struct_pb2.StructuredValue()
    value.tensor_shape_value.CopyFrom(shape_proto)
    return value


def _attach(parent, name, child):
    if isinstance(child, _TupleItems):
        child = tuple(child)
    if isinstance(parent, list):
        parent.append(child)  # (a list's children are "0", "1", ... in order)
    elif isinstance(parent, dict):
        parent[name] = child
    elif isinstance(parent, (_RestoredFunction, ConcreteFunction)):
        pass  # a function's traces are already its own
    else:
        setattr(parent, name, child)


class _Library:
    """The saved functions by name, each rebuilt on first use (a function that calls another,
    as a signature calls the traced method, needs the called one first)."""

    def __init__(self, fdefs, saved, objects):
        self.fdefs, self.saved, self.objects = fdefs, saved, objects
        self.built = {}

    def __contains__(self, name):
        return name in self.fdefs

    def __getitem__(self, name):
        if name not in self.built:
            if name not in self.fdefs:
                raise ValueError(
                    "Function %s is not defined.\n(learntf: the SavedModel's library does not "
                    "hold it; the file is incomplete.)" % name
                )
            self.built[name] = self._build(name)
        return self.built[name]

    def _build(self, name):
        """A ConcreteFunction from its FunctionDef; a saved trace's captured arguments are
        bound to their variables (a function only called by others takes all as arguments)."""
        fdef = self.fdefs[name]
        graph = FuncGraph(name)
        saved = self.saved.concrete_functions.get(name)
        bound = [self.objects[i] for i in saved.bound_inputs] if saved is not None else []
        arguments, results = function_def.func_graph(fdef, graph, [v.shape for v in bound], self)
        tensor_count = len(arguments) - len(bound)
        graph.inputs = arguments[:tensor_count]
        for variable, placeholder in zip(bound, arguments[tensor_count:]):
            graph.captures.append((variable.handle, placeholder))
        if saved is None:  # flat arguments in, flat results out
            specs = [TensorSpec(a.shape, a.dtype, a.op.name) for a in graph.inputs]
            concrete = ConcreteFunction(graph, [s.name for s in specs], specs, results, [])
            concrete.input_structure = (tuple(specs), {})
        else:
            args, kwargs = structure_coder.decode(saved.canonicalized_input_signature)
            specs = [s for s in nest.flatten((args, kwargs)) if isinstance(s, TensorSpec)]
            names = [s.name or a.name for s, a in zip(specs, fdef.signature.input_arg)]
            results = iter(results)
            outputs = nest.map_structure(
                lambda s: next(results) if isinstance(s, TensorSpec) else s,
                structure_coder.decode(saved.output_signature),
            )
            parameters = [(n, "POSITIONAL_OR_KEYWORD", s) for n, s in zip(names, specs)]
            concrete = ConcreteFunction(graph, names, specs, outputs, parameters)
            concrete.input_structure = (args, kwargs)
        concrete._name = name
        return concrete


class _RestoredFunction:
    """A loaded tf.function: calls the saved trace whose input signature fits the arguments."""

    def __init__(self, traces):
        self.concrete_functions = traces

    def __call__(self, *args, **kwargs):
        for concrete in self.concrete_functions:
            tensors = _matching_tensors(concrete, args, kwargs)
            if tensors is not None:
                return concrete._call_flat(tensors)
        options = "\n".join(
            "  Option %d:\n    Positional arguments (%d total):\n      * %s\n    Keyword "
            "arguments: %s"
            % (
                i + 1,
                len(c.input_structure[0]),
                "\n      * ".join(repr(a) for a in c.input_structure[0]),
                c.input_structure[1],
            )
            for i, c in enumerate(self.concrete_functions)
        )
        raise ValueError(
            "Could not find matching concrete function to call loaded from the SavedModel. "
            "Got:\n  Positional arguments (%d total):\n    * %s\n  Keyword arguments: %s\n\n "
            "Expected these arguments to match one of the following %d option(s):\n\n%s\n"
            "(learntf: a loaded function runs only the traces that were saved; call it with "
            "tensors of those dtypes and shapes, or trace it for them before saving.)"
            % (
                len(args),
                "\n    * ".join(repr(a) for a in args),
                kwargs,
                len(self.concrete_functions),
                options,
            )
        )

    def get_concrete_function(self, *args, **kwargs):
        if not args and not kwargs and len(self.concrete_functions) == 1:
            return self.concrete_functions[0]
        for concrete in self.concrete_functions:
            if _matching_tensors(concrete, args, kwargs) is not None:
                return concrete
        raise ValueError("No saved trace of this function matches %r, %r." % (args, kwargs))


def _matching_tensors(concrete, args, kwargs):
    """The call's tensors if they fit this trace's input signature, else None."""
    expected_args, expected_kwargs = concrete.input_structure
    if len(args) != len(expected_args) or set(kwargs) != set(expected_kwargs):
        return None
    tensors = []
    for value, expected in zip(
        [*args, *(kwargs[k] for k in sorted(kwargs))],
        [*expected_args, *(expected_kwargs[k] for k in sorted(expected_kwargs))],
    ):
        if isinstance(expected, TensorSpec):
            try:
                tensor = convert_to_tensor(value, dtype=expected.dtype)
            except (TypeError, ValueError, errors.InvalidArgumentError):
                return None
            if not expected.shape.is_compatible_with(tensor.shape):
                return None
            tensors.append(tensor)
        elif value != expected:
            return None
    return tensors


# -- variable values -----------------------------------------------------------------------------
def _checked_value(variable, value):
    """A checkpoint value that fits the variable the SavedModel describes (they disagree only
    when one of the files is damaged)."""
    value_dtype = dtypes.string if value.dtype == object else dtypes.as_dtype(value.dtype)
    if value_dtype != variable.dtype.base_dtype or tuple(value.shape) != tuple(
        variable.shape.as_list()
    ):
        raise errors.DataLossError(
            None,
            None,
            "The SavedModel is damaged: variable '%s' is %s %s, its checkpoint holds %s %s.\n"
            "(learntf: save the model again.)"
            % (
                variable.name,
                variable.dtype.base_dtype.name,
                variable.shape,
                value_dtype.name,
                list(value.shape),
            ),
        )
    return value


def _restore_variables(prefix, saved, objects):
    """Walk the checkpoint's object graph and the saved one together from their roots, by
    child names, and assign each variable the value its checkpoint node names."""
    variables = [o for o in objects if isinstance(o, Variable)]
    if not variables:
        return
    reader = checkpoint_format.CheckpointReader(prefix)
    graph = trackable_object_graph.read(reader)
    pairs, queue, seen = {0: 0}, [0], {0}
    while queue:
        saved_id = queue.pop(0)
        checkpoint_node = graph.nodes[pairs[saved_id]]
        by_name = {c.local_name: c.node_id for c in checkpoint_node.children}
        for child in saved.nodes[saved_id].children:
            if child.local_name in by_name and child.node_id not in seen:
                seen.add(child.node_id)
                pairs[child.node_id] = by_name[child.local_name]
                queue.append(child.node_id)
    for saved_id, checkpoint_id in pairs.items():
        obj = objects[saved_id]
        if isinstance(obj, Variable):
            for attribute in graph.nodes[checkpoint_id].attributes:
                if attribute.name == trackable_object_graph.VARIABLE_VALUE:
                    obj.assign(_checked_value(obj, reader.get_tensor(attribute.checkpoint_key)))
