"""`tf.data.TextLineDataset`: the lines of text files, one string element per line.

As TF's reader: files are read one after another, each line without its line ending
("\\n" or "\\r\\n"); a last line without a newline still counts.  Skip a header with
`.skip(1)`, or a header per file with `Dataset.from_tensor_slices(files).flat_map(lambda f:
tf.data.TextLineDataset(f).skip(1))`.  compression_type "GZIP" and "ZLIB" are read too.
"""

import gzip
import zlib

import numpy as np

from learntf import dtypes, errors
from learntf.data import structure
from learntf.eager.func_graph import TensorSpec


def TextLineDataset(
    filenames, compression_type=None, buffer_size=None, num_parallel_reads=None, name=None
):
    from learntf.data.dataset import Dataset

    names = structure.to_component(filenames, dtypes.string)

    def make(env):
        value = np.asarray(structure.value_of(names, env), dtype=object).reshape(-1)
        for filename in value:
            for line in _lines(_path(filename), compression_type or ""):
                yield [np.asarray(line, dtype=object)]

    inputs = structure.symbolic_inputs([names])
    return Dataset("TextLineDatasetV2", TensorSpec([], dtypes.string), make, -2, inputs)


def _path(filename):
    return filename.decode() if isinstance(filename, bytes) else str(filename)


def _lines(path, compression):
    try:
        with open(path, "rb") as f:
            data = f.read()
    except FileNotFoundError:
        raise errors.NotFoundError(None, None, "%s; No such file or directory" % path) from None
    if compression == "GZIP":
        data = gzip.decompress(data)
    elif compression == "ZLIB":
        data = zlib.decompress(data)
    for line in data.split(b"\n")[: -1 if data.endswith(b"\n") else None]:
        yield line[:-1] if line.endswith(b"\r") else line
