"""Load parts of the public API on first use, so `import learntf` stays quick.

It also wires those parts into the core, which imports nothing outside itself
(tests/test_core_boundary.py): the op registry's loader of the whole op library, and the
Graph methods that live in serialization/ and viz/.

Learners restart kernels often: Keras, checkpoints, summaries and the TF2 tensor types are
imported the first time a program touches `tf.keras`, `tf.train`, ... rather than by every
`import learntf`.  Each namespace lists its lazy names as {name: (module, attribute or None)}.
"""

import importlib

from learntf.framework.graph import Graph
from learntf.framework.op_registry import register_op_loader


def lazy_getattr(namespace_name, table):
    """A module-level `__getattr__` serving the names in `table` on first access."""

    def __getattr__(name):
        try:
            module_name, attribute = table[name]
        except KeyError:
            raise AttributeError("module %r has no attribute %r" % (namespace_name, name)) from None
        value = importlib.import_module(module_name)
        if attribute is not None:
            value = getattr(value, attribute)
        return value

    return __getattr__


# Modules that register ops, for the registry to load when a graph names an op it has not
# seen yet (e.g. import_meta_graph of a graph with summaries or a Saver).
OP_MODULES = [
    "learntf.ops.math_ops",
    "learntf.ops.bitwise_ops",
    "learntf.ops.array_ops",
    "learntf.ops.nn_ops",
    "learntf.ops.nn_impl",
    "learntf.ops.random_ops",
    "learntf.ops.variables",
    "learntf.ops.state_ops",
    "learntf.ops.control_flow_ops",
    "learntf.ops.cond_v2",
    "learntf.ops.gradient_functions",
    "learntf.ops.conv_ops",
    "learntf.ops.gather_ops",
    "learntf.ops.string_ops",
    "learntf.train.optimizers",
    "learntf.train.proximal_optimizers",
    "learntf.train.saver",
    "learntf.summary",
    "learntf.ragged",
    "learntf.sparse",
    "learntf.ops.bincount_ops",
    "learntf.ops.functional_ops",
    "learntf.ops.list_ops",
    "learntf.ops.tensor_array_ops",
    "learntf.ops.while_v2",
    "learntf.ops.logging_ops",
    "learntf.ops.custom_gradient",
    "learntf.ops.check_ops",
    "learntf.io",
    "learntf.ops.script_ops",
    "learntf.ops.lookup_ops",
    "learntf.summary.text_audio",
    "learntf.ops.linalg_ops",
    "learntf.ops.segment_ops",
    "learntf.ops.sort_ops",
    "learntf.ops.stats_ops",
    "learntf.ops.text_ops",
    "learntf.ops.image_ops",
    "learntf.ops.set_ops",
    "learntf.ops.variable_scatter_ops",
]


def load_all_ops():
    for module_name in OP_MODULES:
        importlib.import_module(module_name)


register_op_loader(load_all_ops)


# Methods of the core's Graph whose code lives in parts that build on the core (the core
# imports nothing outside itself: tests/test_core_boundary.py); they load on first call.
def _as_graph_def(graph, from_version=None, add_shapes=False):
    """`Graph.as_graph_def()`: the graph as a GraphDef protocol buffer (serialization/)."""
    return importlib.import_module("learntf.serialization.graph_io").as_graph_def(
        graph, add_shapes=add_shapes
    )


def _graph_mimebundle(graph, include=None, exclude=None):
    """A graph shows as its drawing in a notebook (viz/)."""
    return importlib.import_module("learntf.viz").graph_mimebundle(graph)


Graph.as_graph_def = _as_graph_def
Graph._repr_mimebundle_ = _graph_mimebundle
