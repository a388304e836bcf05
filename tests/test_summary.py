"""tf.summary (TF1) and FileWriter: what TensorFlow writes, read back with TensorBoard's reader.

Given a program that records summaries, TF gives string tensors holding serialized Summary
protos, named after their name scope, and event files that TensorBoard displays.
"""

import glob
import io
import os

import numpy as np
import pytest

import learntf.compat.v1 as tf
from learntf.framework.op_registry import NoGradient, get_op_def

tf.disable_v2_behavior()  # TF1 programs on TensorFlow 2 start so: graphs and sessions

tensorboard = pytest.importorskip(
    "tensorboard",
    reason="the optional `tensorboard` package is not installed "
    "(pip install tensorboard, or pip install 'learntf[summaries]')",
)
from tensorboard.backend.event_processing import event_accumulator  # noqa: E402
from tensorboard.compat.proto import summary_pb2  # noqa: E402

pytestmark = pytest.mark.usefixtures("fresh_graph")


def _parse(summary_bytes):
    assert isinstance(summary_bytes, bytes)
    return summary_pb2.Summary.FromString(summary_bytes)


def _decode_png(data):
    image = pytest.importorskip("PIL.Image").open(io.BytesIO(data))
    return np.array(image)


def _accumulator(logdir):
    acc = event_accumulator.EventAccumulator(
        str(logdir),
        size_guidance={
            event_accumulator.SCALARS: 0,
            event_accumulator.IMAGES: 0,
            event_accumulator.HISTOGRAMS: 0,
        },
    )
    acc.Reload()
    return acc


# -- summary ops --------------------------------------------------------------------------------
def test_scalar_is_a_string_op_named_after_its_scope_and_collected():
    mse = tf.reduce_mean(tf.square(tf.constant([1.0, 3.0])), name="mean_squared_error")
    mse_summary = tf.summary.scalar("MSE", mse)
    assert mse_summary.name == "MSE:0"
    assert mse_summary.op.type == "ScalarSummary"
    assert mse_summary.dtype == tf.string
    assert mse_summary.shape.as_list() == []
    assert [t.op.name for t in mse_summary.op.inputs] == ["MSE/tags", "mean_squared_error"]
    assert tf.get_collection(tf.GraphKeys.SUMMARIES) == [mse_summary]
    with tf.Session() as sess:
        summary = _parse(sess.run(mse_summary))
    assert [(v.tag, v.simple_value) for v in summary.value] == [("MSE", 5.0)]


def test_names_ignore_case_so_after_op_mse_the_tag_is_mse_1():
    # TF makes names unique without regard to case: with an op 'mse' in the graph (the
    # book's program), tf.summary.scalar('MSE', mse) is named, and tagged, 'MSE_1'.
    mse = tf.reduce_mean(tf.square(tf.constant([1.0, 3.0])), name="mse")
    mse_summary = tf.summary.scalar("MSE", mse)
    assert mse_summary.op.name == "MSE_1"
    with tf.Session() as sess:
        assert _parse(sess.run(mse_summary)).value[0].tag == "MSE_1"


def test_tags_follow_name_scopes_and_become_unique():
    x = tf.constant(2.0)
    with tf.name_scope("loss"):
        in_scope = tf.summary.scalar("MSE", x)
    first, second = tf.summary.scalar("MSE", x), tf.summary.scalar("MSE", x)
    in_family = tf.summary.scalar("acc", x, family="train")
    cleaned = tf.summary.scalar("my loss!", x)
    with tf.Session() as sess:
        tags = [
            _parse(sess.run(s)).value[0].tag for s in (in_scope, first, second, in_family, cleaned)
        ]
    assert tags == ["loss/MSE", "MSE", "MSE_1", "train/train/acc", "my_loss_"]
    assert in_scope.op.name == "loss/MSE" and second.op.name == "MSE_1"


def test_collections_argument_replaces_the_summaries_collection():
    tf.summary.scalar("a", tf.constant(1.0), collections=["mine"])
    assert tf.get_collection(tf.GraphKeys.SUMMARIES) == []
    assert len(tf.get_collection("mine")) == 1


