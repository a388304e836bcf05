"""Which execution mode is active: graph building (TF1) or eager (TF2).

TensorFlow 1 builds a graph and runs it later in a Session; TensorFlow 2 runs each op at once.
learntf keeps one process-wide switch, like TF's `executing_eagerly()`.  Eager is the default,
as in TensorFlow 2; importing `learntf.compat.v1` (the TensorFlow 1 API) turns it off, as
TensorFlow 1 had it, and `tf.compat.v1.enable_eager_execution()` turns it back on.  Graph mode
is also forced inside `with tf.Graph().as_default():` blocks (lesson 09 compares the modes).
"""


class _Context:
    """The process-wide execution mode."""

    def __init__(self):
        self.eager_enabled = True    # TensorFlow 2's default
        self.graph_mode_depth = 0    # > 0 inside `Graph.as_default()` blocks


context = _Context()


def executing_eagerly():
    """True when ops run at once instead of being added to a graph."""
    return context.eager_enabled and context.graph_mode_depth == 0


def disable_eager_execution():
    """Build graphs and run them in sessions, as TensorFlow 1 does."""
    context.eager_enabled = False


def enable_eager_execution(config=None, device_policy=None, execution_mode=None):
    """Run ops at once instead of building graphs (the TensorFlow 2 default)."""
    context.eager_enabled = True


def enable_v2_behavior():
    enable_eager_execution()


def disable_v2_behavior():
    disable_eager_execution()
