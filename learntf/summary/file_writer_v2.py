"""TF 2's summary writers: `tf.summary.create_file_writer`, `as_default`, `flush`, `close`.

A writer is a resource, like a variable's storage: `SummaryWriterResource` holds the event file
(TF's SummaryFileWriter) and the events queued for it, and a `tf.function` that writes
summaries captures its handle.  `with writer.as_default():` makes it the writer that
`tf.summary.write` (summary_ops_v2.py) uses, and flushes it at the end of the block.  The file
is named `events.out.tfevents.<time>.<host>.<pid>.<n>.v2` and starts with the file version and
the name of TF's events writer, as TensorFlow writes it.
"""

import atexit
import itertools
import os
import time
import weakref

from learntf import dtypes, errors
from learntf.eager.func_graph import init_scope
from learntf.framework import context
from learntf.framework.apply import apply_op
from learntf.framework.execute import EagerTensor, to_eager
from learntf.framework.graph import control_dependencies
from learntf.framework.op_registry import no_gradient_in_tensorflow, register_op
from learntf.serialization.tf_protos import protos
from learntf.summary.summary_ops_v2 import _check_not_tf1_graph, _state, _text
from learntf.summary.writer import open_event_file

_WRITER_SOURCE = "tensorflow.core.util.events_writer"  # TF's events writer names itself so
_FILE_COUNTER = itertools.count()  # the <n> of the file name, per process, as in TF
_ANONYMOUS_NAMES = itertools.count()  # a resource made eagerly is "_AnonymousVar<n>" in TF
_LIVE_WRITERS = weakref.WeakSet()  # flushed at exit


class SummaryWriterResource:
    """The state behind one TF 2 writer (TF's SummaryFileWriter): an event file and a queue.

    Events wait in the queue until more than `max_queue` are there, `flush_millis` have passed,
    or `flush()` / `close()` / the end of a `with writer.as_default():` block."""

    shape = None  # (a tf.function asks a captured resource for its value's shape: none here)

    def __init__(self, logdir, max_queue, flush_millis, filename_suffix):
        pb = protos()  # (first: without tensorboard, the ImportError says what to install)
        suffix = ".%d.%d%s" % (os.getpid(), next(_FILE_COUNTER), filename_suffix)
        self.path, self._records = open_event_file(logdir, suffix)
        self._max_queue, self._flush_seconds = max_queue, flush_millis / 1000.0
        self._queue, self._last_flush, self.closed = [], time.time(), False
        self.name = "_AnonymousVar%d" % next(_ANONYMOUS_NAMES)
        event = pb.event_pb2.Event(wall_time=float(int(time.time())))
        event.file_version = "brain.Event:2"
        event.source_metadata.writer = _WRITER_SOURCE
        self._records.write(event.SerializeToString())
        self._records.flush()
        _LIVE_WRITERS.add(self)

    def write_event(self, event):
        if self.closed:
            raise errors.NotFoundError(
                None,
                None,
                "Resource localhost/%s/N10tensorflow22SummaryWriterInterfaceE does not exist."
                "\n(learntf: this writer was closed, or deleted with its Python object: keep "
                "the writer in a variable that outlives the tf.function, e.g. create it outside "
                "the function, and create a new one after close().)" % self.name,
            )
        self._queue.append(event.SerializeToString())
        if (
            len(self._queue) > self._max_queue
            or time.time() - self._last_flush > self._flush_seconds
        ):
            self.flush()

    def flush(self):
        if not self.closed:
            for record in self._queue:
                self._records.write(record)
            self._queue = []
            self._records.flush()
            self._last_flush = time.time()

    def close(self):
        if not self.closed:
            self.flush()
            self._records.close()
            self.closed = True


def _flush_all_at_exit():
    for resource in list(_LIVE_WRITERS):
        resource.flush()


atexit.register(_flush_all_at_exit)


# FlushSummaryWriter and CloseSummaryWriter call the writer's flush / close.
for _op_type, _method in (("FlushSummaryWriter", "flush"), ("CloseSummaryWriter", "close")):
    register_op(
        _op_type,
        ["writer"],
        lambda writer: [],
        lambda writer, _method=_method: getattr(writer, _method)(),
        num_outputs=0,
        stateful=True,
        type_attr=None,
    )
    no_gradient_in_tensorflow(_op_type)


# -- the writers ------------------------------------------------------------------------------
class SummaryWriter:
    """`tf.summary.SummaryWriter`: what every writer offers."""

    def set_as_default(self, step=None):
        """Make this the default writer (and `step` the default step) until changed."""
        self.as_default(step).__enter__()

    def as_default(self, step=None):
        """`with writer.as_default(step=None):` summaries inside go to this writer; the
        writer is flushed when the block ends."""
        return _DefaultWriter(self, step)

    def init(self):
        raise NotImplementedError()

    def flush(self):
        raise NotImplementedError()

    def close(self):
        raise NotImplementedError()


