"""One switch the tests share: learntf in TensorFlow 2's behaviour, or TF 1's, for one program.

The TF1 test modules call `tf.disable_v2_behavior()` when pytest imports them, so a test of TF 2
behaviour (eager execution, resource variables, TF 2's name scopes) must set it up itself."""

import contextlib


@contextlib.contextmanager
def learntf_behaviour(mode):
    """learntf switched to the behaviour the case's mode asks for (TF2's defaults, or
    TF1's after disable_v2_behavior()), then back to the mode it found.

    A process picks its mode once (TF2's enable_v2_behavior() refuses after a graph was built);
    the test process runs programs of both kinds, as conftest's v2_behavior fixture does, so it
    sets the process-wide switches of learntf/framework/context.py itself."""
    import learntf.compat.v1 as tf1
    from learntf.framework import context

    saved = dict(vars(context.context))
    defaults = vars(type(context.context)())  # a fresh context holds TF2's defaults
    vars(context.context).update(
        {key: value for key, value in defaults.items() if key != "graph_mode_depth"}
    )
    try:
        if mode == "v1":
            tf1.disable_v2_behavior()
        yield
    finally:
        vars(context.context).update(saved)
