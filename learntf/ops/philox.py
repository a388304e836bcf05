"""Philox4x32-10: the generator behind TensorFlow's random numbers, and how TF turns its bits
into floats, normals and integers.

Counter-based generation
------------------------
NumPy's classic generators carry a state that each draw changes: to get the millionth number
you must draw the 999 999 before it.  Philox (Salmon et al., "Parallel random numbers: as easy
as 1, 2, 3", 2011) works differently.  It is a *function*:

    philox(key, counter) -> four 32-bit random words

The key (64 bits) comes from the seed and never changes; the counter (128 bits) just counts
0, 1, 2, ...  Ten rounds of multiply-and-xor scramble the counter so thoroughly that consecutive
counters give unrelated-looking bits.  Because block number `i` is simply `philox(key, start +
i)`, any block can be computed without the others.  That is why TF uses it:

* many threads fill one tensor at once, each starting at its own counter, and the result does
  not depend on how the work was split;
* a kernel "reserves" numbers by moving its counter forward: TensorFlow's RandomUniform moves
  it by 256 blocks per output element on every run, so the next `sess.run` gets fresh numbers;
* stateless ops (`tf.random.stateless_uniform(seed=[1, 2])`) compute key and counter from the
  seed alone, so the same seed always gives the same tensor.

learntf computes whole ranges of counters at once with NumPy (a few array operations per round
for all blocks), so a million uniform floats cost about a hundred array operations, not a
Python loop; a handful of blocks is computed with Python ints.

From bits to numbers (random_distributions.h in TensorFlow)
-----------------------------------------------------------
* float32 uniform: 23 random bits become the mantissa of a float in [1, 2); subtract 1.
* float64 uniform: 20 + 32 random bits become the mantissa of a double in [1, 2); subtract 1.
* normal: Box-Muller on pairs of uniforms, u1 (clamped to >= 1e-7) and u2:
  sqrt(-2 log u1) * (sin, cos)(2 pi u2).
* truncated normal: normals drawn until |x| < 2, four outputs per group, each group starting
  256 blocks after the previous one ("reserved samples"), so a group's rejections never shift
  the next group.
* integers in [lo, hi): lo + bits % (hi - lo).

TensorFlow computes log, sin and cos with the C library's `logf`/`sincosf` (`log`/`sincos` for
float64).  Their last bit differs from a correctly rounded result for about 1% of inputs, so
learntf calls the same C functions (through ctypes) to print TF's digits; without a C math
library it rounds NumPy's float64 results, which can differ in the last bit.
"""

import ctypes
import ctypes.util
import math
import os
import sys

import numpy as np

# -- the generator ------------------------------------------------------------------------------
_MULTIPLIER_0 = 0xD2511F53  # the round function's two multipliers
_MULTIPLIER_1 = 0xCD9E8D57
_KEY_STEP_0 = 0x9E3779B9  # added to the key between rounds (the golden ratio and
_KEY_STEP_1 = 0xBB67AE85  # sqrt(3) - 1, as 32-bit fractions)
_ROUNDS = 10
_LOW_32 = 0xFFFFFFFF
MASK_64 = (1 << 64) - 1
MASK_128 = (1 << 128) - 1

# TensorFlow's kernels reserve this many 128-bit blocks per output element on every run.
RESERVED_BLOCKS_PER_OUTPUT = 256


def ten_rounds(words, key):
    """Philox4x32-10 of one counter, or of many at once: `words` are the counter's four 32-bit
    words (word 0 lowest), each a Python int or a uint64 NumPy array; `key` a 64-bit int.

    A round multiplies words 0 and 2 by fixed constants (32 x 32 -> 64 bits, exact in uint64)
    and mixes the products' high halves with words 1 and 3 and the key:
        (w0, w1, w2, w3) -> (hi(w2*M1) ^ w1 ^ k0, lo(w2*M1), hi(w0*M0) ^ w3 ^ k1, lo(w0*M0))
    Between rounds the key is raised by two constants.  (`x ^= y` updates an array in place
    and rebinds an int, so the same lines serve both.)"""
    w0, w1, w2, w3 = words
    key_0, key_1 = key & _LOW_32, key >> 32
    for round_index in range(_ROUNDS):
        if round_index:
            key_0 = (key_0 + _KEY_STEP_0) & _LOW_32
            key_1 = (key_1 + _KEY_STEP_1) & _LOW_32
        product_0 = w0 * _MULTIPLIER_0
        product_1 = w2 * _MULTIPLIER_1
        new_0 = product_1 >> 32
        new_0 ^= w1
        new_0 ^= key_0
        new_2 = product_0 >> 32
        new_2 ^= w3
        new_2 ^= key_1
        product_1 &= _LOW_32
        product_0 &= _LOW_32
        w0, w1, w2, w3 = new_0, product_1, new_2, product_0
    return w0, w1, w2, w3