class _DefaultWriter:
    def __init__(self, writer, step):
        self._writer, self._step = writer, step

    def __enter__(self):
        self._old_writer, _state.writer = _state.writer, self._writer
        if self._step is not None:
            self._old_step, _state.step = _state.step, self._step
        return self._writer

    def __exit__(self, *exc_info):
        try:
            _state.writer.flush()
        except Exception:
            if exc_info[0] is None:  # (an error from the block is the one to report)
                raise
        finally:
            _state.writer = self._old_writer
            if self._step is not None:
                _state.step = self._old_step
        return False


class ResourceSummaryWriter(SummaryWriter):
    """A writer to an event file (what `tf.summary.create_file_writer` returns)."""

    def __init__(self, resource):
        self._resource = EagerTensor(resource, dtypes.resource)  # captured by tf.function
        self._closed = False

    def _check_open(self):
        if self._closed and context.executing_eagerly():
            raise RuntimeError("SummaryWriter %r is already closed" % self)

    def as_default(self, step=None):
        self._check_open()
        return super().as_default(step)

    def __del__(self):
        # As in TF, the resource goes with the Python writer (its events flushed first): a
        # tf.function that created a writer while tracing, and kept only its handle, fails.
        try:
            self._resource._value.close()
        except Exception:  # (at interpreter exit, the file may be gone already)
            pass

    def set_as_default(self, step=None):
        self._check_open()
        super().set_as_default(step)

    def init(self):
        """The writer is ready when created (learntf runs TF 2 writers eagerly)."""
        self._check_open()

    def flush(self):
        """Write the queued events to disk."""
        if self._closed and context.executing_eagerly():
            return None
        _check_not_tf1_graph()
        return apply_op("FlushSummaryWriter", [self._resource], {}, "FlushSummaryWriter")

    def close(self):
        """Flush and close the event file; summaries written to it afterwards fail."""
        if self._closed and context.executing_eagerly():
            return None
        try:
            with control_dependencies([self.flush()]):
                return apply_op("CloseSummaryWriter", [self._resource], {}, "CloseSummaryWriter")
        finally:
            if context.executing_eagerly():
                self._closed = True


class NoopSummaryWriter(SummaryWriter):
    """A writer that writes nothing (`tf.summary.create_noop_writer()`)."""

    def set_as_default(self, step=None):
        pass

    def as_default(self, step=None):
        return _Nothing()

    def init(self):
        pass

    def flush(self):
        pass

    def close(self):
        pass


class _Nothing:
    def __enter__(self):
        return None

    def __exit__(self, *exc_info):
        return False


def create_file_writer(
    logdir,
    max_queue=None,
    flush_millis=None,
    filename_suffix=None,
    name=None,
    experimental_trackable=False,
    experimental_mesh=None,
):
    """`tf.summary.create_file_writer`: a writer to a new event file in `logdir` (created if
    missing).  Called inside a tf.function, the writer is still made eagerly, once, as in TF."""
    if logdir is None:
        raise ValueError("Argument `logdir` cannot be None")
    inside_function = not context.executing_eagerly()
    with init_scope():
        for arg_name, arg in (
            ("logdir", logdir),
            ("max_queue", max_queue),
            ("flush_millis", flush_millis),
            ("filename_suffix", filename_suffix),
        ):
            if hasattr(arg, "graph") and not isinstance(arg, EagerTensor):
                where = "inside an @tf.function" if inside_function else "to eagerly executed"
                raise ValueError(
                    "Invalid graph Tensor argument '%s=%s' to create_file_writer() %s."
                    % (arg_name, arg, where)
                )
        if not isinstance(logdir, (str, bytes, os.PathLike, EagerTensor)):
            # TF converts the logdir to a string tensor: a number is refused (TypeError)
            to_eager(logdir, dtypes.string)
        resource = SummaryWriterResource(
            _text(_plain(logdir)),
            10 if max_queue is None else int(_plain(max_queue)),
            120000 if flush_millis is None else int(_plain(flush_millis)),
            ".v2" if filename_suffix is None else _text(_plain(filename_suffix)),
        )
    return ResourceSummaryWriter(resource)


def _plain(value):
    return value.numpy() if isinstance(value, EagerTensor) else value


def create_noop_writer():
    """`tf.summary.create_noop_writer()`: a writer whose summaries go nowhere."""
    return NoopSummaryWriter()


def flush(writer=None, name=None):
    """`tf.summary.flush(writer=None)`: flush `writer`, or the default writer."""
    if writer is None:
        writer = _state.writer
        if writer is None:
            return None if context.executing_eagerly() else apply_op("NoOp", [], {}, "NoOp")
    if isinstance(writer, SummaryWriter):
        return writer.flush()
    raise ValueError("Invalid argument to flush(): %r" % (writer,))
