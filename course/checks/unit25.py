"""Checks for exercises/25_build_an_atomic_checkpoint.ipynb (lesson 25: a checkpoint written in
place, a checksum that refuses damaged bytes, writing beside and renaming into place).

The checks open only the checkpoint files they make in their own temporary folders, never a
notebook (tests/test_exercises.py allows `open` in this module alone, for that reason).

Plain Python and NumPy: nothing here depends on the engine, so the exercise runs the same on
TensorFlow. The kill tests fork the kernel (`os.fork`): the child only saves and leaves with
`os._exit`, killed by the kernel when a file it writes grows past a byte limit
(`RLIMIT_FSIZE` with SIGXFSZ's default action), or by SIGKILL.
"""

import contextlib
import io
import os
import pickle
import resource
import shutil
import signal
import sys
import tempfile
import time
import warnings

import numpy as np

from course.checks import choice, expect, fail, question


def _read(path):
    with open(path, "rb") as f:
        return f.read()


def _write(path, data):
    with open(path, "wb") as f:
        f.write(data)


# -- killing a save ---------------------------------------------------------------------------
def run_killed(function, *args, limit=None, kill_after=None):
    """Run `function(*args)` in a forked child and return how the child ended:
    "exited" (it returned), "raised" (it raised), "limit" (killed when a file it wrote reached
    `limit` bytes) or "killed" (SIGKILL, sent `kill_after` seconds after the child started)."""
    read_end, write_end = os.pipe()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # Python 3.12+ warns that the kernel has threads
        pid = os.fork()
    if pid == 0:  # the child: save, then leave at once (never touch the kernel's sockets)
        code = 1
        try:
            os.close(read_end)
            sys.stdout = sys.stderr = io.StringIO()  # a print in the child stays there
            resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # no core file when killed
            if limit is not None:
                signal.signal(signal.SIGXFSZ, signal.SIG_DFL)  # Python ignores it by default
                resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
            os.write(write_end, b"s")
            function(*args)
            code = 0
        except BaseException:
            code = 1
        finally:
            os._exit(code)
    os.close(write_end)
    try:
        os.read(read_end, 1)
        if kill_after is not None:
            time.sleep(kill_after)
            os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
    finally:
        os.close(read_end)
    if os.WIFSIGNALED(status):
        return {signal.SIGXFSZ: "limit", signal.SIGKILL: "killed"}.get(
            os.WTERMSIG(status), "signal %d" % os.WTERMSIG(status)
        )
    return "exited" if os.WEXITSTATUS(status) == 0 else "raised"


# -- comparing dicts of arrays ----------------------------------------------------------------
def _same(loaded, arrays):
    """Whether `loaded` is a dict with exactly `arrays`' names, dtypes, shapes and bytes."""
    if not isinstance(loaded, dict) or set(loaded) != set(arrays):
        return False
    for name, array in arrays.items():
        value = loaded[name]
        if not isinstance(value, np.ndarray):
            return False
        if value.dtype != array.dtype or value.shape != array.shape:
            return False
        if value.tobytes() != array.tobytes():
            return False
    return True


def _difference(loaded, arrays):
    """Why `loaded` is not `arrays`, in words."""
    if not isinstance(loaded, dict):
        return "it returned a %s, not a dict" % type(loaded).__name__
    if set(loaded) != set(arrays):
        return "its names are %s, not %s" % (sorted(loaded), sorted(arrays))
    for name, array in arrays.items():
        value = loaded[name]
        if not isinstance(value, np.ndarray):
            return "%r is a %s, not a NumPy array" % (name, type(value).__name__)
        if value.dtype != array.dtype:
            return "%r has dtype %s, not %s" % (name, value.dtype, array.dtype)
        if value.shape != array.shape:
            return "%r has shape %s, not %s" % (name, value.shape, array.shape)
        if value.tobytes() != array.tobytes():
            return "%r holds other values" % name
    return "nothing"


def _fresh_arrays(seed):
    """Arrays the learner has not seen: several dtypes, a scalar, an empty array, NaN and -0."""
    rng = np.random.default_rng(seed)
    weights = rng.normal(size=(3, 4)).astype(np.float32)
    weights[0, 0], weights[1, 1] = np.nan, -0.0
    return {
        "dense/kernel": weights,
        "dense/bias": rng.normal(size=4),
        "step": np.int64(1000 + seed),
        "mask": np.zeros((0, 5), dtype=bool),
        "counts": rng.integers(-300, 300, size=(2, 2, 3)).astype(np.int16),
        "pixels": rng.integers(0, 256, size=7).astype(np.uint8),
        "phase": (rng.normal(size=2) + 1j * rng.normal(size=2)).astype(np.complex64),
    }


