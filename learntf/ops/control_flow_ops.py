"""Grouping ops (`tf.group`, `tf.no_op`) and the control-flow API (`tf.cond`, `tf.case`).

`tf.global_variables_initializer()` is a `group` of every variable's initializer: one NoOp
node whose control inputs are the initializers (lesson 01 draws it).
"""

import builtins

from learntf.framework import context
from learntf.framework.apply import apply_op
from learntf.framework.constant_op import convert_to_tensor
from learntf.framework.graph import Operation, Tensor, get_default_graph, name_scope
from learntf.framework.op_registry import register_op

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

    Eager mode simply calls one of them.  In a graph (TF1, or tf.function) both are traced into
    functions and one `If` op runs only the one the predicate picks (ops/cond_v2.py)."""
    if true_fn is None:
        raise TypeError("cond(): 'true_fn' argument required")
    if false_fn is None:
        raise TypeError("cond(): 'false_fn' argument required")
    if not callable(true_fn):
        raise TypeError("'true_fn' must be callable.")
    if not callable(false_fn):
        raise TypeError("'false_fn' must be callable.")
    if context.executing_eagerly():
        with name_scope(name, "cond"):
            result = true_fn() if bool(convert_to_tensor(pred)) else false_fn()
        if not strict and isinstance(result, (list, builtins.tuple)) and len(result) == 1:
            return result[0]
        return result
    if isinstance(pred, bool):
        raise TypeError("pred must not be a Python bool", pred)
    from learntf.ops import cond_v2

    return cond_v2.cond(pred, true_fn, false_fn, name)


def cond_for_tf_v2(pred, true_fn=None, false_fn=None, name=None):
    """TF 2's `tf.cond`: as compat.v1's, with `strict=True` (a one-element list stays one)."""
    return cond(pred, true_fn=true_fn, false_fn=false_fn, strict=True, name=name)


def switch_case(branch_index, branch_fns, default=None, name="switch_case"):
    """`branch_fns[branch_index]()`, or `default()` for any other index (a `Case` op)."""
    from learntf.ops import cond_v2

    return cond_v2.switch_case(branch_index, branch_fns, default, name)


def case(pred_fn_pairs, default=None, exclusive=False, strict=False, name="case"):
    """The function of the first (pred, fn) pair whose pred is true, else `default()`: built,
    as TF builds it, from nested tf.cond ops (the last pair innermost)."""
    pairs = list(pred_fn_pairs.items()) if isinstance(pred_fn_pairs, dict) else pred_fn_pairs
    for pair in pairs:
        if not isinstance(pair, builtins.tuple) or len(pair) != 2:
            raise TypeError("Each entry in pred_fn_pairs must be a 2-tuple")
        if not callable(pair[1]):
            raise TypeError("fn for pred %s must be callable." % pair[0])
    if default is None:
        if not pairs:
            raise ValueError("pred_fn_pairs must not be empty when default is None")
        *pairs, (_, default) = pairs  # (the last fn is the default, as TF)
    if context.executing_eagerly():
        with name_scope(name, "case"):
            for pred, fn in pairs:
                if bool(convert_to_tensor(pred)):
                    return fn()
            return default()
    with name_scope(name, "case"):
        result = default
        for pred, fn in reversed(pairs):
            result = _cond_branch(pred, fn, result)
        return result()


def _cond_branch(pred, fn, otherwise):
    return lambda: cond(pred, fn, otherwise, strict=True, name="cond")
