"""`tf.saved_model.save`: an object, its variables and its tf.functions, in TensorFlow's layout.

    tf.saved_model.save(module, "exported")

writes the directory

    exported/saved_model.pb                         the program: a `SavedModel` protobuf
    exported/variables/variables.index              the variables' values: a checkpoint
    exported/variables/variables.data-00000-of-00001
    exported/assets/                                (files the model needs; none here)

`saved_model.pb` holds one `MetaGraphDef` with

* `object_graph_def`, a `SavedObjectGraph`: every object reachable from the saved one, found
  breadth-first through its tracked attributes (variables, lists, dicts, sub-modules) and its
  tf.functions, each a node that names its children;
* `graph_def.library`: one `FunctionDef` per traced function (function_def.py), whose captured
  variables are arguments bound to variable nodes (`bound_inputs`);
* `signatures`, the functions a server calls by name with keyword arguments (`serving_default`).

The checkpoint's object graph has the same nodes in the same order, so a loader can match each
variable with its saved value.  A function is saved with the traces it has: a function with an
`input_signature` is traced for it; one never called has nothing to save.
"""

import inspect
import itertools
import os

import numpy as np

from learntf.eager.def_function import ConcreteFunction, Function
from learntf.framework import file_io
from learntf.ops.variables import Variable
from learntf.saved_model import function_def, structure_coder
from learntf.serialization import graph_io
from learntf.serialization.tf_protos import protos
from learntf.trackable.base import Trackable, children_of
from learntf.train import checkpoint_format, trackable_object_graph

SCHEMA_VERSION = 1
SERVING_TAG = "serve"
DEFAULT_SIGNATURE_KEY = "serving_default"
_function_ids = itertools.count(1)


def save(obj, export_dir, signatures=None, options=None):
    """Save `obj` (a tf.Module, or any trackable) and everything it tracks under export_dir."""
    if not isinstance(obj, (Trackable, Variable)):  # (learntf's Variable tracks itself)
        raise ValueError(
            "Expected an object of type `Trackable`, such as `tf.Module` or a subclass of the "
            "`Trackable` class, for export. Got %s with type %s.\n(learntf: save a tf.Module "
            "(or a Keras model, a Checkpoint) that holds your variables and tf.functions.)"
            % (obj, type(obj))
        )
    export_dir = os.fspath(export_dir)
    view = _SavedView(obj, _signature_functions(obj, signatures))
    meta_graph = protos().meta_graph_pb2.MetaGraphDef()
    meta_graph.meta_info_def.tags.append(SERVING_TAG)
    meta_graph.meta_info_def.tensorflow_version = "learntf (TensorFlow 2.21 API)"
    meta_graph.graph_def.versions.producer = graph_io.GRAPH_DEF_VERSION
    meta_graph.graph_def.library.function.extend(view.function_defs)
    meta_graph.object_graph_def.CopyFrom(view.object_graph)
    os.makedirs(os.path.join(export_dir, "variables"), exist_ok=True)
    os.makedirs(os.path.join(export_dir, "assets"), exist_ok=True)
    checkpoint_format.write_checkpoint(variables_prefix(export_dir), view.checkpoint_values())
    saved_model = saved_model_bytes(meta_graph)
    file_io.atomic_write(os.path.join(export_dir, "saved_model.pb"), saved_model)


def variables_prefix(export_dir):
    return os.path.join(export_dir, "variables", "variables")


def saved_model_bytes(meta_graph):
    """The `SavedModel` message: the schema version, then the meta graphs (here one)."""
    saved_model = protos().saved_model_pb2.SavedModel(saved_model_schema_version=SCHEMA_VERSION)
    saved_model.meta_graphs.add().CopyFrom(meta_graph)
    return saved_model.SerializeToString(deterministic=True)


class _SignatureMap:
    """The saved object's `signatures` child: {signature name: concrete function}."""

    def __init__(self, functions):
        self.functions = functions


