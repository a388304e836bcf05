"""TF 2's tf.summary (issue 18): learntf writes the events TensorFlow 2.21 writes, and
TensorBoard's own readers read them.

The programs are tests/summary_v2_cases.py; what TensorFlow wrote for each, read back field by
field, is tests/data/tf_summaries.json (scripts/record_tf_summaries.py recorded it).
"""

import json
import os
import pathlib

import numpy as np
import pytest
import summary_v2_cases

import learntf as tf

DATA = pathlib.Path(__file__).parent / "data" / "tf_summaries.json"
RECORDED = json.loads(DATA.read_text(encoding="utf-8"))["cases"]
CASES = {c.name: c for c in summary_v2_cases.CASES}


def _run(name, logdir):
    return summary_v2_cases.run_case(CASES[name], tf, str(logdir))


def test_every_case_is_recorded_from_its_current_program():
    assert sorted(RECORDED) == sorted(CASES)
    for name, summary_case in CASES.items():
        assert RECORDED[name]["source_sha256"] == summary_v2_cases.source_digest(summary_case), (
            "case %s changed since it was recorded: run scripts/record_tf_summaries.py" % name
        )


@pytest.mark.parametrize("name", sorted(CASES))
def test_learntf_writes_what_tensorflow_writes(name, tmp_path, v2_behavior):
    result = _run(name, tmp_path)
    expected = RECORDED[name]
    assert result["files"] == expected["files"]
    assert result["shown"] == expected["shown"]
    assert len(result["events"]) == len(expected["events"])
    for ours, theirs in zip(result["events"], expected["events"]):
        assert ours == theirs


# -- TensorBoard's readers ----------------------------------------------------------------------
def _plugin_accumulator(logdir):
    from tensorboard.backend.event_processing import plugin_event_accumulator

    accumulator = plugin_event_accumulator.EventAccumulator(
        str(logdir), size_guidance={plugin_event_accumulator.TENSORS: 0}
    )
    accumulator.Reload()
    return accumulator


def _write_everything(logdir):
    writer = tf.summary.create_file_writer(str(logdir))

    @tf.function
    def double(x):
        return tf.nn.relu(x) * 2.0

    tf.summary.trace_on(graph=True)
    double(tf.constant([1.0, -1.0]))
    with writer.as_default():
        for step in range(3):
            tf.summary.scalar("loss", 1.0 / (step + 1), step=step)
            tf.summary.histogram("weights", tf.constant([0.0, 1.0, 1.0, 2.0]) * step, step=step)
        tf.summary.image("picture", tf.ones([2, 4, 5, 3]) * 0.5, step=0)
        tf.summary.text("note", "hello", step=0)
        tf.summary.trace_export("double", step=0)
    writer.close()


def test_tensorboards_plugin_reader_reads_every_kind(tmp_path, v2_behavior):
    from tensorboard.util import tensor_util

    _write_everything(tmp_path)
    accumulator = _plugin_accumulator(tmp_path)
    by_plugin = {
        plugin: sorted(accumulator.PluginTagToContent(plugin))
        for plugin in ("scalars", "histograms", "images", "text", "graph_run_metadata_graph")
    }
    assert by_plugin == {
        "scalars": ["loss"],
        "histograms": ["weights"],
        "images": ["picture"],
        "text": ["note"],
        "graph_run_metadata_graph": ["double"],
    }
    losses = accumulator.Tensors("loss")
    assert [e.step for e in losses] == [0, 1, 2]
    values = [tensor_util.make_ndarray(e.tensor_proto) for e in losses]
    assert values == [np.float32(1.0), np.float32(0.5), np.float32(1 / 3)]
    last = tensor_util.make_ndarray(accumulator.Tensors("weights")[-1].tensor_proto)
    assert last.shape == (30, 3)
    assert (last[0, 0], last[-1, 1], last[:, 2].sum()) == (0.0, 4.0, 4.0)
    picture = tensor_util.make_ndarray(accumulator.Tensors("picture")[0].tensor_proto)
    assert list(picture[:2]) == [b"5", b"4"] and len(picture) == 4
    assert tensor_util.make_ndarray(accumulator.Tensors("note")[0].tensor_proto) == b"hello"


def test_tensorboards_graphs_plugin_merges_the_traced_graph(tmp_path, v2_behavior):
    from tensorboard.compat.proto import config_pb2
    from tensorboard.plugins.graph import graph_util
    from tensorboard.util import tensor_util

    _write_everything(tmp_path)
    (event,) = _plugin_accumulator(tmp_path).Tensors("double")
    run_metadata = config_pb2.RunMetadata.FromString(
        tensor_util.make_ndarray(event.tensor_proto).item()
    )
    graph = graph_util.merge_graph_defs(
        [g.pre_optimization_graph for g in run_metadata.function_graphs]
    )
    ops = {node.name: node.op for node in graph.node}
    assert ops["x"] == "_Arg" and ops["Relu"] == "Relu" and ops["identity_RetVal"] == "_Retval"


