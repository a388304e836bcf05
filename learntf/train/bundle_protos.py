"""The two small protocol buffers in a checkpoint's `.index` table, encoded by hand.

TensorFlow's tensor_bundle.proto defines them and no Python package ships them compiled:

    BundleHeaderProto (under the empty key ""):
        1 num_shards: int32    2 endianness: enum (0 little, 1 big)
        3 version: VersionDef {1 producer: int32, 2 min_consumer: int32, 3 bad_consumers: int32*}
    BundleEntryProto (under each tensor's name):
        1 dtype: DataType enum    2 shape: TensorShapeProto {2 dim: {1 size: int64}*}
        3 shard_id: int32    4 offset: int64    5 size: int64    6 crc32c: fixed32
        7 slices: TensorSliceProto* (the parts of a partitioned variable)

On the wire, a message is a list of fields: a varint tag (field number * 8 + wire type), then
a varint (type 0), 8 bytes (type 1), a varint length and that many bytes (type 2, also nested
messages) or 4 bytes (type 5).  Fields holding 0 are left out (proto3), except nested messages
that were set: a scalar's shape is the empty message, two bytes `12 00`.  `encode_*` writes the
fields in field order, as TensorFlow's C++ does, so the bytes are identical; `decode_*` accepts
any field order, skips unknown fields and raises `ValueError` on malformed input.
"""

import struct

from learntf.train.sstable import TableError, get_varint, put_varint


def _field(number, wire_type):
    return put_varint(number << 3 | wire_type)


def _int_field(number, value):
    """A varint field; negative int64s take 10 bytes (two's complement), 0 is left out."""
    return _field(number, 0) + put_varint(value & 0xFFFFFFFFFFFFFFFF) if value else b""


def _message_field(number, encoded):
    return _field(number, 2) + put_varint(len(encoded)) + encoded


def encode_header(num_shards=1, producer=1, min_consumer=0):
    version = _int_field(1, producer) + _int_field(2, min_consumer)
    return _int_field(1, num_shards) + _message_field(3, version)


def encode_entry(dtype_enum, shape, offset, size, crc, shard_id=0):
    """A BundleEntryProto; `crc` is the masked CRC-32C of the tensor's bytes."""
    shape_proto = b"".join(_message_field(2, _int_field(1, dim)) for dim in shape)
    return b"".join(
        [
            _int_field(1, dtype_enum),
            _message_field(2, shape_proto),
            _int_field(3, shard_id),
            _int_field(4, offset),
            _int_field(5, size),
            _field(6, 5) + struct.pack("<I", crc) if crc else b"",
        ]
    )


def _fields(raw):
    """{field number: [values]}: ints for varint and fixed fields, bytes for the others."""
    fields, position = {}, 0
    try:
        while position < len(raw):
            tag, position = get_varint(raw, position)
            number, wire_type = tag >> 3, tag & 7
            if wire_type == 0:
                value, position = get_varint(raw, position)
            elif wire_type in (1, 5):
                width = 8 if wire_type == 1 else 4
                if position + width > len(raw):
                    raise ValueError("truncated field")
                value = int.from_bytes(raw[position : position + width], "little")
                position += width
            elif wire_type == 2:
                length, position = get_varint(raw, position)
                if position + length > len(raw):
                    raise ValueError("truncated field")
                value = raw[position : position + length]
                position += length
            else:
                raise ValueError("wire type %d" % wire_type)
            if number == 0:
                raise ValueError("field number 0")
            fields.setdefault(number, []).append(value)
    except TableError:
        raise ValueError("bad varint") from None
    return fields


def _last_int(fields, number, bits=64):
    """A scalar field (the last one wins), as a signed int of `bits` bits."""
    value = fields.get(number, [0])[-1]
    if not isinstance(value, int):
        raise ValueError("field %d has the wrong wire type" % number)
    value &= (1 << bits) - 1
    return value - (1 << bits) if value >> (bits - 1) else value


def _messages(fields, number):
    values = fields.get(number, [])
    if any(not isinstance(v, bytes) for v in values):
        raise ValueError("field %d has the wrong wire type" % number)
    return values


def decode_header(raw):
    """{"num_shards", "endianness", "producer", "min_consumer", "bad_consumers"}."""
    fields = _fields(raw)
    version = _fields(b"".join(_messages(fields, 3)))  # repeated messages merge
    return {
        "num_shards": _last_int(fields, 1, 32),
        "endianness": _last_int(fields, 2, 32),
        "producer": _last_int(version, 1, 32),
        "min_consumer": _last_int(version, 2, 32),
        "bad_consumers": [_last_int({3: [v]}, 3, 32) for v in version.get(3, [])],
    }


def decode_entry(raw):
    """{"dtype" (enum), "shape", "shard_id", "offset", "size", "crc32c", "slices" (count)}."""
    fields = _fields(raw)
    shape_fields = _fields(b"".join(_messages(fields, 2)))
    dims = [_last_int(_fields(dim), 1) for dim in _messages(shape_fields, 2)]
    return {
        "dtype": _last_int(fields, 1, 32),
        "shape": dims,
        "unknown_rank": bool(_last_int(shape_fields, 3)),
        "shard_id": _last_int(fields, 3, 32),
        "offset": _last_int(fields, 4),
        "size": _last_int(fields, 5),
        "crc32c": _last_int(fields, 6) & 0xFFFFFFFF,
        "slices": len(_messages(fields, 7)),
    }
