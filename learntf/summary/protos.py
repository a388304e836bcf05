"""TensorBoard's protocol buffers, imported only when a summary is made, written or read.

Event files hold `Event` records; an event carries a serialized `Summary` (scalars, images,
histograms) or a `GraphDef`.  The message classes come from the optional `tensorboard` package
(`pip install tensorboard`, or `pip install 'learntf[summaries]'`), so `import learntf` stays
light.  Lesson 07 ("visualizing training") opens an event file with them.
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
