"""The backward pass: one walk for `tf.gradients` (lesson 04) and GradientTape (lesson 18).

Reverse-mode differentiation visits the ops between the sources and the targets from the last
to the first.  An op may be visited once every op that used its outputs has sent it their
gradients.  Visiting it:

1. sums the gradients each output received (one `AddN` when there are several);
2. calls the op's gradient function -- one per op type, in gradient_functions.py -- which
   builds the gradients of its inputs from those of its outputs;
3. hands them to the inputs, and queues the producers that have now heard from every user.

Ops that became ready are visited first in, first out.  This is the order of TensorFlow's
`gradients_util` and of its C++ tape alike, which is why learntf's gradient graphs get TF's
names.  The two callers differ only in how they find the ops and where they build:

- `tf.gradients` walks the graph (ops/gradients_util.py): gradient ops go in `gradients/<op>_grad/`;
- GradientTape reads what it recorded (eager/tape.py), eagerly or inside tf.function, where
  gradient ops go in `gradient_tape/<the op's name scope>/`.

Tensors are keyed by `id`: the ops hold them, so ids stay unique while the pass runs.
"""

import collections

from learntf.framework.apply import apply_op
from learntf.framework.op_registry import (
    NoGradient,
    NoGradientInTensorFlow,
    library,
    lookup_gradient,
)


def backpropagate(ops, start, seeds, differentiate, keep):
    """Run the backward pass; return {id(tensor): summed gradient} for the tensors in `keep`.

    ops            every op between the sources and the targets, each once
    start          the ops to visit first, in order (those no op in `ops` uses)
    seeds          {id(target): [its gradient]}: what the pass starts from
    differentiate  `differentiate(op, output_gradients) -> input_gradients` for one op; it
                   decides the name scope and which outputs get zeros
    keep           ids of the tensors whose gradients the caller wants (the sources)
    """
    producers = {id(t): op for op in ops for t in op.outputs}
    uses = {}  # id(tensor) -> how many inputs of ops in `ops` it still has to hear from
    for op in ops:
        for t in op.inputs:
            uses[id(t)] = uses.get(id(t), 0) + 1
    waiting = dict.fromkeys(ops, 0)  # op -> how many of its used outputs are not done yet
    for key in uses:
        if key in producers:
            waiting[producers[key]] += 1
    grads = {key: list(values) for key, values in seeds.items()}
    queue = collections.deque(start)
    while queue:
        op = queue.popleft()
        out_grads = [_sum_received(grads, id(t), keep) for t in op.outputs]
        in_grads = differentiate(op, out_grads)
        for t, grad in zip(op.inputs, in_grads):
            key = id(t)
            if grad is not None:
                grads.setdefault(key, []).append(grad)
            uses[key] -= 1
            if uses[key] == 0 and key in producers:
                producer = producers[key]
                waiting[producer] -= 1
                if waiting[producer] == 0:
                    queue.append(producer)
    return {key: _sum(grads[key]) for key in keep if grads.get(key)}


def _sum_received(grads, key, keep):
    """The sum of what tensor `key` received, or None.  A source keeps its sum (more may come
    from ops visited later); anything else is done with."""
    received = grads.get(key)
    if not received:
        return None
    summed = _sum(received)
    if key in keep:
        grads[key] = [summed]
    else:
        del grads[key]
    return summed


def _sum(gradients):
    """One gradient from several: an AddN (TF's `_aggregate_grads` and `_AggregatedGrads`)."""
    if len(gradients) == 1:
        return gradients[0]
    if all(type(g) is library.IndexedSlices for g in gradients):  # (TF keeps them sparse)
        return library.sum_slices(gradients)
    return apply_op("AddN", [list(gradients)], {"N": len(gradients)}, "AddN")  # as tf.add_n


def call_gradient_function(op, out_grads, zeros_like, no_gradient_message, scope, gate=False):
    """`op`'s input gradients from its gradient function, or Nones when nothing reached it.

    zeros_like(tensor)    stands in for an output that received no gradient (None: the
                          gradient function takes None there)
    no_gradient_message   `no_gradient_message(op)`: the words of the LookupError raised when
                          the op type has no gradient and was not declared not differentiable
    scope                 the name scope the gradient ops go in (entered for the call only)
    gate                  tf.gradients' gate_gradients: no input gradient is used before all
                          of them are computed (a `tuple` of them)
    """
    missing = [g is None for g in out_grads]  # (no `None in out_grads`: == on tensors is an op)
    if all(missing):
        return [None] * len(op.inputs)
    grad_fn = op.op_def.gradient
    override = getattr(op, "_gradient_op_type", None)  # (gradient_override_map's name)
    if override is not None:
        try:
            grad_fn = lookup_gradient(override)
        except LookupError:  # (tf.gradients says the op has no gradient, as in TF)
            grad_fn = None
    if grad_fn is NoGradient:
        return [None] * len(op.inputs)
    if grad_fn is None or grad_fn is NoGradientInTensorFlow:
        raise LookupError(no_gradient_message(op))
    if any(missing):
        out_grads = [zeros_like(t) if g is None else g for g, t in zip(out_grads, op.outputs)]
    if not getattr(grad_fn, "takes_indexed_slices", False):  # (most take dense gradients)
        out_grads = [library.dense_gradient(g) for g in out_grads]
    with scope:
        in_grads = grad_fn(op, *out_grads)
        if type(in_grads) is not list:
            in_grads = list(in_grads) if isinstance(in_grads, tuple) else [in_grads]
        # (TF skips this check for While ops: their gradient adds inputs to them, the
        # accumulators of ops/while_v2.py, and returns gradients for the inputs they had)
        if len(in_grads) != len(op.inputs) and op.type not in ("While", "StatelessWhile"):
            raise ValueError(
                "Num gradients %d generated for op %s do not match num inputs %d"
                % (len(in_grads), op.name, len(op.inputs))
            )
        if gate and sum(g is not None for g in in_grads) > 1:
            in_grads = library.tuple(in_grads)
    return in_grads
