"""`tf.config`: the switch that makes every tf.function run its Python code eagerly."""

from learntf.eager import def_function


def run_functions_eagerly(run_eagerly):
    """`tf.config.run_functions_eagerly(True)`: tf.function calls the Python function as it is
    written, op by op, with no trace and no graph (a debugging aid; print() runs every call)."""
    def_function.RUN_FUNCTIONS_EAGERLY = bool(run_eagerly)


def functions_run_eagerly():
    """Whether tf.config.run_functions_eagerly(True) is in effect."""
    return def_function.RUN_FUNCTIONS_EAGERLY