class _SavedView:
    """The objects to save, in node-id order, and what each one becomes."""

    def __init__(self, root, signatures):
        self.nodes, self.children = [root], {}
        self.function_names = {}  # id(concrete function) -> its FunctionDef name
        self.function_defs = []
        node_ids = {id(root): 0}
        position = 0
        while position < len(self.nodes):
            obj = self.nodes[position]
            children = self._children_of(obj, signatures if position == 0 else None)
            self.children[id(obj)] = children
            for child in children.values():
                if id(child) not in node_ids:
                    node_ids[id(child)] = len(self.nodes)
                    self.nodes.append(child)
            position += 1
        self.node_ids = node_ids
        self.object_graph = self._object_graph()

    def _children_of(self, obj, signatures):
        if isinstance(obj, Function):
            return {"trace_%d" % i: c for i, c in enumerate(_traces(obj))}
        if isinstance(obj, _SignatureMap):
            return dict(obj.functions)
        if isinstance(obj, (ConcreteFunction, Variable)):
            return {}
        children = dict(children_of(obj))
        for name in _function_names(obj):  # tf.function methods
            children.setdefault(name, getattr(obj, name))
        if signatures is not None:
            children["signatures"] = _SignatureMap(signatures)
        return children

    def _name_of(self, concrete):
        if id(concrete) not in self.function_names:
            name = "__inference_%s_%d" % (concrete.graph.name, next(_function_ids))
            self.function_names[id(concrete)] = name
            self.function_defs.append(function_def.function_def(concrete, name))
            for called in graph_io.called_functions(concrete.graph):  # (a cond's branches)
                if id(called) not in self.function_names:
                    self.function_names[id(called)] = called.name
                    self.function_defs.append(function_def.function_def(called, called.name))
        return self.function_names[id(concrete)]

    def _object_graph(self):
        graph = protos().saved_object_graph_pb2.SavedObjectGraph()
        for obj in self.nodes:
            node = graph.nodes.add()
            for name, child in self.children[id(obj)].items():
                node.children.add(node_id=self.node_ids[id(child)], local_name=name)
            if isinstance(obj, Variable):
                _describe_variable(node.variable, obj)
            elif isinstance(obj, Function):
                node.function.concrete_functions.extend(self._name_of(c) for c in _traces(obj))
                _describe_spec(node.function.function_spec, obj)
                for name, child in self.children[id(obj)].items():
                    node.dependencies.add(node_id=self.node_ids[id(child)], local_name=name)
            elif isinstance(obj, ConcreteFunction):
                bare = node.bare_concrete_function
                bare.concrete_function_name = self._name_of(obj)
                bare.argument_keywords.extend(obj._arg_names)
                bare.allowed_positional_arguments = len(obj._arg_names)
            else:
                node.user_object.identifier = _identifier(obj)
                node.user_object.version.producer = 1
                node.user_object.version.min_consumer = 1
        for obj in self.nodes:
            if isinstance(obj, ConcreteFunction):
                self._describe_concrete(graph.concrete_functions[self._name_of(obj)], obj)
        return graph

    def _describe_concrete(self, saved, concrete):
        variables = {id(v.handle._value): v for v in self.nodes if isinstance(v, Variable)}
        for captured in concrete.captured_inputs:
            variable = variables.get(id(captured._value))
            if variable is None:
                raise ValueError(
                    "Tried to export a function which references an 'untracked' resource. "
                    "TensorFlow objects (e.g. tf.Variable) captured by functions must be "
                    "'tracked' by assigning them to an attribute of a tracked object or "
                    "assigned to an attribute of the main object directly.\n(learntf: "
                    "function %s uses a tensor or variable the saved object does not hold; "
                    "assign it to an attribute, e.g. self.v = v.)" % concrete.graph.name
                )
            saved.bound_inputs.append(self.node_ids[id(variable)])
        args = tuple(value for _, kind, value in concrete._parameters if kind != "KEYWORD_ONLY")
        kwargs = {n: v for n, kind, v in concrete._parameters if kind == "KEYWORD_ONLY"}
        saved.canonicalized_input_signature.CopyFrom(structure_coder.encode((args, kwargs)))
        saved.output_signature.CopyFrom(structure_coder.encode(_output_specs(concrete)))

    def checkpoint_values(self):
        """[(key, array)]: each variable's value under its path, and the object graph (its
        nodes are this view's, in the same order: the SavedObjectGraph's node ids)."""
        root = self.nodes[0]
        graph, variables = trackable_object_graph.serialize(
            root, self.children[id(root)], lambda obj: self.children[id(obj)]
        )
        values = [(key, np.asarray(variable.numpy())) for key, variable in variables]
        graph_bytes = np.array(graph.SerializeToString(), dtype=object)
        return [*values, (trackable_object_graph.OBJECT_GRAPH_KEY, graph_bytes)]


def _traces(function):
    """The concrete functions a Function has traced (its input_signature's, traced now)."""
    if function.input_signature is not None:
        function.get_concrete_function()
    return list(function._concrete.values())


def _output_specs(concrete):
    from learntf import nest
    from learntf.eager.func_graph import TensorSpec

    return nest.map_structure(
        lambda t: TensorSpec(t.shape, t.dtype) if hasattr(t, "dtype") else t,
        concrete.structured_outputs,
    )


def _describe_variable(saved, variable):
    saved.dtype = graph_io.data_type(variable.dtype.base_dtype)
    saved.shape.CopyFrom(structure_coder.encode(variable.shape).tensor_shape_value)
    saved.trainable = variable.trainable
    saved.name = variable.name.partition(":")[0]


