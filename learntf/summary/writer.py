"""`tf.summary.FileWriter` and `tf.train.summary_iterator`: event files for TensorBoard.

An event file (`events.out.tfevents.<time>.<hostname>`) is a sequence of records; each record is
one serialized `Event`: first the file version, then the graph (`add_graph`; a writer created
with a graph also writes it as a `MetaGraphDef`, as TF does) and one event per
`add_summary(summary, global_step)`.  TensorBoard draws a curve per tag with the event's step
on the x axis: without `global_step` every point lands on step 0.  Records use TFRecord
framing (length, CRC, data, CRC) and are buffered until `flush()`, `close()` or every
`flush_secs` seconds, as in TF.  Lesson 10 ("visualizing training") writes and reads one.
"""

import atexit
import os
import struct
import time

from learntf import errors
from learntf.framework import context
from learntf.serialization.tf_protos import protos


def _record_writer():
    from tensorboard.summary.writer.record_writer import RecordWriter  # frames + CRCs

    return RecordWriter


def open_event_file(logdir, suffix):
    """A new event file `events.out.tfevents.<time>.<hostname><suffix>` in `logdir` (made if
    missing), never overwriting an earlier one: (its path, a RecordWriter on it)."""
    import socket

    os.makedirs(logdir, exist_ok=True)
    name = "events.out.tfevents.%010d.%s%s" % (time.time(), socket.gethostname(), suffix)
    path = os.path.join(logdir, name)
    copy = 0
    while os.path.exists(path):  # two writers in one second: never overwrite the first
        copy += 1
        path = os.path.join(logdir, "%s.%d" % (name, copy))
    return path, _record_writer()(open(path, "wb"))


class FileWriter:
    """Writes summaries and graphs to an event file in `logdir` (created if missing).

    `max_queue` and `session` are accepted as in TF and not used: events are written at once
    to a buffered file, which is flushed every `flush_secs` seconds, by flush() and by close()."""

    def __init__(
        self,
        logdir,
        graph=None,
        max_queue=10,
        flush_secs=120,
        graph_def=None,
        filename_suffix=None,
        session=None,
    ):
        if context.executing_eagerly():
            raise RuntimeError(
                "v1.summary.FileWriter is not compatible with eager execution. Use "
                "`tf.summary.create_file_writer`,or a `with v1.Graph().as_default():` context"
                "\n" + context.GRAPH_MODE_HINT
            )
        self._pb = protos()
        self._logdir = str(logdir)
        self._path, self._records = open_event_file(self._logdir, filename_suffix or "")
        self._flush_secs = flush_secs
        self._last_flush = time.time()
        self._closed = False
        atexit.register(self.flush)  # unflushed events still reach the disk at exit
        self.add_event(
            self._pb.event_pb2.Event(wall_time=time.time(), file_version="brain.Event:2")
        )
        self.flush()
        if graph is not None or graph_def is not None:
            self.add_graph(graph, graph_def=graph_def)
            self.add_meta_graph(_meta_graph_of(graph, graph_def))  # TF writes both

    def get_logdir(self):
        return self._logdir

    def add_event(self, event):
        """Append one `Event` proto to the file."""
        if self._closed:
            raise RuntimeError(
                "Writer is closed.\n(learntf: create a new tf.summary.FileWriter "
                "after close(), or call close() only when you are done.)"
            )
        self._records.write(event.SerializeToString())
        if time.time() - self._last_flush >= self._flush_secs:
            self.flush()

    def add_summary(self, summary, global_step=None):
        """Write a summary (the bytes `sess.run(summary_op)` returned, or a Summary proto)
        at step `global_step` (0 if not given)."""
        if isinstance(summary, bytes):
            summary = self._pb.summary_pb2.Summary.FromString(summary)
        elif not hasattr(summary, "value"):
            raise AttributeError(
                "'%s' object has no attribute 'value'\n(learntf: add_summary() takes the value "
                "of a summary op, not the op itself: summary_str = sess.run(%s), then "
                "file_writer.add_summary(summary_str, step).)"
                % (type(summary).__name__, getattr(summary, "name", "summary_op"))
            )
        self.add_event(
            self._pb.event_pb2.Event(
                wall_time=time.time(), step=_step(global_step), summary=summary
            )
        )

    def add_graph(self, graph, global_step=None, graph_def=None):
        """Write a graph (learntf Graph, or a GraphDef proto) for TensorBoard's Graphs tab."""
        if graph is not None and graph_def is not None:
            raise ValueError("Please pass only graph, or graph_def (deprecated), but not both.")
        if graph is not None:
            from learntf.summary.graph_proto import graph_to_graph_def

            graph_def = graph_to_graph_def(graph) if hasattr(graph, "get_operations") else graph
        self.add_event(
            self._pb.event_pb2.Event(
                wall_time=time.time(),
                step=_step(global_step),
                graph_def=graph_def.SerializeToString(),
            )
        )

    def add_meta_graph(self, meta_graph_def, global_step=None):
        """Write a `MetaGraphDef` (as `tf.train.export_meta_graph()` returns it).  A writer
        created with a graph writes one right after the graph, as TF's does."""
        if type(meta_graph_def).__name__ != "MetaGraphDef":
            raise TypeError(
                "meta_graph_def must be type MetaGraphDef, saw type: %s" % type(meta_graph_def)
            )
        self.add_event(
            self._pb.event_pb2.Event(
                wall_time=time.time(),
                step=_step(global_step),
                meta_graph_def=meta_graph_def.SerializeToString(),
            )
        )

    def flush(self):
        """Write every buffered event to disk, so TensorBoard (or viz.scalars) can read it."""
        if not self._closed:
            self._records.flush()
            self._last_flush = time.time()

    def close(self):
        """Flush and close the file; the writer accepts no more events."""
        if not self._closed:
            self.flush()
            self._records.close()
            self._closed = True
            atexit.unregister(self.flush)

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()

    def __repr__(self):
        return "<learntf FileWriter %r%s>" % (self._path, " (closed)" if self._closed else "")


