"""`and`, `or`, `not` in converted code (TF's autograph/operators/logical.py): each operand
after the first is a function, so it runs only when needed, inside a tf.cond for tensors."""

from learntf.autograph.operators.control_flow import _cond, _is_graph_tensor


# -- and, or, not ------------------------------------------------------------------------------
def and_(a, b):
    """`a and b`, each given as a function: b runs only if needed, in a tf.cond for tensors."""
    a_value = a()
    if _is_graph_tensor(a_value):
        return _cond(a_value, b, lambda: a_value)
    return a_value and b()


def or_(a, b):
    """`a or b`, as and_."""
    a_value = a()
    if _is_graph_tensor(a_value):
        return _cond(a_value, lambda: a_value, b)
    return a_value or b()


def not_(a):
    """`not a`: tf.logical_not for a tensor."""
    if _is_graph_tensor(a):
        from learntf.ops import math_ops

        return math_ops.logical_not(a)
    return not a
