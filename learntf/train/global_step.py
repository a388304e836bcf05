"""The global step: an int64 variable counting training steps (optimizers bump it)."""
from learntf import dtypes
from learntf.framework.graph import GraphKeys, get_default_graph, name_scope
from learntf.ops.variables import Variable


def get_global_step(graph=None):
    graph = graph or get_default_graph()
    found = graph.get_collection(GraphKeys.GLOBAL_STEP)
    return found[0] if found else None


def create_global_step(graph=None):
    graph = graph or get_default_graph()
    if get_global_step(graph) is not None:
        raise ValueError("\"global_step\" already exists.")
    with graph.as_default(), name_scope(None):
        return Variable(0, dtype=dtypes.int64, name="global_step", trainable=False,
                        collections=[GraphKeys.GLOBAL_VARIABLES, GraphKeys.GLOBAL_STEP])


def get_or_create_global_step(graph=None):
    return get_global_step(graph) or create_global_step(graph)


def global_step(sess, global_step_tensor):
    return int(sess.run(global_step_tensor))
