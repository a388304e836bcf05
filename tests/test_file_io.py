"""Files written for later (issue 23): atomic writes with names no other writer shares, stale
temporaries of killed saves removed, and the operating system's errors as TF's error classes
(learntf/framework/file_io.py)."""

import errno
import os
import subprocess
import sys
import threading

import numpy as np
import pytest

import learntf.compat.v1 as tf
from learntf import errors
from learntf.framework import file_io


def test_two_threads_saving_into_one_folder_never_fail(tmp_path):
    """Both threads rewrite the folder's `checkpoint` state file on every save; with one
    temporary name per process (the old `.tmp<pid>`) about one save in six failed."""
    graph = tf.Graph()
    with graph.as_default():
        v = tf.Variable(np.arange(4.0), name="v")
        savers = [tf.train.Saver(max_to_keep=2) for _ in range(2)]
        session = tf.Session(graph=graph)
        session.run(v.initializer)
    failures = []

    def save_many(index):
        try:
            for step in range(25):
                savers[index].save(session, str(tmp_path / f"run{index}"), global_step=step)
        except Exception as error:  # the test reports every failure below
            failures.append(error)

    threads = [threading.Thread(target=save_many, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    latest = tf.train.latest_checkpoint(str(tmp_path))
    assert latest in (str(tmp_path / "run0-24"), str(tmp_path / "run1-24"))
    assert sorted(p.name for p in tmp_path.iterdir() if ".tmp" in p.name) == []
    reader = tf.train.NewCheckpointReader(latest)
    np.testing.assert_array_equal(reader.get_tensor("v"), np.arange(4.0))


def test_temporary_names_differ_between_threads_and_carry_the_process_id(tmp_path):
    names = set()

    def make():
        names.add(file_io.temporary_name(str(tmp_path / "f")))

    threads = [threading.Thread(target=make) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(names) == 8
    assert all(f".tmp{os.getpid()}." in name for name in names)


def test_a_save_removes_the_temporaries_of_a_killed_save_and_keeps_a_live_ones(tmp_path):
    finished = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        text=True,
        capture_output=True,
        check=True,
    )
    dead_pid = int(finished.stdout)  # (a process that has exited: its pid names no process)
    path = tmp_path / "model.pbtxt"
    stale = tmp_path / f"model.pbtxt.tmp{dead_pid}.{'a' * 32}"
    live = tmp_path / f"model.pbtxt.tmp{os.getpid()}.{'b' * 32}"
    other_file = tmp_path / f"other.pbtxt.tmp{dead_pid}.{'c' * 32}"
    for leftover in (stale, live, other_file):
        leftover.write_bytes(b"half a file")
    file_io.atomic_write(str(path), b"whole")
    assert path.read_bytes() == b"whole"
    assert not stale.exists()  # its writer is gone
    assert live.exists()  # this process may still be writing it
    assert other_file.exists()  # another file's temporaries are that file's saves' business


@pytest.mark.parametrize(
    "number, cls, words",
    [
        (errno.ENOSPC, errors.ResourceExhaustedError, "No space left on device"),
        (errno.EACCES, errors.PermissionDeniedError, "Permission denied"),
        (errno.EROFS, errors.PermissionDeniedError, "Read-only file system"),
        (errno.EISDIR, errors.FailedPreconditionError, "Is a directory"),
        (errno.EIO, errors.UnknownError, "Input/output error"),
    ],
)
def test_disk_errors_become_tf_error_classes_and_leave_no_temporary(
    tmp_path, monkeypatch, number, cls, words
):
    """TF's ErrnoToCode (tensorflow/core/platform/error.cc) and its words: file; message."""

    def failing_replace(source, target):
        raise OSError(number, os.strerror(number))

    monkeypatch.setattr(file_io.os, "replace", failing_replace)
    path = tmp_path / "graph.pb"
    with pytest.raises(cls) as caught:
        file_io.atomic_write(str(path), b"bytes")
    assert f"; {words}" in str(caught.value)
    assert list(tmp_path.iterdir()) == []  # the temporary is removed; nothing half-written


def test_a_full_disk_while_saving_a_checkpoint_is_resource_exhausted(tmp_path, monkeypatch):
    graph = tf.Graph()
    with graph.as_default():
        v = tf.Variable(1.0, name="v")
        saver = tf.train.Saver()
        with tf.Session() as session:
            session.run(v.initializer)
            saver.save(session, str(tmp_path / "model.ckpt"))
            real_open = open

            def full_disk(name, mode="r", *args, **kwargs):
                if "w" in mode:
                    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
                return real_open(name, mode, *args, **kwargs)

            monkeypatch.setattr("builtins.open", full_disk)
            with pytest.raises(errors.ResourceExhaustedError, match="No space left on device"):
                saver.save(session, str(tmp_path / "model.ckpt"))
            monkeypatch.undo()
            saver.restore(session, str(tmp_path / "model.ckpt"))  # the first save is intact
            assert session.run(v) == 1.0
