"""The checkpoint files: `PREFIX.index` and `PREFIX.data-00000-of-00001` (lesson 06).

A checkpoint is named by its prefix ("model.ckpt", or "model.ckpt-1000" when saved with a
global step) and is two files:

    PREFIX.data-00000-of-00001   the values: each tensor's raw bytes, one after another
    PREFIX.index                 JSON saying where each tensor is and how to read it:

    {
      "format": "learntf checkpoint",
      "version": 1,
      "shards": 1,
      "tensors": {
        "theta": {"dtype": "float32", "shape": [9, 1], "offset": 0, "size": 36,
                  "crc32": 2231515345}
      }
    }

To read "theta" by hand: open the data file, seek to `offset`, read `size` bytes, check that
`zlib.crc32(those_bytes) == crc32`, then `np.frombuffer(those_bytes, "<f4").reshape(9, 1)`:
numbers are little-endian and in C (row-major) order.  A string tensor stores, for each element,
its length as 8 little-endian bytes and then its bytes.  Reading a checkpoint never unpickles or
runs anything.  (TensorFlow's files have the same names and roles; its index is a binary table
of protobufs and its checksum CRC-32C, so the two engines cannot read each other's files.)

Saving is atomic.  Files are written under temporary names, flushed to disk, then renamed over
the real names (a rename replaces a file in one step).  The index is renamed last: until then
the old index is the checkpoint.  When a save overwrites an existing checkpoint, the new data
file keeps the old tensors' bytes where the old index points and puts the new tensors beside
them (in the free space before them, or after them), so the old index still reads correctly
while the new data file is already in place.  A process killed at any moment leaves the old
checkpoint or the new one, never a mixture; at worst a `*.tmp*` file is left behind.
"""

import json
import os
import zlib

import numpy as np

from learntf import dtypes, errors

FORMAT_NAME = "learntf checkpoint"
FORMAT_VERSION = 1


def data_path(prefix):
    return prefix + ".data-00000-of-00001"


def index_path(prefix):
    return prefix + ".index"


def checkpoint_exists(prefix):
    """Whether a checkpoint with this prefix exists (its index file identifies it)."""
    return os.path.isfile(index_path(prefix))


# -- writing ------------------------------------------------------------------------------------
def write_checkpoint(prefix, named_arrays):
    """Save `named_arrays` [(key, array), ...] as checkpoint `prefix`, atomically."""
    payloads = [
        (key, np.asarray(array), _to_bytes(np.asarray(array))) for key, array in named_arrays
    ]
    new_size = sum(len(raw) for _, _, raw in payloads)
    old_data, kept = _live_old_bytes(prefix)
    if kept is None:
        base, contents = 0, bytearray()
    elif new_size <= kept[0]:  # the new tensors fit before the old ones
        base, contents = 0, bytearray(old_data[: kept[1]])
    else:  # put them after the old ones
        base, contents = kept[1], bytearray(old_data[: kept[1]])
    entries = {}
    offset = base
    for key, array, raw in payloads:
        contents[offset : offset + len(raw)] = raw
        entries[key] = {
            "dtype": dtypes.as_dtype(array.dtype).name if array.dtype != object else "string",
            "shape": list(array.shape),
            "offset": offset,
            "size": len(raw),
            "crc32": zlib.crc32(raw),
        }
        offset += len(raw)
    index = {"format": FORMAT_NAME, "version": FORMAT_VERSION, "shards": 1, "tensors": entries}
    _replace_file(data_path(prefix), bytes(contents))
    _replace_file(index_path(prefix), (json.dumps(index, indent=2) + "\n").encode("utf-8"))
    _sync_directory(os.path.dirname(prefix) or ".")


def _to_bytes(array):
    if array.dtype == object:
        parts = []
        for item in array.reshape(-1):
            item = item.encode("utf-8") if isinstance(item, str) else bytes(item)
            parts += [len(item).to_bytes(8, "little"), item]
        return b"".join(parts)
    return np.ascontiguousarray(array).astype(array.dtype.newbyteorder("<"), copy=False).tobytes()


def _live_old_bytes(prefix):
    """The current data file and the byte range its index uses, or (None, None) if there is no
    readable checkpoint at `prefix` (nothing then needs protecting)."""
    try:
        with open(index_path(prefix), "rb") as handle:
            entries = _parse_index(handle.read(), prefix)["tensors"].values()
        with open(data_path(prefix), "rb") as handle:
            data = handle.read()
    except (OSError, errors.OpError):
        return None, None
    if not entries:
        return None, None
    start = min(e["offset"] for e in entries)
    end = max(e["offset"] + e["size"] for e in entries)
    return (data, (start, end)) if end <= len(data) else (None, None)


