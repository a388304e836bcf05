"""TensorFlow's error classes, as `tf.errors` names them.

TensorFlow raises an `OpError` subclass when something goes wrong while a graph *runs*
(an uninitialized variable, a missing feed, a bad value), and plain Python errors
(`ValueError`, `TypeError`) when something is wrong while a graph is *built*.  learntf keeps
that split so a learner's `except` clauses work unchanged on real TensorFlow.

Messages start with TensorFlow's own wording, then add what TensorFlow leaves out: the path
that led to the problem and the most likely fix.  Lesson 01 shows the first ones a learner meets.
"""

import math


def before_hint(message, text):
    """`message` with `text` (where it happened: ` [Op:Cumsum]`, `[[{{node c}}]]`) put right
    after TensorFlow's words, as TF places it, so learntf's "(learntf: ...)" hint stays last."""
    words, marker, hint = message.partition("\n(learntf:")
    return words + text + marker + hint


class OperatorNotAllowedInGraphError(TypeError):
    """A Python operation that needs a tensor's value (bool(), iteration) on a graph tensor."""


class OpError(Exception):
    """An error raised while running an op; carries the op (if known) and an error code."""

    error_code = 2  # UNKNOWN

    def __init__(self, node_def=None, op=None, message=""):
        super().__init__(message)
        self.node_def = node_def
        self.op = op
        self.message = message

    def __str__(self):
        return self.message

    def __reduce__(self):
        return (type(self), (self.node_def, None, self.message))


class CancelledError(OpError):
    error_code = 1


class UnknownError(OpError):
    error_code = 2


class InvalidArgumentError(OpError):
    error_code = 3


class DeadlineExceededError(OpError):
    error_code = 4


class NotFoundError(OpError):
    error_code = 5


class AlreadyExistsError(OpError):
    error_code = 6


class PermissionDeniedError(OpError):
    error_code = 7


class ResourceExhaustedError(OpError):
    error_code = 8


class FailedPreconditionError(OpError):
    error_code = 9


class AbortedError(OpError):
    error_code = 10


class OutOfRangeError(OpError):
    error_code = 11


class UnimplementedError(OpError):
    error_code = 12


class InternalError(OpError):
    error_code = 13


class UnavailableError(OpError):
    error_code = 14


class DataLossError(OpError):
    error_code = 15


class UnauthenticatedError(OpError):
    error_code = 16


# -- tensors too big for the machine -------------------------------------------------------------
def from_memory_error(error):
    """NumPy's MemoryError (which carries the shape and dtype it failed to allocate) as TF's
    ResourceExhaustedError."""
    shape, dtype = getattr(error, "shape", None), getattr(error, "dtype", None)
    if shape is None or dtype is None:
        return ResourceExhaustedError(None, None, "OOM when allocating tensor")
    return out_of_memory(shape, dtype, "what the machine could give")


def out_of_memory(shape, numpy_dtype, limit):
    """TF allocator's ResourceExhaustedError for a tensor bigger than `limit` (words)."""
    from learntf import dtypes

    words = "OOM when allocating tensor with shape[%s] and type %s on %s by allocator cpu" % (
        ",".join(map(str, shape)),
        dtypes.as_dtype(numpy_dtype).proto_name,
        "/job:localhost/replica:0/task:0/device:CPU:0",
    )
    gib = math.prod(shape) * numpy_dtype.itemsize / 2**30
    hint = "(learntf: it needs %.1f GiB, more than %s; check the shape's numbers.)" % (gib, limit)
    return ResourceExhaustedError(None, None, words + "\n" + hint)