def test_scalar_of_a_vector_fails_at_run_time_as_in_tf():
    summary = tf.summary.scalar("v", tf.constant([1.0, 2.0]))
    with tf.Session() as sess:
        with pytest.raises(
            tf.errors.InvalidArgumentError,
            match=r"tags and values are not the same shape: \[\] != \[2\]",
        ):
            sess.run(summary)


def test_scalar_of_a_string_is_a_type_error():
    with pytest.raises(TypeError, match="DataType string not in list of allowed values"):
        tf.summary.scalar("s", tf.constant("text"))


def test_summary_ops_have_no_gradient():
    for op_type in ("ScalarSummary", "HistogramSummary", "ImageSummary", "MergeSummary"):
        assert get_op_def(op_type).gradient is NoGradient


def test_histogram_counts_every_value_in_tf_buckets():
    values = np.array([-3.0, -0.5, 0.0, 0.0, 0.25, 1.0, 1.0, 1.0, 70.0])
    with tf.Session() as sess:
        summary = _parse(sess.run(tf.summary.histogram("w", tf.constant(values))))
    (value,) = summary.value
    histo = value.histo
    assert value.tag == "w"
    assert (histo.min, histo.max, histo.num) == (-3.0, 70.0, 9)
    assert histo.sum == pytest.approx(values.sum())
    assert histo.sum_squares == pytest.approx((values**2).sum())
    assert sum(histo.bucket) == 9
    limits, counts = np.array(histo.bucket_limit), np.array(histo.bucket)
    assert np.all(np.diff(limits) > 0)
    for v in values:  # each value lies in the bucket (previous limit, limit]: limit > v
        i = np.searchsorted(limits, v, side="right")
        assert counts[i] > 0
    assert limits[-1] == np.finfo(np.float64).max
    assert not np.any((counts[:-1] == 0) & (counts[1:] == 0))  # empty runs are merged


def test_histogram_of_nan_reports_the_tag():
    h = tf.summary.histogram("weights", tf.constant([1.0, np.nan]))
    with tf.Session() as sess:
        with pytest.raises(
            tf.errors.InvalidArgumentError, match="Nan in summary histogram for: weights"
        ):
            sess.run(h)


def test_image_keeps_uint8_pixels_and_encodes_png():
    pixels = np.arange(2 * 3 * 4 * 3).reshape(2, 3, 4, 3).astype(np.uint8)
    with tf.Session() as sess:
        summary = _parse(sess.run(tf.summary.image("rgb", tf.constant(pixels))))
    assert [v.tag for v in summary.value] == ["rgb/image/0", "rgb/image/1"]
    image = summary.value[1].image
    assert (image.height, image.width, image.colorspace) == (3, 4, 3)
    np.testing.assert_array_equal(_decode_png(image.encoded_image_string), pixels[1])


def test_image_scales_floats_as_tf_and_keeps_at_most_max_outputs():
    positive = np.zeros((5, 2, 2, 1), np.float32)
    positive[:, 0, 0, 0] = 0.5
    positive[:, 1, 1, 0] = 0.25
    with tf.Session() as sess:
        summary = _parse(sess.run(tf.summary.image("G", tf.constant(positive))))
        single = _parse(sess.run(tf.summary.image("one", tf.constant(positive), max_outputs=1)))
        signed = _parse(
            sess.run(tf.summary.image("signed", tf.constant([[[[-1.0], [0.0]], [[0.5], [1.0]]]])))
        )
    assert [v.tag for v in summary.value] == ["G/image/0", "G/image/1", "G/image/2"]
    assert [v.tag for v in single.value] == ["one/image"]
    # All values >= 0: the largest becomes 255.
    np.testing.assert_array_equal(
        _decode_png(summary.value[0].image.encoded_image_string), [[255, 0], [0, 127]]
    )
    # Negative values: 0 maps to 128, the largest magnitude to 128 +- 127.
    np.testing.assert_array_equal(
        _decode_png(signed.value[0].image.encoded_image_string), [[1, 128], [191, 255]]
    )


