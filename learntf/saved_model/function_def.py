"""A traced function as a `FunctionDef`, and back (how a SavedModel stores tf.functions).

A `FunctionDef` is a function's graph written down: a signature (its arguments and results,
each named and typed), the body's nodes, and which node output each result is.  It differs from
a GraphDef in two ways that TensorFlow needs and learntf follows:

* arguments are not nodes: the tensor argument `x` and every captured variable handle become
  `input_arg`s, named after their placeholder in lower case with `_` for other characters
  (`MatMul/ReadVariableOp/resource` -> `matmul_readvariableop_resource`, as TF's
  graph_to_functiondef.cc normalises them);
* a node's input names an output *argument* of the op that makes it: `MatMul:product:0` rather
  than `MatMul:0`, `Split:output:1` for the second tensor of Split's list output.  TensorFlow's
  argument names for every op learntf has are in op_args.json (recorded from TensorFlow by
  scripts/record_tf_op_args.py).

The nodes also carry their type attrs (MatMul's `T`), which learntf's operations derive from
their tensors' dtypes: TensorFlow needs them written out.
"""

import functools
import inspect
import json
import pathlib
import re

from learntf import dtypes
from learntf.serialization import graph_io
from learntf.serialization.tf_protos import protos


@functools.lru_cache(maxsize=None)
def op_args():
    """{op type: {"in": [[name, type attr, length attr], ...], "out": [...]}} (TensorFlow's)."""
    path = pathlib.Path(__file__).with_name("op_args.json")
    return json.loads(path.read_text(encoding="utf-8"))


def normalize(name):
    """TensorFlow's argument name for a node name: lower case, `_` for anything not a letter
    or digit, starting at the first letter ("unknown" when there is none)."""
    name = re.sub(r"[^a-z0-9]", "_", name.lower())
    first_letter = re.search(r"[a-z]", name)
    return name[first_letter.start() :] if first_letter else "unknown"


class _Names:
    """Names used in one FunctionDef; a repeated one gets `_0`, `_1`... (TF's UniquifyHelper)."""

    def __init__(self):
        self.count = {}

    def unique(self, name):
        if name not in self.count:
            self.count[name] = 0
            return name
        while True:
            candidate = "%s_%d" % (name, self.count[name])
            self.count[name] += 1
            if candidate not in self.count:
                self.count[candidate] = 0
                return candidate


# -- FuncGraph -> FunctionDef ------------------------------------------------------------------
def function_def(concrete_function, name):
    """The FunctionDef named `name` of a ConcreteFunction: its arguments are the traced tensor
    arguments, then the captured tensors (variable handles), in the order calls feed them."""
    graph = concrete_function.graph
    arguments = list(concrete_function.inputs)
    argument_ops = {t.op for t in arguments}
    body = [op for op in graph.get_operations() if op not in argument_ops]
    pb = protos()
    fdef = pb.function_pb2.FunctionDef()
    names = _Names()
    output_names = []
    for tensor in concrete_function.outputs:  # results first, as TensorFlow names them
        arg = fdef.signature.output_arg.add(name=names.unique(normalize(tensor.op.name)))
        arg.type = _enum(tensor.dtype)
        output_names.append(arg.name)
    renamed = {}  # graph tensor name -> its name inside the function
    for index, tensor in enumerate(arguments):
        arg = fdef.signature.input_arg.add(name=names.unique(normalize(tensor.op.name)))
        arg.type = _enum(tensor.dtype)
        renamed[tensor.name] = arg.name
        if tensor.dtype is not dtypes.resource:
            shapes = fdef.arg_attr[index].attr["_output_shapes"].list.shape.add()
            shapes.CopyFrom(graph_io.shape_proto(tensor.shape))
        # (the name the argument or capture was given: a capture's is "resource")
        user_name = fdef.arg_attr[index].attr["_user_specified_name"]
        user_name.s = tensor.op.name.rpartition("/")[2].encode()
    node_names = {op.name: names.unique(op.name) for op in body}
    for op in body:
        for output, arg_name, position in _output_args(op):
            renamed[output.name] = "%s:%s:%d" % (node_names[op.name], arg_name, position)
    nodes = {node.name: node for node in graph_io.as_graph_def(graph, library=False).node}
    for op in body:
        node = fdef.node_def.add()
        node.CopyFrom(nodes[op.name])
        node.name = node_names[op.name]
        del node.input[:]
        node.input.extend(renamed[t.name] for t in op.inputs)
        controls = sorted(c.name for c in op.control_inputs)
        node.input.extend("^" + node_names[c] for c in controls)
        _add_type_attrs(op, node)
        if op.op_def.stateful:
            fdef.signature.is_stateful = True
    for arg_name, tensor in zip(output_names, concrete_function.outputs):
        fdef.ret[arg_name] = renamed[tensor.name]
    for op in sorted(_control_outputs(graph, concrete_function.outputs), key=lambda o: o.name):
        fdef.control_ret[op.name] = node_names[op.name]
        fdef.signature.control_output.append(op.name)
    fdef.signature.name = name
    fdef.attr["_construction_context"].s = b"kEagerRuntime"
    return fdef


