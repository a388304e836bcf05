"""What tf.cond and tf.while_loop share: Python functions traced into nested function graphs.

TensorFlow 2's control flow (cond_v2, while_v2) does not put a branch's ops into the graph
that holds the cond.  It traces each branch (or a loop's condition and body) into a function
graph of its own, and the graph gets one op -- `If`, `While` -- whose attrs are those functions
and whose kernel runs one of them.  That is why a branch that is not taken does nothing at all:
its ops are in a function that is never called.

A branch may use any tensor of the graph around it.  Its function graph is *nested* in that
graph (`FuncGraph(name, outer_graph=...)`), and such a tensor is captured: it becomes a
placeholder inside, and the control-flow op takes the outer tensor as an input, after its own
arguments (learntf/eager/func_graph.py).
"""

from learntf import nest
from learntf.eager.def_function import ConcreteFunction, _as_output
from learntf.eager.func_graph import FuncGraph, TensorSpec, graph_placeholder
from learntf.framework import context
from learntf.framework.apply import apply_op
from learntf.framework.constant_op import convert_to_tensor
from learntf.framework.graph import Operation, Tensor, get_default_graph
from learntf.ops import tensor_array_ops


def trace_function(
    name, python_fn, arg_specs, arg_names=None, op_return_value=None, top_level=False
):
    """`python_fn(*placeholders)` traced into a function graph nested in the default graph.

    One placeholder per TensorSpec of `arg_specs`.  Returns a ConcreteFunction: `.inputs` are
    the placeholders then those of the captured tensors, `.captured_inputs` the outer tensors
    the op that calls it passes after its arguments, `.outputs` the flat output tensors (each
    returned value made a tensor, through an Identity) and `.structured_outputs` their
    structure.  A returned op (`tf.no_op()`, an assign's op) is replaced, as in TF, by
    `op_return_value` (a cond's predicate) read after the op ran.  `top_level`: a function of
    its own, as tf.function's (tf.data's map functions in eager mode), not nested in a graph."""
    graph = FuncGraph(name, outer_graph=None if top_level else get_default_graph())
    if not top_level:
        inherit_name_scope(graph)
    arg_names = arg_names or ["arg%d" % i for i in range(len(arg_specs))]
    with graph.as_default():
        arguments = [
            graph_placeholder(spec.dtype, spec.shape, spec.name or arg_name)
            for spec, arg_name in zip(arg_specs, arg_names)
        ]
        graph.inputs.extend(arguments)
        returned = python_fn(*arguments)
        if op_return_value is not None:
            returned = nest.map_structure(lambda x: _op_to_value(x, op_return_value), returned)
        # each returned value a tensor (a TensorArray its flow); inside tf.function through an
        # Identity, as TF's automatic control dependencies return it
        as_tensor = _as_output if _in_function(graph) else _as_tensor
        flat = [as_tensor(x) for x in tensor_array_ops.flatten(returned)]
        outputs = nest.pack_sequence_as(returned, flat)
    graph.add_automatic_control_deps([t for t in flat if isinstance(t, Tensor)])
    graph.structured_outputs = outputs
    specs = [TensorSpec(t.shape, t.dtype, n) for t, n in zip(arguments, arg_names)]
    function = _named(ConcreteFunction(graph, list(arg_names), specs, outputs, []))
    function.returned_structure = returned  # (with its TensorArrays: see `pack_returned`)
    return function


def pack_returned(function, flat_values):
    """The values an op running `function` gives, in the structure the Python function
    returned: a TensorArray comes back as a TensorArray around its flow."""
    structure = getattr(function, "returned_structure", function.structured_outputs)
    return tensor_array_ops.pack_sequence_as(structure, flat_values)


def _op_to_value(value, op_return_value):
    if not isinstance(value, Operation):
        return value
    with get_default_graph().control_dependencies([value]):
        return apply_op("Identity", [op_return_value], {}, "Identity")


def _in_function(graph):
    while graph.outer_graph is not None:
        graph = graph.outer_graph
    return isinstance(graph, FuncGraph)


def _as_tensor(value):
    """A returned value as a tensor (one from outside captured); a TF1 variable's reference
    (`AssignAdd:0`, float32_ref) as its value (a function returns values)."""
    if value is None:
        return None
    value = value if isinstance(value, Tensor) else convert_to_tensor(value)
    graph = get_default_graph()
    if value.graph is not graph:  # a tensor from outside, returned as it is
        value = graph.capture(value)
    if value.dtype._is_ref_dtype:
        value = apply_op("Identity", [value], {}, "Identity")
    return value


def _named(function):
    function._name = function.graph.name  # (TF names a branch's FunctionDef `cond_true_4`)
    return function


def inherit_name_scope(graph):
    """Inside a tf.function (TF 2: eager outside functions) a branch or loop body starts in the
    name scope of the op that runs it (`while/add`); in a graph (TF 1, or TF 2's API in a
    tf.Graph) it starts at the top (TF's ControlFlowFuncGraph)."""
    if context.context.eager_enabled and _in_function(graph.outer_graph):
        graph._name_stack = graph.outer_graph.get_name_scope()


def match_captures(functions):
    """Make traced functions take the same captured inputs, in the same order.

    An `If` op passes one list of inputs to whichever branch it runs, so each branch function
    must accept every tensor that any branch captured (TF's cond_v2 does the same): a branch
    gets a placeholder, unused, for each tensor only another branch uses.  Returns that list
    of outer tensors: the op's inputs after its arguments."""
    shared = []
    for function in functions:
        for outer, _ in function.graph.captures:
            if not any(outer is seen for seen in shared):
                shared.append(outer)
    for function in functions:
        graph = function.graph  # (capture: an unused placeholder where this one lacked it)
        graph.set_captures([(outer, graph.capture(outer)) for outer in shared])
    return shared


def same_graph_function(graph, outputs, arg_names=()):
    """A ConcreteFunction over a nested graph traced already, with these outputs (the forward
    branch of a cond once its gradient needs intermediate values too)."""
    specs = [TensorSpec(t.shape, t.dtype, n) for t, n in zip(graph.inputs, arg_names)]
    return _named(ConcreteFunction(graph, list(arg_names), specs, list(outputs), []))


def is_stateful(function):
    """Whether running `function` has effects (TF then uses If/While, not StatelessIf/...)."""
    return any(op.op_def.stateful for op in function.graph.get_operations())