def test_the_legacy_event_accumulator_reads_tensor_summaries(tmp_path, v2_behavior):
    from tensorboard.backend.event_processing import event_accumulator

    _write_everything(tmp_path)
    accumulator = event_accumulator.EventAccumulator(
        str(tmp_path), size_guidance={event_accumulator.TENSORS: 0}
    )
    accumulator.Reload()
    assert {"loss", "weights", "picture", "note", "double"} <= set(accumulator.Tags()["tensors"])
    assert [e.step for e in accumulator.Tensors("loss")] == [0, 1, 2]


def test_a_function_writes_on_every_call_not_once_at_trace_time(tmp_path, v2_behavior):
    writer = tf.summary.create_file_writer(str(tmp_path))

    @tf.function
    def record(x, step):
        with writer.as_default():
            return tf.summary.scalar("x", x, step=step)

    for step in range(4):
        assert bool(record(tf.constant(step * 2.0), tf.constant(step, tf.int64)))
    assert record.experimental_get_tracing_count() == 1
    writer.flush()
    from tensorboard.util import tensor_util

    points = _plugin_accumulator(tmp_path).Tensors("x")
    assert [(e.step, tensor_util.make_ndarray(e.tensor_proto)) for e in points] == [
        (0, 0.0),
        (1, 2.0),
        (2, 4.0),
        (3, 6.0),
    ]


def test_writing_to_a_closed_writer_raises_not_found(tmp_path, v2_behavior):
    writer = tf.summary.create_file_writer(str(tmp_path))
    writer.close()
    writer.close()  # (a second close does nothing, as in TF)
    with pytest.raises(RuntimeError, match="is already closed"):
        writer.set_as_default()
    with pytest.raises(tf.errors.NotFoundError, match="SummaryWriterInterface"):
        _write_with(writer)


def _write_with(writer):
    # as_default refuses a closed writer; a default writer closed afterwards fails when written
    from learntf.summary import summary_ops_v2

    saved, summary_ops_v2._state.writer = summary_ops_v2._state.writer, writer
    try:
        tf.summary.scalar("x", 1.0, step=0)
    finally:
        summary_ops_v2._state.writer = saved


def test_tf1_names_point_to_tf_compat_v1():
    with pytest.raises(AttributeError, match="tf.compat.v1.summary.FileWriter"):
        tf.summary.FileWriter  # noqa: B018
    assert tf.compat.v1.summary.FileWriter.__module__ == "learntf.summary.writer"
    assert os.path.basename(tf.compat.v1.summary.__file__) == "v1.py"


def test_viz_scalars_reads_a_tf2_run(tmp_path, v2_behavior):
    import learntf.viz as viz

    writer = tf.summary.create_file_writer(str(tmp_path / "run-1"))
    with writer.as_default():
        for step in range(3):
            tf.summary.scalar("loss", 2.0 - step, step=step)
    steps, values = viz.read_scalars(str(tmp_path))["run-1"]["loss"]
    assert list(steps) == [0, 1, 2] and list(values) == [2.0, 1.0, 0.0]


def test_a_tf1_graph_is_pointed_to_tf_compat_v1_summary(tmp_path, v2_behavior):
    with tf.Graph().as_default():
        writer = tf.summary.create_file_writer(str(tmp_path))
        assert tf.summary.scalar("x", 1.0, step=1).op.type == "Const"  # no default writer: False
        with pytest.raises(NotImplementedError, match="use tf.compat.v1.summary"):
            with writer.as_default():
                tf.summary.scalar("x", 1.0, step=1)


def test_a_writer_made_while_tracing_is_gone_when_the_function_runs(tmp_path, v2_behavior):
    # TF deletes a writer's resource with its Python object; the function kept only the handle
    @tf.function
    def record(x):
        writer = tf.summary.create_file_writer(str(tmp_path))
        with writer.as_default():
            return tf.summary.scalar("x", x, step=0)

    with pytest.raises(tf.errors.NotFoundError, match=r"_AnonymousVar\d+/\S+ does not exist"):
        record(tf.constant(1.0))


def test_events_wait_in_the_queue_until_the_writer_is_flushed_or_deleted(tmp_path, v2_behavior):
    writer = tf.summary.create_file_writer(str(tmp_path))
    _write_with(writer)  # (the default writer, without as_default's flush at the end)
    assert _plugin_accumulator(tmp_path).Tags()["tensors"] == []
    del writer
    assert _plugin_accumulator(tmp_path).Tags()["tensors"] == ["x"]
