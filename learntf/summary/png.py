"""A minimal PNG encoder: how an image summary stores each picture (lesson 10).

A PNG file is a signature followed by chunks (length, type, data, CRC-32).  The pixels go in
one zlib-compressed IDAT chunk, each row prefixed by filter type 0 ("no filter").  The Python
standard library (zlib, struct) is all it takes.
"""

import struct
import zlib

import numpy as np

_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_COLOR_TYPE = {1: 0, 2: 4, 3: 2, 4: 6}  # channels -> grey, grey+alpha, RGB, RGBA


def encode_png(image):
    """PNG bytes for a uint8 array of shape [height, width, channels] (1, 2, 3 or 4)."""
    image = np.ascontiguousarray(image, dtype=np.uint8)
    height, width, channels = image.shape
    header = struct.pack(">IIBBBBB", width, height, 8, _COLOR_TYPE[channels], 0, 0, 0)
    rows = np.zeros((height, 1 + width * channels), dtype=np.uint8)  # column 0: filter type
    rows[:, 1:] = image.reshape(height, width * channels)
    return (
        _SIGNATURE
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(rows.tobytes()))
        + _chunk(b"IEND", b"")
    )


def _chunk(kind, data):
    return (
        struct.pack(">I", len(data))
        + kind
        + data
        + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    )
