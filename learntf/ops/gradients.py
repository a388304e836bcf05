"""Reverse-mode automatic differentiation: `tf.gradients(ys, xs)` (lesson 04).

`gradients` adds to the graph the ops that compute d(sum(ys))/dx for every x, walking backwards
from the ys exactly as TensorFlow's `gradients_util` does, so the gradient graph has TF's ops,
names and order (what TensorBoard shows on real TF is what learntf draws):

1. **Which ops lie between.**  Mark every op reachable forwards from the xs (through float
   tensors), then walk backwards from the ys, breadth first; the ops met on both walks are the
   ones to differentiate.  `pending` counts, for each of them, how many of its consumers still
   have to send it a gradient.
2. **Walk backwards.**  An op is ready once every consumer has sent its gradient.  Its output
   gradients are summed (one `AddN` when a tensor was used more than once), then its gradient
   function -- one per op type, in `gradient_functions.py` -- builds the input gradients inside
   the name scope `gradients/<op>_grad/`.
3. **Hand the results on** to the op's inputs, and queue every input op that became ready.

The gradient functions are written with ordinary learntf ops, so the gradient graph can itself
be differentiated, drawn, and run by a Session like any other graph; GradientTape (eager mode,
eager/tape.py) calls the same functions.
"""
import collections

from learntf.framework import context
from learntf.framework.constant_op import convert_to_tensor
from learntf.framework.graph import Tensor, name_scope
from learntf.framework.op_registry import NoGradient, get_op_def
from learntf.ops import array_ops, control_flow_ops, math_ops

# Dtypes whose tensors carry gradients (TF's backprop_util.IsTrainable).
_TRAINABLE = {"float16", "bfloat16", "float32", "float64", "complex64", "complex128",
              "resource", "variant"}


def gradients(ys, xs, grad_ys=None, name="gradients", colocate_gradients_with_ops=False,
              gate_gradients=False, aggregation_method=None, stop_gradients=None,
              unconnected_gradients="none"):
    """Symbolic d(sum(ys))/d(x) for each x in xs; None for an x that ys do not depend on."""
    if context.executing_eagerly():
        raise RuntimeError("tf.gradients is not supported when eager execution is enabled. Use "
                           "tf.GradientTape instead.\n" + context.GRAPH_MODE_HINT)
    if unconnected_gradients not in ("none", "zero"):
        raise ValueError("Unknown value for unconnected_gradients: '%s'" % unconnected_gradients)
    ys = [y if isinstance(y, Tensor) else convert_to_tensor(y) for y in _as_list(ys)]
    xs = [_source_tensor(x) for x in _as_list(xs)]
    stop_ops = {t.op for t in _as_list(stop_gradients or [])}
    grad_ys = _as_list(grad_ys) if grad_ys is not None else [None] * len(ys)
    with name_scope(name, "gradients"):
        grad_ys = _default_grad_ys(grad_ys, ys)
        to_ops, from_ops = [y.op for y in ys], [x.op for x in xs]
        reachable_to_ops, pending = _pending_counts(to_ops, from_ops)
        grads = {}  # op -> one list of gradient contributions per output
        for y, grad_y in zip(ys, grad_ys):
            _add_grad(grads, y, grad_y)
        queue = collections.deque()
        for op in to_ops:
            if pending[op] == 0 and op in reachable_to_ops and op not in queue:
                queue.append(op)
        stop_ops |= _stop_ops(from_ops, pending)
        while queue:
            op = queue.popleft()
            in_grads = _backprop_op(op, _aggregated_grads(grads, op), stop_ops, gate_gradients)
            for t_in, in_grad in zip(op.inputs, in_grads):
                if in_grad is not None:
                    if isinstance(in_grad, Tensor) and t_in.dtype.name != "resource":
                        in_grad.set_shape(t_in.shape)
                    _add_grad(grads, t_in, in_grad)
            for t_in in op.inputs:  # one consumer fewer to wait for
                pending[t_in.op] -= 1
                if pending[t_in.op] == 0:
                    queue.append(t_in.op)
    return [_final_grad(grads, x, unconnected_gradients) for x in xs]