def _replace_file(path, data):
    """Write `data` to a temporary file beside `path`, flush it to disk, rename it over `path`."""
    temp = "%s.tmp%s" % (path, os.urandom(4).hex())
    try:
        with open(temp, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except FileNotFoundError:
        raise errors.NotFoundError(
            None, None, "Failed to create a NewWriteableFile: %s : No such file or directory" % temp
        ) from None
    except BaseException:
        _remove_quietly(temp)
        raise
    os.replace(temp, path)


def _sync_directory(directory):
    """Make the renames themselves durable (they live in the directory's entry list)."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _remove_quietly(path):
    try:
        os.remove(path)
    except OSError:
        pass


# -- reading ------------------------------------------------------------------------------------
class CheckpointReader:
    """Reads one checkpoint: `tf.train.load_checkpoint(prefix)` / `NewCheckpointReader`."""

    def __init__(self, prefix):
        self.prefix = prefix
        try:
            with open(index_path(prefix), "rb") as handle:
                raw_index = handle.read()
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
            raise errors.NotFoundError(
                None,
                None,
                "Unsuccessful TensorSliceReader constructor: Failed to find any "
                "matching files for %s\n(learntf: a checkpoint is named by its prefix, the path "
                "saver.save() returned; %s does not exist.)" % (prefix, index_path(prefix)),
            ) from None
        self._entries = _parse_index(raw_index, prefix)["tensors"]

    def keys(self):
        return sorted(self._entries)

    def has_tensor(self, key):
        return key in self._entries

    def get_variable_to_shape_map(self):
        return {key: list(e["shape"]) for key, e in self._entries.items()}

    def get_variable_to_dtype_map(self):
        return {key: dtypes.as_dtype(e["dtype"]) for key, e in self._entries.items()}

    def get_tensor(self, key):
        return self.read([key])[0]

    def read(self, keys):
        """The arrays saved under `keys`, each checked against its checksum."""
        missing = [key for key in keys if key not in self._entries]
        if missing:
            raise errors.NotFoundError(None, None, "Key %s not found in checkpoint" % missing[0])
        path = data_path(self.prefix)
        try:
            handle = open(path, "rb")
        except FileNotFoundError:
            raise errors.NotFoundError(
                None,
                None,
                "%s; No such file or directory\n(learntf: the "
                "index file is there but its data file is missing.)" % path,
            ) from None
        with handle:
            return [self._read_one(handle, key) for key in keys]

    def _read_one(self, handle, key):
        entry = self._entries[key]
        handle.seek(entry["offset"])
        raw = handle.read(entry["size"])
        where = "TensorBundle at %s shard 0 (%d bytes)" % (self.prefix, entry["size"])
        if len(raw) != entry["size"]:
            raise errors.DataLossError(
                None,
                None,
                "%s: the data file ends before the bytes of '%s' [%d, %d) do: it is "
                "truncated.\n(learntf: the file was cut short after it was written - an "
                "interrupted copy or a full disk. Restore from another checkpoint.)"
                % (where, key, entry["offset"], entry["offset"] + entry["size"]),
            )
        actual = zlib.crc32(raw)
        if actual != entry["crc32"]:
            raise errors.DataLossError(
                None,
                None,
                "%s: Checksum does not match: stored %08d vs. calculated on the "
                "restored bytes %d\n(learntf: the bytes of '%s' changed after they were saved - "
                "a disk error, an interrupted copy or an edit of the file. Restore from another "
                "checkpoint.)" % (where, entry["crc32"], actual, key),
            )
        return _from_bytes(raw, entry, key, self.prefix)

    def debug_string(self):
        return "".join(
            "%s (%s) %s\n" % (key, e["dtype"], e["shape"])
            for key, e in sorted(self._entries.items())
        )


def _from_bytes(raw, entry, key, prefix):
    dtype = dtypes.as_dtype(entry["dtype"])
    shape = tuple(entry["shape"])
    if dtype is dtypes.string:
        items, position = [], 0
        while position < len(raw):
            length = int.from_bytes(raw[position : position + 8], "little")
            items.append(raw[position + 8 : position + 8 + length])
            position += 8 + length
        array = np.empty(len(items), dtype=object)
        array[:] = items
    else:
        array = np.frombuffer(raw, dtype=dtype.np.newbyteorder("<")).astype(dtype.np, copy=False)
    if array.size != int(np.prod(shape)):
        raise errors.DataLossError(
            None,
            None,
            "Checkpoint %s: tensor '%s' holds %d values but "
            "its shape %s needs %d" % (prefix, key, array.size, list(shape), int(np.prod(shape))),
        )
    array = array.reshape(shape)
    array.flags.writeable = False
    return array


def _parse_index(raw, prefix):
    """The index as a dict, checked field by field (DataLossError if it is not a valid one)."""

    def fail(reason):
        return errors.DataLossError(
            None,
            None,
            "Unable to open table file %s: Data loss: not a valid learntf checkpoint "
            "index (%s)" % (index_path(prefix), reason),
        )

    try:
        index = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise fail("not JSON: %s" % exc) from None
    if not isinstance(index, dict) or index.get("format") != FORMAT_NAME:
        raise fail('no "format": "%s" field' % FORMAT_NAME)
    version = index.get("version")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise errors.UnimplementedError(
            None,
            None,
            "Checkpoint %s uses index version %r; this learntf reads versions up "
            "to %d. (learntf: a newer learntf wrote it; upgrade learntf.)"
            % (prefix, version, FORMAT_VERSION),
        )
    tensors = index.get("tensors")
    if not isinstance(tensors, dict):
        raise fail('"tensors" is not an object')
    for key, entry in tensors.items():
        ok = (
            isinstance(entry, dict)
            and isinstance(entry.get("shape"), list)
            and all(isinstance(d, int) and d >= 0 for d in entry["shape"])
            and all(
                isinstance(entry.get(f), int) and entry[f] >= 0 for f in ("offset", "size", "crc32")
            )
        )
        try:
            ok = ok and dtypes.as_dtype(entry["dtype"]) is not None
        except (KeyError, TypeError):
            ok = False
        if not ok:
            raise fail("bad entry for %r" % key)
    return index
