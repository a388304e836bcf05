"""The checkpoint files, in TensorFlow's own format: `PREFIX.index` + `PREFIX.data-00000-of-00001`.

A checkpoint is named by its prefix ("model.ckpt", or "model.ckpt-1000" when saved with a
global step) and is two files (TensorFlow calls the pair a *tensor bundle*):

    PREFIX.data-00000-of-00001   the values: each tensor's raw bytes, one after another
    PREFIX.index                 a table saying where each tensor is and how to read it

The index is a sorted string table (learntf/train/sstable.py): keys in sorted order, each with
a small protocol buffer (learntf/train/bundle_protos.py).  The empty key "" comes first and holds
the header (how many data files, their byte order, the format version); every other key is a
tensor's name and holds its entry: dtype, shape, which data file, offset, size, and the masked
CRC-32C of its bytes (learntf/train/crc32c.py).  For "theta", a float32 [9, 1]:

    {"dtype": 1 (DT_FLOAT), "shape": [9, 1], "shard_id": 0, "offset": 0, "size": 36, ...}

To read "theta" by hand: seek to `offset` in the data file, read `size` bytes, check their
CRC-32C against `crc32c.unmask(entry["crc32c"])`, then `np.frombuffer(raw, "<f4").reshape(9, 1)`:
numbers are little-endian, in C (row-major) order, with no padding between tensors.  A string
tensor stores every element's length as a varint, then the masked CRC-32C of the lengths (each
taken as 4 little-endian bytes), then the strings' bytes; its entry's checksum covers all three.
The same tensors give the same bytes as TensorFlow's `SaveV2`, so either engine reads the
other's files.  Reading never unpickles or runs anything; every field is checked, and damage
raises `tf.errors.DataLossError`.

Saving is atomic.  Files are written under temporary names, flushed to disk, then renamed over
the real names (a rename replaces a file in one step).  The index is renamed last: until then
the old index is the checkpoint.  When a save overwrites an existing checkpoint, the new data
file keeps the old tensors' bytes where the old index points and puts the new tensors beside
them (in the free space before them, or after them), so the old index still reads correctly
while the new data file is already in place.  A process killed at any moment leaves the old
checkpoint or the new one, never a mixture; at worst a `*.tmp*` file is left behind, which the
next save beside it removes (learntf/framework/file_io.py).
(TensorFlow renames its new data file first, so its old index briefly points at new bytes.)
"""

import os

import numpy as np

from learntf import dtypes, errors
from learntf.framework import file_io
from learntf.train import bundle_protos, crc32c, sstable

FORMAT_VERSION = 1  # TF's kTensorBundleVersion: what this reader understands
_LITTLE_ENDIAN = 0


def data_path(prefix, shard=0, num_shards=1):
    return "%s.data-%05d-of-%05d" % (prefix, shard, num_shards)


def index_path(prefix):
    return prefix + ".index"


def checkpoint_exists(prefix):
    """Whether a checkpoint with this prefix exists (its index file identifies it)."""
    return os.path.isfile(index_path(prefix))


def _dtype_enum(dtype):
    from learntf.serialization.tf_protos import protos

    return protos().types_pb2.DataType.Value("DT_" + dtype.proto_name.upper())


def _enum_name(number):
    from learntf.serialization.tf_protos import protos

    try:
        return protos().types_pb2.DataType.Name(number)
    except ValueError:
        return None


