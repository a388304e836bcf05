"""TensorFlow's protocol buffers, imported only when one is first needed.

TensorFlow describes its files with protobuf messages: an event file holds `Event` records
(carrying a `Summary` or a `GraphDef`), a checkpoint's object graph is a `TrackableObjectGraph`,
a SavedModel is `MetaGraphDef`s with a `SavedObjectGraph`.  The compiled message classes come
from the `tensorboard` package (`tensorboard.compat.proto`, the same .proto files TensorFlow
compiles), run by the `protobuf` library.  They are loaded on first use, so `import learntf`
stays light.  Lesson 07 ("visualizing training") opens an event file with them.
"""

import importlib
import types

_INSTALL_HINT = (
    "TensorBoard summaries need the optional `tensorboard` package, which is not "
    "installed.\n(learntf: run `pip install tensorboard`, or install learntf with "
    "its summaries extra: `pip install 'learntf[summaries]'`. Until then, print "
    "the values you want to follow, e.g. print(step, sess.run(mse)).)"
)

_modules = None


def protos():
    """The proto modules: `.summary_pb2`, `.event_pb2`, `.graph_pb2`, `.attr_value_pb2`, ...

    Raises ImportError naming `pip install tensorboard` when the package is missing."""
    global _modules
    if _modules is None:
        names = [
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
        ]
        try:
            loaded = {
                name: importlib.import_module("tensorboard.compat.proto." + name) for name in names
            }
        except ImportError as exc:
            raise ImportError(_INSTALL_HINT, name="tensorboard") from exc
        _modules = types.SimpleNamespace(**loaded)
    return _modules


def require_tensorboard():
    """Fail early, at graph-building time, with the install hint (not in the middle of a run)."""
    protos()
