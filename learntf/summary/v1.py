"""`tf.compat.v1.summary` (TF 1): summary ops in a graph, written by a `FileWriter`.

    mse_summary = tf.summary.scalar('MSE', mse)                # a summary op in the graph
    file_writer = tf.summary.FileWriter(logdir, tf.get_default_graph())
    ...
    file_writer.add_summary(mse_summary.eval(feed_dict=...), step)
    file_writer.close()

This is what `import learntf.compat.v1 as tf` calls `tf.summary`, as TensorFlow 2's
`tf.compat.v1.summary`; TF 2's `tf.summary` (`import learntf as tf`) is the package
learntf.summary.  Lesson 10 ("visualizing training") teaches this API.
"""

from learntf.summary.summary_ops import histogram, image, merge, merge_all, scalar
from learntf.summary.text_audio import audio, text
from learntf.summary.writer import FileWriter, summary_iterator

__all__ = [
    "scalar",
    "histogram",
    "image",
    "text",
    "audio",
    "merge",
    "merge_all",
    "FileWriter",
    "summary_iterator",
]  # (and Summary, Event: the proto classes, from __getattr__)


def __getattr__(name):
    # tf.summary.Summary / tf.summary.Event are the proto classes, loaded on first use.
    from learntf.serialization.tf_protos import protos

    if name == "Summary":
        return protos().summary_pb2.Summary
    if name == "Event":
        return protos().event_pb2.Event
    raise AttributeError("module 'learntf.compat.v1.summary' has no attribute %r" % name)
