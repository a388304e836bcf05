"""Grouping ops: `tf.group`, `tf.no_op` (and, later, tf.cond).

`tf.global_variables_initializer()` is a `group` of every variable's initializer: one NoOp
node whose control inputs are the initializers (lesson 01 draws it).
"""

import builtins

from learntf import errors
from learntf.framework import context
from learntf.framework.apply import apply_op
from learntf.framework.constant_op import convert_to_tensor
from learntf.framework.graph import Operation, Tensor, get_default_graph, name_scope
from learntf.framework.op_registry import register_op
from learntf.ops import array_ops

# Does nothing; its control inputs are what running it runs.
register_op("NoOp", [], lambda: [], lambda: None, num_outputs=0)


def no_op(name=None):
    return apply_op("NoOp", [], {}, name or "NoOp")


def group(*inputs, name=None):
    """One op that, when run, runs all `inputs` (ops or tensors).  (Eager: nothing to do.)"""
    if context.executing_eagerly():
        return None
    deps = []
    for item in inputs:
        if isinstance(item, (list, builtins.tuple)):
            deps.extend(item)
        else:
            deps.append(item)
    ops = [
        item.op
        if isinstance(item, Tensor)
        else (item._as_graph_element().op if hasattr(item, "_as_graph_element") else item)
        for item in deps
    ]
    for op in ops:
        if not isinstance(op, Operation):
            raise TypeError(
                "'%r' is not an Operation or Tensor; tf.group takes ops and tensors." % (op,)
            )
    with get_default_graph().control_dependencies(ops):
        with name_scope(name, "group_deps") as scope:
            return no_op(name=scope)


def with_dependencies(dependencies, output_tensor, name=None):
    """`output_tensor`, passed through an Identity that first waits for `dependencies`."""
    with name_scope(name, "control_dependency") as scope:
        with get_default_graph().control_dependencies(dependencies):
            return apply_op("Identity", [output_tensor], {}, scope)


def tuple(tensors, control_inputs=None, name=None):  # TF's name
    """The same tensors, each available only once all of them are computed.

    `minimize()` gates each op's input gradients this way (gate_gradients=GATE_OP), so no
    update starts before every gradient of that op is ready: one NoOp `group_deps` waits for
    them all, and each tensor comes back through an Identity `control_dependency` on it."""
    if context.executing_eagerly():
        return tensors
    with name_scope(name, "tuple"):
        gating_ops = {t.op for t in tensors if t is not None}
        gating_ops.update(c.op if isinstance(c, Tensor) else c for c in control_inputs or [])
        if not gating_ops:
            raise ValueError("'tensors' must have at least one Tensor. Received: %r." % (tensors,))
        gate = group(*sorted(gating_ops, key=lambda op: op._id))
        return [with_dependencies([gate], t) if t is not None else None for t in tensors]


def cond(pred, true_fn=None, false_fn=None, strict=False, name=None):
    """`true_fn()` if pred else `false_fn()`.

    Eager mode simply calls one of them.  In a graph, learntf builds both branches and selects
    with tf.where, so both run every time: branches must therefore be free of side effects
    (assignments, random numbers), which learntf checks."""
    if true_fn is None or false_fn is None:
        raise TypeError("cond(): true_fn and false_fn arguments are both required.")
    if context.executing_eagerly():
        return true_fn() if bool(pred) else false_fn()

    pred = convert_to_tensor(pred)
    if pred.shape.rank is not None and pred.shape.rank != 0:
        # TensorFlow's If op fails when it runs; learntf's select would silently go element-wise.
        raise errors.InvalidArgumentError(
            None,
            None,
            "The second input must be a scalar, but it has shape %s\n(learntf: tf.cond "
            "picks one branch for the whole computation, so its condition must be a single bool; "
            "to choose element by element, use tf.where(condition, x, y).)"
            % list(pred.shape.as_list()),
        )
    graph = get_default_graph()
    with name_scope(name, "cond") as scope:
        before = len(graph.get_operations())
        with name_scope("true"):
            true_value = true_fn()
        with name_scope("false"):
            false_value = false_fn()
        for op in graph.get_operations()[before:]:
            if op.op_def.stateful:
                raise NotImplementedError(
                    "learntf's graph-mode tf.cond runs both branches, so a branch may not "
                    "contain stateful ops such as %s (%s); compute them outside the cond."
                    % (op.name, op.type)
                )
        return array_ops.where(pred, true_value, false_value, name=scope)
