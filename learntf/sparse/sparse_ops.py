"""tf.sparse ops: to_dense, reorder, sparse_dense_matmul, add, and `s * 2.0` (unit 17).

Each is a registered op over the SparseTensor's component tensors (indices, values,
dense_shape) with a NumPy kernel, so it runs in eager and graph mode, and each has its
gradient with respect to the values (and the dense operand): the same table GradientTape and
tf.gradients read.  Sparse kernels assume row-major ordered indices; SparseToDense checks that,
and tf.sparse.reorder fixes it.
"""

import numpy as np

from learntf import dtypes, errors
from learntf.framework.apply import ShapeError, apply_op
from learntf.framework.constant_op import convert_to_tensor
from learntf.framework.graph import name_scope
from learntf.framework.op_registry import not_differentiable, register_gradient, register_op
from learntf.framework.tensor_shape import TensorShape
from learntf.ops import array_ops, gather_ops, math_ops
from learntf.ops.gather_ops import static_value
from learntf.sparse.sparse_tensor import SparseTensor


def _index_text(index):
    return "[%s]" % ",".join(str(int(i)) for i in index)


def _shape_from(tensor):
    known = static_value(tensor)
    if known is not None:
        return TensorShape([int(d) for d in known])
    size = tensor.shape[0] if tensor.shape.rank == 1 else None
    return TensorShape(None if size is None else [None] * size)


def _check_same_dtype(op_name, first_name, first, second_name, second):
    if first.dtype is not second.dtype:
        raise TypeError(
            "Input '%s' of '%s' Op has type %s that does not match type %s of "
            "argument '%s'.\n(learntf: use tf.cast so both have one dtype.)"
            % (second_name, op_name, second.dtype.name, first.dtype.name, first_name)
        )


# -- to_dense -------------------------------------------------------------------------------------
def _check_indices(indices, shape):
    """TF's checks: every index inside the shape, in row-major order, none repeated."""
    for n, index in enumerate(indices):
        if np.any(index < 0) or np.any(index >= shape):
            raise errors.InvalidArgumentError(
                None,
                None,
                "indices[%d] = %s is out of bounds: need 0 <= index < %s"
                % (n, _index_text(index), _index_text(shape)),
            )
        if n:
            previous = tuple(indices[n - 1])
            if tuple(index) < previous:
                raise errors.InvalidArgumentError(
                    None,
                    None,
                    "indices[%d] = %s is out of order. Many sparse ops require "
                    "sorted indices.\n    Use `tf.sparse.reorder` to create a correctly ordered "
                    "copy.\n\n" % (n, _index_text(index)),
                )
            if tuple(index) == previous:
                raise errors.InvalidArgumentError(
                    None, None, "indices[%d] = %s is repeated" % (n, _index_text(index))
                )


def _to_dense_kernel(sparse_indices, output_shape, sparse_values, default_value, validate_indices):
    indices = np.asarray(sparse_indices).reshape(len(sparse_indices), -1)
    if validate_indices:
        _check_indices(indices, np.asarray(output_shape))
    result = np.empty(tuple(int(d) for d in output_shape), dtype=sparse_values.dtype)
    result[...] = default_value
    result[tuple(indices.T)] = sparse_values
    return result


def _to_dense_infer(sparse_indices, output_shape, sparse_values, default_value, validate_indices):
    _check_same_dtype(
        "SparseToDense", "sparse_values", sparse_values, "default_value", default_value
    )
    return [(sparse_values.dtype, _shape_from(output_shape))]


register_op(
    "SparseToDense",
    ["sparse_indices", "output_shape", "sparse_values", "default_value"],
    _to_dense_infer,
    _to_dense_kernel,
    type_input=2,
)


def to_dense(sp_input, default_value=None, validate_indices=True, name=None):
    """The dense tensor: values at their indices, `default_value` (zero) everywhere else."""
    _check_sparse(sp_input, "sp_input")
    if default_value is None:
        default_value = b"" if sp_input.dtype is dtypes.string else 0
    default_value = convert_to_tensor(default_value, dtype=sp_input.dtype, name="default_value")
    return apply_op(
        "SparseToDense",
        [sp_input.indices, sp_input.dense_shape, sp_input.values, default_value],
        {"validate_indices": bool(validate_indices)},
        name or "SparseToDense",
    )


