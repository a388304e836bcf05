"""Replaying a learner's function on fresh data inside a graph (shared by the checks of units 16
and 17).

In a graph, tensors have no values until a session runs them, so a function that typed in the
exercise's numbers, or computed them in Python or NumPy from `.numpy()`, fails there; the graph
then shows which TensorFlow operations the function really used.
"""

from course.checks import fail
from course.checks.engine import tf2 as tf


def first_line(error):
    """The first line of a TensorFlow error, without its node and op decorations."""
    return str(error).splitlines()[0].split("}} ")[-1].split(" [Op:")[0] if str(error) else ""


def replay(function, make_inputs, name, advice):
    """Call `function` on inputs made by `make_inputs()` inside a new graph: (graph, outputs).
    `advice` tells the learner what to use instead, for the hint when it fails there."""
    graph = tf.Graph()
    with graph.as_default():
        inputs = make_inputs()
        try:
            outputs = function(*inputs)
        except Exception as error:  # any failure here is the learner's shortcut
            fail(
                f"the check runs {name} once more on other data, inside a graph (as lesson 16 "
                "builds one with `with graph.as_default()`), where tensors have no values until "
                f"a session runs them. There {name} raised {type(error).__name__}: "
                f"{first_line(error)} {advice}"
            )
    return graph, outputs


def op_types(graph):
    return {op.type for op in graph.get_operations()}


def run(graph, fetches):
    with tf.compat.v1.Session(graph=graph) as sess:
        return sess.run(fetches)
