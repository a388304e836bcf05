"""How big a tensor learntf agrees to make.

TensorFlow's allocator fails with ResourceExhaustedError ("OOM when allocating tensor with
shape[...]") when memory runs out.  NumPy would raise MemoryError there, or, with the operating
system promising memory it does not have, start the machine swapping.  So the kernels whose
output size comes from an argument (tf.fill, tf.zeros, tf.ones, random ops, tf.range, tf.tile,
tf.broadcast_to) check it first, against MAX_TENSOR_BYTES: by default the machine's memory;
the environment variable LEARNTF_MAX_TENSOR_BYTES (read at import), or setting this module's
MAX_TENSOR_BYTES, changes it.  TensorFlow has no such setting; its words are the same.
"""

import math
import os

from learntf import errors


def _physical_memory():
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (AttributeError, OSError, ValueError):  # (no sysconf: Windows)
        return 2**40


MAX_TENSOR_BYTES = int(os.environ.get("LEARNTF_MAX_TENSOR_BYTES") or 0) or _physical_memory()


def check_allocation(shape, numpy_dtype):
    """Refuse an array of `shape` and `numpy_dtype` bigger than MAX_TENSOR_BYTES."""
    if math.prod(shape) * numpy_dtype.itemsize > MAX_TENSOR_BYTES:
        limit = "the %.1f GiB that learntf allows (learntf.framework.memory.MAX_TENSOR_BYTES)"
        raise errors.out_of_memory(shape, numpy_dtype, limit % (MAX_TENSOR_BYTES / 2**30))
