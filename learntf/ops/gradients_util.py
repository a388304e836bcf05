"""`tf.gradients(ys, xs)`: reverse-mode differentiation in graph mode (lesson 04).

`gradients` adds to the graph the ops that compute d(sum(ys))/dx for every x, as TensorFlow's
`gradients_util` does, so the gradient graph has TF's ops, names and order (what TensorBoard
shows on real TF is what learntf draws):

1. **Which ops lie between.**  Mark every op reachable forwards from the xs (through tensors
   that carry gradients), then walk backwards from the ys; the ops met on both walks are the
   ones to differentiate.
2. **The backward pass** (ops/backprop.py, shared with GradientTape) visits them from the ys
   back, summing each tensor's gradients with `AddN`; each op's gradient function -- one per op
   type, in gradient_functions.py -- builds its input gradients in `gradients/<op>_grad/`.
   Backprop ends at the xs.

The gradient functions are written with ordinary learntf ops, so the gradient graph can itself
be differentiated, drawn, and run by a Session like any other graph.
"""

from learntf import dtypes
from learntf.framework import context
from learntf.framework.apply import apply_op
from learntf.framework.constant_op import convert_to_tensor
from learntf.framework.graph import Tensor, name_scope
from learntf.framework.graph_walk import dependency_order
from learntf.framework.op_registry import library
from learntf.ops.backprop import backpropagate, call_gradient_function

# Dtypes whose tensors carry gradients: TF's backprop_util.IsTrainable, less bfloat16 (which
# learntf lacks); variant for TensorLists (ops/list_ops.py), whose gradients are lists.
_TRAINABLE_DTYPES = {dtypes.float16, dtypes.float32, dtypes.float64, dtypes.complex64}
_TRAINABLE_DTYPES = frozenset(
    _TRAINABLE_DTYPES | {dtypes.complex128, dtypes.resource, dtypes.variant}
)


def gradients(
    ys,
    xs,
    grad_ys=None,
    name="gradients",
    colocate_gradients_with_ops=False,
    gate_gradients=False,
    aggregation_method=None,
    stop_gradients=None,
    unconnected_gradients="none",
):
    """Symbolic d(sum(ys))/d(x) for each x in xs; None for an x that ys do not depend on."""
    if context.executing_eagerly():
        raise RuntimeError(
            "tf.gradients is not supported when eager execution is enabled. Use "
            "tf.GradientTape instead.\n" + context.GRAPH_MODE_HINT
        )
    if unconnected_gradients not in ("none", "zero"):
        raise ValueError("Unknown value for unconnected_gradients: '%s'" % unconnected_gradients)
    ys = [y if isinstance(y, Tensor) else convert_to_tensor(y) for y in _as_list(ys)]
    xs = [_source_tensor(x) for x in _as_list(xs)]
    grad_ys = _as_list(grad_ys) if grad_ys is not None else [None] * len(ys)
    with name_scope(name, "gradients"):
        grad_ys = _default_grad_ys(grad_ys, ys)
        to_ops, from_ops = [y.op for y in ys], [x.op for x in xs]
        between = _ops_between(to_ops, from_ops)
        stop_ops = {t.op for t in _as_list(stop_gradients or [])}
        stop_ops |= {op for op in from_ops if not any(t.op in between for t in op.inputs)}
        seeds = {}
        for y, grad_y in zip(ys, grad_ys):
            seeds.setdefault(id(y), []).append(grad_y)

        def differentiate(op, out_grads):
            if op in stop_ops:
                return [None] * len(op.inputs)
            in_grads = call_gradient_function(
                op,
                out_grads,
                _zeros_for_missing,
                _no_gradient_message,
                name_scope(op.name + "_grad"),
                gate=gate_gradients,
            )
            for i, (t, grad) in enumerate(zip(op.inputs, in_grads)):
                if isinstance(grad, Tensor) and t.dtype.name != "resource":
                    try:
                        grad.set_shape(t.shape)
                    except ValueError:  # (a gradient function's mistake: TF's words)
                        raise ValueError(
                            "Incompatible shapes between op input and calculated input "
                            "gradient. Forward operation: %s. Input index: %d. Original input "
                            "shape: %s. Calculated input gradient shape: %s"
                            % (op.name, i, t.shape, grad.shape)
                        ) from None
            return in_grads

        grads = backpropagate(
            between, _first_ops(to_ops, between), seeds, differentiate, keep={id(x) for x in xs}
        )
    return [_final_grad(grads, x, unconnected_gradients) for x in xs]


