"""Writing some rows of a resource variable: `v.scatter_update(tf.IndexedSlices(...))`,
`scatter_add`, `scatter_sub`, `scatter_nd_update`, `scatter_nd_add`, `scatter_nd_sub` and
`batch_scatter_update`.

TF's ResourceScatter* ops change only the rows named by `indices` (repeated indices add up
for the add and sub ops); the methods are attached to the core's Variable here, as
ops/state_ops.py attaches `v[i].assign(x)`.
"""

import numpy as np

from learntf import errors
from learntf.framework.apply import apply_op
from learntf.framework.constant_op import convert_to_tensor
from learntf.framework.indexed_slices import IndexedSlices
from learntf.framework.op_registry import no_gradient_in_tensorflow, register_op
from learntf.ops import variables
from learntf.ops.segment_ops import scatter_nd_into


def _check_rows(indices, limit, what="indices"):
    flat = indices.reshape(-1)
    bad = (flat < 0) | (flat >= limit)
    if np.any(bad):
        i = int(np.argmax(bad))
        raise errors.InvalidArgumentError(
            None, None, "%s[%d] = %d is not in [0, %d)" % (what, i, flat[i], limit)
        )


def _scatter_kernel(write):
    def kernel(resource, indices, updates, dtype=None, Tindices=None):
        current = np.array(resource.read(), copy=True)
        _check_rows(indices, current.shape[0])
        rows = np.broadcast_to(updates, indices.shape + current.shape[1:])
        write(current, indices.reshape(-1), rows.reshape((-1,) + current.shape[1:]))
        resource.write_owned(current)

    return kernel


def _scatter_nd_kernel(write):
    def kernel(resource, indices, updates, dtype=None, Tindices=None, **attrs):
        current = np.array(resource.read(), copy=True)
        scatter_nd_into(current, indices, updates, write)
        resource.write_owned(current)

    return kernel


def _put(array, at, rows):
    array[at] = rows


_WRITES = {
    "Update": _put,
    "Add": lambda array, at, rows: np.add.at(array, at, rows),
    "Sub": lambda array, at, rows: np.subtract.at(array, at, rows),
}
for _kind, _write in _WRITES.items():
    for _op_type, _make in (
        ("ResourceScatter" + _kind, _scatter_kernel),
        ("ResourceScatterNd" + _kind, _scatter_nd_kernel),
    ):
        register_op(
            _op_type,
            ["resource", "indices", "updates"],
            lambda resource, indices, updates, **attrs: [],
            _make(_write),
            num_outputs=0,
            stateful=True,
            type_attr=None,
        )
        no_gradient_in_tensorflow(_op_type)


def _write_rows(variable, op_type, indices, updates, name):
    indices = convert_to_tensor(indices, name="indices")
    updates = convert_to_tensor(updates, dtype=variable.dtype, name="updates")
    attrs = {"dtype": variable.dtype, "Tindices": indices.dtype}
    write = apply_op(op_type, [variable.handle, indices, updates], attrs, name or op_type)
    return variable._after_write(write, read_value=True)


def _sparse_method(kind):
    def method(self, sparse_delta, use_locking=False, name=None):
        if not isinstance(sparse_delta, IndexedSlices):
            raise TypeError(
                "Argument `sparse_delta` must be a `tf.IndexedSlices`. Received arg: %s"
                % (sparse_delta,)
            )
        return _write_rows(
            self, "ResourceScatter" + kind, sparse_delta.indices, sparse_delta.values, name
        )

    method.__name__ = "scatter_" + kind.lower()
    method.__doc__ = (
        "Rows `sparse_delta.indices` of the variable: %s `sparse_delta.values`."
        % ({"Update": "set to", "Add": "plus", "Sub": "minus"}[kind])
    )
    return method


def _nd_method(kind):
    def method(self, indices, updates, name=None):
        return _write_rows(self, "ResourceScatterNd" + kind, indices, updates, name)

    method.__name__ = "scatter_nd_" + kind.lower()
    method.__doc__ = (
        "The entries at index tuples `indices`: %s `updates`."
        % ({"Update": "set to", "Add": "plus", "Sub": "minus"}[kind])
    )
    return method


for _kind in _WRITES:
    setattr(variables.Variable, "scatter_" + _kind.lower(), _sparse_method(_kind))
    setattr(variables.Variable, "scatter_nd_" + _kind.lower(), _nd_method(_kind))
variables.Variable.batch_scatter_update = variables.Variable.scatter_update
