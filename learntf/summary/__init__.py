"""`tf.summary` (TF 2): write scalars, histograms, images, text and graphs for TensorBoard.

    writer = tf.summary.create_file_writer("logs/run-1")
    with writer.as_default():
        for step in range(100):
            tf.summary.scalar("loss", loss, step=step)

Then `tensorboard --logdir logs` shows them; without a TensorBoard server,
`learntf.viz.scalars(logdir)` plots the curves in the notebook.  Inside a `tf.function` the
summaries are written each time the function runs.

TF 1's summary ops and `FileWriter` (lesson 10) are `tf.compat.v1.summary` (v1.py).

Where to read: file_writer_v2.py (writers), summary_ops_v2.py (`write`, steps, `record_if`),
summary_v2.py (scalar, histogram, image, text), trace.py (`trace_on` / `trace_export`: the
graphs of tf.functions); for TF 1: summary_ops.py (the ops), writer.py (event files),
graph_proto.py (a graph as TensorBoard reads it), png.py (how an image is stored).
"""

import types

from learntf.summary import summary_ops as _summary_ops  # registers TF 1's ops too
from learntf.summary.file_writer_v2 import (
    SummaryWriter,
    create_file_writer,
    create_noop_writer,
    flush,
)
from learntf.summary.summary_ops_v2 import (
    get_step,
    record_if,
    set_step,
    should_record_summaries,
    write,
)
from learntf.summary.summary_v2 import histogram, image, scalar, summary_scope, text
from learntf.summary.trace import graph, trace_export, trace_off, trace_on

experimental = types.SimpleNamespace(
    get_step=get_step, set_step=set_step, summary_scope=summary_scope
)
del get_step, set_step, summary_scope, _summary_ops, types

__all__ = [
    "SummaryWriter",
    "create_file_writer",
    "create_noop_writer",
    "experimental",
    "flush",
    "graph",
    "histogram",
    "image",
    "record_if",
    "scalar",
    "should_record_summaries",
    "text",
    "trace_export",
    "trace_off",
    "trace_on",
    "write",
]

_TF1_NAMES = ("FileWriter", "merge", "merge_all", "Summary", "Event", "summary_iterator")


def __getattr__(name):
    if name in _TF1_NAMES:  # TF 1's names: not in TF 2's tf.summary, as in TensorFlow
        raise AttributeError(
            "module 'tensorflow._api.v2.summary' has no attribute '%s'\n(learntf: %s is TF 1's "
            "summary API: use tf.compat.v1.summary.%s, or `import learntf.compat.v1 as tf`; "
            "in TF 2, write with tf.summary.create_file_writer(logdir).)" % (name, name, name)
        )
    raise AttributeError("module 'learntf.summary' has no attribute %r" % name)
