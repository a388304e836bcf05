"""`tf.summary` (TF1): record values while training and write them for TensorBoard.

    mse_summary = tf.summary.scalar('MSE', mse)                # a summary op in the graph
    file_writer = tf.summary.FileWriter(logdir, tf.get_default_graph())
    ...
    file_writer.add_summary(mse_summary.eval(feed_dict=...), step)
    file_writer.close()

Then `tensorboard --logdir tf_logs` shows the curves, images and the graph; without a
TensorBoard server, `learntf.viz.scalars(logdir)` plots the curves in the notebook.  Lesson 07
("visualizing training") teaches this.  Summaries need the optional `tensorboard` package
(`pip install tensorboard`); it is imported only when a summary is made, written or read.

Where to read: summary_ops.py (the ops and their kernels), writer.py (event files),
graph_proto.py (a graph as TensorBoard reads it), png.py (how an image is stored).
"""

from learntf.summary.summary_ops import histogram, image, merge, merge_all, scalar
from learntf.summary.writer import FileWriter, summary_iterator

__all__ = [
    "scalar",
    "histogram",
    "image",
    "merge",
    "merge_all",
    "FileWriter",
    "summary_iterator",
    "Summary",
    "Event",
]


def __getattr__(name):
    # tf.summary.Summary / tf.summary.Event are the proto classes, loaded on first use.
    from learntf.serialization.tf_protos import protos

    if name == "Summary":
        return protos().summary_pb2.Summary
    if name == "Event":
        return protos().event_pb2.Event
    raise AttributeError("module 'learntf.summary' has no attribute %r" % name)
