"""The functional API: `keras.Input` gives a KerasTensor, calling layers on KerasTensors records
a graph of layer calls, and `keras.Model(inputs, outputs)` replays that graph on real tensors.

    inputs = keras.Input(shape=(8,))
    x = keras.layers.Dense(16, activation="relu")(inputs)   # a KerasTensor: shape, no values
    outputs = keras.layers.Dense(1)(x)
    model = keras.Model(inputs, outputs)                   # a `Functional` model

A KerasTensor holds a shape, a dtype and its `_keras_history` (the layer that made it, which
of that layer's calls - its "node" - and which output).  A layer called on KerasTensors runs once
on placeholders in a scratch graph (that builds its weights and finds the output shapes: no
values are computed), and records a Node.  The model orders the layers as Keras 3 does (by
depth from the outputs, ties in the order a depth-first walk first meets them) and its `call`
runs the nodes from the deepest to the outputs.
"""

import collections

from learntf import dtypes, nest
from learntf.eager.func_graph import FuncGraph
from learntf.keras import backend
from learntf.ops import array_ops

KerasHistory = collections.namedtuple("KerasHistory", ["operation", "node_index", "tensor_index"])


class KerasTensor:
    """A symbolic tensor of a functional model: shape (batch dimension None) and dtype only."""

    def __init__(self, shape, dtype="float32", name=None, history=None):
        self.shape = tuple(shape)
        self.dtype = dtypes.as_dtype(dtype).name
        self.name = name or backend.unique_name("keras_tensor")
        self._keras_history = history

    @property
    def ndim(self):
        return len(self.shape)

    def __repr__(self):
        return "<KerasTensor shape=%s, dtype=%s, sparse=False, ragged=False, name=%s>" % (
            self.shape,
            self.dtype,
            self.name,
        )

    def __array__(self, *args, **kwargs):
        raise ValueError(
            "A KerasTensor is symbolic: it's a placeholder for a shape an a dtype. It doesn't "
            "have any actual numerical value. You cannot convert it to a NumPy array."
        )


class Node:
    """One call of a layer in a functional graph: its inputs (KerasTensors) and outputs."""

    def __init__(self, layer, call_args=((), (), {}), outputs=()):
        self.operation = layer
        self.call_args = call_args  # (inputs, args, kwargs), KerasTensors inside
        self.outputs = outputs
        self.input_tensors = [t for t in nest.flatten(call_args) if isinstance(t, KerasTensor)]
        self.is_input = not self.input_tensors
        if not hasattr(layer, "_inbound_nodes"):
            layer._inbound_nodes = []
        layer._inbound_nodes.append(self)

    @property
    def parent_nodes(self):
        return [
            t._keras_history.operation._inbound_nodes[t._keras_history.node_index]
            for t in self.input_tensors
        ]


def is_symbolic(structure):
    return any(isinstance(t, KerasTensor) for t in nest.flatten(structure))


def call_symbolic(layer, inputs, args, kwargs):
    """Call `layer` on KerasTensors: run it on placeholders (building it), record a Node and
    return KerasTensors of its outputs' shapes."""
    call_args = (inputs, tuple(args), dict(kwargs))
    graph = FuncGraph("keras_symbolic_call")
    with graph.as_default():
        placeholders = {}
        for t in nest.flatten(call_args):
            if isinstance(t, KerasTensor) and id(t) not in placeholders:
                placeholders[id(t)] = array_ops.placeholder(
                    dtypes.as_dtype(t.dtype), shape=list(t.shape)
                )
        real = _replace(call_args, lambda t: placeholders[id(t)])
        outputs = layer(real[0], *real[1], **real[2])
    node_index = len(getattr(layer, "_inbound_nodes", []))
    flat = nest.flatten(outputs)
    kts = [
        KerasTensor(tuple(o.shape.as_list()), o.dtype, history=KerasHistory(layer, node_index, i))
        for i, o in enumerate(flat)
    ]
    symbolic = nest.pack_sequence_as(outputs, kts)
    Node(layer, call_args, symbolic)
    return symbolic


def _replace(structure, function):
    return nest.map_structure(lambda t: function(t) if isinstance(t, KerasTensor) else t, structure)


def map_graph(inputs, outputs):
    """(nodes_by_depth, operations) as Keras 3's map_graph orders them."""
    finished, in_progress, ordered, indices = set(), set(), [], {}

    def visit(tensor):
        layer, node_index, _ = tensor._keras_history
        node = layer._inbound_nodes[node_index]
        if node in finished:
            return
        if node in in_progress:
            raise ValueError(
                "Tensor %s from operation '%s' is part of a cycle." % (tensor, layer.name)
            )
        indices.setdefault(layer, len(indices))
        in_progress.add(node)
        if not node.is_input and not any(tensor is i for i in inputs):
            for t in node.input_tensors:
                visit(t)
        finished.add(node)
        in_progress.discard(node)
        ordered.append(node)

    for output in outputs:
        visit(output)
    in_graph = set(ordered)
    node_depth, layer_depth = {}, {}
    for node in reversed(ordered):
        depth = node_depth.setdefault(node, 0)
        depth = max(depth, layer_depth.get(node.operation, 0))
        layer_depth[node.operation] = depth
        node_depth[node] = depth
        for parent in node.parent_nodes:
            if parent in in_graph:
                node_depth[parent] = max(depth + 1, node_depth.get(parent, 0))
    for t in inputs:  # inputs that no output needs
        layer = t._keras_history.operation
        if layer not in layer_depth:
            layer_depth[layer], indices[layer] = 0, -1
            node_depth[layer._inbound_nodes[t._keras_history.node_index]] = 0
    nodes_by_depth = collections.defaultdict(list)
    for node, depth in node_depth.items():
        nodes_by_depth[depth].append(node)
    operations = []
    for depth in sorted(set(layer_depth.values()), reverse=True):
        same = [layer for layer, d in layer_depth.items() if d == depth]
        operations += sorted(same, key=lambda layer: indices[layer])
    names = [layer.name for layer in operations]
    for name in names:
        if names.count(name) != 1:
            raise ValueError(
                'The name "%s" is used %d times in the model. All operation names should '
                "be unique." % (name, names.count(name))
            )
    return dict(nodes_by_depth), operations


def run_graph(model, inputs):
    """Run a functional model's nodes on real tensors `inputs` (its inputs' structure)."""
    flat_inputs = nest.flatten(inputs)
    if len(flat_inputs) != len(model._flat_inputs):
        raise ValueError(
            'Layer "%s" expects %d input(s), but it received %d input tensors.'
            % (model.name, len(model._flat_inputs), len(flat_inputs))
        )
    values = {id(kt): v for kt, v in zip(model._flat_inputs, flat_inputs)}
    for depth in sorted(model._nodes_by_depth, reverse=True):
        for node in model._nodes_by_depth[depth]:
            if node.is_input or any(id(t) not in values for t in node.input_tensors):
                continue
            real = _replace(node.call_args, lambda t: values[id(t)])
            outputs = node.operation(real[0], *real[1], **real[2])
            for kt, value in zip(nest.flatten(node.outputs), nest.flatten(outputs)):
                values[id(kt)] = value
    return _replace(model._outputs, lambda t: values[id(t)])
