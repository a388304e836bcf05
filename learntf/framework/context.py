"""Which execution mode is active: graph building (TF1) or eager (TF2).

TensorFlow 1 builds a graph and runs it later in a Session; TensorFlow 2 runs each op at once.
learntf keeps one process-wide switch, like TF's `executing_eagerly()`.  Graph mode is also
forced inside `with tf.Graph().as_default():` blocks (lesson 09 compares the two modes).
"""


class _Context:
    """The process-wide execution mode."""

    def __init__(self):
        self.eager_enabled = False   # the TF2 default turns this on when eager mode exists
        self.graph_mode_depth = 0    # > 0 inside `Graph.as_default()` blocks


context = _Context()


def executing_eagerly():
    """True when ops run at once instead of being added to a graph."""
    return context.eager_enabled and context.graph_mode_depth == 0


def disable_eager_execution():
    """Build graphs and run them in sessions, as TensorFlow 1 does."""
    context.eager_enabled = False


def enable_eager_execution(config=None, device_policy=None, execution_mode=None):
    raise NotImplementedError(
        "Eager execution is not available in this version of learntf yet; "
        "use graphs and sessions (lessons 01-08).")