def _fresh(seed):
    return {name: np.asarray(value) for name, value in _fresh_arrays(seed).items()}


@contextlib.contextmanager
def _no_unpickling():
    """Record any unpickling (pickle.load(s), pickle.Unpickler, np.load with allow_pickle=True)."""
    used = []

    def refuse(name):
        def refused(*args, **kwargs):
            used.append(name)
            raise pickle.UnpicklingError("the check refuses to unpickle")

        return refused

    real_np_load = np.load

    def np_load(*args, **kwargs):
        if kwargs.get("allow_pickle"):
            used.append("np.load(..., allow_pickle=True)")
        return real_np_load(*args, **kwargs)

    saved = (pickle.load, pickle.loads, pickle.Unpickler, np.load)
    pickle.load, pickle.loads = refuse("pickle.load"), refuse("pickle.loads")
    pickle.Unpickler = refuse("pickle.Unpickler")
    np.load = np_load
    try:
        yield used
    finally:
        pickle.load, pickle.loads, pickle.Unpickler, np.load = saved


PICKLE_HINT = (
    "decode unpickles ({}). Unpickling a file can run any code its writer put in it, so a "
    "checkpoint format never uses pickle: store each array's dtype and shape in a JSON header "
    "and its raw bytes (`array.tobytes()`, `np.frombuffer`), or `np.save`/`np.load` with "
    "`allow_pickle=False`."
)


def _call_decode(decode, data):
    """decode(data) -> ("returned", value) or ("raised", exception)."""
    try:
        return "returned", decode(data)
    except Exception as error:  # any error is an answer here
        return "raised", error


def _offsets(length, count):
    """`count` byte offsets spread over 0..length-1 (all of them for a short file)."""
    if length <= count:
        return list(range(length))
    return sorted(set(np.linspace(0, length - 1, count).astype(int).tolist()))


# -- question 1: a kill in the middle of an in-place save -------------------------------------
def save_in_place(path, arrays):
    """The lesson's in-place writer, as question 1 shows it."""
    with open(path, "wb") as f:
        for array in arrays.values():
            np.save(f, array, allow_pickle=False)