@register_gradient("SparseToDense")
def _to_dense_grad(op, grad):
    indices = op.inputs[0]
    values_grad = gather_ops.gather_nd(grad, indices)
    default_grad = math_ops.reduce_sum(grad) - math_ops.reduce_sum(values_grad)
    return [None, None, values_grad, default_grad]


def _check_sparse(value, what):
    if not isinstance(value, SparseTensor):
        raise TypeError(
            "Input must be a SparseTensor, got %s for %s.\n(learntf: build one with "
            "tf.SparseTensor(indices, values, dense_shape) or "
            "tf.sparse.from_dense(tensor).)" % (type(value).__name__, what)
        )


# -- reorder --------------------------------------------------------------------------------------
def _reorder_kernel(input_indices, input_values, input_shape):
    order = (
        np.lexsort(input_indices.T[::-1]) if input_indices.size else np.arange(len(input_indices))
    )
    return input_indices[order], input_values[order]


register_op(
    "SparseReorder",
    ["input_indices", "input_values", "input_shape"],
    lambda input_indices, input_values, input_shape: [
        (dtypes.int64, input_indices.shape),
        (input_values.dtype, input_values.shape),
    ],
    _reorder_kernel,
    num_outputs=2,
    type_input=1,
)


def reorder(sp_input, name=None):
    """The same SparseTensor with its indices sorted in row-major order."""
    _check_sparse(sp_input, "sp_input")
    indices, values = apply_op(
        "SparseReorder",
        [sp_input.indices, sp_input.values, sp_input.dense_shape],
        {},
        name or "SparseReorder",
    )
    return SparseTensor(indices, values, sp_input.dense_shape)


@register_gradient("SparseReorder")
def _reorder_grad(op, indices_grad, values_grad):
    # Reorder the positions 0..n-1 the same way: output entry k came from input entry moved[k].
    indices, values, shape = op.inputs
    positions = math_ops.cast(_positions_like(values), dtypes.int64)
    _, moved = apply_op("SparseReorder", [indices, positions, shape], {}, "SparseReorder")
    return [None, gather_ops.unsorted_segment_sum(values_grad, moved, _count(values)), None]


def _positions_like(values):
    count = values.shape[0]
    if count is None:
        raise NotImplementedError(
            "learntf differentiates tf.sparse.reorder only when the number of values is known."
        )
    return array_ops.range(count)


def _count(values):
    count = values.shape[0]
    return count if count is not None else array_ops.shape(values)[0]


# -- sparse_dense_matmul --------------------------------------------------------------------------
def _matmul_infer(a_indices, a_values, a_shape, b, adjoint_a, adjoint_b):
    _check_same_dtype("SparseTensorDenseMatMul", "a_values", a_values, "b", b)
    if b.shape.rank not in (None, 2):
        raise ShapeError("Shape must be rank 2 but is rank %d" % b.shape.rank)
    a_dims = _shape_from(a_shape)
    rows = a_dims[1 if adjoint_a else 0] if a_dims.rank == 2 else None
    cols = b.shape[0 if adjoint_b else 1] if b.shape.rank == 2 else None
    return [(a_values.dtype, TensorShape([rows, cols]))]


def _matmul_kernel(a_indices, a_values, a_shape, b, adjoint_a, adjoint_b):
    a = np.zeros(tuple(int(d) for d in a_shape), dtype=a_values.dtype)
    if np.any(a_indices < 0) or np.any(a_indices >= np.asarray(a_shape)):
        bad = int(np.argmax(np.any((a_indices < 0) | (a_indices >= np.asarray(a_shape)), 1)))
        raise errors.InvalidArgumentError(
            None,
            None,
            "indices[%d] = %s is out of bounds: need 0 <= index < %s"
            % (bad, _index_text(a_indices[bad]), _index_text(a_shape)),
        )
    np.add.at(a, tuple(a_indices.T), a_values)  # repeated indices add up
    a = a.T if adjoint_a else a
    b = b.T if adjoint_b else b
    if a.shape[1] != b.shape[0]:
        raise errors.InvalidArgumentError(
            None,
            None,
            "Cannot multiply A and B because inner dimension does not match: %d vs. "
            "%d.  Did you forget a transpose?  Dimensions of A: [%d, %d).  Dimensions of B: %s"
            % (
                a.shape[1],
                b.shape[0],
                a_shape[0],
                a_shape[1],
                _index_text(b.T.shape if adjoint_b else b.shape),
            ),
        )
    return a @ b


