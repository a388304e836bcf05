"""`tf.cond` and `tf.switch_case` as TensorFlow 2 builds them: one `If` (or `Case`) op.

Each branch is traced into a function graph of its own (ops/control_flow_util.py), and the
graph gets one op whose kernel evaluates the predicate and runs *only* the chosen branch's
function.  So a branch that is not taken has no effect at all: its variable updates, prints
and errors do not happen.  The op is `StatelessIf` when no branch has a stateful op, `If`
otherwise (and `StatelessCase` / `Case` for switch_case), as in TensorFlow.

Each output of the op then goes through an `Identity` (`cond/Identity`, `cond/Identity_1`),
as TF's cond_v2 does.

**Gradients** (`_branch_op_gradient`): the gradient of an If is another If on the same
predicate, whose branches are the gradient graphs of the forward branches.  A gradient graph
needs values computed inside its forward branch (the `x` of `d(x*x) = 2*x*dy`, say); the
forward op is rewritten to output them too (TF's "intermediates"), so the backward pass reads
the values the forward pass computed instead of computing them again.  The branch that was not
taken outputs zeros in their place.

In eager mode there is nothing to build: tf.cond calls one of the two Python functions.

learntf differs from TensorFlow in one place: after `tf.compat.v1.disable_v2_behavior()`, TF
builds TF1 control flow (`Switch` and `Merge` ops, where every op of a branch is in the outer
graph); learntf builds the same `If` op there as everywhere else.
"""

import itertools

import numpy as np

from learntf import dtypes, errors, nest
from learntf.eager.def_function import _as_output
from learntf.eager.func_graph import FuncGraph
from learntf.framework import context
from learntf.framework.apply import apply_op
from learntf.framework.constant_op import convert_to_tensor
from learntf.framework.graph import Tensor, get_default_graph, name_scope
from learntf.framework.op_registry import register_gradient, register_op
from learntf.ops import control_flow_util, list_ops
from learntf.ops.control_flow_util import (
    match_captures,
    pack_returned,
    same_graph_function,
    trace_function,
)

_function_ids = itertools.count(1)  # (TF's ops.uid(): function names are unique)


# -- the ops -----------------------------------------------------------------------------------
class _AnyInputAfterTheFirst:
    """The inputs that pass a TF1 reference variable itself into a branch (all but the
    predicate): an `Assign` inside a branch writes the variable, not a copy of its value."""

    def __contains__(self, position):
        return position > 0


def _branch_op_infer(selector, *inputs, Tout, output_shapes, **unused_attrs):
    return list(zip(Tout, output_shapes))


def _if_kernel(cond, *inputs, then_branch, else_branch, **unused_attrs):
    if np.ndim(cond) != 0:  # (TF runs an If as Switch and Merge ops, which say this)
        raise errors.InvalidArgumentError(
            None,
            None,
            "The second input must be a scalar, but it has shape %s\n(learntf: tf.cond picks "
            "one branch for the whole computation, so its condition must be a single bool; to "
            "choose element by element, use tf.where(condition, x, y).)" % list(np.shape(cond)),
        )
    taken = then_branch if bool(cond) else else_branch
    return list(taken.run_values(list(inputs)))


def _case_kernel(branch_index, *inputs, branches, **unused_attrs):
    # TF's Case: an index out of range runs the last branch (the default).
    index = int(branch_index)
    taken = branches[index] if 0 <= index < len(branches) else branches[-1]
    return list(taken.run_values(list(inputs)))


for _op_type, _kernel, _selector in (
    ("If", _if_kernel, "cond"),
    ("StatelessIf", _if_kernel, "cond"),
    ("Case", _case_kernel, "branch_index"),
    ("StatelessCase", _case_kernel, "branch_index"),
):
    _op_def = register_op(
        _op_type,
        [_selector, "input*"],
        _branch_op_infer,
        _kernel,
        num_outputs=None,
        stateful=not _op_type.startswith("Stateless"),
        type_attr=None,
    )
    _op_def.ref_inputs = _AnyInputAfterTheFirst()


