"""The sorted string table of a checkpoint's `.index` file (TensorFlow's LevelDB-style table).

A table maps byte-string keys, in sorted order, to byte-string values.  The file is:

    data block 1 | data block 2 | ... | metaindex block | index block | footer (48 bytes)

Each block is followed by a 5-byte trailer: a compression byte (0: none; TF's checkpoints are
never compressed) and the masked CRC-32C of the block and that byte (learntf/train/crc32c.py).
Inside a block, each entry is three varints (key bytes shared with the previous key, key bytes
not shared, value length), then the unshared key bytes and the value: sorted keys share long
prefixes, so the block stores each prefix once.  Every 16th entry is a *restart point* that
stores its whole key, and the block ends with the restart offsets (4 bytes each, little-endian)
and their count, so a reader can binary-search a block.  A data block is closed once it
reaches 256 KiB (TF's `block_size`).

The index block has one entry per data block: a key >= every key of that block and < every key
of the next (TF shortens it: between "apple" and "banana", "b"), and the block's *handle*, its
offset and size as two varints.  The metaindex block is empty.  The footer holds the handles of
the metaindex and index blocks, zero padding to 40 bytes, and TF's magic number (8 bytes).

`build(items)` writes a table byte for byte as TensorFlow's `table::TableBuilder` does (same
block size and restart interval), so the same keys and values give the same file.
`read(raw)` returns all (key, value) pairs, checking every checksum, handle and length;
damage raises `TableError` with the words TensorFlow uses for it.
"""

import struct

from learntf.train import crc32c

BLOCK_SIZE = 262144  # TF's table::Options::block_size
RESTART_INTERVAL = 16  # table::Options::block_restart_interval (1 in the index block)
MAGIC = 0xDB4775248B80FB57  # kTableMagicNumber
FOOTER_SIZE = 48  # two handles of at most 20 bytes, padded, then the magic number
TRAILER_SIZE = 5
NO_COMPRESSION = 0


class TableError(Exception):
    """The file is not a readable table; the message is TensorFlow's for the same damage."""


# -- varints (also used by learntf/train/bundle_protos.py) ----------------------------------------
def put_varint(value):
    """`value` (a non-negative int below 2**64) as a little-endian base-128 varint."""
    out = bytearray()
    while value >= 0x80:
        out.append((value & 0x7F) | 0x80)
        value >>= 7
    out.append(value)
    return bytes(out)


def get_varint(raw, position, limit=None, max_bytes=10):
    """(value, position after it) of the varint at `position`; TableError if it runs past
    `limit` or is longer than `max_bytes` (5 for a 32-bit varint)."""
    limit = len(raw) if limit is None else limit
    result = shift = 0
    for _ in range(max_bytes):
        if position >= limit:
            break
        byte = raw[position]
        position += 1
        result |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return result & 0xFFFFFFFFFFFFFFFF, position
    raise TableError("bad varint")


# -- writing --------------------------------------------------------------------------------------
class _BlockBuilder:
    def __init__(self, restart_interval):
        self.restart_interval = restart_interval
        self.reset()

    def reset(self):
        self.buffer = bytearray()
        self.restarts = [0]
        self.counter = 0
        self.last_key = b""
        self.entries = 0

    def add(self, key, value):
        shared = 0
        if self.counter < self.restart_interval:
            limit = min(len(key), len(self.last_key))
            while shared < limit and key[shared] == self.last_key[shared]:
                shared += 1
        else:
            self.restarts.append(len(self.buffer))
            self.counter = 0
        self.buffer += put_varint(shared) + put_varint(len(key) - shared) + put_varint(len(value))
        self.buffer += key[shared:] + value
        self.last_key = key
        self.counter += 1
        self.entries += 1

    def size_estimate(self):
        return len(self.buffer) + 4 * len(self.restarts) + 4

    def finish(self):
        tail = struct.pack("<%dI" % (len(self.restarts) + 1), *self.restarts, len(self.restarts))
        contents = bytes(self.buffer) + tail
        self.reset()
        return contents


def _shortest_separator(start, limit):
    """A short key k with start <= k < limit (TF's FindShortestSeparator)."""
    common = 0
    while common < min(len(start), len(limit)) and start[common] == limit[common]:
        common += 1
    if common < min(len(start), len(limit)):
        byte = start[common]
        if byte < 0xFF and byte + 1 < limit[common]:
            return start[:common] + bytes([byte + 1])
    return start


