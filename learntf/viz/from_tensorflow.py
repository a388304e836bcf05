"""Drawing real TensorFlow graphs: a `tf.Graph` becomes a learntf Graph that viz draws as usual.

`python -m course open N --engine tensorflow` runs a lesson on real TensorFlow 2.21, where
`viz.draw(f)`, `describe()` and `GraphWidget` receive TensorFlow's own objects: a `tf.Graph`, a
`tf.function`'s concrete graph (`f.get_concrete_function(...).graph`, or the concrete function
itself), or a graph tensor, operation or variable whose `.graph` is one.  learntf never imports
TensorFlow: such objects are recognised by their class's module ("tensorflow...") and by
`as_graph_def()`, and arrive through their GraphDef, the protocol buffer every TensorFlow graph
can be written as.  The protobuf library reads its bytes into TensorFlow's own `GraphDef`
message (learntf/serialization/tf_protos.py), and each NodeDef becomes one op of a new learntf
Graph, with its name, type, inputs, control inputs and attributes.  Each attribute is converted
on its own (graph_io.python_value): one learntf cannot convert (a dtype learntf does not have)
is left out of the drawing instead of stopping it.

That graph is for drawing only, not for running.  `tf.import_graph_def` cannot build it: it
rebuilds each node through learntf's op registry, which refuses op types learntf does not have
(a nested function call's `StatefulPartitionedCall`, an optimizer's fused update op), re-infers
shapes from learntf's attributes (TensorFlow's `Sum` takes its axis as an input, learntf's as an
attribute), and reads only GraphDefs of learntf's own layout version.  Here every node is kept,
whatever its type, as a plain node with its type and inputs: its outputs' shapes come from the
`_output_shapes` attribute TensorFlow adds on request, their dtypes from the usual attributes
(`T`, `dtype`, `out_type`...), or stay unknown ("?").
"""

from learntf import dtypes
from learntf.framework.graph import Graph
from learntf.framework.op_registry import OP_DEFS, OpDef
from learntf.framework.tensor_shape import TensorShape
from learntf.serialization.graph_io import python_value
from learntf.serialization.tf_protos import protos

# The attribute naming an op's output dtype, in the order TensorFlow's op definitions use them
# (Cast has SrcT and DstT; Shape has T for its input and out_type for its output).
DTYPE_ATTRS = ("out_type", "output_type", "DstT", "Tout", "dtype", "T")
# Ops whose output dtype no attribute says.
BOOL_OUTPUT = {
    "Equal",
    "NotEqual",
    "Less",
    "LessEqual",
    "Greater",
    "GreaterEqual",
    "ApproximateEqual",
    "LogicalAnd",
    "LogicalOr",
    "LogicalNot",
    "IsNan",
    "IsInf",
    "IsFinite",
    "VarIsInitializedOp",
    "IsVariableInitialized",
    "InTopK",
    "InTopKV2",
    "LoopCond",
}
FIXED_OUTPUT = {"VarHandleOp": dtypes.resource, "Rank": dtypes.int32, "Where": dtypes.int64}
# Ops whose output TF's op definition declares Ref(T): the TF1 variable, and the ops that write
# one and return it (float32_ref, as the tensor in TensorFlow says).
REF_OUTPUT = {
    "Variable",
    "VariableV2",
    "TemporaryVariable",
    "Assign",
    "AssignAdd",
    "AssignSub",
    "RefIdentity",
    "RefEnter",
    "RefExit",
    "RefMerge",
    "RefNextIteration",
    "RefSelect",
    "RefSwitch",
    "StridedSliceAssign",
}
REF_OUTPUT_PREFIXES = ("Apply", "SparseApply", "Scatter")
NOT_REF_OUTPUT = {"ScatterNd", "ScatterNdNonAliasingAdd"}  # they make a new tensor


class UnknownDType:
    """The dtype of an output the GraphDef does not describe: drawn without a dtype."""

    name = "?"

    def __repr__(self):
        return "?"


UNKNOWN = UnknownDType()


def is_tensorflow(obj):
    """True for an object of real TensorFlow (its class lives in a `tensorflow...` module)."""
    return type(obj).__module__.split(".")[0] == "tensorflow"


def to_learntf(obj):
    """What viz should draw for `obj`: the object itself when it is learntf's (or anything not
    TensorFlow's), else a learntf Graph read from its GraphDef, or the ops and tensors of that
    graph with the same names (for a TF tensor, operation or variable, or a list of them)."""
    items = list(obj) if isinstance(obj, (list, tuple)) else [obj]
    if not any(is_tensorflow(item) for item in items):
        return obj
    graphs = {}  # one drawing graph per TF graph, even for many tensors of it
    converted = []
    for item in items:
        if not is_tensorflow(item):
            raise ValueError(
                "Cannot draw TensorFlow objects and learntf objects together: %r" % (item,)
            )
        tf_graph = _graph_of(item)
        key = id(tf_graph)
        if key not in graphs:
            graphs[key] = graph_from_graph_def(_graph_def_bytes(tf_graph))
        graph = graphs[key]
        if item is tf_graph or not hasattr(item, "name") or hasattr(item, "structured_outputs"):
            converted.append(graph)  # a graph, or a concrete function: the whole graph
        elif hasattr(item, "control_inputs"):
            converted.append(graph.get_operation_by_name(item.name))
        else:
            converted.append(graph.get_tensor_by_name(item.name))
    if len(converted) == 1 and not isinstance(obj, (list, tuple)):
        return converted[0]
    if any(isinstance(item, Graph) for item in converted):
        raise ValueError("Draw a TensorFlow graph on its own, not in a list.")
    return converted


