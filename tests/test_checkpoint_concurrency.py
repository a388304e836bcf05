"""TF 2's checkpoints under stress: `tf.train.Checkpoint` and `CheckpointManager` saves killed
at every file-system step, two processes and two threads saving at once, and restores that
fail: a checkpoint on disk is always whole, and a failed restore changes no variable."""

import glob
import os
import signal
import subprocess
import sys
import threading
import time

import kill_points
import numpy as np
import pytest

import learntf as tf
from learntf.train import checkpoint_format

pytestmark = pytest.mark.usefixtures("v2_behavior")


@pytest.fixture(autouse=True)
def in_tmp_path(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)


def restored_generation(directory):
    """Restore the latest checkpoint in `directory` into fresh variables; the generation
    (1, 2, ...) that every value and the save counter agree on."""
    latest = tf.train.latest_checkpoint(directory)
    assert latest is not None  # the `checkpoint` state file is always whole
    v, w = tf.Variable(np.zeros(1000, np.float32)), tf.Variable(np.zeros(7, np.float32))
    checkpoint = tf.train.Checkpoint(v=v, w=w)
    checkpoint.restore(latest).assert_consumed()
    generations = {float(v.numpy()[0]), float(w.numpy()[0]), int(checkpoint.save_counter)}
    assert len(generations) == 1, "a mixture of two saves: %s" % generations
    assert (v.numpy() == v.numpy()[0]).all() and (w.numpy() == w.numpy()[0]).all()
    return generations.pop()


# -- killed at every file-system step ----------------------------------------------------------
# Generation 1 is saved (every value 1.0, save_counter 1); the child then kills itself at the
# k-th step of saving generation 2 (tests/kill_points.py).
CHILD = """
    import numpy as np
    import learntf as tf

    kind, kill_at = sys.argv[1], int(sys.argv[2])
    v = tf.Variable(np.full(1000, 1.0, np.float32))
    w = tf.Variable(np.full(7, 1.0, np.float32))
    checkpoint = tf.train.Checkpoint(v=v, w=w)
    if kind == "manager":
        save = tf.train.CheckpointManager(checkpoint, "ckpt", max_to_keep=1).save
    else:
        save = lambda: checkpoint.save("ckpt/model")
    save()
    v.assign(v + 1)
    w.assign(w + 1)
    arm(kill_at)
    save()
    print("finished after", steps[0], "steps")
"""


@pytest.mark.parametrize("kind", ["checkpoint", "manager"])
def test_a_save_killed_at_any_step_leaves_a_whole_checkpoint(kind, tmp_path):
    outcomes = []
    for kill_at in range(1, 80):
        run_dir = tmp_path / ("kill%d" % kill_at)
        (run_dir / "ckpt").mkdir(parents=True)
        result = kill_points.run_child(CHILD, [kind, kill_at], run_dir)
        finished = result.returncode == 0
        if not finished:
            assert result.returncode == -signal.SIGKILL, result.stderr
        outcomes.append(restored_generation(str(run_dir / "ckpt")))
        if finished:
            break
    assert finished, "the save never finished: raise the range of kill points"
    assert outcomes[0] == 1 and outcomes[-1] == 2 and len(outcomes) > 8
    assert outcomes == sorted(outcomes)  # the old checkpoint until the commit, the new after
    if kind == "manager":  # max_to_keep=1: the first checkpoint went once the second was named
        assert sorted(os.listdir(run_dir / "ckpt")) == [
            "checkpoint",
            "ckpt-2.data-00000-of-00001",
            "ckpt-2.index",
        ]


def test_the_next_save_removes_what_killed_saves_left_behind(tmp_path):
    run_dir = tmp_path / "run"
    (run_dir / "ckpt").mkdir(parents=True)
    left = []
    for kill_at in range(2, 12, 3):
        kill_points.run_child(CHILD, ["checkpoint", kill_at], run_dir)
        left += glob.glob(str(run_dir / "ckpt" / "*.tmp*"))
    assert left, "no kill left a temporary file: the test no longer tests anything"
    tf.train.Checkpoint(v=tf.Variable(1.0)).save(str(run_dir / "ckpt" / "model"))
    assert glob.glob(str(run_dir / "ckpt" / "*.tmp*")) == []


# -- two writers at once -------------------------------------------------------------------------
WRITER = """
import sys
import numpy as np
import learntf as tf

me, saves = int(sys.argv[1]), int(sys.argv[2])
v, w = tf.Variable(np.zeros(20000, np.float32)), tf.Variable(np.zeros(7, np.float32))
checkpoint = tf.train.Checkpoint(v=v, w=w)
for i in range(saves):
    v.assign(np.full(20000, me * 1000 + i, np.float32))
    w.assign(np.full(7, me * 1000 + i, np.float32))
    checkpoint.write("ckpt/model")
print("wrote", saves)
"""