def _short_successor(key):
    """A short key >= `key` (TF's FindShortSuccessor)."""
    for i, byte in enumerate(key):
        if byte != 0xFF:
            return key[:i] + bytes([byte + 1])
    return key


def build(items):
    """The table file holding `items`, [(key bytes, value bytes), ...] in increasing key order."""
    out = bytearray()
    data_block = _BlockBuilder(RESTART_INTERVAL)
    index_block = _BlockBuilder(1)
    pending_handle = None  # the last data block written, until the next key shortens its entry
    last_key = b""

    def write_block(contents):
        handle = put_varint(len(out)) + put_varint(len(contents))
        crc = crc32c.value(bytes([NO_COMPRESSION]), crc32c.value(contents))
        out.extend(contents + bytes([NO_COMPRESSION]) + struct.pack("<I", crc32c.mask(crc)))
        return handle

    for key, value in items:
        if data_block.entries and len(key) + len(value) >= 2 * BLOCK_SIZE:
            pending_handle = write_block(data_block.finish())  # (an overly large entry)
        if pending_handle is not None:
            index_block.add(_shortest_separator(last_key, key), pending_handle)
            pending_handle = None
        last_key = key
        data_block.add(key, value)
        if data_block.size_estimate() >= BLOCK_SIZE:
            pending_handle = write_block(data_block.finish())
    if data_block.entries:
        pending_handle = write_block(data_block.finish())
    metaindex_handle = write_block(_BlockBuilder(RESTART_INTERVAL).finish())
    if pending_handle is not None:
        index_block.add(_short_successor(last_key), pending_handle)
    index_handle = write_block(index_block.finish())
    handles = metaindex_handle + index_handle
    out += handles + bytes(FOOTER_SIZE - 8 - len(handles)) + struct.pack("<Q", MAGIC)
    return bytes(out)


# -- reading --------------------------------------------------------------------------------------
def read(raw):
    """Every (key, value) of the table file `raw`, in order (TableError if it is damaged)."""
    if len(raw) < FOOTER_SIZE:
        raise TableError("file is too short to be an sstable")
    footer = len(raw) - FOOTER_SIZE
    if struct.unpack_from("<Q", raw, len(raw) - 8)[0] != MAGIC:
        raise TableError("not an sstable (bad magic number)")
    _, position = _handle(raw, footer, len(raw) - 8)  # the (empty) metaindex block
    index_handle, _ = _handle(raw, position, len(raw) - 8)
    items = []
    for _, handle in _block_entries(_block(raw, index_handle, footer)):
        data_handle, end = _handle(handle, 0, len(handle))
        if end != len(handle):
            raise TableError("bad block handle")
        items.extend(_block_entries(_block(raw, data_handle, footer)))
    if any(a[0] >= b[0] for a, b in zip(items, items[1:])):
        raise TableError("bad entry in block")  # keys out of order
    return items


def _handle(raw, position, limit):
    try:
        offset, position = get_varint(raw, position, limit)
        size, position = get_varint(raw, position, limit)
    except TableError:
        raise TableError("bad block handle") from None
    return (offset, size), position


def _block(raw, handle, end_of_blocks):
    """The checked contents of the block at `handle` (blocks lie before the footer)."""
    offset, size = handle
    if offset + size + TRAILER_SIZE > end_of_blocks:
        raise TableError("truncated block read")
    contents = raw[offset : offset + size]
    kind = raw[offset + size]
    stored = struct.unpack_from("<I", raw, offset + size + 1)[0]
    if crc32c.unmask(stored) != crc32c.value(bytes([kind]), crc32c.value(contents)):
        raise TableError("block checksum mismatch")
    if kind != NO_COMPRESSION:
        raise TableError("bad block type")
    return contents


def _block_entries(block):
    """The (key, value) pairs of one block's contents."""
    if len(block) < 4:
        raise TableError("bad block contents")
    restarts = struct.unpack_from("<I", block, len(block) - 4)[0]
    if restarts > (len(block) - 4) // 4:
        raise TableError("bad block contents")
    limit = len(block) - 4 - 4 * restarts
    entries, key, position = [], b"", 0
    try:
        while position < limit:
            shared, position = get_varint(block, position, limit, 5)
            unshared, position = get_varint(block, position, limit, 5)
            size, position = get_varint(block, position, limit, 5)
            if shared > len(key) or position + unshared + size > limit:
                raise TableError
            key = key[:shared] + bytes(block[position : position + unshared])
            position += unshared
            entries.append((key, bytes(block[position : position + size])))
            position += size
    except TableError:
        raise TableError("bad entry in block") from None
    return entries