def test_image_needs_a_4d_batch():
    summary = tf.summary.image("flat", tf.zeros([4, 6]))
    with tf.Session() as sess:
        with pytest.raises(
            tf.errors.InvalidArgumentError,
            match=r"Tensor must be 4-D with last dim 1, 3, or 4, not \[4,6\]",
        ):
            sess.run(summary)


def test_merge_all_unions_every_summary():
    assert tf.summary.merge_all() is None
    x = tf.placeholder(tf.float32, shape=(), name="x")
    tf.summary.scalar("a", x)
    tf.summary.scalar("b", 2 * x)
    merged = tf.summary.merge_all()
    assert merged.op.name == "Merge/MergeSummary"
    assert merged.op.type == "MergeSummary"
    with tf.Session() as sess:
        summary = _parse(sess.run(merged, feed_dict={x: 1.5}))
    assert [(v.tag, v.simple_value) for v in summary.value] == [("a", 1.5), ("b", 3.0)]


def test_merge_errors():
    a = tf.summary.scalar("a", tf.constant(1.0))
    same_tag = tf.summary.scalar("a", tf.constant(2.0), collections=[])
    fake = tf.summary.merge([a, tf.summary.merge([a])])
    with tf.Session() as sess:
        assert sess.run(same_tag)  # its tag is a_1: no clash
        with pytest.raises(tf.errors.InvalidArgumentError, match="Duplicate tag a found"):
            sess.run(fake)
    with pytest.raises(ValueError, match="length 0 shorter than minimum length 1"):
        tf.summary.merge([])
    with pytest.raises(
        TypeError, match="has type float32 that does not match expected type of string"
    ):
        tf.summary.merge([tf.constant(1.0)])


# -- FileWriter and event files -----------------------------------------------------------------
def _training_run(logdir, with_step=True):
    X = tf.placeholder(tf.float32, shape=(None, 2), name="X")
    y = tf.placeholder(tf.float32, shape=(None, 1), name="y")
    theta = tf.Variable(tf.zeros([2, 1]), name="theta")
    with tf.name_scope("loss"):
        mse = tf.reduce_mean(tf.square(tf.matmul(X, theta) - y), name="mse")
    training_op = tf.train.GradientDescentOptimizer(0.1).minimize(mse)
    mse_summary = tf.summary.scalar("MSE", mse)
    X_value = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    y_value = np.array([[1.0], [2.0], [3.0]])
    written = []
    with tf.Session() as sess:
        with tf.summary.FileWriter(logdir, sess.graph) as writer:
            sess.run(tf.global_variables_initializer())
            for step in range(5):
                summary_str = mse_summary.eval(feed_dict={X: X_value, y: y_value})
                written.append(float(_parse(summary_str).value[0].simple_value))
                writer.add_summary(summary_str, step if with_step else None)
                sess.run(training_op, feed_dict={X: X_value, y: y_value})
    return written


def test_file_writer_writes_a_run_tensorboard_reads(tmp_path):
    logdir = tmp_path / "tf_logs" / "run-1"  # parents are created
    written = _training_run(str(logdir))
    (name,) = os.listdir(logdir)
    assert name.startswith("events.out.tfevents.")
    acc = _accumulator(logdir)
    assert acc.Tags()["scalars"] == ["MSE"]
    events = acc.Scalars("MSE")
    assert [e.step for e in events] == [0, 1, 2, 3, 4]
    assert [e.value for e in events] == pytest.approx(written)
    assert written[0] > written[-1]  # training lowers the loss
    assert acc.Tags()["graph"]
    nodes = {node.name: node for node in acc.Graph().node}
    assert nodes["loss/mse"].op == "Mean"
    assert nodes["loss/mse"].input == ["loss/Square", "loss/Const"]  # TF's: Mean(x, axes)
    assert any(i.startswith("^") for node in nodes.values() for i in node.input)
    assert [d.size for d in nodes["X"].attr["_output_shapes"].list.shape[0].dim] == [-1, 2]


