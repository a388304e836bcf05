"""`apply_op`: the one entry point through which every op is created.

Each op function (`tf.add`, `tf.matmul`, ...) calls `apply_op(type, inputs, attrs, name)`.  It
converts the inputs to tensors the same way in both modes (`convert_inputs`, in
framework/constant_op.py).  In graph mode it then runs the op's shape inference and adds an
Operation to the default graph; in eager mode (lesson 14) it runs the same op's kernel at once
(framework/execute.py).
"""

import contextlib

from learntf import dtypes
from learntf.framework import context, execute
from learntf.framework import graph as graph_module
from learntf.framework.constant_op import convert_inputs
from learntf.framework.op_registry import get_op_def


class ShapeError(ValueError):
    """Raised by shape inference: ShapeError(words, hint).  apply_op adds the op's name and
    input shapes to it; eager execution words it as `eager_words` where TF's kernel says it
    otherwise (broadcasting: "Incompatible shapes: [2] vs. [3]")."""

    eager_words = None


def apply_op(op_type, inputs, attrs, name=None):
    """Create an op of type `op_type`; return its output tensor (or tuple of outputs)."""
    op_def = get_op_def(op_type)
    if context.executing_eagerly():
        return execute.execute(op_def, convert_inputs(op_def, inputs, True), attrs)
    graph = _graph_for(inputs)
    if graph is not graph_module.get_default_graph():
        # Like TensorFlow, an op goes to the graph of its inputs.
        with graph.as_default():
            return apply_op(op_type, inputs, attrs, name)
    with _naming(graph, op_type, name or op_def.default_name) as scope:
        tensors = convert_inputs(op_def, inputs, False)
        if graph.outer_graph is not None:  # a branch or loop body: outer tensors are captured
            tensors = [t if t.graph is graph else graph.capture(t) for t in tensors]
        try:
            output_specs = op_def.infer(*_values_of_references(op_def, tensors), **attrs)
        except ShapeError as exc:
            raise ValueError(_shape_error_message(exc, op_def, scope, tensors, attrs)) from None
        except TypeError as exc:  # a DTypeError (ops/shape_inference.py) is worded with the op
            if not hasattr(exc, "graph_message"):
                raise
            raise TypeError(exc.graph_message(op_def.name)) from None
        op = graph._create_op(op_def, tensors, attrs, scope, output_specs)
    if execute.active_tapes:  # (recorded in the caller's name scope, as TF does)
        execute.record_on_tapes(op, graph.get_name_scope())
    outputs = op.outputs
    if op_def.num_outputs == 1:
        return outputs[0]
    if op_def.num_outputs == 0:
        return op
    return outputs


def _naming(graph, op_type, name):
    """What a graph op's name is made from: TF's `constant()` names its node directly, so a bad
    name is refused as a node name; every other op's wrapper opens a name scope first, so a bad
    name is refused as a scope name."""
    if op_type == "Const":
        return contextlib.nullcontext(name)
    return graph.name_scope(name)


def _graph_for(inputs):
    """The graph that the op belongs to: that of its tensor inputs, else the default."""
    found = first = None
    default = graph_module.get_default_graph()
    for value in _iter_inputs(inputs):
        graph = getattr(value, "graph", None)
        if isinstance(graph, graph_module.Graph):
            if graph is not default and graph_module.is_nested_in(default, graph):
                graph = default  # (the op is built in the nested graph, capturing the input)
            if found is not None and graph is not found:
                raise ValueError(
                    "%s must be from the same graph as %s (graphs are %s and %s).\n(learntf: "
                    "you are mixing tensors from two graphs; build everything inside one `with "
                    "graph.as_default():` block, or re-run the cells that made the older "
                    "tensors.)" % (value, first, graph, found)
                )
            if found is None:
                found, first = graph, value
    return found if found is not None else graph_module.get_default_graph()


def _iter_inputs(inputs):
    for value in inputs:
        if isinstance(value, (list, tuple)):
            yield from value
        else:
            yield value


def _values_of_references(op_def, tensors):
    """The inputs as shape inference sees them: a TF1 reference (`w:0`, float32_ref) given to
    an input that takes a value stands for the variable's value (float32), which the op reads
    when it runs (learntf/ops/ref_variable.py).  The op itself keeps the reference as input."""
    if not any(t.dtype._is_ref_dtype for t in tensors):
        return tensors
    return [
        graph_module.Tensor(t.op, t.value_index, t.dtype.base_dtype, t.shape)
        if t.dtype._is_ref_dtype and index not in op_def.ref_inputs
        else t
        for index, t in enumerate(tensors)
    ]


def _shape_error_message(exc, op_def, scope, tensors, attrs):
    op_name = scope[:-1]
    shapes = ", ".join(t.shape.proto_str() for t in tensors)
    inputs = ", ".join(t.op.name if t.value_index == 0 else t.name for t in tensors)
    return "%s for '{{node %s}} = %s%s(%s)' with input shapes: %s.%s" % (
        exc.args[0],
        op_name,
        op_def.name,
        _attrs_text(op_def, tensors, attrs),
        inputs,
        shapes,
        ("\n(learntf: " + exc.args[1] + ")") if len(exc.args) > 1 else "",
    )


def _attrs_text(op_def, tensors, attrs):
    """A node's attrs as TF's errors show them, sorted: `[T=DT_FLOAT, use_locking=false]`."""
    shown = dict(attrs)
    if op_def.type_attr and op_def.type_attr not in shown and len(tensors) > op_def.type_input:
        shown[op_def.type_attr] = tensors[op_def.type_input].dtype
    parts = []
    for key in sorted(shown):
        value = shown[key]
        if isinstance(value, dtypes.DType):
            text = "DT_" + value.base_dtype.proto_name.upper()
        elif isinstance(value, bool):
            text = "true" if value else "false"
        elif isinstance(value, (int, float)):
            text = str(value)
        elif isinstance(value, str):
            text = '"%s"' % value
        elif hasattr(value, "proto_str"):
            text = value.proto_str()
        else:
            continue
        parts.append("%s=%s" % (key, text))
    return "[%s]" % ", ".join(parts) if parts else ""