def philox_blocks(key, start, offsets):
    """The blocks of the 128-bit counters `start + offset`, for each offset in a uint64 array,
    under the 64-bit `key`: an (n, 4) uint32 array, four random words per counter.

    A few blocks are computed with Python ints (NumPy's per-call cost would dominate); many go
    through NumPy in slices of 16k counters, so a round's arrays stay in the CPU cache."""
    if len(offsets) <= _PYTHON_INT_BLOCKS:
        counters = [(start + offset) & MASK_128 for offset in offsets.tolist()]
        return np.array(
            [
                ten_rounds([(c >> shift) & _LOW_32 for shift in (0, 32, 64, 96)], key)
                for c in counters
            ],
            dtype=np.uint32,
        ).reshape(-1, 4)
    blocks = np.empty((len(offsets), 4), dtype=np.uint32)
    for begin in range(0, len(offsets), _SLICE):
        words = _counter_words(start, offsets[begin : begin + _SLICE])
        for column, word in enumerate(ten_rounds(words, key)):
            blocks[begin : begin + _SLICE, column] = word
    return blocks


_PYTHON_INT_BLOCKS = 16
_SLICE = 1 << 14


def _counter_words(start, offsets):
    """The counters' four 32-bit words (word 0 lowest), each in a uint64 array."""
    start_low, start_high = start & MASK_64, (start >> 64) & MASK_64
    low = offsets + np.uint64(start_low)  # wraps modulo 2**64 ...
    carry = (low < np.uint64(start_low)).astype(np.uint64)  # ... and carries into the high half
    high = carry + np.uint64(start_high)
    return [low & _LOW_32, low >> 32, high & _LOW_32, high >> 32]


