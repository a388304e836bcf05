"""Small graph-reading helpers shared by the checks of units 01 and 02 (graphs, sessions)."""

import re

from course.checks.engine import tf1 as tf

VARIABLE_OP_TYPES = ("VarHandleOp", "VariableV2")


def ops_needed(tensor):
    """Every op `tensor` depends on (itself included), following data and control inputs."""
    seen, stack = [], [tensor.op]
    while stack:
        op = stack.pop()
        if op in seen:
            continue
        seen.append(op)
        stack.extend(t.op for t in op.inputs)
        stack.extend(op.control_inputs)
    return seen


def variable_ops(graph_or_tensor):
    ops = (
        graph_or_tensor.get_operations()
        if isinstance(graph_or_tensor, tf.Graph)
        else ops_needed(graph_or_tensor)
    )
    return [op for op in ops if op.type in VARIABLE_OP_TYPES]


def base_name(op_name):
    """'x_2' -> 'x': the name asked for, before the graph made it unique."""
    return re.sub(r"_\d+$", "", op_name)


def is_closed(session):
    """A closed session refuses to run anything, even nothing (RuntimeError), as in TensorFlow."""
    try:
        session.run([])
    except RuntimeError:
        return True
    return False


def value_in_fresh_session(tensor):
    """`tensor`'s value in a new session of its graph, with every variable it needs initialized
    by that variable's own initializer (this adds nothing to the learner's graph)."""
    wanted = {op.name for op in variable_ops(tensor)}
    variables = [
        v for v in tensor.graph.get_collection(tf.GraphKeys.GLOBAL_VARIABLES) if v.op.name in wanted
    ]
    session = tf.Session(graph=tensor.graph)
    try:
        session.run([v.initializer for v in variables])
        return session.run(tensor)
    finally:
        session.close()
