"""Load parts of the public API on first use, so `import learntf` stays quick.

Learners restart kernels often: Keras, checkpoints, summaries and the TF2 tensor types are
imported the first time a program touches `tf.keras`, `tf.train`, ... rather than by every
`import learntf`.  Each namespace lists its lazy names as {name: (module, attribute or None)}.
"""

import importlib


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
    "learntf.ops.array_ops",
    "learntf.ops.nn_ops",
    "learntf.ops.random_ops",
    "learntf.ops.variables",
    "learntf.ops.control_flow_ops",
    "learntf.ops.gradient_functions",
    "learntf.ops.conv_ops",
    "learntf.ops.gather_ops",
    "learntf.ops.string_ops",
    "learntf.train.optimizers",
    "learntf.train.saver",
    "learntf.summary",
    "learntf.ragged",
    "learntf.sparse",
    "learntf.ops.bincount_ops",
]


def load_all_ops():
    for module_name in OP_MODULES:
        importlib.import_module(module_name)