def _in_place_outcome(limit):
    """(file size, complete new float64 values, old float64 values left) after a kill."""
    old = {"w": np.arange(100.0)}
    new = {"w": np.arange(100.0) + 1000.0}
    directory = tempfile.mkdtemp(prefix="unit25-q1-")
    try:
        path = os.path.join(directory, "model.ckpt")
        save_in_place(path, old)
        how = run_killed(save_in_place, path, new, limit=limit)
        data = _read(path)
    finally:
        shutil.rmtree(directory, ignore_errors=True)
    expect(how == "limit", "the check could not kill the writer (%s); ask for help." % how)
    header = 128  # an .npy file's header, for this array
    values = np.frombuffer(data[header : header + (len(data) - header) // 8 * 8], dtype="<f8")
    return (
        len(data),
        int(np.isin(values, new["w"]).sum()),
        int(np.isin(values, old["w"]).sum()),
    )


@question(1)
def q1(size_after, new_values, old_values):
    size, complete, old_left = _in_place_outcome(500)
    expect(
        int(size_after) == size,
        f"size_after is {size_after}. The kernel kills the writer when the file would grow past "
        "500 bytes: what has been written up to then stays in the file.",
    )
    if int(old_values) != old_left:
        fail(
            f"old_values is {old_values}. What does open(path, 'wb') do to the old file, before "
            "the first byte of the new one is written?"
        )
    if int(new_values) == size // 8:
        fail(
            f"new_values is {new_values}: that counts the whole file as values. What does "
            "np.save write before the array's bytes, and how long is it?"
        )
    expect(
        int(new_values) == complete,
        f"new_values is {new_values}. Subtract the .npy header from the file's size, then count "
        "how many whole float64 values (8 bytes each) fit in the rest.",
    )


# -- question 2: encode and decode with a checksum --------------------------------------------
@question(2)
def q2(encode, decode):
    arrays = _fresh(2)
    data = encode(arrays)
    expect(
        isinstance(data, (bytes, bytearray)),
        f"encode returned a {type(data).__name__}; return the checkpoint's bytes (`bytes`).",
    )
    data = bytes(data)
    with _no_unpickling() as used:
        how, loaded = _call_decode(decode, data)
    if used:
        fail(PICKLE_HINT.format(", ".join(sorted(set(used)))))
    if how == "raised":
        fail(
            f"decode(encode(arrays)) raised {type(loaded).__name__}: {loaded}. It must give the "
            "arrays back."
        )
    expect(
        _same(loaded, arrays),
        f"decode(encode(arrays)) is not the same dict: {_difference(loaded, arrays)}. Store each "
        "array's name, dtype (`array.dtype.str`) and shape (a 0-d array has shape ()) and its "
        "bytes.",
    )
    expect(_same(decode(encode({})), {}), "decode(encode({})) should give {} back.")

    small = {"step": np.asarray(np.int64(7)), "bias": np.asarray([0.5, -1.25], np.float32)}
    data = bytes(encode(small))
    unnoticed, other_errors = [], []
    for offset in _offsets(len(data), 400):
        for mask in (0x01, 0x80, 0xFF):
            damaged = bytearray(data)
            damaged[offset] ^= mask
            how, result = _call_decode(decode, bytes(damaged))
            if how == "returned":
                unnoticed.append((offset, _same(result, small)))
            elif not isinstance(result, ValueError):
                other_errors.append((offset, result))
    if unnoticed:
        same = [offset for offset, same in unnoticed if same]
        if same:
            fail(
                f"with byte {same[0]} of a {len(data)}-byte checkpoint flipped, decode returned "
                "the same arrays without noticing the damage: a byte it never checks, such as the "
                "stored checksum itself. Does decode compare the checksum stored in the data with "
                "one it computes from the bytes it reads?"
            )
        fail(
            f"with byte {unnoticed[0][0]} of a {len(data)}-byte checkpoint flipped, decode "
            f"returned different numbers ({len(unnoticed)} damaged copies went unnoticed). The "
            "checksum must cover every byte: the header and every array's bytes."
        )
    if other_errors:
        offset, error = other_errors[0]
        fail(
            f"with byte {offset} flipped, decode raised {type(error).__name__}: {error}. Check "
            "the checksum first and raise ValueError when it does not match."
        )
    for length in _offsets(len(data), 200):
        how, result = _call_decode(decode, data[:length])
        if how == "returned":
            fail(
                f"decode accepted the first {length} of {len(data)} bytes (a file cut short by "
                "a crash) and returned {}. It must raise ValueError.".format(
                    "the same arrays" if _same(result, small) else "other arrays"
                )
            )
        if not isinstance(result, ValueError):
            fail(
                f"decode of the first {length} of {len(data)} bytes raised "
                f"{type(result).__name__}: {result}. Raise ValueError for a file too short to "
                "hold its checksum, or whose checksum does not match."
            )


# -- question 3: an atomic save ---------------------------------------------------------------


def _others(directory, name):
    return sorted(n for n in os.listdir(directory) if n != name)


def _outcome(path, old_bytes, new_bytes, load_arrays, old, new):
    """ "old", "new", or a description of what `path` holds instead."""
    if not os.path.exists(path):
        return "nothing (the file is gone)"
    data = _read(path)
    if data == old_bytes:
        return "old"
    if data == new_bytes:
        return "new"
    try:
        loaded = load_arrays(path)
    except Exception as error:
        return "%d bytes that load_arrays refuses (%s)" % (len(data), type(error).__name__)
    if _same(loaded, old):
        return "old"
    if _same(loaded, new):
        return "new"
    return "%d bytes that load_arrays reads as other arrays" % len(data)


@question(3)
def q3(save_arrays, load_arrays):
    root = tempfile.mkdtemp(prefix="unit25-q3-")
    try:
        _check_atomic_save(save_arrays, load_arrays, root)
    finally:
        shutil.rmtree(root, ignore_errors=True)


def _check_atomic_save(save_arrays, load_arrays, root):
    old, new = _fresh(31), _fresh(32)
    new["extra"] = np.arange(40, dtype=np.float64)  # the new checkpoint is the larger one

    # A round trip, and an overwrite that leaves no temporary file behind.
    directory = os.path.join(root, "plain")
    os.makedirs(directory)
    path = os.path.join(directory, "model.ckpt")
    save_arrays(path, old)
    loaded = load_arrays(path)
    expect(
        _same(loaded, old),
        f"load_arrays(path) after save_arrays(path, arrays) is not the same dict: "
        f"{_difference(loaded, old)}.",
    )
    old_bytes = _read(path)
    save_arrays(path, new)
    new_bytes = _read(path)
    loaded = load_arrays(path)
    expect(
        _same(loaded, new),
        f"after a second save_arrays over the first, load_arrays gives {_difference(loaded, new)}"
        " different from the new arrays.",
    )
    left = _others(directory, "model.ckpt")
    expect(
        not left,
        f"after two successful saves, the folder also holds {left}: rename the temporary file "
        "into place (os.replace), so nothing is left behind.",
    )

    # Kills at byte limits: the file that reaches the limit is cut there.
    size = len(new_bytes)
    limits = sorted({0, 1, 8, size // 3, size // 2, size - 1})
    for number, limit in enumerate(limits):
        directory = os.path.join(root, "limit%d" % number)
        os.makedirs(directory)
        path = os.path.join(directory, "model.ckpt")
        _write(path, old_bytes)
        how = run_killed(save_arrays, path, new, limit=limit)
        if how == "raised":
            fail(
                "save_arrays raised an error when run in a child process; run it on its own "
                "and look at the error."
            )
        what = _outcome(path, old_bytes, new_bytes, load_arrays, old, new)
        if what not in ("old", "new"):
            fail(
                f"a save killed when a file it wrote reached a limit of {limit} bytes (the new "
                f"checkpoint has {size}) left at path {what}: neither the old checkpoint nor the "
                "new one. Write the new bytes to a temporary file, and rename it over path only "
                "when every byte is written and flushed."
            )
        if how == "limit" and limit > 0 and what == "old" and not _others(directory, "model.ckpt"):
            fail(
                f"a save killed when a file it wrote reached a limit of {limit} bytes left its "
                "partial file outside path's folder. Create the temporary file in the same "
                "folder as path: os.replace cannot move a file to another file system (OSError: "
                "Invalid cross-device link), and a fixed name elsewhere is shared by every save."
            )

    # SIGKILL at moments during a larger save.
    big_old = {"w": np.arange(1_000_000, dtype=np.float64), "step": np.asarray(np.int64(1))}
    big_new = {"w": -np.arange(1_000_000, dtype=np.float64), "step": np.asarray(np.int64(2))}
    directory = os.path.join(root, "big")
    os.makedirs(directory)
    path = os.path.join(directory, "model.ckpt")
    save_arrays(path, big_new)
    big_new_bytes = _read(path)
    for delay in (0.0, 0.003, 0.01):
        save_arrays(path, big_old)
        big_old_bytes = _read(path)
        run_killed(save_arrays, path, big_new, kill_after=delay)
        what = _outcome(path, big_old_bytes, big_new_bytes, load_arrays, big_old, big_new)
        if what not in ("old", "new"):
            fail(
                f"a save killed with SIGKILL {delay * 1000:g} ms after it started left at path "
                f"{what}: neither the old checkpoint nor the new one. Write to a temporary file "
                "and rename it over path at the end."
            )


# -- question 4: a rename inside `with` ---------------------------------------------------------
def save_fast(path, data):
    """Question 4's writer, as shown there; it renames inside `with`."""
    temp = path + ".tmp"
    with open(temp, "wb") as f:
        f.write(data)
        os.replace(temp, path)  # still inside `with`: f is not closed yet


def _fast_outcome():
    old_data, new_data = bytes(range(200)) * 5, bytes(range(250, 0, -1)) * 4
    directory = tempfile.mkdtemp(prefix="unit25-q4-")
    try:
        path = os.path.join(directory, "model.ckpt")
        _write(path, old_data)
        how = run_killed(save_fast, path, new_data, limit=100)
        expect(how == "limit", "the check could not kill the writer (%s); ask for help." % how)
        holds = _read(path) if os.path.exists(path) else None
        temp = _read(path + ".tmp") if os.path.exists(path + ".tmp") else None
    finally:
        shutil.rmtree(directory, ignore_errors=True)
    if holds is None:
        return "e" if temp == new_data[:100] else "?"
    if holds == old_data:
        return "f" if temp == new_data[:100] else "a"
    if holds == new_data:
        return "b"
    if holds == new_data[:100]:
        return "c"
    if holds == b"":
        return "d"
    return "?"


@question(4)
def q4(answer):
    correct = _fast_outcome()
    expect(correct != "?", "the check could not tell what the writer left; ask for help.")
    hints = {
        "a": "the rename runs before the data reaches the file: where are the bytes of "
        "f.write(data) while `with` is still open?",
        "b": "the writer is killed before it has written all 1000 bytes: can path hold all of "
        "them?",
        "c": "look again at when the rename runs and when the bytes reach the file.",
        "d": "the process is killed once a file reaches 100 bytes, not before its first write to "
        "the disk. When does Python hand the buffered bytes to the operating system?",
        "e": "os.replace has already run when the bytes are written: which name does the file "
        "have then?",
        "f": "os.replace has run before the process is killed. What does a rename do to the "
        "file path named?",
    }
    hints[correct] = "look again at when the rename runs and when the bytes reach the file."
    choice(answer, ["a", "b", "c", "d", "e", "f"], correct, hints)