def _backprop_op(op, out_grads, stop_ops, gate_gradients):
    """The gradients for `op`'s inputs, built by its gradient function (or Nones)."""
    no_grads = [None] * len(op.inputs)
    if all(g is None for g in out_grads) or op in stop_ops:
        return no_grads
    grad_fn = op.op_def.gradient
    if grad_fn is None:
        raise LookupError(
            "No gradient defined for operation'%s' (op type: %s). In general every operation "
            "must have an associated `@tf.RegisterGradient` for correct autodiff, which this op "
            "is lacking. If you want to pretend this operation is a constant in your program, "
            "you may insert `tf.stop_gradient`.\n(learntf: register one with learntf.framework."
            "op_registry.register_gradient('%s'), or wrap the input in tf.stop_gradient.)"
            % (op.name, op.type, op.type))
    if grad_fn is NoGradient:
        return no_grads
    # An output the ys do not depend on still needs a gradient: zero.
    out_grads = [array_ops.zeros_like(t, optimize=False) if g is None and is_trainable(t) else g
                 for g, t in zip(out_grads, op.outputs)]
    with name_scope(op.name + "_grad"):
        in_grads = _as_list(grad_fn(op, *out_grads))
        if len(in_grads) != len(op.inputs):
            raise ValueError("Num gradients %d generated for op %s do not match num inputs %d"
                             % (len(in_grads), op.name, len(op.inputs)))
        if gate_gradients and sum(g is not None for g in in_grads) > 1:
            in_grads = control_flow_ops.tuple(in_grads)
    return in_grads


def _default_grad_ys(grad_ys, ys):
    """d(y)/d(y) = 1 for every element of y, unless the caller gave grad_ys."""
    result = []
    for i, (y, grad_y) in enumerate(zip(ys, grad_ys)):
        if grad_y is None:
            grad_y = array_ops.ones(array_ops.shape(y), dtype=y.dtype, name="grad_ys_%d" % i)
        else:
            grad_y = math_ops.identity(convert_to_tensor(grad_y, dtype=y.dtype, name="grad_y"),
                                       name="grad_ys_%d" % i)
        result.append(grad_y)
    return result


def _pending_counts(to_ops, from_ops):
    """The to_ops reachable from from_ops, and for each op between them how many of its
    consumers (also between) will send it a gradient."""
    consumers = _consumers(to_ops[0].graph) if to_ops else {}
    reached = set()
    queue = collections.deque(from_ops)
    while queue:  # forwards from the xs, through tensors that carry gradients
        op = queue.popleft()
        if op not in reached:
            reached.add(op)
            for output in op.outputs:
                if is_trainable(output):
                    queue.extend(consumers.get(output, ()))
    reachable_to_ops = {op for op in to_ops if op in reached}
    between, between_list = set(), []
    queue = collections.deque(to_ops)
    while queue:  # backwards from the ys, keeping what the forward walk reached
        op = queue.popleft()
        if op in reached:
            between.add(op)
            between_list.append(op)
            reached.remove(op)  # visit each op once
            queue.extend(t.op for t in op.inputs)
    pending = collections.defaultdict(int)
    for op in between_list:
        for t in op.inputs:
            if t.op in between:
                pending[t.op] += 1
    return reachable_to_ops, pending


def _stop_ops(from_ops, pending):
    """The from_ops that no other from_op feeds: backprop ends there."""
    return {op for op in from_ops if not any(pending[t.op] > 0 for t in op.inputs)}


def _consumers(graph):
    consumers = {}
    for op in graph.get_operations():
        for t in op.inputs:
            consumers.setdefault(t, []).append(op)
    return consumers


def _add_grad(grads, tensor, grad):
    per_output = grads.setdefault(tensor.op, [[] for _ in tensor.op.outputs])
    per_output[tensor.value_index].append(grad)


def _aggregated_grads(grads, op):
    """One gradient per output of `op`: the sum of what its consumers sent (one AddN, in the
    `gradients/` scope), or None.  The sums replace the lists, so an x's gradient is read later."""
    per_output = grads.setdefault(op, [[] for _ in op.outputs])
    for i, contributions in enumerate(per_output):
        if len(contributions) > 1:
            per_output[i] = [math_ops.add_n(contributions)]
    return [contributions[0] if contributions else None for contributions in per_output]


def _final_grad(grads, x, unconnected_gradients):
    per_output = grads.get(x.op)
    grad = per_output[x.value_index][0] if per_output and per_output[x.value_index] else None
    if grad is None and unconnected_gradients == "zero" and x.dtype.name != "resource":
        grad = array_ops.zeros_like(x)
    return grad


def is_trainable(tensor):
    """Whether gradients flow through `tensor` (its dtype is floating, complex or a handle)."""
    return getattr(tensor.dtype, "base_dtype", tensor.dtype).name in _TRAINABLE


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


def get_gradient_function(op):
    return get_op_def(op.type).gradient