register_op(
    "SparseTensorDenseMatMul",
    ["a_indices", "a_values", "a_shape", "b"],
    _matmul_infer,
    _matmul_kernel,
    type_input=1,
)


def sparse_dense_matmul(sp_a, b, adjoint_a=False, adjoint_b=False, name=None):
    """The matrix product of a 2-D SparseTensor and a dense matrix (either way round)."""
    if isinstance(b, SparseTensor) and not isinstance(sp_a, SparseTensor):
        # dense @ sparse = (sparse^T @ dense^T)^T
        product = sparse_dense_matmul(
            b, sp_a, adjoint_a=not adjoint_b, adjoint_b=not adjoint_a, name=name
        )
        return array_ops.transpose(product)
    _check_sparse(sp_a, "sp_a")
    # As in TensorFlow, the op sits in a scope of its own name (or `name`):
    # SparseTensorDenseMatMul/SparseTensorDenseMatMul.
    with name_scope(name, "SparseTensorDenseMatMul", [sp_a.indices, sp_a.values, b]):
        b = convert_to_tensor(b, name="b")
        return apply_op(
            "SparseTensorDenseMatMul",
            [sp_a.indices, sp_a.values, sp_a.dense_shape, b],
            {"adjoint_a": bool(adjoint_a), "adjoint_b": bool(adjoint_b)},
            "SparseTensorDenseMatMul",
        )


@register_gradient("SparseTensorDenseMatMul")
def _matmul_grad(op, grad):
    a_indices, a_values, a_shape, b = op.inputs
    adjoint_a, adjoint_b = op.attrs["adjoint_a"], op.attrs["adjoint_b"]
    b_grad = apply_op(
        "SparseTensorDenseMatMul",
        [a_indices, a_values, a_shape, grad],
        {"adjoint_a": not adjoint_a, "adjoint_b": False},
        "SparseTensorDenseMatMul",
    )
    if adjoint_b:
        b_grad = array_ops.transpose(b_grad)
    # Each stored value a[r, c] gets the dot product of grad's row r with b's row c (rows and
    # columns swapped by the adjoints), as one batch of 1x1 matmuls, as TF builds it.
    rows, cols = a_indices[:, 0], a_indices[:, 1]
    grad_rows = gather_ops.gather(grad, cols if adjoint_a else rows)
    b_rows = gather_ops.gather(
        array_ops.transpose(b) if adjoint_b else b, rows if adjoint_a else cols
    )
    # (row or column vectors, and which of them the matmul adjoints, so the product is 1x1)
    same = adjoint_a == adjoint_b
    a_values_grad = math_ops.matmul(
        array_ops.expand_dims(grad_rows, -1 if adjoint_a else -2),
        array_ops.expand_dims(b_rows, -2 if same else -1),
        adjoint_a=adjoint_a,
        adjoint_b=same,
    )
    return [None, array_ops.squeeze(a_values_grad, axis=[-2, -1]), None, b_grad]


# -- add ------------------------------------------------------------------------------------------
def _sparse_add_kernel(a_indices, a_values, a_shape, b_indices, b_values, b_shape, thresh):
    if len(a_shape) != len(b_shape):
        raise errors.InvalidArgumentError(
            None,
            None,
            "Operands do not have the same ranks; got shapes: %s and %s"
            % (_index_text(a_shape), _index_text(b_shape)),
        )
    for dim, (x, y) in enumerate(zip(a_shape, b_shape)):
        if x != y:
            raise errors.InvalidArgumentError(
                None,
                None,
                "Operands' shapes do not match: got %d and %d for dimension %d" % (x, y, dim),
            )
    sums = {}
    for index, value in zip(map(tuple, a_indices), a_values):
        sums[index] = sums.get(index, 0) + value
    for index, value in zip(map(tuple, b_indices), b_values):
        sums[index] = sums.get(index, 0) + value
    keep = sorted(index for index, value in sums.items() if not np.abs(value) < thresh)
    indices = np.array(keep, dtype=np.int64).reshape(len(keep), len(a_shape))
    values = np.array([sums[index] for index in keep], dtype=a_values.dtype)
    return indices, values, np.asarray(a_shape, dtype=np.int64)


