"""The parts of TensorFlow's graph API that the machinery itself never calls.

`tf.compat.v1.add_to_collection` and its kin, the Graph methods that list or clear
collections, `Tensor.consumers()`, an operation's NodeDef text (`op.node_def`, `str(op)`),
`tf.RegisterGradient` and `Graph.gradient_override_map` serve programs, Saver, summaries and
drawings, not the building and running of graphs.  They
live here, outside the core (learntf/README.md), and this module, imported by the package,
attaches the methods to the core's `Graph`, `Operation` and `Tensor`.
"""

import contextlib

from learntf.framework import op_registry
from learntf.framework.graph import Graph, GraphKeys, Operation, Tensor, get_default_graph

GraphKeys.TABLE_INITIALIZERS = "table_initializer"  # tf.lookup's tables (ops/lookup_ops.py)


# -- collections -----------------------------------------------------------------------------------
def add_to_collection(name, value):
    get_default_graph().add_to_collection(name, value)


def add_to_collections(names, value):
    get_default_graph().add_to_collections(names, value)


def get_collection(name, scope=None):
    return get_default_graph().get_collection(name, scope)


def get_collection_ref(name):
    return get_default_graph().get_collection_ref(name)


def _get_collection_ref(graph, name):
    """`Graph.get_collection_ref`: the collection's own list, which the caller may change."""
    return graph._collections.setdefault(name, [])


def _get_all_collection_keys(graph):
    return [key for key, items in graph._collections.items() if items]


def _clear_collection(graph, name):
    graph._collections.pop(name, None)


# -- tensors and operations ------------------------------------------------------------------------
def _consumers(tensor):
    """`Tensor.consumers()`: the operations that take this tensor as an input."""
    return [op for op in tensor.graph.get_operations() if tensor in op.inputs]


def written_attrs(op):
    """The attrs TF writes for `op` (its NodeDef, a GraphDef): learntf's, plus the name
    gradient_override_map gave its gradient, an attr in TF that learntf keeps on the op."""
    attrs = dict(op.attrs or {})
    if op._gradient_op_type is not None:
        attrs["_gradient_op_type"] = op._gradient_op_type  # (a string, like learntf's others)
    return attrs


def _node_def(op):
    """`Operation.node_def`: a text rendering in the style of TensorFlow's NodeDef protocol
    buffer (also `str(op)`)."""
    lines = ['name: "%s"' % op.name, 'op: "%s"' % op.type]
    lines += ['input: "%s"' % (t.op.name if t.value_index == 0 else t.name) for t in op.inputs]
    lines += ['input: "^%s"' % control.name for control in op.control_inputs]
    attrs = written_attrs(op)
    for key in sorted(attrs):
        lines.append('attr { key: "%s" value: %s }' % (key, _attr_text(attrs[key])))
    return "\n".join(lines)


def _attr_text(value):
    text = repr(value)
    return text if len(text) < 60 else text[:57] + "..."


Graph.get_collection_ref = _get_collection_ref
Graph.get_all_collection_keys = _get_all_collection_keys
Graph.clear_collection = _clear_collection
Tensor.consumers = _consumers
Operation.node_def = property(_node_def)
Operation.__str__ = _node_def


# -- gradients by a name of their own (tf.RegisterGradient) -----------------------------------
class RegisterGradient:
    """`@tf.RegisterGradient("MyGrad")` on `fn(op, *output_grads) -> [input grads]`.

    TF keeps one registry for an op type's own gradient and the names users register, and a
    name registered twice raises KeyError there.  An op type that has no gradient yet gets
    `fn` as its gradient; any other name is for `Graph.gradient_override_map`."""

    __slots__ = ["_op_type"]

    def __init__(self, op_type):
        if not isinstance(op_type, str):
            raise TypeError("op_type must be a string")
        self._op_type = op_type

    def __call__(self, fn):
        name = self._op_type
        try:
            previous = op_registry.lookup_gradient(name)
        except LookupError:  # a name of its own, or an op type without a gradient yet
            pass
        else:
            code = getattr(previous, "__code__", None)
            where = (
                "%s %s:%d" % (code.co_name, code.co_filename, code.co_firstlineno)
                if code
                else repr(previous)
            )
            raise KeyError(
                "Registering two gradient with name '%s'! (Previous registration was in %s)"
                % (name, where)
            )
        op_def = op_registry.OP_DEFS.get(name)
        if op_def is not None:
            op_def.gradient = fn
        else:
            op_registry.GRADIENTS_BY_NAME[name] = fn
        return fn


@contextlib.contextmanager
def _gradient_override_map(self, op_type_map):
    """Ops of a type in `op_type_map` made inside the block differentiate with the gradient
    registered (`tf.RegisterGradient`) under the name it maps to, as in TF."""
    if not isinstance(op_type_map, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in op_type_map.items()
    ):
        raise TypeError("op_type_map must be a dictionary mapping strings to strings")
    saved = {
        k: self._gradient_override_map[k] for k in op_type_map if k in self._gradient_override_map
    }
    self._gradient_override_map.update(op_type_map)
    try:
        yield
    finally:
        for op_type in op_type_map:
            if op_type in saved:
                self._gradient_override_map[op_type] = saved[op_type]
            else:
                del self._gradient_override_map[op_type]


Graph.gradient_override_map = _gradient_override_map
