"""Which execution mode is active: graph building (TF1) or eager (TF2).

TensorFlow 1 builds a graph and runs it later in a Session; TensorFlow 2 runs each op at once.
learntf keeps one process-wide switch, like TF's `executing_eagerly()`.  Eager is the default,
as in TensorFlow 2, and importing `learntf.compat.v1` leaves it on, as importing
`tensorflow.compat.v1` does.  A TF1 program turns it off with `tf.disable_v2_behavior()` (or
`tf.disable_eager_execution()`) right after the import, as it must on TensorFlow 2; lesson 01
explains why.  Graph mode is also forced inside `with tf.Graph().as_default():` blocks (lesson 14
compares the modes) and while `tf.function` traces.  Such a block holds for the thread that
entered it, as in TF: another thread starts outside it.
"""

import threading

# The learntf line added to TensorFlow's words when a TF1-only call meets eager execution.
GRAPH_MODE_HINT = (
    "(learntf: this is TensorFlow 1's graph API. Call "
    "tf.compat.v1.disable_v2_behavior() right after the imports to build graphs and "
    "run them in sessions, as TF1 programs must on TensorFlow 2.)"
)


class PerThreadStack(threading.local):
    """A stack that each thread sees its own copy of, innermost last.

    TensorFlow keeps the default graph, the default session and the recording tapes per
    thread: a new thread starts outside every `with` block that other threads are in, and
    two threads building graphs never add ops to each other's."""

    def __init__(self):
        self.items = []

    def __bool__(self):
        return bool(self.items)

    def __iter__(self):
        return iter(self.items)

    def append(self, item):
        self.items.append(item)

    def remove(self, item):
        """Remove the innermost entry for `item` (an InteractiveSession's need not be on top)."""
        for i in range(len(self.items) - 1, -1, -1):
            if self.items[i] is item:
                del self.items[i]
                return True
        return False

    def top(self):
        return self.items[-1] if self.items else None


class _ThreadState(threading.local):
    """The part of the execution mode each thread keeps for itself, as TF's context does."""

    def __init__(self):
        self.graph_mode_depth = 0  # > 0 inside `Graph.as_default()` blocks
        self.eager_name_scope = ""  # "a/b/" inside eager `tf.name_scope("a")`, then "b"


_this_thread = _ThreadState()


def _per_thread(name):
    """A `_Context` attribute read from and written to the calling thread's `_ThreadState`."""
    return property(
        lambda self: getattr(_this_thread, name),
        lambda self, value: setattr(_this_thread, name, value),
    )


class _Context:
    """The execution mode: process-wide switches, and per thread the graph depth and scope."""

    graph_mode_depth = _per_thread("graph_mode_depth")
    eager_name_scope = _per_thread("eager_name_scope")

    def __init__(self):
        self.eager_enabled = True  # TensorFlow 2's default
        # TensorFlow 2 makes resource variables; disable_v2_behavior() (or
        # tf.compat.v1.disable_resource_variables()) switches tf.compat.v1.Variable and
        # get_variable to TF1's reference variables in graphs (learntf/ops/ref_variable.py).
        self.resource_variables = True
        # TensorFlow 2's control flow; with it, GradientTape builds a graph's gradient ops in
        # the name scope `gradient_tape/` (disable_v2_behavior() turns it off, as in TF).
        self.control_flow_v2 = True
        self.v2_tensorshape = True  # False: TF 1's shapes, `(?, 3)` and Dimensions


context = _Context()


def executing_eagerly():
    """True when ops run at once instead of being added to a graph."""
    return context.eager_enabled and _this_thread.graph_mode_depth == 0


def disable_eager_execution():
    """Build graphs and run them in sessions, as TensorFlow 1 does."""
    context.eager_enabled = False


def enable_eager_execution(config=None, device_policy=None, execution_mode=None):
    """Run ops at once instead of building graphs (the TensorFlow 2 default).

    As in TensorFlow, a program picks its mode at startup: once it has built ops in the global
    default graph, it can't switch back to eager execution (its tensors and session would
    belong to neither world)."""
    if not context.eager_enabled:
        from learntf.framework import graph

        if graph.global_default_graph_used():
            raise ValueError(
                "tf.enable_eager_execution must be called at program startup.\n(learntf: this "
                "program already built a graph after disable_v2_behavior() or "
                "disable_eager_execution(); run TensorFlow 2 code in a program, or a notebook "
                "kernel, that does not switch eager execution off.)"
            )
    context.eager_enabled = True


def enable_v2_behavior():
    """TensorFlow 2's defaults: eager execution on, resource variables."""
    enable_eager_execution()
    context.resource_variables = True
    context.control_flow_v2 = context.v2_tensorshape = True


def disable_v2_behavior():
    """TensorFlow 1's defaults, for TF1 programs run on TensorFlow 2: build graphs, run sessions,
    and make TF1 reference variables (VariableV2, Assign, Identity) in them.

    (TensorFlow also switches tensor equality and control flow v2 back to their TF1 forms here;
    learntf has one form of each.)  Shapes take TF 1's form: `(?, 3)`, and `shape[1].value`."""
    disable_eager_execution()
    context.resource_variables = False
    context.control_flow_v2 = context.v2_tensorshape = False
