"""CRC-32C (Castagnoli), the checksum of TensorFlow's checkpoint files, and TF's "mask".

TensorFlow checks every block of a `.index` table and every tensor of a `.data` file with
CRC-32C: the reflected CRC with polynomial 0x82F63B78, starting from and finishing with all
bits flipped (zlib's `crc32` is the same algorithm with another polynomial).  A checksum that is
stored inside checksummed bytes is first *masked* (rotated and offset), because the CRC of data
that contains its own CRC is prone to coincidences.

`value(data)` is `crc32c::Value`; `value(more, crc)` continues a checksum (`crc32c::Extend`).

Speed, in pure Python and NumPy: the register is linear over GF(2), so the CRC of a long input
is assembled from the CRCs of its pieces.  A large input is cut into 256-byte chunks whose
registers NumPy advances together, four bytes per step (two look-ups in tables of 65536 entries,
one per 16-bit half of the register), and the chunks are then folded pairwise: "a then b" is
"a, shifted over len(b) zero bytes, XOR b", and shifting by a fixed length is a 32x32 bit matrix
applied as four table look-ups.  Short inputs take the byte-at-a-time loop (about 9 MB/s); a
1 MB tensor checks at about 150-400 MB/s on one loaded core (tests/test_checkpoint_format.py).
"""

import numpy as np

POLYNOMIAL = 0x82F63B78  # Castagnoli's polynomial, reflected
MASK_DELTA = 0xA282EAD8
_CHUNK = 256  # bytes per chunk that the vectorised path advances in parallel
_SHORT = 4096  # inputs shorter than this take the byte loop


def _byte_table():
    registers = np.arange(256, dtype=np.uint32)
    for _ in range(8):
        registers = np.where(registers & 1, (registers >> 1) ^ POLYNOMIAL, registers >> 1)
    return registers.astype(np.uint32)


_TABLE0 = _byte_table()
_BYTE_TABLE = [int(x) for x in _TABLE0]  # plain ints: the byte loop is faster with them
# _SLICES[k][b]: the register a byte b leaves after k more zero bytes (slicing-by-4), then
# the same for 16-bit halves of a 4-byte word: the low half passes 2 more bytes than the high.
_SLICES = [_TABLE0]
for _ in range(3):
    _SLICES.append((_SLICES[-1] >> 8) ^ _TABLE0[_SLICES[-1] & 0xFF])
_HALVES = np.arange(65536)
_LOW_HALF = _SLICES[3][_HALVES & 0xFF] ^ _SLICES[2][_HALVES >> 8]
_HIGH_HALF = _SLICES[1][_HALVES & 0xFF] ^ _SLICES[0][_HALVES >> 8]


def mask(crc):
    """TF's masked form of a CRC, the one stored in files (`crc32c::Mask`)."""
    return ((((crc >> 15) | (crc << 17)) & 0xFFFFFFFF) + MASK_DELTA) & 0xFFFFFFFF


def unmask(masked):
    """The CRC a masked value stands for (`crc32c::Unmask`)."""
    rotated = (masked - MASK_DELTA) & 0xFFFFFFFF
    return ((rotated >> 17) | (rotated << 15)) & 0xFFFFFFFF


def value(data, crc=0):
    """The CRC-32C of `data` (bytes-like), continuing from `crc` (the CRC of what came before)."""
    view = memoryview(data).cast("B")
    register = crc ^ 0xFFFFFFFF
    if len(view) < _SHORT:
        return _advance_bytes(register, view) ^ 0xFFFFFFFF
    head = len(view) % _CHUNK
    register = _advance_bytes(register, view[:head])
    words = np.frombuffer(view[head:], dtype="<u4").reshape(-1, _CHUNK // 4)
    chunk_registers = _advance_chunks(words.T.copy())
    return _fold(register, chunk_registers) ^ 0xFFFFFFFF


def _advance_bytes(register, data):
    table = _BYTE_TABLE
    for byte in bytes(data):
        register = table[(register ^ byte) & 0xFF] ^ (register >> 8)
    return register


def _advance_chunks(columns, registers=None):
    """The registers (from 0, or from `registers`) of the chunks whose 4-byte words are the
    columns of `columns`: every chunk advances one word per step."""
    registers = np.zeros(columns.shape[1], np.uint32) if registers is None else registers.copy()
    low, high = np.empty_like(registers), np.empty_like(registers)
    for word in columns:  # (in place: no new arrays per step)
        np.bitwise_xor(registers, word, out=registers)
        np.bitwise_and(registers, 0xFFFF, out=low)
        np.right_shift(registers, 16, out=high)
        np.take(_LOW_HALF, low, out=low)
        np.take(_HIGH_HALF, high, out=high)
        np.bitwise_xor(low, high, out=registers)
    return registers


def _fold(first, chunk_registers):
    """The register of "a piece whose register is `first`" followed by the chunks."""
    registers = np.concatenate([np.array([first], dtype=np.uint32), chunk_registers])
    level = 0
    while len(registers) > 1:
        if len(registers) % 2:  # a zero register in front shifts nothing and adds nothing
            registers = np.concatenate([np.zeros(1, np.uint32), registers])
        shift = _shift_tables(level)  # over _CHUNK * 2**level zero bytes
        left, right = registers[0::2], registers[1::2]
        registers = _apply(shift, left) ^ right
        level += 1
    return int(registers[0])


def _apply(tables, registers):
    return (
        tables[0][registers & 0xFF]
        ^ tables[1][(registers >> 8) & 0xFF]
        ^ tables[2][(registers >> 16) & 0xFF]
        ^ tables[3][registers >> 24]
    )


_SHIFTS = []


def _shift_tables(level):
    """Four byte tables of the linear map "advance over _CHUNK * 2**level zero bytes"."""
    while len(_SHIFTS) <= level:
        basis = np.left_shift(np.uint32(1), np.arange(32, dtype=np.uint32))
        if not _SHIFTS:
            images = _advance_chunks(np.zeros((_CHUNK // 4, 32), np.uint32), basis)
        else:  # shifting twice as far is the previous shift applied twice
            images = _apply(_SHIFTS[-1], _apply(_SHIFTS[-1], basis))
        _SHIFTS.append(_tables_of(images))
    return _SHIFTS[level]


def _tables_of(images):
    """Byte tables of the linear map that sends bit i to images[i]."""
    bits = (np.arange(256)[:, None] >> np.arange(8)) & 1
    return [
        np.bitwise_xor.reduce(np.where(bits, images[8 * k : 8 * k + 8], 0), axis=1).astype(
            np.uint32
        )
        for k in range(4)
    ]
