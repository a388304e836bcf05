"""Reverse-mode automatic differentiation: `tf.gradients(ys, xs)`.

`gradients` walks the graph backwards from `ys`, once, and adds ops that compute the gradient
of `sum(ys)` with respect to every tensor on the way — the "n_outputs + 1 traversals" of
reverse-mode autodiff (lesson 04).  Each op's gradient function (registered below, next to
nothing else) builds those ops with ordinary learntf ops, so the gradient graph can itself be
differentiated, drawn, and run by a Session like any other graph.
"""
from learntf.framework.apply import apply_op
from learntf.framework.constant_op import convert_to_tensor
from learntf.framework.graph import Tensor, name_scope
from learntf.framework.op_registry import NoGradient, get_op_def
from learntf.ops import math_ops
from learntf.ops.array_ops import ones, ones_like


def gradients(ys, xs, grad_ys=None, name="gradients", stop_gradients=None,
              colocate_gradients_with_ops=False, gate_gradients=False,
              aggregation_method=None, unconnected_gradients="none"):
    """Symbolic d(sum(ys))/d(x) for each x in xs; None for an x that ys do not depend on."""
    from learntf.framework import context
    if context.executing_eagerly():
        raise RuntimeError("tf.gradients is not supported when eager execution is enabled. Use "
                           "tf.GradientTape instead.\n" + context.GRAPH_MODE_HINT)
    ys = _as_list(ys)
    xs = _as_list(xs)
    ys = [convert_to_tensor(y) if not isinstance(y, Tensor) else y for y in ys]
    x_tensors = [_source_tensor(x) for x in xs]
    stop_ops = {t.op for t in _as_list(stop_gradients or [])}
    if grad_ys is None:
        grad_ys = [None] * len(ys)
    grad_ys = _as_list(grad_ys)
    with name_scope(name, "gradients"):
        between = _ops_between(ys, x_tensors, stop_ops)
        pending = {}  # tensor -> list of gradient contributions
        for i, (y, grad_y) in enumerate(zip(ys, grad_ys)):
            if grad_y is None:  # d(y)/d(y) = 1 for every element of y
                grad_y = (ones(y.shape.as_list(), dtype=y.dtype, name="grad_ys_%d" % i)
                          if y.shape.is_fully_defined() else ones_like(y, name="grad_ys_%d" % i))
            pending.setdefault(y, []).append(convert_to_tensor(grad_y, dtype=y.dtype))
        for op in reversed(between):
            out_grads = [_sum(pending.get(t)) for t in op.outputs]
            if all(g is None for g in out_grads) or op in stop_ops:
                continue
            grad_fn = op.op_def.gradient
            if grad_fn is NoGradient or grad_fn is None:
                if grad_fn is None and any(t.dtype.is_floating for t in op.inputs):
                    raise LookupError("No gradient defined for operation '%s' (op type: %s). "
                                      "(learntf: add one with learntf.framework.op_registry."
                                      "register_gradient('%s').)" % (op.name, op.type, op.type))
                continue
            with name_scope(op.name + "_grad"):
                out_grads = [g if g is not None else _zeros_for(t)
                             for g, t in zip(out_grads, op.outputs)]
                in_grads = grad_fn(op, *out_grads)
            if not isinstance(in_grads, (list, tuple)):
                in_grads = [in_grads]
            for tensor, grad in zip(op.inputs, in_grads):
                if grad is not None and _differentiable(tensor):
                    pending.setdefault(tensor, []).append(grad)
        results = []
        for x in x_tensors:
            grad = _sum(pending.get(x))
            if grad is None and unconnected_gradients == "zero":
                grad = _zeros_for(x) if x.dtype.name != "resource" else None
            results.append(grad)
    return results


def _source_tensor(x):
    """The graph tensor to differentiate with respect to: a variable's handle (captured into
    the graph being traced, for an eager variable inside tf.function), or x as a tensor."""
    handle = getattr(x, "handle", None)
    if handle is not None and hasattr(x, "assign"):
        return convert_to_tensor(handle) if not isinstance(handle, Tensor) else handle
    return convert_to_tensor(x)


def _as_list(value):
    return list(value) if isinstance(value, (list, tuple)) else [value]


def _differentiable(tensor):
    return tensor.dtype.is_floating or tensor.dtype.is_complex or tensor.dtype.name == "resource"


def _zeros_for(tensor):
    return math_ops.multiply(ones_like(tensor), 0) if tensor.dtype.name != "resource" else None


def _sum(grads):
    if not grads:
        return None
    if len(grads) == 1:
        return grads[0]
    return math_ops.add_n(grads)


def _ops_between(ys, xs, stop_ops):
    """Ops on a path from some x to some y, in topological (forward) order."""
    from_xs = set()
    consumers = {}
    graph = ys[0].graph
    for op in graph.get_operations():
        for t in op.inputs:
            consumers.setdefault(t.op, []).append(op)
    frontier = [x.op for x in xs]
    while frontier:
        op = frontier.pop()
        if op in from_xs or op in stop_ops:
            continue
        from_xs.add(op)
        frontier.extend(consumers.get(op, []))
    # backwards from ys, keeping ops reachable from xs
    order, seen = [], set()
    stack = [(y.op, False) for y in ys]
    while stack:
        op, expanded = stack.pop()
        if expanded:
            order.append(op)
            continue
        if op in seen:
            continue
        seen.add(op)
        stack.append((op, True))
        if op in stop_ops:
            continue
        for t in op.inputs:
            if t.op in from_xs and t.op not in seen:
                stack.append((t.op, False))
    return [op for op in order if op in from_xs]


def get_gradient_function(op):
    return get_op_def(op.type).gradient


def apply_like(op_type, value, like, name=None):
    """Helper ops whose output takes its shape from `like` (see gradient_ops.py)."""
    return apply_op(op_type, [value, like], {}, name or op_type)