# -- writing ------------------------------------------------------------------------------------
def write_checkpoint(prefix, named_arrays):
    """Save `named_arrays` [(key, array), ...] as checkpoint `prefix`, atomically."""
    payloads = []
    for key, array in named_arrays:
        array = np.asarray(array)
        dtype = dtypes.string if array.dtype.kind in "OSU" else dtypes.as_dtype(array.dtype)
        raw, crc = _tensor_bytes(array, dtype)
        payloads.append(
            (key.encode("utf-8") if isinstance(key, str) else key, dtype, array, raw, crc)
        )
    keys = [p[0] for p in payloads]
    if len(set(keys)) != len(keys):
        duplicate = next(k for k in keys if keys.count(k) > 1)
        raise errors.InvalidArgumentError(
            None, None, "Adding duplicate key: %s" % duplicate.decode("utf-8", "replace")
        )
    if b"" in keys:
        raise errors.InvalidArgumentError(
            None,
            None,
            'A tensor cannot be saved under the empty key ""\n(learntf: the index keeps its header '
            "there; give the tensor a name.)",
        )
    # Two savers of one prefix take turns: each keeps the bytes the current index uses.
    with file_io.exclusive(os.path.dirname(prefix)):
        new_size = sum(len(p[3]) for p in payloads)
        old_data, kept = _live_old_bytes(prefix)
        if kept is None:
            offset, contents = 0, bytearray()
        elif new_size <= kept[0]:  # the new tensors fit before the old ones
            offset, contents = 0, bytearray(old_data[: kept[1]])
        else:  # put them after the old ones
            offset, contents = kept[1], bytearray(old_data[: kept[1]])
        entries = []
        for key, dtype, array, raw, crc in payloads:
            contents[offset : offset + len(raw)] = raw
            entry = bundle_protos.encode_entry(
                _dtype_enum(dtype), array.shape, offset, len(raw), crc32c.mask(crc)
            )
            entries.append((key, entry))
            offset += len(raw)
        table = sstable.build([(b"", bundle_protos.encode_header())] + sorted(entries))
        _replace_file(data_path(prefix), bytes(contents))
        _replace_file(index_path(prefix), table)
        file_io.sync_directory(os.path.dirname(prefix))


def _tensor_bytes(array, dtype):
    """(the bytes TF's data file holds for `array`, their CRC-32C)."""
    if dtype is not dtypes.string:
        raw = np.ascontiguousarray(array, dtype=array.dtype.newbyteorder("<")).tobytes()
        return raw, crc32c.value(raw)
    items = [x.encode("utf-8") if isinstance(x, str) else bytes(x) for x in array.reshape(-1)]
    lengths = b"".join(sstable.put_varint(len(x)) for x in items)
    crc = crc32c.value(
        b"".join(len(x).to_bytes(4 if len(x) < 2**32 else 8, "little") for x in items)
    )
    length_checksum = crc32c.mask(crc).to_bytes(4, "little")
    body = b"".join(items)
    crc = crc32c.value(body, crc32c.value(length_checksum, crc))
    return lengths + length_checksum + body, crc


def _live_old_bytes(prefix):
    """The current data file and the byte range its index uses, or (None, None) if there is no
    readable single-file checkpoint at `prefix` (nothing then needs protecting)."""
    try:
        reader = CheckpointReader(prefix)
        with open(data_path(prefix), "rb") as handle:
            data = handle.read()
    except (OSError, errors.OpError):
        return None, None
    spans = [(e["offset"], e["offset"] + e["size"]) for e in reader._entries.values()]
    if reader._num_shards != 1 or not spans:
        return None, None
    start, end = min(s for s, _ in spans), max(e for _, e in spans)
    return (data, (start, end)) if end <= len(data) else (None, None)


def _replace_file(path, data):
    """Write one file of the bundle atomically (framework/file_io.py), with TF's bundle
    writer's words when the folder is missing."""
    try:
        file_io.atomic_write(path, data)
    except errors.NotFoundError:
        raise errors.NotFoundError(
            None, None, "Failed to create a NewWriteableFile: %s : No such file or directory" % path
        ) from None


# -- reading ------------------------------------------------------------------------------------
def _data_loss(message, hint):
    return errors.DataLossError(None, None, "%s\n(learntf: %s)" % (message, hint))


_DAMAGED = (
    "the file was damaged after it was written (a disk error, an interrupted copy or an edit), "
    "or it is not a checkpoint index. Restore from another checkpoint."
)


_SNAPSHOT_TRIES = 20  # reading the index again while saves keep replacing it


def _file_identity(path_or_descriptor):
    """(device, inode) of a file: a rename over its name gives the name another identity."""
    try:
        found = os.stat(path_or_descriptor)
    except OSError:
        return None
    return found.st_dev, found.st_ino