def _sparse_add_infer(a_indices, a_values, a_shape, b_indices, b_values, b_shape, thresh):
    _check_same_dtype("SparseAdd", "a_values", a_values, "b_values", b_values)
    return [
        (dtypes.int64, TensorShape([None, a_indices.shape[1]])),
        (a_values.dtype, TensorShape([None])),
        (dtypes.int64, a_shape.shape),
    ]


register_op(
    "SparseAdd",
    ["a_indices", "a_values", "a_shape", "b_indices", "b_values", "b_shape"],
    _sparse_add_infer,
    _sparse_add_kernel,
    num_outputs=3,
    type_input=1,
)


def _sparse_add_grad_kernel(backprop_val_grad, a_indices, b_indices, sum_indices):
    position = {tuple(index): n for n, index in enumerate(sum_indices)}

    def pick(indices):
        result = np.zeros(len(indices), dtype=backprop_val_grad.dtype)
        for n, index in enumerate(indices):
            if tuple(index) in position:  # entries dropped by the threshold get no gradient
                result[n] = backprop_val_grad[position[tuple(index)]]
        return result

    return pick(a_indices), pick(b_indices)


register_op(
    "SparseAddGrad",
    ["backprop_val_grad", "a_indices", "b_indices", "sum_indices"],
    lambda grad, a_indices, b_indices, sum_indices: [
        (grad.dtype, TensorShape([a_indices.shape[0]])),
        (grad.dtype, TensorShape([b_indices.shape[0]])),
    ],
    _sparse_add_grad_kernel,
    num_outputs=2,
)
not_differentiable("SparseAddGrad")


@register_gradient("SparseAdd")
def _sparse_add_grad(op, indices_grad, values_grad, shape_grad):
    a_grad, b_grad = apply_op(
        "SparseAddGrad",
        [values_grad, op.inputs[0], op.inputs[3], op.outputs[0]],
        {},
        "SparseAddGrad",
    )
    return [None, a_grad, None, None, b_grad, None]


def _dense_add_infer(a_indices, a_values, a_shape, b):
    _check_same_dtype("SparseTensorDenseAdd", "a_values", a_values, "b", b)
    return [(b.dtype, b.shape)]


def _dense_add_kernel(a_indices, a_values, a_shape, b):
    if tuple(int(d) for d in a_shape) != b.shape:
        raise errors.InvalidArgumentError(
            None,
            None,
            "Dimensions must be equal: a_shape %s vs. b.shape %s"
            % (_index_text(a_shape), _index_text(b.shape)),
        )
    result = np.array(b, copy=True)
    np.add.at(result, tuple(a_indices.T), a_values)
    return result


register_op(
    "SparseTensorDenseAdd",
    ["a_indices", "a_values", "a_shape", "b"],
    _dense_add_infer,
    _dense_add_kernel,
    type_input=1,
)


@register_gradient("SparseTensorDenseAdd")
def _dense_add_grad(op, grad):
    return [None, gather_ops.gather_nd(grad, op.inputs[0]), None, grad]


def add(a, b, threshold=0, name=None):
    """a + b: a SparseTensor if both are sparse (entries below `threshold` in magnitude are
    dropped), a dense Tensor if one of them is dense."""
    if not isinstance(a, SparseTensor):
        a, b = b, a
    _check_sparse(a, "a")
    if isinstance(b, SparseTensor):
        indices, values, shape = apply_op(
            "SparseAdd",
            [a.indices, a.values, a.dense_shape, b.indices, b.values, b.dense_shape],
            {"thresh": threshold},
            name or "SparseAdd",
        )
        return SparseTensor(indices, values, shape)
    b = convert_to_tensor(b, dtype_hint=a.dtype, name="b")
    return apply_op(
        "SparseTensorDenseAdd",
        [a.indices, a.values, a.dense_shape, b],
        {},
        name or "SparseTensorDenseAdd",
    )