def _graph_of(item):
    """The TF graph an object belongs to (the object itself for a graph)."""
    if hasattr(item, "as_graph_def"):
        return item
    try:
        graph = item.graph
    except AttributeError:
        graph = None
    if graph is None or not hasattr(graph, "as_graph_def"):
        raise TypeError(
            "learntf.viz draws a TensorFlow graph, graph tensor, operation or variable; got %r. "
            "Eager tensors have no graph to draw: draw a tf.function's graph instead, "
            "viz.draw(f.get_concrete_function(x).graph)." % (item,)
        )
    return graph


def _graph_def_bytes(tf_graph):
    """The graph's GraphDef, serialized, with each op's output shapes when it can add them."""
    try:
        graph_def = tf_graph.as_graph_def(add_shapes=True)
    except TypeError:  # an as_graph_def() without add_shapes
        graph_def = tf_graph.as_graph_def()
    return graph_def.SerializeToString()


# -- GraphDef -> a learntf Graph to draw ------------------------------------------------------
def graph_from_graph_def(data):
    """A learntf Graph with one drawing-only op per node of a GraphDef (`data`: its bytes, or
    a GraphDef message), in the GraphDef's order; no node is refused."""
    graph_def_class = protos().graph_pb2.GraphDef
    if not isinstance(data, graph_def_class):
        data = graph_def_class.FromString(data)
    nodes = list(data.node)
    graph = Graph()
    used = _output_indices_used(nodes)
    ops = {}
    for node in nodes:  # first every op, then the inputs: a TF1 while loop has cycles
        attrs = _attrs(node)
        specs = _output_specs(node.op, attrs, used.get(node.name, -1))
        op_def = OpDef(node.op, (), None, None, num_outputs=len(specs))
        ops[node.name] = graph._create_op(op_def, (), attrs, node.name + "/", specs)
    for node in nodes:
        op = ops[node.name]
        inputs = []
        for source in node.input:
            name, index = _split_input(source)
            if name not in ops:
                continue  # an input from outside the GraphDef (none in a whole graph)
            if source.startswith("^"):
                op._add_control_input(ops[name])
            else:
                inputs.append(ops[name].outputs[index])
        op._inputs = tuple(inputs)
    return graph


def _attrs(node):
    """The node's attributes as Python values (graph_io's reader), in key order; one it cannot
    convert is left out of the drawing."""
    attrs = {}
    for key in sorted(node.attr):
        try:
            attrs[key] = python_value(node.attr[key])
        except (TypeError, ValueError, KeyError):
            continue
    return attrs


def _output_indices_used(nodes):
    """{op name: the highest output index any node reads}."""
    used = {}
    for node in nodes:
        for source in node.input:
            if not source.startswith("^"):
                name, index = _split_input(source)
                used[name] = max(used.get(name, -1), index)
    return used


def _split_input(source):
    """'x' -> ('x', 0), 'split:1' -> ('split', 1), '^init' -> ('init', 0)."""
    name, _, index = source.lstrip("^").partition(":")
    return name, int(index) if index.isdigit() else 0


def _output_specs(op_type, attrs, highest_used):
    """[(dtype, shape)] per output: as many outputs as `_output_shapes` lists, or as the
    registry (for an op learntf has) or the consumers say."""
    shapes = attrs.pop("_output_shapes", None)
    if shapes is not None:
        count = len(shapes)
    else:
        known = OP_DEFS.get(op_type)
        declared = known.num_outputs if known is not None else 1
        count = max(highest_used + 1, 1 if declared is None else declared)  # (None: a list)
        shapes = [TensorShape(None)] * count
    dtype = _output_dtypes(op_type, attrs, count)
    return list(zip(dtype, shapes))


def _output_dtypes(op_type, attrs, count):
    value_dtypes = _value_dtypes(op_type, attrs, count)
    if _returns_reference(op_type):
        return [
            dtype._as_ref if isinstance(dtype, dtypes.DType) else dtype for dtype in value_dtypes
        ]
    return value_dtypes


def _returns_reference(op_type):
    return op_type in REF_OUTPUT or (
        op_type.startswith(REF_OUTPUT_PREFIXES) and op_type not in NOT_REF_OUTPUT
    )


def _value_dtypes(op_type, attrs, count):
    if op_type in BOOL_OUTPUT:
        return [dtypes.bool_] * count
    if op_type in FIXED_OUTPUT:
        return [FIXED_OUTPUT[op_type]] * count
    for key in DTYPE_ATTRS:
        value = attrs.get(key)
        if (
            isinstance(value, tuple)
            and len(value) == count
            and all(isinstance(item, dtypes.DType) for item in value)
        ):
            return list(value)  # one dtype per output, as a function call's Tout
        if isinstance(value, dtypes.DType):
            return [value] * count
    return [UNKNOWN] * count