def _enum(dtype):
    return graph_io.data_type(dtype)


def _arg_lengths(op, args, tensors):
    """How many tensors each of the op's TensorFlow arguments holds."""
    lengths = []
    for _, _, length_attr in args:
        if not length_attr:
            lengths.append(1)
            continue
        try:
            value = op.get_attr(length_attr)
        except ValueError:  # a list input's length: what is left over
            value = len(tensors) - (len(args) - 1)
        lengths.append(value if isinstance(value, int) else len(value))
    return lengths


def _op_spec(op_type):
    """TensorFlow's arguments of an op type (ValueError, in TF's words, for one it lacks)."""
    spec = op_args().get(op_type)
    if spec is None:
        raise ValueError(
            "Op type not registered '%s' in binary running on host.\n(learntf: TensorFlow "
            "has no op %s, so a function using it cannot be written to or read from a "
            "SavedModel.)" % (op_type, op_type)
        )
    return spec


def _output_args(op):
    """(output tensor, TensorFlow argument name, position within that argument) per output."""
    spec = _op_spec(op.type)
    outputs = list(op.outputs)
    found, start = [], 0
    for (arg_name, _, _), length in zip(spec["out"], _arg_lengths(op, spec["out"], outputs)):
        for position in range(length):
            found.append((outputs[start + position], arg_name, position))
        start += length
    return found


def _add_type_attrs(op, node):
    """Write the attrs TensorFlow's op needs that learntf derives: each type attr from its
    argument's dtype, each number attr from its list's length (AddN's `N`)."""
    spec = _op_spec(op.type)
    for args, tensors in ((spec["in"], list(op.inputs)), (spec["out"], list(op.outputs))):
        start = 0
        for (_, type_attr, length_attr), length in zip(args, _arg_lengths(op, args, tensors)):
            group = tensors[start : start + length]
            start += length
            if length_attr and length_attr not in node.attr and type_attr:
                node.attr[length_attr].i = length
            if type_attr and type_attr not in node.attr and group:
                node.attr[type_attr].type = _enum(group[0].dtype.base_dtype)


def _control_outputs(graph, outputs):
    """The ops every call must run: the control inputs of the NoOp the results wait for."""
    found = []
    for tensor in outputs:
        for control in tensor.op.control_inputs:
            if control.type == "NoOp":
                found.extend(op for op in control.control_inputs if op not in found)
    return found