def _zeros_for_missing(tensor):
    """An output the ys do not depend on still needs a gradient: zeros (if it carries one)."""
    return library.zeros_like(tensor, optimize=False) if is_trainable(tensor) else None


def _no_gradient_message(op):
    return (
        "No gradient defined for operation'%s' (op type: %s). In general every operation "
        "must have an associated `@tf.RegisterGradient` for correct autodiff, which this op "
        "is lacking. If you want to pretend this operation is a constant in your program, "
        "you may insert `tf.stop_gradient`.\n(learntf: register one with learntf.framework."
        "op_registry.register_gradient('%s'), or wrap the input in tf.stop_gradient.)"
        % (op.name, op.type, op.type)
    )


def _first_ops(to_ops, between):
    """The ys' ops that no op between uses: the backward pass starts from them, in ys order."""
    used = {t.op for op in between for t in op.inputs}
    first = []
    for op in to_ops:
        if op in between and op not in used and op not in first:
            first.append(op)
    return first


def _default_grad_ys(grad_ys, ys):
    """d(y)/d(y) = 1 for every element of y, unless the caller gave grad_ys."""
    result = []
    for i, (y, grad_y) in enumerate(zip(ys, grad_ys)):
        if grad_y is None:
            grad_y = library.ones(library.shape(y), dtype=y.dtype, name="grad_ys_%d" % i)
        else:
            grad_y = convert_to_tensor(grad_y, dtype=y.dtype, name="grad_y")
            grad_y = apply_op("Identity", [grad_y], {}, "grad_ys_%d" % i)  # as tf.identity
        result.append(grad_y)
    return result


def _ops_between(to_ops, from_ops):
    """The ops reachable forwards from from_ops (through tensors that carry gradients) that
    also reach to_ops."""
    consumers = _consumers(to_ops[0].graph) if to_ops else {}

    def users(op):  # forwards, through outputs that carry gradients
        return [user for t in op.outputs if is_trainable(t) for user in consumers.get(t, ())]

    reached = set(dependency_order(from_ops, users))

    def producers(op):  # backwards, keeping what the forward walk reached
        return [t.op for t in op.inputs if t.op in reached]

    return set(dependency_order([op for op in to_ops if op in reached], producers))


def _consumers(graph):
    consumers = {}
    for op in graph.get_operations():
        for t in op.inputs:
            consumers.setdefault(t, []).append(op)
    return consumers


def _final_grad(grads, x, unconnected_gradients):
    grad = grads.get(id(x))
    if grad is None and unconnected_gradients == "zero" and x.dtype.name != "resource":
        grad = library.zeros_like(x)
    return grad


def is_trainable(tensor):
    """Whether gradients flow through `tensor` (its dtype is floating, complex or a handle)."""
    return tensor.dtype.base_dtype in _TRAINABLE_DTYPES


def _source_tensor(x):
    """The graph tensor to differentiate with respect to: a variable's handle (captured into
    the graph being traced, for an eager variable inside tf.function), a TF1 reference
    variable's own tensor (`w:0`, whose value ops read through `w/read`), or x as a tensor."""
    if hasattr(x, "_ref"):
        return x._ref()
    handle = getattr(x, "handle", None)
    if handle is not None and hasattr(x, "assign"):
        return convert_to_tensor(handle) if not isinstance(handle, Tensor) else handle
    return convert_to_tensor(x)


def _as_list(value):
    return list(value) if isinstance(value, (list, tuple)) else [value]
