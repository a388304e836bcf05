"""`tf.compat.v1.logging`: TF 1's logging functions, on TensorFlow's Python logger.

They write to `logging.getLogger("tensorflow")` (learntf/tf_logging.py), as TensorFlow's do.
`tf.print(..., output_stream=tf.compat.v1.logging.info)` takes `info`, `warning`/`warn` and
`error` (and the level numbers) as streams: the text goes to stderr as a log line of TF's
C++ logging (learntf/ops/logging_ops.py).
"""

import logging as _logging

DEBUG, INFO, WARN, ERROR, FATAL = (
    _logging.DEBUG,
    _logging.INFO,
    _logging.WARN,
    _logging.ERROR,
    _logging.FATAL,
)


def _logger():
    return _logging.getLogger("tensorflow")


def log(level, msg, *args, **kwargs):
    _logger().log(level, msg, *args, **kwargs)


def debug(msg, *args, **kwargs):
    _logger().debug(msg, *args, **kwargs)


def info(msg, *args, **kwargs):
    _logger().info(msg, *args, **kwargs)


def warning(msg, *args, **kwargs):
    _logger().warning(msg, *args, **kwargs)


warn = warning


def error(msg, *args, **kwargs):
    _logger().error(msg, *args, **kwargs)


def fatal(msg, *args, **kwargs):
    _logger().fatal(msg, *args, **kwargs)


def get_verbosity():
    return _logger().getEffectiveLevel()


def set_verbosity(v):
    _logger().setLevel(v)


# The PrintV2 output stream each function stands for, when given to tf.print.
info.print_stream = "log(info)"
warning.print_stream = "log(warning)"
error.print_stream = "log(error)"