def test_two_processes_saving_one_prefix_never_leave_it_unreadable(tmp_path):
    # Each process writes its own values under one prefix again and again; meanwhile this
    # process reads the checkpoint as fast as it can.  Every read must find one whole save:
    # before the savers took turns and readers kept their snapshot, about 1 read in 4 was
    # DataLossError.
    os.mkdir("ckpt")
    tf.train.Checkpoint(v=tf.Variable(np.zeros(20000, np.float32))).write("ckpt/model")
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(me), "40"],
            env=dict(os.environ, PYTHONPATH=kill_points.ROOT),
            stdout=subprocess.PIPE,
            text=True,
        )
        for me in (1, 2)
    ]
    seen, reads = set(), 0
    deadline = time.monotonic() + 120
    while any(w.poll() is None for w in writers) and time.monotonic() < deadline:
        reader = checkpoint_format.CheckpointReader("ckpt/model")
        keys = sorted(k for k in reader.keys() if k.startswith(("v/", "w/")))
        values = {float(x) for key in keys for x in np.unique(reader.get_tensor(key))}
        assert len(values) == 1, "one read mixed saves %s" % values
        seen |= values
        reads += 1
    outputs = [w.communicate(timeout=60)[0] for w in writers]
    assert [w.returncode for w in writers] == [0, 0] and outputs == ["wrote 40\n"] * 2
    assert reads > 20 and len(seen) > 2  # the reads really met saves of both processes
    final = checkpoint_format.CheckpointReader("ckpt/model")
    assert final.get_tensor("v/.ATTRIBUTES/VARIABLE_VALUE")[0] in (1039.0, 2039.0)


def test_two_threads_saving_with_managers_into_one_folder_all_succeed(tmp_path):
    failures, paths = [], {}

    def saves(name):
        v = tf.Variable(np.zeros(100, np.float32))
        manager = tf.train.CheckpointManager(
            tf.train.Checkpoint(v=v), "ckpt", max_to_keep=None, checkpoint_name=name
        )
        try:
            for i in range(15):
                v.assign(np.full(100, i, np.float32))
                paths.setdefault(name, []).append(manager.save())
        except Exception as error:  # (reported below, with its class)
            failures.append(repr(error))

    threads = [threading.Thread(target=saves, args=(name,)) for name in ("a", "b")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    for name in ("a", "b"):
        assert len(paths[name]) == 15
        for i, path in enumerate(paths[name]):
            value = tf.train.load_checkpoint(path).get_tensor("v/.ATTRIBUTES/VARIABLE_VALUE")
            assert (value == i).all()
    assert tf.train.latest_checkpoint("ckpt") in (paths["a"][-1], paths["b"][-1])


# -- a failed restore changes nothing -------------------------------------------------------------
def test_a_restore_that_fails_on_one_variable_assigns_none():
    a, b = tf.Variable([1.0, 2.0]), tf.Variable([1.0, 2.0, 3.0])
    path = tf.train.Checkpoint(a=a, b=b).write("ckpt/c")
    a2, b2 = tf.Variable([0.0, 0.0]), tf.Variable([0.0, 0.0])  # b2's shape differs
    with pytest.raises(ValueError, match="^Received incompatible tensor with shape \\(3,\\)"):
        tf.train.Checkpoint(a=a2, b=b2).read(path)
    # TensorFlow would have assigned a2 before meeting b2; learntf checks every value first.
    assert a2.numpy().tolist() == [0.0, 0.0] and b2.numpy().tolist() == [0.0, 0.0]


def test_a_failed_restore_does_not_restore_objects_created_later():
    layer = tf.keras.layers.Dense(2)
    other = tf.Variable([0.0, 0.0])
    path = tf.train.Checkpoint(
        layer=_built_dense(2, value=5.0), other=tf.Variable([1.0, 2.0, 3.0])
    ).write("ckpt/c")
    with pytest.raises(ValueError, match="incompatible tensor"):
        tf.train.Checkpoint(layer=layer, other=other).read(path)
    layer.build((None, 3))  # its kernel is created now: the failed restore must not fill it
    assert not (layer.kernel.numpy() == 5.0).any()


def _built_dense(units, value):
    layer = tf.keras.layers.Dense(units)
    layer.build((None, 3))
    for weight in layer.weights:
        weight.assign(np.full(weight.shape, value, np.float32))
    return layer


def test_load_weights_that_fail_leave_the_model_as_it_was():
    def model(units):
        made = tf.keras.Sequential([tf.keras.layers.Dense(3), tf.keras.layers.Dense(units)])
        made.build((None, 2))
        return made

    saved = model(4)
    for weight in saved.weights:
        weight.assign(np.full(weight.shape, 7.0, np.float32))
    saved.save_weights("ckpt/weights")
    wider = model(5)
    before = [w.numpy().copy() for w in wider.weights]
    with pytest.raises(ValueError, match="incompatible tensor with shape \\(3, 4\\)"):
        wider.load_weights("ckpt/weights")
    for old, weight in zip(before, wider.weights):
        np.testing.assert_array_equal(old, weight.numpy())
    same = model(4)
    same.load_weights("ckpt/weights")  # the same file loads whole into a model of its shape
    assert all((w.numpy() == 7.0).all() for w in same.weights)


def test_a_name_based_restore_that_fails_assigns_none():
    # A TF 1 Saver's checkpoint, restored by names into a tf.train.Checkpoint.
    os.mkdir("ckpt")
    with tf.Graph().as_default():
        tf.compat.v1.Variable([1.0, 2.0], name="a")
        tf.compat.v1.Variable([1.0, 2.0, 3.0], name="b")
        saver = tf.compat.v1.train.Saver()
        with tf.compat.v1.Session() as sess:
            sess.run(tf.compat.v1.global_variables_initializer())
            path = saver.save(sess, os.path.abspath("ckpt/tf1"))
    a, b = tf.Variable([0.0, 0.0], name="a"), tf.Variable([0.0, 0.0], name="b")
    with pytest.raises(ValueError, match="incompatible tensor"):
        tf.train.Checkpoint(a=a, b=b).restore(path)
    assert a.numpy().tolist() == [0.0, 0.0]