class CheckpointReader:
    """Reads one checkpoint: `tf.train.load_checkpoint(prefix)` / `NewCheckpointReader`."""

    def __init__(self, prefix):
        self.prefix = prefix
        self._data_files = {}
        path = index_path(prefix)
        # A save replaces the data file, then the index, keeping the bytes the index before it
        # uses.  So if the index is the same file after the data files are opened, the open
        # files belong to it, and reads see this snapshot however many saves come later (an
        # open file outlives its rename).  If a save came in between, read again.
        for attempt in range(_SNAPSHOT_TRIES):
            with self._read_index(path) as index:  # (kept open: its inode is not reused)
                self._data_files = {s: self._open_data(s) for s in range(self._num_shards)}
                if _file_identity(path) == _file_identity(index.fileno()):
                    break
            if attempt < _SNAPSHOT_TRIES - 1:
                self.close()

    def close(self):
        for handle in self._data_files.values():
            if handle is not None:
                handle.close()

    def __del__(self):
        self.close()

    def _open_data(self, shard):
        try:
            return open(data_path(self.prefix, shard, self._num_shards), "rb")
        except FileNotFoundError:
            return None  # (refused when a tensor is read from it)

    def _read_index(self, path):
        """Parse the index at `path` into this reader; return the file, still open."""
        try:
            handle = open(path, "rb")
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
            raise errors.NotFoundError(
                None,
                None,
                "Unsuccessful TensorSliceReader constructor: Failed to find any "
                "matching files for %s\n(learntf: a checkpoint is named by its prefix, the path "
                "saver.save() returned; %s does not exist.)" % (self.prefix, path),
            ) from None
        try:
            self._parse_index(handle.read(), path)
        except BaseException:
            handle.close()
            raise
        return handle

    def _parse_index(self, raw_index, path):
        try:
            items = sstable.read(raw_index)
        except sstable.TableError as exc:
            if raw_index.startswith(b'{\n  "format": "learntf checkpoint"'):
                raise _data_loss(
                    str(exc),
                    "%s is learntf's former JSON index, which learntf no longer reads; save "
                    "the model again (or retrain it)." % path,
                ) from None
            if str(exc).startswith(("not an sstable", "file is too short")):
                raise _data_loss(str(exc), "%s: %s" % (path, _DAMAGED)) from None
            raise _data_loss(
                _corrupt_file(path, "failed to seek to header entry", str(exc)), _DAMAGED
            ) from None
        if not items or items[0][0] != b"":
            raise _data_loss(_corrupt_file(path, "failed to seek to header entry"), _DAMAGED)
        try:
            header = bundle_protos.decode_header(items[0][1])
        except ValueError:
            raise _data_loss(
                _corrupt_file(path, "unable to parse header", "Entry for key  not parseable."),
                _DAMAGED,
            ) from None
        self._check_header(header, path)
        self._num_shards = header["num_shards"]
        self._entries = {}
        for key, value in items[1:]:
            self._entries[self._check_key(key, path)] = self._check_entry(key, value)

    def _check_header(self, header, path):
        if header["min_consumer"] > FORMAT_VERSION or FORMAT_VERSION in header["bad_consumers"]:
            raise errors.InvalidArgumentError(
                None,
                None,
                "Checkpoint min consumer version %d above current version %d for checkpoint.  "
                "Please upgrade TensorFlow.\n(learntf: a newer TensorFlow or learntf wrote %s; "
                "upgrade learntf.)" % (header["min_consumer"], FORMAT_VERSION, path),
            )
        if header["producer"] < 0 or not 1 <= header["num_shards"] <= 100000:
            raise _data_loss(_corrupt_file(path, "unable to parse header"), _DAMAGED)
        if header["endianness"] != _LITTLE_ENDIAN:
            raise errors.UnimplementedError(
                None,
                None,
                "TensorBundle at %s is of a different endianness than this machine's hardware\n"
                "(learntf: reads little-endian checkpoints only.)" % self.prefix,
            )

    @staticmethod
    def _check_key(key, path):
        try:
            return key.decode("utf-8")
        except UnicodeDecodeError:
            raise _data_loss(
                "Entry for key %r not parseable." % key, "%s: a key is not UTF-8." % path
            ) from None

    def _check_entry(self, key, value):
        try:
            entry = bundle_protos.decode_entry(value)
        except ValueError as exc:
            raise _data_loss(
                "Entry for key %s not parseable." % key.decode("utf-8", "replace"),
                "%s (%s) %s" % (index_path(self.prefix), exc, _DAMAGED),
            ) from None
        name, shape = _enum_name(entry["dtype"]), entry["shape"]
        elements = 1
        for dim in shape:
            elements *= max(dim, 0)
        if entry["unknown_rank"] or min(shape, default=0) < 0 or elements >= 2**63:
            raise _data_loss(
                "Invalid tensor shape: %s %s" % (key.decode("utf-8", "replace"), shape), _DAMAGED
            )
        if name in (None, "DT_INVALID") or entry["offset"] < 0 or entry["size"] < 0:
            raise _data_loss(
                "Entry for key %s not parseable." % key.decode("utf-8", "replace"),
                "%s: bad dtype %d, offset or size. %s"
                % (index_path(self.prefix), entry["dtype"], _DAMAGED),
            )
        if not 0 <= entry["shard_id"] < self._num_shards:
            raise _data_loss(
                "Entry for key %s not parseable." % key.decode("utf-8", "replace"),
                "shard %d of %d. %s" % (entry["shard_id"], self._num_shards, _DAMAGED),
            )
        entry["elements"] = elements
        return entry

    def keys(self):
        return sorted(self._entries)

    def has_tensor(self, key):
        return key in self._entries

    def get_variable_to_shape_map(self):
        return {key: list(e["shape"]) for key, e in self._entries.items()}

    def get_variable_to_dtype_map(self):
        return {key: self._dtype(key) for key in self._entries}

    def _dtype(self, key):
        number = self._entries[key]["dtype"]
        for dtype in _READABLE:
            if _dtype_enum(dtype) == number:
                return dtype
        raise errors.UnimplementedError(
            None,
            None,
            "Checkpoint %s: tensor '%s' has dtype %s\n(learntf: learntf has no such dtype; it "
            "reads %s.)"
            % (self.prefix, key, _enum_name(number), ", ".join(d.name for d in _READABLE)),
        )

    def get_tensor(self, key):
        return self.read([key])[0]

    def read(self, keys, expected_dtypes=None):
        """The arrays saved under `keys`, each checked against its checksum (and, given
        `expected_dtypes`, against the dtype each is read for: TF's RestoreV2 check)."""
        missing = [key for key in keys if key not in self._entries]
        if missing:
            raise errors.NotFoundError(None, None, "Key %s not found in checkpoint" % missing[0])
        if expected_dtypes is not None:
            mismatched = [
                "tensor_name = %s; expected dtype %s does not equal original dtype %s"
                % (key, dtype.proto_name, self._dtype(key).proto_name)
                for key, dtype in zip(keys, expected_dtypes)
                if self._dtype(key) is not dtype
            ]
            if mismatched:
                raise errors.InvalidArgumentError(None, None, "\n".join(mismatched))
        return [self._read_one(key) for key in keys]

    def _read_one(self, key):
        entry, dtype = self._entries[key], self._dtype(key)
        if entry["slices"]:
            raise errors.UnimplementedError(
                None,
                None,
                "Checkpoint %s: '%s' is saved in slices (a partitioned variable)\n(learntf: "
                "reads whole tensors only.)" % (self.prefix, key),
            )
        elements, size = entry["elements"], entry["size"]
        if dtype is not dtypes.string and size != elements * dtype.np.itemsize:
            raise _data_loss(
                "Invalid size in bundle entry: key %s; stored size %d; expected size %d"
                % (key, size, elements * dtype.np.itemsize),
                _DAMAGED,
            )
        if dtype is dtypes.string and size < elements:
            raise _data_loss(
                "Invalid size in bundle entry: key %s; stored size %d; expected size is at "
                "least %d" % (key, size, elements),
                _DAMAGED,
            )
        raw = self._bytes(key, entry)
        if dtype is dtypes.string:
            array, actual = _strings(raw, elements, key)
        else:
            array = np.frombuffer(raw, dtype=dtype.np.newbyteorder("<")).astype(
                dtype.np, copy=False
            )
            actual = crc32c.value(raw)
        stored = crc32c.unmask(entry["crc32c"])
        if actual != stored:
            raise _data_loss(
                "TensorBundle at %s shard %d (%d bytes): Checksum does not match: stored %08d vs. "
                "calculated on the restored bytes %d"
                % (self.prefix, entry["shard_id"], size, stored, actual),
                "the bytes of '%s' changed after they were saved - a disk error, an interrupted "
                "copy or an edit of the file. Restore from another checkpoint." % key,
            )
        array = array.reshape(entry["shape"])
        array.flags.writeable = False
        return array

    def _bytes(self, key, entry):
        """The `size` bytes at `offset` of the entry's data file (never more than the file has)."""
        shard = entry["shard_id"]
        path = data_path(self.prefix, shard, self._num_shards)
        handle = self._data_files[shard]
        if handle is None:
            raise errors.NotFoundError(
                None,
                None,
                "%s; No such file or directory\n(learntf: the index file is there but its "
                "data file is missing.)" % path,
            )
        end = entry["offset"] + entry["size"]
        if end > os.fstat(handle.fileno()).st_size:
            raise _data_loss(
                "Read less bytes than requested",
                "the data file %s ends before the bytes of '%s' [%d, %d) do: it is truncated "
                "(an interrupted copy or a full disk). Restore from another checkpoint."
                % (path, key, entry["offset"], end),
            )
        return os.pread(handle.fileno(), entry["size"], entry["offset"])  # (safe in threads)

    def debug_string(self):
        """One line per tensor, as TF's `BundleReader::DebugString`: `theta (DT_FLOAT) [9,1]`."""
        return "".join(
            "%s (%s) [%s]\n" % (key, _enum_name(e["dtype"]), ",".join(map(str, e["shape"])))
            for key, e in sorted(self._entries.items())
        )


