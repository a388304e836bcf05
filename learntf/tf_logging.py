"""`tf.get_logger()`: TensorFlow's Python logger, `logging.getLogger("tensorflow")`.

learntf logs there what TensorFlow logs there, with TensorFlow's words (tf.function's retracing
warning), so a program that watches or silences TensorFlow's logger works the same on both:
`tf.get_logger().setLevel("ERROR")`, or a `logging.Handler` added to it. Unlike TensorFlow,
learntf adds no handler of its own: with none configured, Python's logging prints warnings
to stderr.
"""

import logging


def get_logger():
    """TensorFlow's logger: the `logging` logger named "tensorflow"."""
    return logging.getLogger("tensorflow")


__all__ = ["get_logger"]