# -- building ----------------------------------------------------------------------------------
def cond(pred, true_fn, false_fn, name=None):
    """tf.cond in a graph (TF1 or tf.function): an If op that runs one branch."""
    with name_scope(name, "cond") as scope:
        pred = convert_to_tensor(pred)
        if pred.shape.rank != 0:  # (TF squeezes a predicate whose rank is not known to be 0)
            from learntf.ops.array_ops import squeeze

            pred = squeeze(pred)
        prefix = scope.replace("/", "_")
        branches = [
            trace_function(
                "%s%s_%d" % (prefix, part, next(_function_ids)), fn, [], op_return_value=pred
            )
            for part, fn in (("true", true_fn), ("false", false_fn))
        ]
        _check_same_outputs("cond", branches)
        return _build_op("If", pred, branches, scope)


def switch_case(branch_index, branch_fns, default=None, name=None):
    """tf.switch_case: `branch_fns[branch_index]()`, `default()` (or the last) otherwise."""
    fns = _branch_functions(branch_fns, default)
    if context.executing_eagerly():
        index = int(convert_to_tensor(branch_index).numpy())
        return (fns[index] if 0 <= index < len(fns) else fns[-1])()
    with name_scope(name, "switch_case") as scope:
        branch_index = convert_to_tensor(branch_index, name="branch_index")
        if branch_index.dtype is not dtypes.int32:
            raise TypeError(
                "branch_index must be an int32 Tensor. Received: %r\n(learntf: cast it first, "
                "tf.cast(index, tf.int32).)" % (branch_index,)
            )
        prefix = scope.replace("/", "_")
        branches = [
            trace_function(
                "%sbranch%d_%d" % (prefix, i, next(_function_ids)),
                fn,
                [],
                op_return_value=branch_index,
            )
            for i, fn in enumerate(fns)
        ]
        _check_same_outputs("case", branches)
        with name_scope("indexed_case") as case_scope:
            return _build_op("Case", branch_index, branches, case_scope)


def _branch_functions(branch_fns, default):
    if isinstance(branch_fns, dict):
        keys = sorted(branch_fns)
        if keys != list(range(len(keys))):
            raise ValueError(
                "branch_fns keys must be a contiguous range of integers starting at 0 "
                "(learntf: got %r)" % (keys,)
            )
        branch_fns = [branch_fns[k] for k in keys]
    fns = [fn[1] if isinstance(fn, tuple) else fn for fn in branch_fns]
    if not fns:
        raise ValueError("Must provide at least one item in `branch_fns`.")
    for fn in fns + ([default] if default is not None else []):
        if not callable(fn):
            raise TypeError("fn for branch %r must be callable." % (fn,))
    return fns + [default] if default is not None else fns


def _build_op(kind, selector, branches, scope):
    """The If or Case op running `branches` (ConcreteFunctions), then an Identity per output.
    The op is named `scope` (and the Identities are inside it); with scope None, the op is
    named after its type and the Identities are beside it (TF's gradient ops).  Returns the
    outputs in the structure the first branch returned."""
    inputs = match_captures(branches)
    stateful = any(control_flow_util.is_stateful(b) for b in branches)
    op_type = kind if stateful else "Stateless" + kind
    outputs = branches[0].outputs
    attrs = {
        "Tin": [t.dtype for t in inputs],
        "Tout": [t.dtype for t in outputs],
        "output_shapes": _output_shapes(branches),
    }
    if kind == "If":
        attrs.update(Tcond=selector.dtype, then_branch=branches[0], else_branch=branches[1])
    else:
        attrs["branches"] = list(branches)
    op = apply_op(op_type, [selector, inputs], attrs, scope)
    outputs = list(op) if isinstance(op, (list, tuple)) else [op] if isinstance(op, Tensor) else []
    for output, branch_output in zip(outputs, branches[0].outputs):
        if output.dtype is dtypes.variant:  # (a TensorList keeps its element shape)
            list_ops.copy_handle_data(branch_output, output)
    if scope is None:
        results = [apply_op("Identity", [t], {}, "Identity") for t in outputs]
    else:
        with name_scope(None), name_scope(scope):
            results = [apply_op("Identity", [t], {}, "Identity") for t in outputs]
    flat = iter(results)
    values = [
        next(flat) if isinstance(t, Tensor) else t
        for t in nest.flatten(branches[0].structured_outputs)
    ]
    return pack_returned(branches[0], values)


