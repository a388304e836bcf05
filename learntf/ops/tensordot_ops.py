"""`tf.tensordot`: a sum over chosen axes of two tensors, built as TF builds it.

Each tensor is transposed so its summed axes come last (for `a`) or first (for `b`), reshaped
to a matrix, the two matrices multiplied, and the product reshaped to the axes left over.
These are ordinary ops, so the graph shows TF's `Tensordot/...` nodes and the gradient comes
from Transpose, Reshape and MatMul.  With known shapes the shapes are Python lists; otherwise
they are computed by Shape, GatherV2 and Prod ops, as in TF.
"""

import builtins

import numpy as np

from learntf import dtypes
from learntf.framework.constant_op import convert_to_tensor
from learntf.framework.graph import name_scope
from learntf.ops import array_ops, math_ops


def _reshaped(a, axes, flipped=False):
    """`a` as a matrix (free axes, summed axes), or (summed, free) if `flipped`; and the
    lengths of its free axes (a list if known, else a tensor) and their static list."""
    if a.shape.is_fully_defined() and isinstance(axes, (list, tuple)):
        shape_a = a.shape.as_list()
        axes = [i if i >= 0 else i + len(shape_a) for i in axes]
        free = [i for i in builtins.range(len(shape_a)) if i not in axes]
        free_dims = [shape_a[i] for i in free]
        prod_free = int(np.prod(free_dims))
        prod_axes = int(np.prod([shape_a[i] for i in axes]))
        perm = list(axes) + free if flipped else free + list(axes)
        new_shape = [prod_axes, prod_free] if flipped else [prod_free, prod_axes]
        if perm != list(builtins.range(len(shape_a))):
            a = array_ops.transpose(a, perm)
        if a.shape.as_list() != new_shape:
            a = array_ops.reshape(a, new_shape)
        return a, free_dims, free_dims
    if a.shape.rank is not None and isinstance(axes, (list, tuple)):
        shape_list = a.shape.as_list()
        axes = [i if i >= 0 else i + len(shape_list) for i in axes]
        free = [i for i in builtins.range(len(shape_list)) if i not in axes]
        free_dims_static = [shape_list[i] for i in free]
        axes = convert_to_tensor(axes, dtype=dtypes.int32, name="axes")
        free = convert_to_tensor(free, dtype=dtypes.int32, name="free")
        shape_a = array_ops.shape(a)
    else:
        free_dims_static = None
        shape_a = array_ops.shape(a)
        rank_a = array_ops.rank(a)
        axes = convert_to_tensor(axes, dtype=dtypes.int32, name="axes")
        axes = array_ops.where_v2(axes >= 0, axes, axes + rank_a)
        free, _ = array_ops.setdiff1d(math_ops.range(rank_a), axes)
    free_dims = array_ops.gather(shape_a, free)
    axes_dims = array_ops.gather(shape_a, axes)
    prod_free = math_ops.reduce_prod(free_dims)
    prod_axes = math_ops.reduce_prod(axes_dims)
    if flipped:
        perm = array_ops.concat([axes, free], 0)
        new_shape = array_ops.stack([prod_axes, prod_free])
    else:
        perm = array_ops.concat([free, axes], 0)
        new_shape = array_ops.stack([prod_free, prod_axes])
    return array_ops.reshape(array_ops.transpose(a, perm), new_shape), free_dims, free_dims_static


def _axes(a, axes):
    """(axes of a, axes of b) from `axes`: an int N (a's last N with b's first N) or a pair."""
    if isinstance(axes, (int, np.integer)):
        if axes < 0:
            raise ValueError(f"`axes` must be at least 0. Received: {axes}.")
        if a.shape.rank is not None:
            if axes > a.shape.rank:
                raise ValueError(
                    f"`axes` must not be larger than the number of dimensions of tensor {a}.  "
                    f"Received {axes}, vs tensor dimensions {a.shape.rank}."
                )
            return list(builtins.range(a.shape.rank - axes, a.shape.rank)), list(
                builtins.range(axes)
            )
        rank = array_ops.rank(a)
        return (
            math_ops.range(rank - axes, rank, dtype=dtypes.int32),
            math_ops.range(axes, dtype=dtypes.int32),
        )
    if isinstance(axes, (list, tuple)):
        if len(axes) != 2:
            raise ValueError(f"`axes` must be an integer or have length 2. Received {axes}.")
        a_axes, b_axes = axes
        if isinstance(a_axes, (int, np.integer)) and isinstance(b_axes, (int, np.integer)):
            a_axes, b_axes = [a_axes], [b_axes]
        if len(a_axes) != len(b_axes):
            raise ValueError(
                f"Different number of contraction axes `a` and `b`, {len(a_axes)} != {len(b_axes)}."
            )
        return a_axes, b_axes
    axes = convert_to_tensor(axes, name="axes", dtype=dtypes.int32)
    return axes[0], axes[1]


def tensordot(a, b, axes, name=None):
    """`tf.tensordot(a, b, axes)`: sum of a * b over `axes` (see the module docstring)."""
    with name_scope(name, "Tensordot") as scope:
        a = convert_to_tensor(a, name="a")
        b = convert_to_tensor(b, name="b")
        a_axes, b_axes = _axes(a, axes)
        a_matrix, a_free, a_free_static = _reshaped(a, a_axes)
        b_matrix, b_free, b_free_static = _reshaped(b, b_axes, True)
        product = math_ops.matmul(a_matrix, b_matrix)
        if isinstance(a_free, list) and isinstance(b_free, list):
            if product.shape.is_fully_defined() and product.shape.as_list() == a_free + b_free:
                return product
            return array_ops.reshape(product, a_free + b_free, name=scope)
        a_free = convert_to_tensor(a_free, dtype=dtypes.int32)
        b_free = convert_to_tensor(b_free, dtype=dtypes.int32)
        result = array_ops.reshape(product, array_ops.concat([a_free, b_free], 0), name=scope)
        if a_free_static is not None and b_free_static is not None:
            result.set_shape(a_free_static + b_free_static)
        return result