def _describe_spec(spec, function):
    signature = inspect.signature(function.python_function)
    args = [
        name
        for name, p in signature.parameters.items()
        if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
    ]
    defaults = (
        tuple(p.default for p in signature.parameters.values() if p.default is not p.empty) or None
    )
    full = inspect.FullArgSpec(  # (TF writes Python's FullArgSpec named tuple)
        args=args,
        varargs=next(
            (n for n, p in signature.parameters.items() if p.kind == p.VAR_POSITIONAL), None
        ),
        varkw=next((n for n, p in signature.parameters.items() if p.kind == p.VAR_KEYWORD), None),
        defaults=defaults,
        kwonlyargs=[n for n, p in signature.parameters.items() if p.kind == p.KEYWORD_ONLY],
        kwonlydefaults=None,
        annotations={},
    )
    spec.fullargspec.CopyFrom(structure_coder.encode(full))
    spec.input_signature.CopyFrom(
        structure_coder.encode(
            tuple(function.input_signature) if function.input_signature is not None else None
        )
    )


def _identifier(obj):
    """TensorFlow's identifier of a saved object's kind (how a loader revives it)."""
    from learntf.trackable import data_structures

    kinds = (
        (data_structures.ListWrapper, "trackable_list_wrapper"),
        (data_structures._DictWrapper, "trackable_dict_wrapper"),
        (data_structures._TupleWrapper, "trackable_tuple_wrapper"),
        (_SignatureMap, "signature_map"),
    )
    return next((name for cls, name in kinds if isinstance(obj, cls)), "_generic_user_object")


def _signature_functions(obj, signatures):
    """{signature name: ConcreteFunction} from `signatures=` (a tf.function with an
    input_signature, a concrete function, or a dict of them).  Without it, as TF: the object's
    one tf.function method with an input_signature (and results) becomes `serving_default`;
    with none or several, the map is empty (the root always has its `signatures` child)."""
    if signatures is None:
        found = [_signature_of(getattr(obj, name)) for name in _function_names(obj)]
        found = [c for c in found if c is not None and c.outputs]
        return {DEFAULT_SIGNATURE_KEY: _signature_wrapper(found[0])} if len(found) == 1 else {}
    if not isinstance(signatures, dict):
        signatures = {DEFAULT_SIGNATURE_KEY: signatures}
    wrapped = {}
    for name, function in signatures.items():
        concrete = _signature_of(function)
        if concrete is None:
            raise ValueError(
                "Expected a TensorFlow function for which to generate a signature, but got "
                "%r. Only `tf.functions` with an input signature or concrete functions can be "
                "used as a signature.\n(learntf: give the tf.function an input_signature=[...], "
                "or pass f.get_concrete_function(tf.TensorSpec(...)).)" % (function,)
            )
        wrapped[name] = _signature_wrapper(concrete)
    return wrapped


def _signature_of(function):
    """The concrete function a signature would call (None for a tf.function traced per call)."""
    if isinstance(function, Function) and function.input_signature is not None:
        return function.get_concrete_function()
    return function if isinstance(function, ConcreteFunction) else None


def _function_names(obj):
    """The names of an object's tf.function methods, sorted (as TF finds them with dir())."""
    return [
        name
        for name in sorted(dir(type(obj)))
        if isinstance(inspect.getattr_static(type(obj), name, None), Function)
    ]


def _signature_wrapper(concrete):
    """The signature's function: keyword arguments named as the input specs, results in a dict
    ("output_0", "output_1"... unless the function returns a dict), as TF's signature wrapper.
    (TF's wrapper calls the function; learntf traces the same Python function again.)"""
    from learntf import nest
    from learntf.eager.def_function import function as tf_function

    specs = concrete._arg_specs
    names = [spec.name or name for spec, name in zip(specs, concrete._arg_names)]

    convert = Function.converter  # (the traced function's Python control flow converted)
    python_function = concrete.python_function
    python_function = convert(python_function, True) if convert else python_function

    def signature_wrapper(**kwargs):
        outputs = python_function(*(kwargs[n] for n in names))
        if isinstance(outputs, dict):
            return outputs
        return {"output_%d" % i: t for i, t in enumerate(nest.flatten(outputs))}

    # (keyword arguments in sorted order, as TF flattens them: the FunctionDef's inputs)
    parameters = [inspect.Parameter(n, inspect.Parameter.KEYWORD_ONLY) for n in sorted(names)]
    signature_wrapper.__signature__ = inspect.Signature(parameters)
    return tf_function(signature_wrapper).get_concrete_function(
        **{n: type(spec)(spec.shape, spec.dtype, n) for n, spec in zip(names, specs)}
    )