def test_event_file_starts_with_the_file_version(tmp_path):
    with tf.summary.FileWriter(str(tmp_path)) as writer:
        writer.add_summary(
            tf.summary.Summary(value=[tf.summary.Summary.Value(tag="x", simple_value=2.5)]),
            global_step=7,
        )
    (path,) = glob.glob(str(tmp_path / "events.out.tfevents.*"))
    events = list(tf.train.summary_iterator(path))
    assert events[0].file_version == "brain.Event:2"
    assert [(e.step, e.summary.value[0].tag) for e in events[1:]] == [(7, "x")]


def test_without_global_step_every_point_is_at_step_0(tmp_path):
    _training_run(str(tmp_path), with_step=False)
    assert [e.step for e in _accumulator(tmp_path).Scalars("MSE")] == [0] * 5


def test_close_writes_everything_and_two_writers_do_not_clash(tmp_path):
    first, second = tf.summary.FileWriter(str(tmp_path)), tf.summary.FileWriter(str(tmp_path))
    for step in range(1000):
        first.add_summary(
            tf.summary.Summary(value=[tf.summary.Summary.Value(tag="t", simple_value=step)]), step
        )
    first.close()
    second.close()
    files = sorted(glob.glob(str(tmp_path / "events.out.tfevents.*")))
    assert len(files) == 2
    counts = [sum(1 for e in tf.train.summary_iterator(f) if e.HasField("summary")) for f in files]
    assert sorted(counts) == [0, 1000]


def test_add_summary_mistakes_teach(tmp_path):
    summary_op = tf.summary.scalar("MSE", tf.constant(1.0))
    step = tf.Variable(0, name="global_step")
    writer = tf.summary.FileWriter(str(tmp_path))
    with pytest.raises(AttributeError, match="no attribute 'value'(.|\n)*sess.run"):
        writer.add_summary(summary_op)
    with tf.Session() as sess:
        with pytest.raises(TypeError, match="global_step must be a number"):
            writer.add_summary(sess.run(summary_op), step)
    writer.close()
    with pytest.raises(RuntimeError, match="Writer is closed"):
        writer.add_summary(b"")


def _event_file_of_ten_scalars(folder):
    with tf.summary.FileWriter(str(folder)) as writer:
        for step in range(10):
            value = tf.summary.Summary.Value(tag="x", simple_value=float(step))
            writer.add_summary(tf.summary.Summary(value=[value]), global_step=step)
    (path,) = glob.glob(str(folder / "events.out.tfevents.*"))
    with open(path, "rb") as f:
        data = f.read()
    starts, position = [], 0  # where each record starts: 12 header bytes, the data, 4 bytes
    while position < len(data):
        starts.append(position)
        position += 12 + int.from_bytes(data[position : position + 8], "little") + 4
    return data, starts


def _read_back(tmp_path, data):
    """(the events read before an error, the error's first line or None)."""
    damaged = tmp_path / "damaged" / "events.out.tfevents.2"
    damaged.parent.mkdir(exist_ok=True)
    damaged.write_bytes(bytes(data))
    events = []
    try:
        for event in tf.train.summary_iterator(str(damaged)):
            events.append(event)
    except tf.errors.DataLossError as error:
        return len(events), str(error).splitlines()[0]
    return len(events), None