# -- FunctionDef -> FuncGraph ------------------------------------------------------------------
def func_graph(fdef, graph, capture_shapes=(), functions=None):
    """Rebuild `fdef`'s body in `graph` (a FuncGraph): a placeholder per argument, then the
    nodes.  Returns (argument placeholders, result tensors).  `capture_shapes` are the shapes of
    the variables bound to the last arguments (their reads get those shapes); `functions` finds
    the functions the body calls, by name."""
    from learntf.eager.func_graph import graph_placeholder
    from learntf.framework.tensor_shape import TensorShape

    arguments, input_map = [], {}
    with graph.as_default():
        for index, arg in enumerate(fdef.signature.input_arg):
            shapes = fdef.arg_attr[index].attr["_output_shapes"].list.shape
            shape = graph_io.tensor_shape(shapes[0]) if shapes else TensorShape([])
            dtype = graph_io.dtype_of_enum(arg.type)
            placeholder = graph_placeholder(dtype, shape, arg.name)
            arguments.append(placeholder)
            input_map[arg.name + ":0"] = placeholder
        first_capture = len(arguments) - len(capture_shapes)
        for placeholder, variable_shape in zip(arguments[first_capture:], capture_shapes):
            graph.resource_shapes[placeholder] = variable_shape
    flat = protos().graph_pb2.GraphDef()
    for node in fdef.node_def:
        copy = flat.node.add()
        copy.CopyFrom(node)
        del copy.input[:]
        copy.input.extend(_flat_input(fdef, name) for name in node.input)
        for attr in _derived_attrs(node):
            del copy.attr[attr]
    result = graph_io.import_nodes(graph, flat, "", input_map, functions)
    results = [  # (a result may be an argument itself: a loop body passes its captures on)
        input_map[fdef.ret[arg.name] + ":0"]
        if fdef.ret[arg.name] + ":0" in input_map
        else _tensor(fdef, fdef.ret[arg.name], result)
        for arg in fdef.signature.output_arg
    ]
    return arguments, results


def _derived_attrs(node):
    """The type and number attrs TensorFlow writes that learntf's op derives itself (its shape
    inference does not take them)."""
    from learntf.framework.op_registry import OP_DEFS

    op_def = OP_DEFS.get(node.op)
    spec = op_args().get(node.op)
    if op_def is None or spec is None:
        return []
    taken = {
        name
        for function in (op_def.infer, op_def.kernel)
        for name, parameter in inspect.signature(function).parameters.items()
        if parameter.kind is not parameter.VAR_KEYWORD
    }
    derived = {a for _, *attrs in spec["in"] + spec["out"] for a in attrs if a}
    return sorted(a for a in derived if a in node.attr and a not in taken)


def _flat_input(fdef, name):
    """A FunctionDef input (`x`, `MatMul:product:0`, `^NoOp`) as a graph input name."""
    if name.startswith("^") or ":" not in name:
        return name
    node_name, arg_name, position = _split_output_name(fdef, name)
    node = next((n for n in fdef.node_def if n.name == node_name), None)
    if node is None:
        raise ValueError(
            "Function %s: input '%s' names no node of the function.\n(learntf: the "
            "FunctionDef is damaged.)" % (fdef.signature.name, name)
        )
    return "%s:%d" % (node_name, _flat_index(node, arg_name, position))


def _split_output_name(fdef, name):
    """'MatMul:product:0' -> ('MatMul', 'product', 0), or TF's error for another form."""
    parts = name.split(":")
    if len(parts) != 3 or not parts[2].isdigit():
        raise ValueError(
            "Function %s: '%s' is not a tensor name of the form node:output:index.\n"
            "(learntf: the FunctionDef is damaged.)" % (fdef.signature.name, name)
        )
    return parts[0], parts[1], int(parts[2])


def _flat_index(node, arg_name, position):
    start = 0
    for name, _, length_attr in _op_spec(node.op)["out"]:
        if name == arg_name:
            return start + position
        if length_attr:
            value = node.attr[length_attr]
            start += value.i if value.WhichOneof("value") == "i" else len(value.list.type)
        else:
            start += 1
    raise ValueError("Op %s has no output named %r" % (node.op, arg_name))


def _tensor(fdef, name, result):
    node_name, arg_name, position = _split_output_name(fdef, name)
    if node_name not in result.ops:
        raise ValueError(
            "Function %s: its result '%s' names no node of the function.\n(learntf: the "
            "FunctionDef is damaged.)" % (fdef.signature.name, name)
        )
    op = result.ops[node_name]
    return op.outputs[_flat_index(_node_of(op), arg_name, position)]


def _node_of(op):
    """Just enough of a NodeDef (op type and number attrs) for `_flat_index`."""
    node = protos().node_def_pb2.NodeDef(op=op.type)
    for _, _, length_attr in _op_spec(op.type)["out"]:
        if length_attr:
            value = op.get_attr(length_attr)
            if isinstance(value, int):
                node.attr[length_attr].i = value
            else:
                node.attr[length_attr].list.type.extend([0] * len(value))
    return node
