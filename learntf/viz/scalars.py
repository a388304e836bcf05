"""Training curves from a log directory, drawn in the notebook: TensorBoard's Scalars tab
without a TensorBoard server.

A log directory holds one sub-directory per run (`tf_logs/run-20240101120000/`), each with the
event files a `tf.summary.FileWriter` wrote.  `scalars(logdir)` draws one chart per tag, with
one line per run, so runs can be compared side by side; `read_scalars(logdir)` returns the
numbers.  Lesson 10 ("visualizing training") uses it after writing MSE summaries.

    import learntf.viz as viz
    viz.scalars("tf_logs")          # a matplotlib Figure; shows as a picture in Jupyter

Events are read with TensorBoard's own reader (the optional `tensorboard` package), and
matplotlib is imported only when drawing.  Both kinds of scalar events are read: TF1's
`tf.summary.scalar` op writes a number (`simple_value`), TensorFlow 2's `tf.summary.scalar`
(under `tf.summary.create_file_writer`) a 0-d tensor tagged for TensorBoard's scalars plugin, so
curves written by a lesson run on real TensorFlow show too.
"""

import os

import numpy as np


def read_scalars(logdir):
    """{run: {tag: (steps, values)}} for every run under `logdir` (a run is a directory that
    holds event files; the run "." is `logdir` itself), in sorted order."""
    from learntf.serialization.tf_protos import protos

    protos()  # the clear "pip install tensorboard" ImportError, if it is missing
    from tensorboard.backend.event_processing import event_accumulator

    logdir = str(logdir)
    if not os.path.isdir(logdir):
        raise FileNotFoundError(
            "Log directory %r does not exist.\n(learntf: pass the directory given to "
            "tf.summary.FileWriter, or its parent to compare several runs.)" % logdir
        )
    runs = {}
    for directory, _, files in sorted(os.walk(logdir)):
        if not any("tfevents" in name for name in files):
            continue
        accumulator = event_accumulator.EventAccumulator(
            directory,
            size_guidance={
                event_accumulator.SCALARS: 0,  # 0: keep every point
                event_accumulator.TENSORS: 0,
            },
        )
        accumulator.Reload()
        points = {
            tag: [(e.step, e.value) for e in accumulator.Scalars(tag)]
            for tag in accumulator.Tags()["scalars"]
        }
        points.update(_tensor_scalars(accumulator))
        runs[os.path.relpath(directory, logdir)] = {
            tag: (
                np.array([step for step, _ in points[tag]]),
                np.array([value for _, value in points[tag]]),
            )
            for tag in sorted(points)
        }
    return runs


def _tensor_scalars(accumulator):
    """{tag: [(step, value)]} for TensorFlow 2's scalar summaries: 0-d tensors whose metadata
    names TensorBoard's "scalars" plugin (histograms and images are tensors too)."""
    from tensorboard.util import tensor_util

    points = {}
    for tag in accumulator.Tags().get("tensors", []):
        if accumulator.SummaryMetadata(tag).plugin_data.plugin_name != "scalars":
            continue
        points[tag] = [
            (e.step, float(tensor_util.make_ndarray(e.tensor_proto)))
            for e in accumulator.Tensors(tag)
        ]
    return points


def scalars(logdir, tags=None):
    """A matplotlib Figure with one chart per scalar tag (x: step) and one line per run.

    `tags` picks some tags (default: all).  Points are written when the FileWriter flushes:
    call `file_writer.flush()` or `close()` first."""
    runs = read_scalars(logdir)
    found = sorted({tag for run in runs.values() for tag in run})
    if not found:
        raise ValueError(
            "No scalar summaries found under %r (runs: %s).\n(learntf: write some with "
            "file_writer.add_summary(sess.run(tf.summary.scalar('MSE', mse)), step), then call "
            "file_writer.close() or flush() so they reach the disk.)"
            % (str(logdir), ", ".join(runs) or "none")
        )
    chosen = found if tags is None else [tags] if isinstance(tags, str) else list(tags)
    missing = [tag for tag in chosen if tag not in found]
    if missing:
        raise ValueError(
            "No scalar tag %s under %r; the tags are: %s."
            % (", ".join(map(repr, missing)), str(logdir), ", ".join(found))
        )
    import matplotlib.pyplot as plt

    columns = min(len(chosen), 3)
    rows = -(-len(chosen) // columns)
    figure, axes = plt.subplots(rows, columns, figsize=(4.5 * columns, 3.2 * rows), squeeze=False)
    for ax, tag in zip(axes.flat, chosen):
        for index, (run, curves) in enumerate(runs.items()):
            if tag in curves:
                steps, values = curves[tag]
                # One colour per run in every chart; few points get markers (points written
                # without global_step pile up at step 0).
                ax.plot(
                    steps,
                    values,
                    color="C%d" % (index % 10),
                    label=run,
                    marker="o" if len(steps) < 30 else None,
                )
        ax.set_title(tag)
        ax.set_xlabel("step")
        if len(runs) > 1:
            ax.legend(fontsize="small")
    for ax in list(axes.flat)[len(chosen) :]:
        ax.set_visible(False)
    figure.tight_layout()
    plt.close(figure)  # Jupyter shows the returned figure once, not a second time
    return figure