def test_summary_iterator_refuses_damaged_records_as_tf_does(tmp_path):
    """TF's RecordReader (tsl/lib/io/record_reader.cc): the events before the damage, then
    DataLossError; a file cut inside a record's length ends there quietly (issue 23: learntf
    used to stop quietly at any damage, 4 events of 10)."""
    data, starts = _event_file_of_ten_scalars(tmp_path)
    assert len(starts) == 11  # the file version, then ten scalars
    assert _read_back(tmp_path, data) == (11, None)
    sixth = starts[5]
    flipped = bytearray(data)
    flipped[sixth + 14] ^= 0xFF  # a byte of the sixth record's data
    assert _read_back(tmp_path, flipped) == (5, f"corrupted record at {sixth + 12}")
    flipped = bytearray(data)
    flipped[sixth + 1] ^= 0x01  # its length
    assert _read_back(tmp_path, flipped) == (5, f"corrupted record at {sixth}")
    flipped = bytearray(data)
    flipped[0] ^= 0x01
    assert _read_back(tmp_path, flipped) == (
        0,
        "corrupted record at 0 (Is this even a TFRecord file?)",
    )
    last = starts[-1]
    assert _read_back(tmp_path, data[: last + 12 + 3]) == (
        10,
        f"truncated record at {last}' failed with Read less bytes than requested",
    )
    assert _read_back(tmp_path, data[: last + 5]) == (10, None)  # cut inside a length


def test_summary_iterator_of_a_missing_file():
    with pytest.raises(tf.errors.NotFoundError, match="No such file or directory"):
        tf.train.summary_iterator("no/such/events.out.tfevents.1")


def test_graph_def_names_inputs_as_tf_and_keeps_constant_values():
    from learntf.summary.graph_proto import graph_to_graph_def

    values = np.array([[1.5, 2.5], [3.5, 4.5]], dtype=np.float32)
    a = tf.constant(values, name="a")
    first, second = tf.unstack(a, name="rows")
    with tf.control_dependencies([tf.no_op(name="before")]):
        total = tf.add(second, 1.0, name="total")
    tf.constant("text", name="s")
    nodes = {n.name: n for n in graph_to_graph_def(total.graph).node}
    # As TF 2.21: total/y, made inside the block, waits for `before`; total, which uses it,
    # then needs no control input of its own
    assert list(nodes["total/y"].input) == ["^before"]
    assert list(nodes["total"].input) == ["rows:1", "total/y"]
    value = nodes["a"].attr["value"].tensor
    assert [d.size for d in value.tensor_shape.dim] == [2, 2]
    np.testing.assert_array_equal(
        np.frombuffer(value.tensor_content, np.float32).reshape(2, 2), values
    )
    assert nodes["a"].attr["dtype"].type == 1  # DT_FLOAT
    assert list(nodes["s"].attr["value"].tensor.string_val) == [b"text"]


def test_a_writer_created_with_a_graph_also_writes_its_meta_graph(tmp_path):
    # What TF 2.21 writes (tensorflow.compat.v1, v2 behavior disabled), read back with
    # summary_iterator: FileWriter(logdir, graph) -> file_version, graph_def, meta_graph_def, all
    # at step 0, the MetaGraphDef holding the graph and the default graph's collections
    # (['trainable_variables', 'variables'] for one variable); add_graph() alone writes no
    # meta graph: file_version, graph_def.
    v = tf.Variable(1.0, name="v")
    tf.add(v, 2.0, name="b")
    with tf.summary.FileWriter(str(tmp_path / "one"), tf.get_default_graph()):
        pass
    with tf.summary.FileWriter(str(tmp_path / "two")) as writer:
        writer.add_graph(tf.get_default_graph())
    (one,), (two,) = (
        glob.glob(str(tmp_path / run / "events.out.tfevents.*")) for run in ("one", "two")
    )
    events = list(tf.train.summary_iterator(one))
    assert [e.WhichOneof("what") for e in events] == ["file_version", "graph_def", "meta_graph_def"]
    assert [e.step for e in events] == [0, 0, 0]
    meta = tf.MetaGraphDef.FromString(events[2].meta_graph_def)
    assert sorted(meta.collection_def) == ["trainable_variables", "variables"]
    assert {"v", "b"} <= {node.name for node in meta.graph_def.node}
    assert [e.WhichOneof("what") for e in tf.train.summary_iterator(two)] == [
        "file_version",
        "graph_def",
    ]
    with pytest.raises(TypeError, match="meta_graph_def must be type MetaGraphDef"):
        writer.add_meta_graph(b"")
