"""`tf.autograph`: how tf.function turns Python `if`, `while` and `for` into graph control flow.

Read in this order:
- converter.py: the rewrite of the function's syntax tree, pass by pass, as TensorFlow's
  converters do it (templates.py builds the new code; analysis.py says which variables each
  statement carries);
- operators/: what the rewritten code calls (`ag__.if_stmt`, `ag__.while_stmt`, ...): plain
  Python for Python values, tf.cond / tf.while_loop for tensors, with TensorFlow's checks and
  errors; dataset_loop.py is `for x in dataset` (a ReduceDataset op);
- conversion.py: from a function to its source, to the converted function (compiled with the
  user's file and line numbers, so errors point at the user's code).

    tf.autograph.to_code(f)     the converted source, as TensorFlow prints it
    tf.autograph.to_graph(f)    the converted function
    tf.autograph.experimental.do_not_convert(f)
    tf.autograph.experimental.set_loop_options(shape_invariants=[(x, shape)])  in a loop body
"""

import functools

from learntf.autograph import ag_ctx, conversion
from learntf.eager.def_function import Function


def to_code(entity, recursive=True, experimental_optional_features=None):
    """The source code AutoGraph generates for `entity` (a function or a tf.function)."""
    return conversion.to_source(_python_function(entity))


def to_graph(entity, recursive=True, experimental_optional_features=None):
    """The converted function: call it inside a graph (or a tf.function) to build TF control
    flow for tensor conditions."""
    return conversion.convert(_python_function(entity))


def do_not_convert(func=None):
    """`@tf.autograph.experimental.do_not_convert`: tf.function traces `func` as it is written
    (a Python `if` on a tensor is then an error)."""
    if func is None:
        return do_not_convert

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        with ag_ctx.ControlStatusCtx(ag_ctx.Status.DISABLED):
            return func(*args, **kwargs)

    wrapper.__ag_do_not_convert__ = True
    return wrapper


def tf_convert(f, autograph):
    """What tf.function traces: the converted function, or (autograph=False) f itself with
    AutoGraph marked off.  (A method is traced as a partial of the function and its instance:
    the function is converted.)"""
    if isinstance(f, functools.partial):
        return functools.partial(tf_convert(f.func, autograph), *f.args, **f.keywords)
    if (getattr(f, "__module__", None) or "").split(".")[0] == "learntf":
        return f  # (learntf's own functions, e.g. Keras's train step, as TF leaves its own)
    if autograph:
        try:
            return conversion.convert(f)
        except conversion.ConversionError as e:
            from learntf.tf_logging import get_logger

            get_logger().warning(
                "AutoGraph could not transform %s and will run it as-is.\nCause: %s\nTo silence "
                "this warning, decorate the function with "
                "@tf.autograph.experimental.do_not_convert",
                f,
                e,
            )
            return f
    return do_not_convert(f)


def _python_function(entity):
    return getattr(entity, "python_function", entity)


class experimental:  # (a namespace, as tf.autograph.experimental)
    do_not_convert = staticmethod(do_not_convert)

    @staticmethod
    def set_loop_options(
        parallel_iterations=None, swap_memory=None, maximum_iterations=None, shape_invariants=None
    ):
        """Options of the loop whose body starts with this call: the converter takes them out
        of the body and passes them to the loop (converter.py, pass 0); called anywhere else it
        does nothing, as in TensorFlow."""


Function.converter = tf_convert  # tf.function converts before it traces (def_function.py)

__all__ = ["to_code", "to_graph", "do_not_convert", "experimental"]
