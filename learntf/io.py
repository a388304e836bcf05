"""`tf.io`: a whole file as a string tensor (`read_file`, `write_file`), and `tf.io.gfile`,
TensorFlow's Python file API, here over local paths only.

A file that cannot be read or written gives TensorFlow's error class for its `errno` (a missing
file is NotFoundError), worded as TF words it: the path, "; ", then the system's message (the
table of classes is framework/file_io.py's, shared with the writers of checkpoints)."""

import glob as glob_module
import os
import shutil
import types

import numpy as np

from learntf import dtypes
from learntf.framework import file_io
from learntf.framework.apply import apply_op
from learntf.framework.op_registry import not_differentiable, register_op
from learntf.framework.tensor_shape import TensorShape


def os_error(error, path):
    """TF's error for an OSError met on `path`: its class for the errno, its words, a hint."""
    cls = type(file_io.error_from_os(error, path))
    return cls(
        None,
        None,
        "%s; %s\n(learntf: check the path; os.path.exists(path) says whether it is there.)"
        % (path, error.strerror or error),
    )


def _text(value):
    value = value.item() if isinstance(value, np.ndarray) else value
    return value.decode() if isinstance(value, bytes) else os.fspath(value)


def _read_file_kernel(filename):
    path = _text(filename)
    try:
        with open(path, "rb") as f:
            return np.array(f.read(), dtype=object)
    except OSError as error:
        raise os_error(error, path) from None


def _write_file_kernel(filename, contents):
    path = _text(filename)
    try:
        with open(path, "wb") as f:
            f.write(contents.item())
    except OSError as error:
        raise os_error(error, path) from None


register_op(
    "ReadFile",
    ["filename"],
    lambda filename: [(dtypes.string, TensorShape([]))],
    _read_file_kernel,
    type_attr=None,
)
register_op(
    "WriteFile",
    ["filename", "contents"],
    lambda filename, contents: [],
    _write_file_kernel,
    num_outputs=0,
    stateful=True,
    type_attr=None,
)
not_differentiable("ReadFile")
not_differentiable("WriteFile")


def read_file(filename, name=None):
    """`tf.io.read_file`: the bytes of the file `filename`, as one string."""
    return apply_op("ReadFile", [filename], {}, name or "ReadFile")


def write_file(filename, contents, name=None):
    """`tf.io.write_file`: write the string `contents` to `filename`."""
    return apply_op("WriteFile", [filename, contents], {}, name or "WriteFile")


class GFile:
    """`tf.io.gfile.GFile`: a file opened when first read or written, as TF's (so a missing
    file is found then, not when the object is made)."""

    def __init__(self, name, mode="r"):
        self.name, self.mode, self._file = _text(name), mode, None

    def _opened(self):
        if self._file is None:
            try:
                self._file = open(self.name, self.mode)  # (closed by close())
            except OSError as error:
                raise os_error(error, self.name) from None
        return self._file

    def read(self, n=-1):
        return self._opened().read(n)

    def readline(self):
        return self._opened().readline()

    def readlines(self):
        return self._opened().readlines()

    def write(self, data):
        return self._opened().write(data)

    def close(self):
        if self._file is not None:
            self._file.close()
            self._file = None

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()

    def __iter__(self):
        return iter(self._opened())


def _os_call(function):
    """`function(path, ...)` with an OSError as TF's error on that path."""

    def call(path, *args):
        try:
            return function(_text(path), *args)
        except OSError as error:
            raise os_error(error, _text(path)) from None

    call.__name__ = function.__name__
    return call


gfile = types.SimpleNamespace(
    GFile=GFile,
    exists=lambda path: os.path.exists(_text(path)),
    isdir=lambda path: os.path.isdir(_text(path)),
    glob=lambda pattern: sorted(glob_module.glob(_text(pattern))),
    listdir=_os_call(os.listdir),
    makedirs=_os_call(lambda path: os.makedirs(path, exist_ok=True)),
    mkdir=_os_call(os.mkdir),
    remove=_os_call(os.remove),
    rmtree=_os_call(shutil.rmtree),
    rename=_os_call(lambda path, new, overwrite=False: os.replace(path, _text(new))),
    copy=_os_call(lambda path, new, overwrite=False: shutil.copyfile(path, _text(new))),
)