_READABLE = (  # every dtype learntf has that a checkpoint can hold
    (dtypes.float16, dtypes.float32, dtypes.float64, dtypes.complex64, dtypes.complex128)
    + (dtypes.int8, dtypes.int16, dtypes.int32, dtypes.int64, dtypes.uint8, dtypes.uint16)
    + (dtypes.bool_, dtypes.string)
)


def _strings(raw, elements, key):
    """(object array of the `elements` strings in TF's layout `raw`, the CRC-32C of `raw`)."""
    lengths, position = [], 0
    try:
        for _ in range(elements):
            length, position = sstable.get_varint(raw, position)
            lengths.append(length)
    except sstable.TableError:
        raise _data_loss(
            "String lengths longer than expected offset %d" % len(raw), _DAMAGED
        ) from None
    crc = crc32c.value(b"".join(n.to_bytes(4 if n < 2**32 else 8, "little") for n in lengths))
    stored = int.from_bytes(raw[position : position + 4], "little")
    if position + 4 > len(raw) or crc32c.unmask(stored) != crc:
        raise _data_loss(
            "The length checksum does not match: expected %08d but actual is %08d"
            % (crc32c.unmask(stored), crc),
            "the lengths of the strings of '%s' are damaged. %s" % (key, _DAMAGED),
        )
    crc = crc32c.value(raw[position : position + 4], crc)
    position += 4
    if position + sum(lengths) > len(raw):
        raise _data_loss("Read less bytes than requested", "'%s': %s" % (key, _DAMAGED))
    crc = crc32c.value(raw[position : position + sum(lengths)], crc)
    array = np.empty(elements, dtype=object)
    for i, length in enumerate(lengths):
        array[i] = raw[position : position + length]
        position += length
    return array, crc


def _corrupt_file(path, detail, cause=""):
    """TF's words for an index it cannot read (CorruptFileError in tensor_bundle.cc)."""
    return (
        "Unable to read file (%s). Perhaps the file is corrupt or was produced by a newer "
        "version of TensorFlow with format changes (%s)%s"
        % (path, detail, cause and ": %s" % cause)
    )
