"""Writing files as TensorFlow does: atomically, with the operating system's errors as TF's.

Every file learntf writes for later (checkpoints, their `checkpoint` state file, GraphDefs,
meta graphs, SavedModels) goes through `atomic_write`: the bytes go to a temporary file beside
the real one, are flushed to disk, then the temporary file is renamed over the real name.  A
rename replaces a file in one step, so a reader sees the old file or the new one, never half of
one (TensorFlow's `file_io.atomic_write_string_to_file` works the same way).

The temporary name holds the writer's process id and a random part, so two threads or two
processes saving side by side never share one.  A save of several files that must match (a
checkpoint's data and index) holds the folder's lock (`exclusive`) from its first read to its
last rename, so two savers take turns there.  A save killed mid-write leaves its temporary
file behind; the next save beside it removes those whose process is gone.

An `OSError` (a full disk, a read-only folder, a missing directory) becomes the error class
TensorFlow gives the same `errno` (its `ErrnoToCode`, tensorflow/core/platform/error.cc), worded
as TF does: the file name, "; ", then the system's message.
"""

import contextlib
import errno
import os
import re
import uuid

from learntf import errors

# TF's ErrnoToCode for the errors file writing meets; any other errno is UnknownError there.
_ERRNO_CLASSES = {
    errno.ENOENT: errors.NotFoundError,
    errno.ENODEV: errors.NotFoundError,
    errno.EEXIST: errors.AlreadyExistsError,
    errno.EPERM: errors.PermissionDeniedError,
    errno.EACCES: errors.PermissionDeniedError,
    errno.EROFS: errors.PermissionDeniedError,
    errno.ENOTEMPTY: errors.FailedPreconditionError,
    errno.EISDIR: errors.FailedPreconditionError,
    errno.ENOTDIR: errors.FailedPreconditionError,
    errno.EBUSY: errors.FailedPreconditionError,
    errno.ENOSPC: errors.ResourceExhaustedError,
    errno.EDQUOT: errors.ResourceExhaustedError,
    errno.EMFILE: errors.ResourceExhaustedError,
    errno.ENFILE: errors.ResourceExhaustedError,
    errno.ENOMEM: errors.ResourceExhaustedError,
    errno.EFBIG: errors.OutOfRangeError,
    errno.ENAMETOOLONG: errors.InvalidArgumentError,
    errno.EINVAL: errors.InvalidArgumentError,
    errno.EXDEV: errors.UnimplementedError,
}

_HINTS = {
    errors.NotFoundError: "create the folder first, e.g. os.makedirs(folder, exist_ok=True)",
    errors.PermissionDeniedError: "save into a folder you may write to",
    errors.ResourceExhaustedError: "free some disk space, or save somewhere with room",
    errors.FailedPreconditionError: "the name is taken by a folder, or a folder is missing",
}


def error_from_os(error, filename):
    """The TF error for an OSError met while writing `filename`: TF's class for its errno,
    TF's words ("<file>; <system message>"), then a learntf line on what to do."""
    cls = _ERRNO_CLASSES.get(error.errno, errors.UnknownError)
    message = "%s; %s" % (filename, error.strerror or error)
    if cls in _HINTS:
        message += "\n(learntf: %s.)" % _HINTS[cls]
    return cls(None, None, message)


_TEMP_NAME = re.compile(r"\.tmp(\d+)\.[0-9a-f]{32}$")


def temporary_name(path):
    """A name beside `path` that no other thread or process writing `path` will use."""
    return "%s.tmp%d.%s" % (path, os.getpid(), uuid.uuid4().hex)


def atomic_write(path, data):
    """Write `data` (bytes) to `path` so that readers see the old file or the new one."""
    remove_stale_temporaries(path)
    temp = temporary_name(path)
    try:
        with open(temp, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except OSError as error:
        _remove_quietly(temp)
        raise error_from_os(error, path) from None
    except BaseException:
        _remove_quietly(temp)
        raise


@contextlib.contextmanager
def exclusive(directory):
    """Hold `directory`'s advisory lock inside the `with` block: another thread or process
    that asks for it waits until the block ends (or its process dies, which frees the lock).
    Where the system has no `flock`, nothing is locked."""
    try:
        import fcntl
    except ImportError:  # Windows
        yield
        return
    try:
        fd = os.open(directory or ".", os.O_RDONLY)
    except OSError as error:
        raise error_from_os(error, directory or ".") from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # (closing the descriptor releases the lock)


def sync_directory(directory):
    """Make renames durable: they live in the directory's list of entries."""
    try:
        fd = os.open(directory or ".", os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def remove_stale_temporaries(path):
    """Remove temporary files beside `path` left by saves whose process has died (a kill -9
    mid-write).  A live process's temporaries, this one's included, are left alone."""
    folder, base = os.path.split(path)
    try:
        names = os.listdir(folder or ".")
    except OSError:
        return
    for name in names:
        if not name.startswith(base + ".tmp"):
            continue
        match = _TEMP_NAME.search(name)
        if match and name[: match.start()] == base and not _process_alive(int(match.group(1))):
            _remove_quietly(os.path.join(folder, name))


def _process_alive(pid):
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)  # (signal 0 only asks whether the process exists)
    except ProcessLookupError:
        return False
    except OSError:  # it exists, but belongs to someone else
        return True
    return True


def _remove_quietly(path):
    try:
        os.remove(path)
    except OSError:
        pass
