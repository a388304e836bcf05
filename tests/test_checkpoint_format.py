"""The checkpoint files (learntf/train/checkpoint_format.py): readable by hand, checked on read,
and never half-written, even when the saving process is killed."""

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
import zlib

import numpy as np
import pytest

import learntf.compat.v1 as tf
from learntf.train import checkpoint_format

tf.disable_v2_behavior()  # TF1 programs on TensorFlow 2 start so: graphs and sessions

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


@pytest.fixture(autouse=True)
def fresh_graph(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    tf.reset_default_graph()
    yield
    tf.reset_default_graph()


def save(values, prefix="model.ckpt", **saver_args):
    """Save {name: array} as variables; return the path save() returned."""
    for name, value in values.items():
        tf.Variable(value, name=name)
    saver = tf.train.Saver(**saver_args)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        return saver.save(sess, prefix)


def test_the_docstring_recipe_reads_a_tensor_without_learntf():
    theta = np.arange(9, dtype=np.float32).reshape(9, 1) / 7
    save({"theta": theta, "step": np.int64(42)})
    index = json.load(open("model.ckpt.index"))
    assert index["format"] == "learntf checkpoint" and index["version"] == 1
    entry = index["tensors"]["theta"]
    assert entry["dtype"] == "float32" and entry["shape"] == [9, 1] and entry["size"] == 36
    with open("model.ckpt.data-00000-of-00001", "rb") as data:
        data.seek(entry["offset"])
        raw = data.read(entry["size"])
    assert zlib.crc32(raw) == entry["crc32"]
    np.testing.assert_array_equal(np.frombuffer(raw, "<f4").reshape(9, 1), theta)
    step = index["tensors"]["step"]
    assert (step["dtype"], step["shape"], step["size"]) == ("int64", [], 8)


@pytest.mark.parametrize(
    "value",
    [
        np.float64(np.pi),
        np.array([True, False]),
        np.arange(6, dtype=np.int8).reshape(2, 3),
        np.array([1.5, -2], dtype=np.float16),
        np.array([1 + 2j], dtype=np.complex64),
        np.array([[0, 65535]], dtype=np.uint16),
        np.zeros((0, 3), np.float32),
    ],
)
def test_values_of_every_dtype_come_back_exactly(value):
    checkpoint_format.write_checkpoint("x", [("v", value)])
    restored = checkpoint_format.CheckpointReader("x").get_tensor("v")
    assert restored.dtype == value.dtype and restored.shape == np.shape(value)
    np.testing.assert_array_equal(restored, value)
    assert not restored.flags.writeable


def test_strings_are_stored_as_length_and_bytes():
    words = np.empty(2, dtype=object)
    words[:] = [b"hello", "w\u00f6rld".encode("utf-8")]
    checkpoint_format.write_checkpoint("x", [("words", words)])
    raw = open("x.data-00000-of-00001", "rb").read()
    assert raw[:13] == (5).to_bytes(8, "little") + b"hello"
    assert list(checkpoint_format.CheckpointReader("x").get_tensor("words")) == list(words)


def test_overwriting_a_checkpoint_keeps_the_old_bytes_until_the_new_index_is_in_place():
    # The new values go beside the old ones, so the old index stays valid at every moment.
    checkpoint_format.write_checkpoint("x", [("v", np.ones(4, np.float32))])
    old_index = open("x.index").read()
    checkpoint_format.write_checkpoint("x", [("v", np.full(4, 2, np.float32))])
    with open("x.index", "w") as handle:  # what a reader would see between the two renames
        handle.write(old_index)
    np.testing.assert_array_equal(checkpoint_format.CheckpointReader("x").get_tensor("v"), 1)


def test_repeated_saves_to_one_prefix_use_at_most_two_slots():
    for i in range(6):
        checkpoint_format.write_checkpoint("x", [("v", np.full(10, i, np.float32))])
    assert os.path.getsize("x.data-00000-of-00001") == 2 * 40
    np.testing.assert_array_equal(checkpoint_format.CheckpointReader("x").get_tensor("v"), 5)


def test_a_newer_index_version_is_refused_with_the_reason():
    save({"v": np.zeros(2, np.float32)})
    index = json.load(open("model.ckpt.index"))
    index["version"] = 2
    json.dump(index, open("model.ckpt.index", "w"))
    with pytest.raises(tf.errors.UnimplementedError, match="reads versions up to 1"):
        tf.train.load_variable("model.ckpt", "v")


def test_a_hand_edited_index_entry_is_data_loss():
    save({"v": np.zeros(2, np.float32)})
    index = json.load(open("model.ckpt.index"))
    index["tensors"]["v"]["offset"] = -4
    json.dump(index, open("model.ckpt.index", "w"))
    with pytest.raises(tf.errors.DataLossError, match="bad entry for 'v'"):
        tf.train.load_variable("model.ckpt", "v")


# -- killed in the middle of a save ----------------------------------------------------------------
# The child saves generation 1 (every value 1.0), then starts saving generation 2 (every value
# 2.0) and kills itself (SIGKILL: no cleanup runs) just before its k-th file-system step: a
# write (half of the bytes are written first), an fsync, a rename or a delete.
CHILD = textwrap.dedent("""
    import builtins, os, signal, sys
    import numpy as np
    import learntf.compat.v1 as tf
    tf.disable_v2_behavior()

    same_prefix, kill_at = sys.argv[1] == "same", int(sys.argv[2])
    v = tf.Variable(np.full(1000, 1.0, np.float32), name="v")
    w = tf.Variable(np.full(7, 1.0, np.float32), name="w")
    step = tf.Variable(1, name="step")
    saver = tf.train.Saver(max_to_keep=1)
    sess = tf.Session()
    sess.run(tf.global_variables_initializer())
    saver.save(sess, "ckpt/model", global_step=None if same_prefix else step)
    sess.run([v.assign(v + 1), w.assign(w + 1), step.assign(2)])

    steps = [0]
    def die_at_step():
        steps[0] += 1
        if steps[0] == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)
    def wrap(function):
        def wrapped(*args, **kwargs):
            die_at_step()
            return function(*args, **kwargs)
        return wrapped
    for name in ("replace", "fsync", "remove", "rename"):
        setattr(os, name, wrap(getattr(os, name)))
    real_open = builtins.open
    class HalfWriter:
        def __init__(self, handle):
            self.handle = handle
        def write(self, data):
            self.handle.write(data[:len(data) // 2])
            self.handle.flush()
            die_at_step()
            return self.handle.write(data[len(data) // 2:])
        def __getattr__(self, name):
            return getattr(self.handle, name)
        def __enter__(self):
            return self
        def __exit__(self, *exc):
            return self.handle.__exit__(*exc)
    def opening(path, mode="r", *args, **kwargs):
        handle = real_open(path, mode, *args, **kwargs)
        return HalfWriter(handle) if "w" in mode else handle
    builtins.open = opening
    saver.save(sess, "ckpt/model", global_step=None if same_prefix else step)
    print("finished after", steps[0], "steps")
""")


def run_child(mode, kill_at, cwd):
    return subprocess.run(
        [sys.executable, "-c", CHILD, mode, str(kill_at)],
        cwd=cwd,
        env=dict(os.environ, PYTHONPATH=ROOT),
        capture_output=True,
        text=True,
        timeout=60,
    )


def restored_generation(prefix, size=1000):
    """Restore `prefix` in a fresh graph; the generation (1, 2, ...) every value agrees on."""
    with tf.Graph().as_default():
        v = tf.Variable(np.zeros(size, np.float32), name="v")
        w = tf.Variable(np.zeros(7, np.float32), name="w")
        step = tf.Variable(0, name="step")
        with tf.Session() as sess:
            tf.train.Saver().restore(sess, prefix)
            values = sess.run([v, w, step])
    generations = {float(values[0][0]), float(values[1][0]), float(values[2])}
    assert len(generations) == 1, "a mixture of two saves: %s" % generations
    assert (values[0] == values[0][0]).all() and (values[1] == values[1][0]).all()
    return generations.pop()


@pytest.mark.parametrize("mode", ["same", "numbered"])
def test_a_save_killed_at_any_step_leaves_a_complete_checkpoint(mode, tmp_path):
    outcomes = []
    for kill_at in range(1, 60):
        run_dir = tmp_path / ("kill%d" % kill_at)
        (run_dir / "ckpt").mkdir(parents=True)
        result = run_child(mode, kill_at, run_dir)
        finished = result.returncode == 0
        if not finished:
            assert result.returncode == -signal.SIGKILL, result.stderr
        latest = tf.train.latest_checkpoint(str(run_dir / "ckpt"))
        assert latest is not None  # the `checkpoint` file is always whole
        generation = restored_generation(latest)
        tf.train.import_meta_graph(latest + ".meta")  # its meta graph is whole too
        tf.reset_default_graph()
        if mode == "numbered":  # the previous checkpoint stays until the new one is named
            assert latest.endswith("model-%d" % generation)
        outcomes.append(generation)
        if finished:
            break
    assert finished, "the save never finished: raise the range of kill points"
    assert outcomes[0] == 1 and outcomes[-1] == 2 and len(outcomes) > 8
    assert outcomes == sorted(outcomes)  # old until the commit, new from then on


def test_a_process_killed_at_random_moments_never_leaves_a_broken_checkpoint(tmp_path):
    loop = textwrap.dedent("""
        import numpy as np
        import learntf.compat.v1 as tf
        tf.disable_v2_behavior()
        v = tf.Variable(np.zeros(200000, np.float32), name="v")
        w = tf.Variable(np.zeros(7, np.float32), name="w")
        step = tf.Variable(0, name="step")
        saver = tf.train.Saver()
        bump = [v.assign(v + 1), w.assign(w + 1), step.assign_add(1)]
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            sess.run(bump)
            saver.save(sess, "ckpt/model")
            print("first save done", flush=True)
            while True:
                sess.run(bump)
                saver.save(sess, "ckpt/model")
    """)
    rng = np.random.RandomState(0)
    generations = []
    for attempt in range(4):
        run_dir = tmp_path / ("run%d" % attempt)
        (run_dir / "ckpt").mkdir(parents=True)
        child = subprocess.Popen(
            [sys.executable, "-c", loop],
            cwd=run_dir,
            env=dict(os.environ, PYTHONPATH=ROOT),
            stdout=subprocess.PIPE,
            text=True,
        )
        assert child.stdout.readline().strip() == "first save done"
        time.sleep(rng.uniform(0.05, 0.4))
        child.kill()
        child.wait()
        child.stdout.close()
        generations.append(restored_generation(str(run_dir / "ckpt" / "model"), size=200000))
    assert max(generations) > 1  # the kills came while later saves were under way