def _output_shapes(branches):
    """Each output's shape: the most specific one every branch's output fits."""
    return [_output_shapes_of(outputs) for outputs in zip(*(b.outputs for b in branches))]


def _check_same_outputs(kind, branches):
    """TF's error when the branches return different structures, counts or dtypes."""
    first = branches[0]
    for index, other in enumerate(branches[1:], 1):
        try:
            nest.assert_same_structure(first.structured_outputs, other.structured_outputs)
        except (ValueError, TypeError) as exc:
            raise _different_outputs(kind, first, other, index, str(exc)) from None
        for a, b in zip(first.outputs, other.outputs):
            if a.dtype is not b.dtype:
                detail = "%s and %s have different types" % (a, b)
                raise _different_outputs(kind, first, other, index, detail)


def _different_outputs(kind, first, other, index, detail):
    first_name = "true_fn" if kind == "cond" else "branches[0]"
    other_name = "false_fn" if kind == "cond" else "branches[%d]" % index
    return TypeError(
        "%s and %s arguments to %s must have the same number, type, and overall structure of "
        "return values.\n\n%s output: %s\n%s output: %s\n\nError details:\n%s\n(learntf: "
        "make every branch return the same structure of tensors with the same dtypes, e.g. "
        "cast one branch's result with tf.cast.)"
        % (
            first_name,
            other_name,
            "tf.cond" if kind == "cond" else "tf.switch_case",
            first_name,
            first.structured_outputs,
            other_name,
            other.structured_outputs,
            detail,
        )
    )


# -- gradients ---------------------------------------------------------------------------------
class _GradientGraph(FuncGraph):
    """The gradient graph of one branch: built in the graph of the If op, it reads values of
    its forward branch (captured like outer tensors, then resolved to the forward op's inputs
    or new outputs)."""

    def __init__(self, name, forward_graph, outer_graph):
        super().__init__(name, outer_graph=outer_graph)
        self.forward_graph = forward_graph


def _branch_graphs_of(op):
    if op.type.endswith("If"):
        return [op.get_attr("then_branch"), op.get_attr("else_branch")]
    return list(op.get_attr("branches"))


@register_gradient("If")
@register_gradient("StatelessIf")
@register_gradient("Case")
@register_gradient("StatelessCase")
def _branch_op_gradient(op, *output_grads):
    """An If (Case) on the same selector whose branches differentiate the forward branches."""
    from learntf.ops.gradients_util import gradients, is_trainable

    op = getattr(op, "_op", op)  # (the op itself, not the tape's view of it: it is rewritten)
    forward = _branch_graphs_of(op)
    outer = get_default_graph()
    grad_graphs = []
    for function in forward:
        name = "%s_grad_%d" % (function.name, next(_function_ids))
        graph = _GradientGraph(name, function.graph, outer)
        ys, seeds = [], []
        with graph.as_default():
            for y, grad in zip(function.outputs, output_grads):
                if grad is not None and is_trainable(y):
                    ys.append(y)
                    seeds.append(graph.capture(grad))
            grads = gradients(ys, function.inputs, grad_ys=seeds) if ys else []
        grad_graphs.append((graph, grads or [None] * len(function.inputs)))
    _zeros_for_missing_gradients(forward, grad_graphs)
    kept = [i for i in range(len(op.inputs) - 1) if any(g[i] is not None for _, g in grad_graphs)]
    if not kept:
        return [None] * len(op.inputs)
    _output_intermediates(op, forward, [graph for graph, _ in grad_graphs])
    grad_functions = []
    for graph, grads in grad_graphs:
        outputs = [grads[i] for i in kept]
        with graph.as_default():
            outputs = [_as_output(t) for t in outputs]
        graph.add_automatic_control_deps(outputs)
        graph.structured_outputs = outputs
        grad_functions.append(same_graph_function(graph, outputs))
    kind = "If" if op.type.endswith("If") else "Case"
    results = _build_op(kind, op.inputs[0], grad_functions, None)
    input_grads = [None] * len(op.inputs)
    for i, result in zip(kept, results):
        input_grads[i + 1] = result
    return input_grads


