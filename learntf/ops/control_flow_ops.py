"""Grouping ops: `tf.group`, `tf.no_op` (and, later, tf.cond).

`tf.global_variables_initializer()` is a `group` of every variable's initializer: one NoOp
node whose control inputs are the initializers (lesson 01 draws it).
"""
from learntf.framework.apply import apply_op
from learntf.framework.graph import Operation, Tensor, get_default_graph, name_scope
from learntf.framework.op_registry import register_op

register_op("NoOp", [], lambda: [], lambda: None, num_outputs=0,
            doc="Does nothing; its control inputs are what running it runs.")


def no_op(name=None):
    return apply_op("NoOp", [], {}, name or "NoOp")


def group(*inputs, name=None):
    """One op that, when run, runs all `inputs` (ops or tensors)."""
    deps = []
    for item in inputs:
        if isinstance(item, (list, tuple)):
            deps.extend(item)
        else:
            deps.append(item)
    ops = [item.op if isinstance(item, Tensor) else
           (item._as_graph_element().op if hasattr(item, "_as_graph_element") else item)
           for item in deps]
    for op in ops:
        if not isinstance(op, Operation):
            raise TypeError("'%r' is not an Operation or Tensor; tf.group takes ops and tensors."
                            % (op,))
    with get_default_graph().control_dependencies(ops):
        with name_scope(name, "group_deps") as scope:
            return no_op(name=scope)