# -- s * dense, s / dense (the dense side broadcasts to the sparse shape) -------------------------
def _cwise_kernel(combine):
    def kernel(sp_indices, sp_values, sp_shape, dense):
        rank = len(sp_shape)
        if dense.ndim > rank or any(
            d not in (1, s) for d, s in zip(dense.shape[::-1], np.asarray(sp_shape)[::-1])
        ):
            raise errors.InvalidArgumentError(
                None,
                None,
                "SparseDenseBinaryOpShared broadcasts dense to sparse only; got "
                "incompatible shapes: %s vs. %s"
                % (_index_text(sp_shape), _index_text(dense.shape)),
            )
        full = dense.reshape((1,) * (rank - dense.ndim) + dense.shape)
        picked = full[tuple(np.where(np.asarray(full.shape) == 1, 0, sp_indices).T)]
        with np.errstate(all="ignore"):
            return combine(sp_values, picked).astype(sp_values.dtype, copy=False)

    return kernel


def _cwise_infer(name):
    def infer(sp_indices, sp_values, sp_shape, dense):
        _check_same_dtype(name, "sp_values", sp_values, "dense", dense)
        return [(sp_values.dtype, sp_values.shape)]

    return infer


register_op(
    "SparseDenseCwiseMul",
    ["sp_indices", "sp_values", "sp_shape", "dense"],
    _cwise_infer("SparseDenseCwiseMul"),
    _cwise_kernel(np.multiply),
    type_input=1,
)
register_op(
    "SparseDenseCwiseDiv",
    ["sp_indices", "sp_values", "sp_shape", "dense"],
    _cwise_infer("SparseDenseCwiseDiv"),
    _cwise_kernel(np.true_divide),
    type_input=1,
)


def _cwise_grad(is_mul):
    def gradient(op, grad):
        indices, values, shape, dense = op.inputs
        added = (shape.shape[0] or 0) - (dense.shape.rank or 0)
        dense_shape = array_ops.shape(dense, out_type=dtypes.int64)
        full_shape = (
            array_ops.concat([array_ops.ones([added], dtype=dtypes.int64), dense_shape], 0)
            if added
            else dense_shape
        )
        dense_indices = (indices // (shape // full_shape))[:, added:]  # where dense broadcasts
        dense_values = gather_ops.gather_nd(dense, dense_indices)
        if is_mul:
            values_grad, dense_value_grad = grad * dense_values, grad * values
        else:
            values_grad = grad / dense_values
            dense_value_grad = grad * (-values / math_ops.square(dense_values))
        dense_grad = gather_ops.scatter_nd(dense_indices, dense_value_grad, dense_shape)
        return [None, values_grad, None, dense_grad]

    return gradient


register_gradient("SparseDenseCwiseMul")(_cwise_grad(True))
register_gradient("SparseDenseCwiseDiv")(_cwise_grad(False))


def _scaled(op_type, symbol):
    def method(sp, other):
        with name_scope(None, symbol, [sp.values]) as scope:
            other = convert_to_tensor(other, dtype=sp.dtype, name="y")
            values = apply_op(
                op_type, [sp.indices, sp.values, sp.dense_shape, other], {}, scope or op_type
            )
        return SparseTensor(sp.indices, values, sp.dense_shape)

    return method


SparseTensor.__mul__ = _scaled("SparseDenseCwiseMul", "mul")
SparseTensor.__truediv__ = _scaled("SparseDenseCwiseDiv", "truediv")
SparseTensor.__div__ = SparseTensor.__truediv__


# -- from_dense, reduce_sum -----------------------------------------------------------------------
def from_dense(tensor, name=None):
    """The non-zero entries of a dense tensor, as a SparseTensor (indices in row-major order)."""
    with name_scope(name, "dense_to_sparse"):
        tensor = convert_to_tensor(tensor, name="tensor")
        zero = convert_to_tensor(b"" if tensor.dtype is dtypes.string else 0, dtype=tensor.dtype)
        indices = array_ops.where(math_ops.not_equal(tensor, zero))
        return SparseTensor(
            indices,
            gather_ops.gather_nd(tensor, indices),
            array_ops.shape(tensor, out_type=dtypes.int64),
        )


def reduce_sum(sp_input, axis=None, keepdims=None, output_is_sparse=False, name=None):
    """The sum of the entries (zeros add nothing) along `axis`, as a dense tensor."""
    if output_is_sparse:
        raise NotImplementedError("learntf's tf.sparse.reduce_sum returns dense tensors only.")
    dense = to_dense(sp_input, validate_indices=False)
    return math_ops.reduce_sum(dense, axis=axis, keepdims=keepdims, name=name)