class Philox:
    """TensorFlow's PhiloxRandom: a 64-bit key and a 128-bit counter.

    `next_blocks(n)` returns the next n blocks (n x 4 words) and moves the counter past them;
    `skip(n)` moves it without computing.  Copies are cheap, and a copy continues exactly where
    the original stood, which is how TF hands each worker its own stretch of numbers."""

    __slots__ = ("key", "counter")

    def __init__(self, key, counter=0):
        self.key = key & MASK_64
        self.counter = counter & MASK_128

    @classmethod
    def from_seeds(cls, seed, seed2):
        """As a stateful kernel's generator starts: key = seed, counter = seed2 << 64."""
        return cls(seed & MASK_64, (seed2 & MASK_64) << 64)

    def copy(self):
        return Philox(self.key, self.counter)

    def skip(self, count):
        self.counter = (self.counter + count) & MASK_128

    def blocks_at(self, offsets):
        """The blocks at counter + offset for each offset (uint64 array); the counter stays."""
        return philox_blocks(self.key, self.counter, offsets)

    def next_blocks(self, count):
        blocks = self.blocks_at(np.arange(count, dtype=np.uint64))
        self.skip(count)
        return blocks

    def next_words(self, count):
        """The next `count` 32-bit words, one at a time as TF's SingleSampleAdapter gives them
        (a block's unused words are dropped: the next call starts a new block)."""
        return self.next_blocks(-(-count // 4)).reshape(-1)[:count]

    def __repr__(self):
        return "Philox(key=0x%016x, counter=0x%032x)" % (self.key, self.counter)


class GuardedPhilox:
    """A stateful kernel's generator (TF's GuardedPhiloxRandom), one per op per session.

    Seeds (0, 0) mean "not seeded": TF then draws both seeds from the operating system, so
    every session (and program run) gets other numbers.  `reserve(n)` hands out the current
    position and moves past n blocks, so each run of the op starts where the last one ended."""

    def __init__(self, seed, seed2):
        if seed == 0 and seed2 == 0:
            seed, seed2 = (int.from_bytes(os.urandom(8), "little") for _ in range(2))
        self.generator = Philox.from_seeds(seed, seed2)

    def reserve(self, blocks):
        start = self.generator.copy()
        self.generator.skip(blocks)
        return start

    def reserve_outputs(self, count):
        """What TF's random kernels reserve: 256 blocks for each output element."""
        return self.reserve(count * RESERVED_BLOCKS_PER_OUTPUT)

    def reserve_words(self, count):
        """Room for `count` 32-bit words (TF's ReserveSamples32)."""
        return self.reserve((count + 3) // 4)


# -- bits to floats --------------------------------------------------------------------------
_MANTISSA_23 = np.uint32(0x7FFFFF)
_EXPONENT_ONE_32 = np.uint32(127 << 23)  # the bits of float32 1.0
_ONE_32 = np.float32(1.0)


def uint32_to_float(bits):
    """Uniform float32 in [0, 1): the low 23 bits as the mantissa of 1.xxx, minus 1."""
    one_to_two = ((bits & _MANTISSA_23) | _EXPONENT_ONE_32).view(np.float32)
    return one_to_two - _ONE_32


def uint64_to_double(high_bits, low_bits):
    """Uniform float64 in [0, 1) from two words: 20 bits of the first and all 32 of the second
    form the mantissa of 1.xxx, minus 1."""
    mantissa = ((high_bits & np.uint32(0xFFFFF)).astype(np.uint64) << 32) | low_bits.astype(
        np.uint64
    )
    one_to_two = (mantissa | np.uint64(1023 << 52)).view(np.float64)
    return one_to_two - 1.0


class _CMath:
    """The C library's logf, sincosf, log and sincos, which TF's Box-Muller calls.

    Called one element at a time through ctypes (about a microsecond each): that is the price of
    TF's exact last bits.  On a system without a loadable C math library, NumPy's float64
    results are rounded instead."""

    def __init__(self):
        self.library = None
        name = ctypes.util.find_library("m") or ("msvcrt" if sys.platform == "win32" else None)
        try:
            library = ctypes.CDLL(name) if name else None
        except OSError:
            library = None
        if library is None or not hasattr(library, "logf"):
            return
        float_p, double_p = ctypes.POINTER(ctypes.c_float), ctypes.POINTER(ctypes.c_double)
        self._logf = self._function(library, "logf", ctypes.c_float, [ctypes.c_float])
        self._log = self._function(library, "log", ctypes.c_double, [ctypes.c_double])
        # Linux builds of TF call sincosf; other systems sinf and cosf (random_distributions.h).
        self._sincosf = (
            self._function(library, "sincosf", None, [ctypes.c_float, float_p, float_p])
            if sys.platform.startswith("linux") and hasattr(library, "sincosf")
            else None
        )
        self._sincos = (
            self._function(library, "sincos", None, [ctypes.c_double, double_p, double_p])
            if sys.platform.startswith("linux") and hasattr(library, "sincos")
            else None
        )
        self._sinf = self._function(library, "sinf", ctypes.c_float, [ctypes.c_float])
        self._cosf = self._function(library, "cosf", ctypes.c_float, [ctypes.c_float])
        self._sin = self._function(library, "sin", ctypes.c_double, [ctypes.c_double])
        self._cos = self._function(library, "cos", ctypes.c_double, [ctypes.c_double])
        self.library = library

    @staticmethod
    def _function(library, name, restype, argtypes):
        function = getattr(library, name)
        function.restype, function.argtypes = restype, argtypes
        return function

    def log32(self, values):
        if self.library is None:
            return np.log(values.astype(np.float64)).astype(np.float32)
        logf = self._logf
        return np.array([logf(v) for v in values.tolist()], dtype=np.float32)

    def log64(self, values):
        if self.library is None:
            return np.log(values)
        log = self._log
        return np.array([log(v) for v in values.tolist()], dtype=np.float64)

    def sin_cos32(self, values):
        if self.library is None:
            wide = values.astype(np.float64)
            return np.sin(wide).astype(np.float32), np.cos(wide).astype(np.float32)
        return self._sin_cos(
            values, np.float32, ctypes.c_float, self._sincosf, self._sinf, self._cosf
        )

    def sin_cos64(self, values):
        if self.library is None:
            return np.sin(values), np.cos(values)
        return self._sin_cos(
            values, np.float64, ctypes.c_double, self._sincos, self._sin, self._cos
        )

    @staticmethod
    def _sin_cos(values, np_type, c_type, sincos, sin, cos):
        sines = np.empty(len(values), dtype=np_type)
        cosines = np.empty(len(values), dtype=np_type)
        if sincos is None:
            for i, v in enumerate(values.tolist()):
                sines[i], cosines[i] = sin(v), cos(v)
            return sines, cosines
        sine, cosine = c_type(), c_type()
        sine_p, cosine_p = ctypes.byref(sine), ctypes.byref(cosine)
        for i, v in enumerate(values.tolist()):
            sincos(v, sine_p, cosine_p)
            sines[i], cosines[i] = sine.value, cosine.value
        return sines, cosines


_c_math = None


def c_math():
    global _c_math
    if _c_math is None:
        _c_math = _CMath()
    return _c_math


_TWO_PI = 2 * math.pi


def box_muller_float(first, second):
    """Two float32 standard normals from each pair of words (TF's BoxMullerFloat)."""
    u1 = np.maximum(uint32_to_float(first), np.float32(1.0e-7))  # keep log() finite
    # 2.0f * M_PI * u: the product is taken in double, then rounded to float
    angle = (_TWO_PI * uint32_to_float(second).astype(np.float64)).astype(np.float32)
    radius = np.sqrt(np.float32(-2.0) * c_math().log32(u1))
    sines, cosines = c_math().sin_cos32(angle)
    return sines * radius, cosines * radius


def box_muller_double(words):
    """Two float64 standard normals from each row of four words (TF's BoxMullerDouble)."""
    u1 = np.maximum(uint64_to_double(words[:, 0], words[:, 1]), 1.0e-7)
    angle = _TWO_PI * uint64_to_double(words[:, 2], words[:, 3])
    radius = np.sqrt(-2.0 * c_math().log64(u1))
    sines, cosines = c_math().sin_cos64(angle)
    return sines * radius, cosines * radius


# -- TF's distributions: filling `count` outputs from a generator positioned at the op's start ---
def _interleave(first, second):
    return np.stack([first, second], axis=1).reshape(-1)


def uniform(generator, count, np_dtype):
    """RandomUniform: float32 takes one word per output, float64 two."""
    if np_dtype == np.float64:
        words = generator.next_blocks(-(-count // 2)).reshape(-1, 2)
        return uint64_to_double(words[:, 0], words[:, 1])[:count]
    if np_dtype != np.float32:
        raise NotImplementedError(
            "learntf draws TF's random floats as float32 or float64 only, "
            "not %s" % np.dtype(np_dtype).name
        )
    return uint32_to_float(generator.next_blocks(-(-count // 4)).reshape(-1)[:count])


def normal(generator, count, np_dtype):
    """RandomStandardNormal: float32 normals come in pairs from two words, float64 normals in
    pairs from four."""
    if np_dtype == np.float64:
        blocks = generator.next_blocks(-(-count // 2))
        return _interleave(*box_muller_double(blocks))[:count]
    if np_dtype != np.float32:
        raise NotImplementedError(
            "learntf draws TF's normals as float32 or float64 only, not %s"
            % np.dtype(np_dtype).name
        )
    words = generator.next_blocks(-(-count // 4)).reshape(-1)
    return _interleave(*box_muller_float(words[0::2], words[1::2]))[:count]


def truncated_normal(generator, count, np_dtype):
    """TruncatedNormal: normals with |x| >= 2 rejected.

    TF fills groups of outputs (four float32 or two float64); group g draws from its own
    stretch of the generator, starting g * (group size * 256 / 4) blocks in, and keeps the
    first accepted values in order.  All groups are computed together here, one block per
    group per round, until every group is full (rarely more than three rounds)."""
    double = np_dtype == np.float64
    if not double and np_dtype != np.float32:
        raise NotImplementedError(
            "learntf draws TF's truncated normals as float32 or float64 "
            "only, not %s" % np.dtype(np_dtype).name
        )
    group_size = 2 if double else 4
    group_stride = group_size * RESERVED_BLOCKS_PER_OUTPUT // 4
    groups = -(-count // group_size)
    results = np.zeros((groups, group_size), dtype=np_dtype)
    filled = np.zeros(groups, dtype=np.int64)
    pending = np.arange(groups)
    round_index = 0
    while len(pending):
        offsets = pending.astype(np.uint64) * np.uint64(group_stride) + np.uint64(round_index)
        blocks = generator.blocks_at(offsets)
        if double:
            candidates = np.stack(box_muller_double(blocks), axis=1)
        else:
            candidates = np.stack(
                box_muller_float(blocks[:, 0::2].reshape(-1), blocks[:, 1::2].reshape(-1)), axis=1
            )
            candidates = candidates.reshape(len(pending), 4)
        for column in range(candidates.shape[1]):  # keep accepted values in their order
            value = candidates[:, column]
            take = (np.abs(value) < 2.0) & (filled[pending] < group_size)
            rows = pending[take]
            results[rows, filled[rows]] = value[take]
            filled[rows] += 1
        pending = pending[filled[pending] < group_size]
        round_index += 1
    return results.reshape(-1)[:count]


def uniform_int(generator, count, low, high, np_dtype):
    """RandomUniformInt: low + bits % (high - low); int32 takes one word per output, int64 two
    (the first word is the low half)."""
    if np_dtype == np.int64:
        words = generator.next_blocks(-(-count // 2)).reshape(-1, 2).astype(np.uint64)
        bits = words[:, 0] | (words[:, 1] << 32)
        span = np.uint64((int(high) - int(low)) & MASK_64)
        return ((bits % span) + np.uint64(int(low) & MASK_64)).view(np.int64)[:count]
    bits = generator.next_blocks(-(-count // 4)).reshape(-1)[:count]
    span = np.uint32((int(high) - int(low)) & 0xFFFFFFFF)
    return ((bits % span) + np.uint32(int(low) & 0xFFFFFFFF)).view(np.int32).astype(np_dtype)


def uniform_full_int(generator, count, np_dtype):
    """Every bit random: uint32/int32 take one word, uint64/int64 two."""
    if np.dtype(np_dtype).itemsize == 8:
        words = generator.next_blocks(-(-count // 2)).reshape(-1, 2).astype(np.uint64)
        return (words[:, 0] | (words[:, 1] << 32)).view(np_dtype)[:count]
    return generator.next_blocks(-(-count // 4)).reshape(-1)[:count].view(np_dtype)


def shuffle_permutation(generator, size):
    """RandomShuffle's order: Fisher-Yates with `size - 1` words, element i swapped with
    i + word % (size - i)."""
    order = np.arange(size)
    if size <= 1:
        return order
    words = generator.next_words(size - 1).astype(np.int64)
    picks = np.arange(size - 1) + words % np.arange(size, 1, -1)
    for i, j in enumerate(picks.tolist()):
        order[i], order[j] = order[j], order[i]
    return order


def multinomial(generator, logits, num_samples):
    """Multinomial/categorical: per row, a cumulative sum of exp(logit - max) in float64 (only
    finite logits count), and for each sample a float64 uniform (two words) times the total,
    looked up in it."""
    logits = np.asarray(logits)
    finite = np.isfinite(logits)
    row_max = np.max(np.where(finite, logits, -np.inf), axis=1, keepdims=True)
    row_max = np.where(np.isfinite(row_max), row_max, np.finfo(logits.dtype).min)
    weights = np.where(finite, np.exp(logits.astype(np.float64) - row_max.astype(np.float64)), 0.0)
    cdf = np.cumsum(weights, axis=1)
    batch = logits.shape[0]
    words = generator.next_words(2 * batch * num_samples).reshape(batch, num_samples, 2)
    targets = uint64_to_double(words[..., 0], words[..., 1]) * cdf[:, -1:]
    return (
        np.stack([np.searchsorted(cdf[row], targets[row], side="right") for row in range(batch)])
        if batch
        else np.zeros((0, num_samples), np.int64)
    )


# -- stateless ops: key and counter from the seed ----------------------------------------------
_SCRAMBLE_KEY = 0x02461E293EC8F720


def stateless_key_counter(seed_0, seed_1):
    """StatelessRandomGetKeyCounter: the two seeds (as uint64) form a counter, Philox with a
    fixed key scrambles it once, and the four words give the key (words 0, 1) and the high half
    of the counter (words 2, 3).  Returns (key, counter) as ints."""
    counter = (seed_0 & MASK_64) | ((seed_1 & MASK_64) << 64)
    mix = Philox(_SCRAMBLE_KEY, counter).next_blocks(1)[0]
    key = int(mix[0]) | (int(mix[1]) << 32)
    return key, (int(mix[2]) << 64) | (int(mix[3]) << 96)