def _meta_graph_of(graph, graph_def):
    """The MetaGraphDef TF's FileWriter(logdir, graph) writes: the graph's GraphDef, with the
    collections of the default graph (TF builds it with create_meta_graph_def(graph_def=...))."""
    from learntf.serialization import graph_io, meta_graph

    if graph is not None and hasattr(graph, "get_operations"):
        graph_def = graph_io.as_graph_def(graph)
    else:  # a GraphDef proto (TensorBoard's, or learntf's own)
        graph_def = graph_io.GraphDef.FromString((graph or graph_def).SerializeToString())
    return meta_graph.export_meta_graph(graph_def=graph_def)


def _step(global_step):
    """The event's step: 0 when not given, as in TF (then a curve collapses onto step 0)."""
    if global_step is None:
        return 0
    if hasattr(global_step, "graph"):
        raise TypeError(
            "global_step must be a number, not the graph element %s\n(learntf: pass its value: "
            "step = sess.run(global_step), or tf.train.global_step(sess, global_step))."
            % getattr(global_step, "name", global_step)
        )
    return int(global_step)


def summary_iterator(path):
    """Yield the `Event` protos of one event file, in order.  (Read here, record by record,
    rather than by TensorBoard's loader, which reads through TensorFlow when it finds it.)"""
    event_class = protos().event_pb2.Event
    if not os.path.isfile(path):
        raise errors.NotFoundError(None, None, "%s; No such file or directory" % path)
    with open(path, "rb") as f:
        data = f.read()
    return (event_class.FromString(record) for record in _tf_records(data))


def _tf_records(data):
    """The records of a TFRecord file, each checked as TF's RecordReader checks it: its length
    (8 bytes, little-endian), the length's masked CRC-32C (4), the bytes, their masked CRC-32C
    (4).  Damage raises DataLossError in TF's words after the good records before it; a file
    that ends inside a length is read to there, as TF does."""
    position = 0
    while len(data) - position >= 12:
        length_bytes, length_crc = data[position : position + 8], data[position + 8 : position + 12]
        if not _crc_matches(length_bytes, length_crc):
            raise _damaged("corrupted record at %d" % position, position)
        (length,) = struct.unpack("<Q", length_bytes)
        start = position + 12
        if len(data) - start < length + 4:
            raise _damaged(
                "truncated record at %d' failed with Read less bytes than requested" % position,
                position,
            )
        if not _crc_matches(
            data[start : start + length], data[start + length : start + length + 4]
        ):
            raise _damaged("corrupted record at %d" % start, start)
        yield data[start : start + length]
        position = start + length + 4


def _crc_matches(payload, masked_crc):
    from learntf.train import crc32c  # (learntf.train imports this module)

    return crc32c.mask(crc32c.value(payload)) == struct.unpack("<I", masked_crc)[0]


def _damaged(words, position):
    suffix = " (Is this even a TFRecord file?)" if position == 0 else ""
    return errors.DataLossError(
        None,
        None,
        "%s%s\n(learntf: the file is damaged from byte %d on; the records before it were "
        "read.)" % (words, suffix, position),
    )