def _zeros_for_missing_gradients(forward, grad_graphs):
    """Where one branch gives an input a gradient and another gives None, the other gives
    zeros (TF's _create_zeros_for_none_grads): every branch must output the same tensors."""
    from learntf.ops import array_ops

    count = len(forward[0].inputs)
    for i in range(count):
        given = [grads[i] for _, grads in grad_graphs if grads[i] is not None]
        if not given:
            continue
        for (graph, grads), function in zip(grad_graphs, forward):
            if grads[i] is None:
                with graph.as_default():
                    source = function.inputs[i]
                    if source.dtype is dtypes.resource:  # a variable: zeros of its shape
                        shape = function.graph.resource_shapes.get(source)
                        grads[i] = array_ops.zeros(shape.as_list(), dtype=given[0].dtype)
                    else:
                        grads[i] = array_ops.zeros_like(source)


def _output_intermediates(op, forward, grad_graphs):
    """Resolve what each gradient graph read from its forward branch: a branch input is the
    If's input; any other value becomes a new output of the forward If (every branch outputs
    it: the branch that computed it, and zeros from the others), as TF's cond_v2 rewrites the
    forward op.  Each gradient graph's captures then name tensors of the If's own graph."""
    from learntf.ops import array_ops

    needed = [[] for _ in forward]  # per branch: its forward tensors that become outputs
    for index, (graph, function) in enumerate(zip(grad_graphs, forward)):
        for tensor, _ in graph.captures:
            if tensor.graph is function.graph and not _among(tensor, function.inputs):
                if not _among(tensor, function.outputs + needed[index]):
                    needed[index].append(tensor)
    if any(needed):
        new_outputs = []
        for index, function in enumerate(forward):
            extra = []
            for other, tensors in enumerate(needed):
                for tensor in tensors:
                    if other == index:
                        extra.append(tensor)
                    else:  # (this branch did not compute it: a zero of its dtype)
                        with function.graph.as_default(), name_scope(None):
                            extra.append(array_ops.zeros([], dtype=tensor.dtype))
            new_outputs.append(list(function.outputs) + extra)
        rewritten = [same_graph_function(f.graph, outs) for f, outs in zip(forward, new_outputs)]
        for old, new in zip(forward, rewritten):
            new._name = old.name + "_rewritten"  # (as TF renames the function it rewrites)
        first_new = len(forward[0].outputs)
        op._add_outputs(
            [
                (outs[0].dtype, _output_shapes_of(outs))
                for outs in zip(*(o[first_new:] for o in new_outputs))
            ]
        )
        if op.type.endswith("If"):
            op._set_attr("then_branch", rewritten[0])
            op._set_attr("else_branch", rewritten[1])
        else:
            op._set_attr("branches", rewritten)
        op._set_attr("Tout", [t.dtype for t in rewritten[0].outputs])
        op._set_attr("output_shapes", _output_shapes(rewritten))
        forward = rewritten
    for graph, function in zip(grad_graphs, forward):
        resolved = []
        for tensor, placeholder in graph.captures:
            if tensor.graph is function.graph:
                if _among(tensor, function.inputs):
                    tensor = op.inputs[1 + _position(tensor, function.inputs)]
                else:
                    tensor = op.outputs[_position(tensor, function.outputs)]
            resolved.append((tensor, placeholder))
        graph.set_captures(resolved)
        graph.forward_graph = None


def _among(tensor, tensors):  # (not `in`: == on tensors makes an op)
    return any(tensor is t for t in tensors)


def _position(tensor, tensors):
    return [t is tensor for t in tensors].index(True)


def _output_shapes_of(tensors):
    shape = tensors[0].shape
    for other in tensors[1:]:
        shape = shape.most_specific_compatible_shape(other.shape)
    return shape
