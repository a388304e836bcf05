"""`tf.summary.trace_on` / `trace_export` / `trace_off`, and `tf.summary.graph`.

Between `trace_on(graph=True)` and `trace_export(name, step)`, the graph of each `tf.function`
trace that runs for the first time is collected (TF collects a function's graph when it
instantiates it, on its first call; a function that already ran before `trace_on` is not
collected again).  `trace_export` writes them, as TF does, in one `RunMetadata` proto (its
`function_graphs`, each a `pre_optimization_graph`) under TensorBoard's
"graph_run_metadata_graph" plugin; TensorBoard's Graphs tab shows them merged.  In each graph
the function's arguments are `_Arg` nodes and its results `_Retval` nodes, as in TF.
"""

import logging
import time

from learntf import dtypes
from learntf.eager.def_function import ConcreteFunction
from learntf.framework import context
from learntf.framework.constant_op import constant
from learntf.serialization import graph_io
from learntf.serialization.tf_protos import protos
from learntf.summary import graph_proto
from learntf.summary.summary_ops_v2 import _choose_step, _state, should_record_summaries, write
from learntf.summary.summary_v2 import summary_scope

_logger = logging.getLogger("tensorflow")
_collected = None  # the graphs collected since trace_on, or None when tracing is off


def trace_on(graph=True, profiler=False, profiler_outdir=None):
    """Start collecting the graphs of the tf.functions that run from now on."""
    global _collected
    if not context.executing_eagerly():
        _logger.warning("Cannot enable trace inside a tf.function.")
        return
    if _collected is not None:
        _logger.warning("Trace already enabled")
        return
    if profiler:
        _logger.warning("learntf has no profiler: trace_on(profiler=True) collects graphs only.")
    _collected = []
    ConcreteFunction.instantiation_observer = _collected.append if graph else None


def trace_off():
    """Stop collecting graphs, and forget those collected."""
    global _collected
    _collected = None
    ConcreteFunction.instantiation_observer = None


def trace_export(name, step=None, profiler_outdir=None):
    """Write the graphs collected since `trace_on` under tag `name` at `step`; tracing stops."""
    if step is not None:
        _choose_step(step)
    if not context.executing_eagerly():
        _logger.warning("Cannot export trace inside a tf.function.")
        return
    if _collected is None:
        raise ValueError(
            "Must enable trace before export through tf.summary.trace_on.\n(learntf: call "
            "tf.summary.trace_on(graph=True) before the tf.function's first call.)"
        )
    run_metadata = _run_metadata_class()()
    for concrete in _collected:
        run_metadata.function_graphs.add().pre_optimization_graph.CopyFrom(
            function_graph_def(concrete)
        )
    metadata = protos().summary_pb2.SummaryMetadata()
    metadata.plugin_data.plugin_name = "graph_run_metadata_graph"
    metadata.plugin_data.content = b"1"
    with summary_scope(name, "graph_run_metadata_graph_summary", [run_metadata, step]) as (tag, _):
        tensor = constant(run_metadata.SerializeToString(), dtype=dtypes.string)
        write(tag=tag, tensor=tensor, step=step, metadata=metadata)
    trace_off()


def _run_metadata_class():
    return protos().config_pb2.RunMetadata


def function_graph_def(concrete):
    """A concrete function's graph as TF instantiates it: each argument (a tensor argument, then
    each captured tensor) an `_Arg` node, each result a `_Retval` node."""
    graph_def = graph_proto.graph_to_graph_def(concrete.graph)
    arguments = [t.op.name for t in concrete.inputs]
    renamed = {
        name: name.lower().replace("/", "_") for name in arguments[len(concrete.graph.inputs) :]
    }
    for node in graph_def.node:
        if node.name in arguments:
            dtype = node.attr["dtype"].type
            for key in ("dtype", "shape"):
                del node.attr[key]
            node.op = "_Arg"
            node.attr["T"].type = dtype
            node.attr["index"].i = arguments.index(node.name)
            node.name = renamed.get(node.name, node.name)
        for i, source in enumerate(node.input):
            bare = source.lstrip("^")
            if bare.split(":")[0] in renamed:
                node.input[i] = source.replace(bare.split(":")[0], renamed[bare.split(":")[0]], 1)
    for index, output in enumerate(concrete.outputs):
        name = "identity" if index == 0 else "identity_%d" % index
        node = graph_def.node.add(name=name + "_RetVal", op="_Retval")
        node.input.append(output.op.name if output.value_index == 0 else output.name)
        node.attr["T"].type = graph_io.data_type(output.dtype)
        node.attr["index"].i = index
    return graph_def


def graph(graph_data):
    """`tf.summary.graph(graph_data)`: write a tf.Graph or GraphDef to the default writer (eager
    mode only).  True when written; False without a default writer or when not recording."""
    if not context.executing_eagerly():
        raise ValueError("graph() cannot be invoked inside a graph context.")
    writer = _state.writer
    if writer is None or not bool(should_record_summaries()):
        return constant(False)
    if hasattr(graph_data, "get_operations"):
        graph_data = graph_proto.graph_to_graph_def(graph_data)
    elif type(graph_data).__name__ != "GraphDef":
        raise ValueError(
            "Argument 'graph_data' is not tf.Graph or tf.compat.v1.GraphDef. Received "
            "graph_data=%s of type %s." % (graph_data, type(graph_data).__name__)
        )
    event = protos().event_pb2.Event(
        wall_time=time.time(), graph_def=graph_data.SerializeToString()
    )
    writer._resource._value.write_event(event)
    return constant(True)
