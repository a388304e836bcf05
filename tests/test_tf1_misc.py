"""What the tf1_misc corpus (tests/programs/tf1_misc/) cannot print: devices kept through a
.meta file and dropped by clear_devices, the graph widget's device row, per-session lookup
tables, a Coordinator's straggler error, the WAV bytes of an audio summary.  Expected values
are TensorFlow's documented behaviour or come from the standard library (wave)."""

import io
import threading
import wave

import numpy as np
import pytest

import learntf.compat.v1 as tf
from learntf.client.session import BaseSession
from learntf.framework.device import canonical_name
from learntf.summary.text_audio import wav_bytes

tf.disable_v2_behavior()


@pytest.mark.parametrize(
    "given, normal",
    [
        ("/cpu:0", "/device:CPU:0"),
        ("CPU:0", "/device:CPU:0"),
        ("/GPU:1", "/device:GPU:1"),
        ("/job:worker/task:2/gpu:0", "/job:worker/task:2/device:GPU:0"),
        ("/device:CPU:*", "/device:CPU:*"),
        ("", ""),
    ],
)
def test_device_names_are_normalized_as_tensorflow_writes_them(given, normal):
    assert canonical_name(given) == normal


def test_a_bad_device_name_is_tensorflows_value_error():
    with tf.Graph().as_default():
        with pytest.raises(ValueError, match="Unknown attribute: 'bogus'"):
            with tf.device("/bogus"):
                pass


def test_devices_survive_a_meta_graph_and_clear_devices_drops_them(tmp_path):
    path = str(tmp_path / "model")
    with tf.Graph().as_default():
        with tf.device("/cpu:0"):
            w = tf.Variable(1.0, name="w")
        saver = tf.train.Saver()
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            saver.save(sess, path)
    with tf.Graph().as_default() as graph:
        tf.train.import_meta_graph(path + ".meta")
        assert graph.get_operation_by_name("w").device == "/device:CPU:0"
    with tf.Graph().as_default() as graph:
        tf.train.import_meta_graph(path + ".meta", clear_devices=True)
        assert graph.get_operation_by_name("w").device == ""
    assert w.op.device == "/device:CPU:0"


def test_the_graph_widget_shows_a_pinned_ops_device():
    viz = pytest.importorskip("learntf.viz")
    with tf.Graph().as_default() as graph:
        with tf.device("/cpu:0"):
            tf.constant(1.0, name="a")
        tf.constant(2.0, name="b")
    widget = viz.GraphWidget(graph).select("a")
    assert 'data-field="device"' in widget.details.value
    assert "/device:CPU:0" in widget.details.value
    assert 'data-field="device"' not in widget.select("b").details.value


def test_each_session_has_its_own_tables():
    with tf.Graph().as_default():
        table = tf.lookup.StaticHashTable(
            tf.lookup.KeyValueTensorInitializer(["a", "b"], [1, 2]), default_value=0
        )
        found = table.lookup(tf.constant(["b", "c"]))
        with tf.Session() as first:
            first.run(tf.tables_initializer())
            assert first.run(found).tolist() == [2, 0]
            with tf.Session() as second:  # TF: a table lives in its session
                with pytest.raises(tf.errors.FailedPreconditionError, match="not initialized"):
                    second.run(found)


def test_tables_initializer_without_tables_is_a_no_op():
    with tf.Graph().as_default():
        op = tf.tables_initializer()
        assert (op.name, op.type) == ("init_all_tables", "NoOp")


def test_a_thread_that_ignores_the_stop_request_is_tensorflows_runtime_error():
    coord = tf.train.Coordinator()
    release = threading.Event()
    stuck = threading.Thread(target=release.wait, name="stuck")
    stuck.start()
    coord.request_stop()
    with pytest.raises(RuntimeError, match="Coordinator stopped with threads still running: stuck"):
        coord.join([stuck], stop_grace_period_secs=0.01)
    release.set()
    stuck.join()


def test_audio_is_a_16_bit_pcm_wav_file():
    samples = np.array([[0.0], [0.5], [-1.0], [2.0]], dtype=np.float32)
    with wave.open(io.BytesIO(wav_bytes(samples, 8000))) as f:
        assert (f.getnchannels(), f.getsampwidth(), f.getframerate()) == (1, 2, 8000)
        frames = np.frombuffer(f.readframes(4), dtype="<i2")
    assert frames.tolist() == [0, 16383, -32767, 32767]  # clipped to [-1, 1], times 32767


def test_py_func_output_dtype_is_checked_when_the_op_runs():
    with tf.Graph().as_default():
        y = tf.py_func(lambda a: a.astype(np.int64), [tf.constant([1, 2])], tf.int32)
        with tf.Session() as sess:
            with pytest.raises(tf.errors.InvalidArgumentError, match="is int64, but expects int32"):
                sess.run(y)


def test_an_imported_graph_pinned_to_a_gpu_fails_to_place_unless_soft_placement(monkeypatch):
    with tf.Graph().as_default():
        with tf.device("/gpu:0"):
            tf.constant(1.0, name="c")
        graph_def = tf.get_default_graph().as_graph_def()
    # as in a program that never calls tf.device: the import itself turns the check on
    monkeypatch.setattr(BaseSession, "_place_graph", None)
    with tf.Graph().as_default() as graph:
        tf.import_graph_def(graph_def, name="")
        with tf.Session() as sess:
            with pytest.raises(tf.errors.InvalidArgumentError, match="Cannot assign a device"):
                sess.run("c:0")
        config = tf.ConfigProto(allow_soft_placement=True)
        with tf.Session(graph=graph, config=config) as sess:
            assert sess.run("c:0") == 1.0
