"""Matrices beyond matmul: diagonals, bands, determinants, solves, Cholesky, einsum, norms.

`tf.linalg.*` and `tf.eye`, `tf.einsum`, `tf.norm`.  Each op is registered once, with its
gradient beside it (TF's linalg_grad.py formulas, written with learntf ops), so eager code,
graphs, tf.function and GradientTape all use the same definition.  Like TF's kernels, they
work on batches of matrices: the last two dimensions are the matrix, the others the batch.
"""

import collections
import string

import numpy as np

from learntf import dtypes, errors
from learntf.framework.apply import ShapeError, apply_op
from learntf.framework.constant_op import convert_to_tensor
from learntf.framework.graph import name_scope
from learntf.framework.op_registry import register_gradient, register_op
from learntf.framework.tensor_shape import TensorShape
from learntf.framework.tensor_util import inferred_value
from learntf.ops import array_ops, math_ops
from learntf.ops.shape_inference import FLOAT_TYPES, check_dtype

COMPLEX_TYPES = (dtypes.complex64, dtypes.complex128)


def _dims(shape):
    return None if shape.rank is None else shape.as_list()


def _at_least_matrix(x):
    dims = _dims(x.shape)
    if dims is not None and len(dims) < 2:
        raise ShapeError("Shape must be at least rank 2 but is rank %d" % len(dims))
    return dims


def _square(x, allowed=FLOAT_TYPES + COMPLEX_TYPES):
    check_dtype("input", x, allowed)
    dims = _at_least_matrix(x)
    if dims is not None and None not in dims[-2:] and dims[-1] != dims[-2]:
        raise ShapeError("Dimensions must be equal, but are %d and %d" % (dims[-2], dims[-1]))
    return dims


def _invertible(fn, message):
    """Run a NumPy solver; a singular matrix is TF's InvalidArgumentError."""
    try:
        return fn()
    except np.linalg.LinAlgError:
        raise errors.InvalidArgumentError(None, None, message) from None


def _k(k):
    k = np.asarray(k).reshape(-1)
    if k.size not in (1, 2) or k[0] != k[-1]:
        raise errors.UnimplementedError(
            None, None, "learntf: only one diagonal at a time (k a single number)"
        )
    return int(k[0])


# -- diagonals -------------------------------------------------------------------------------
def _matrix_diag_infer(diagonal, k, num_rows, num_cols, padding_value, align="RIGHT_LEFT"):
    dims = _dims(diagonal.shape)
    if dims is None:
        return [(diagonal.dtype, TensorShape(None))]
    k_value = inferred_value(k)
    rows, cols = inferred_value(num_rows), inferred_value(num_cols)
    size = None if dims[-1] is None or k_value is None else dims[-1] + abs(_k(k_value))
    rows = size if rows is None or int(rows) < 0 else int(rows)
    cols = size if cols is None or int(cols) < 0 else int(cols)
    return [(diagonal.dtype, TensorShape(dims[:-1] + [rows, cols]))]


def _matrix_diag_kernel(diagonal, k, num_rows, num_cols, padding_value, align="RIGHT_LEFT"):
    k = _k(k)
    size = diagonal.shape[-1] + abs(k)
    rows = size if int(num_rows) < 0 else int(num_rows)
    cols = size if int(num_cols) < 0 else int(num_cols)
    result = np.full(diagonal.shape[:-1] + (rows, cols), padding_value, dtype=diagonal.dtype)
    i = np.arange(diagonal.shape[-1])
    rows_at, cols_at = (i, i + k) if k >= 0 else (i - k, i)
    keep = (rows_at < rows) & (cols_at < cols)
    result[..., rows_at[keep], cols_at[keep]] = diagonal[..., keep]
    return result


register_op(
    "MatrixDiagV3",
    ["diagonal", "k", "num_rows", "num_cols", "padding_value"],
    _matrix_diag_infer,
    _matrix_diag_kernel,
)


def _matrix_diag_part_infer(input, k, padding_value, align="RIGHT_LEFT"):
    dims = _at_least_matrix(input)
    k_value = inferred_value(k)
    if dims is None:
        return [(input.dtype, TensorShape(None))]
    rows, cols = dims[-2:]
    length = None
    if k_value is not None and rows is not None and cols is not None:
        kk = _k(k_value)
        length = max(0, min(rows + min(kk, 0), cols - max(kk, 0)))
    return [(input.dtype, TensorShape(dims[:-2] + [length]))]


def _matrix_diag_part_kernel(input, k, padding_value, align="RIGHT_LEFT"):
    return np.ascontiguousarray(np.diagonal(input, offset=_k(k), axis1=-2, axis2=-1))


register_op(
    "MatrixDiagPartV3",
    ["input", "k", "padding_value"],
    _matrix_diag_part_infer,
    _matrix_diag_part_kernel,
)


def _band_infer(input, num_lower, num_upper):
    _at_least_matrix(input)
    return [(input.dtype, input.shape)]


def _band_kernel(input, num_lower, num_upper):
    rows, cols = input.shape[-2:]
    offset = np.arange(cols)[None, :] - np.arange(rows)[:, None]  # column - row
    keep = np.ones((rows, cols), bool)
    if num_lower >= 0:
        keep &= offset >= -num_lower
    if num_upper >= 0:
        keep &= offset <= num_upper
    return np.where(keep, input, np.zeros((), input.dtype))


register_op(
    "MatrixBandPart",
    ["input", "num_lower", "num_upper"],
    _band_infer,
    _band_kernel,
    type_attr="T",
)


def matrix_diag(
    diagonal, name="diag", k=0, num_rows=-1, num_cols=-1, padding_value=0, align="RIGHT_LEFT"
):
    """A (batch of) matrix with `diagonal` on its k-th diagonal, `padding_value` elsewhere."""
    with name_scope(name) as scope:
        diagonal = convert_to_tensor(diagonal, name="diagonal")
        inputs = [
            diagonal,
            convert_to_tensor(k, dtype=dtypes.int32, name="k"),
            convert_to_tensor(num_rows, dtype=dtypes.int32, name="num_rows"),
            convert_to_tensor(num_cols, dtype=dtypes.int32, name="num_cols"),
            convert_to_tensor(padding_value, dtype=diagonal.dtype, name="padding_value"),
        ]
        return apply_op("MatrixDiagV3", inputs, {"align": align}, scope)


def matrix_diag_part(input, name="diag_part", k=0, padding_value=0, align="RIGHT_LEFT"):
    """The k-th diagonal of each matrix in `input`."""
    with name_scope(name) as scope:
        input = convert_to_tensor(input, name="input")
        inputs = [
            input,
            convert_to_tensor(k, dtype=dtypes.int32, name="k"),
            convert_to_tensor(padding_value, dtype=input.dtype, name="padding_value"),
        ]
        return apply_op("MatrixDiagPartV3", inputs, {"align": align}, scope)


def band_part(input, num_lower, num_upper, name=None):
    """Keep `num_lower` diagonals below the main one and `num_upper` above (-1: all)."""
    return apply_op("MatrixBandPart", [input, num_lower, num_upper], {}, name or "MatrixBandPart")


def trace(x, name=None):
    """The sum of each matrix's diagonal."""
    with name_scope(name, "Trace", [x]) as scope:
        x = convert_to_tensor(x, name="x")
        return math_ops.reduce_sum(matrix_diag_part(x), [-1], name=scope)


def eye(num_rows, num_columns=None, batch_shape=None, dtype=dtypes.float32, name=None):
    """An identity matrix (or a batch of them): ones on the diagonal of a matrix of zeros."""
    with name_scope(name, "eye", [num_rows, num_columns, batch_shape]):
        size = num_rows if num_columns is None else min(num_rows, num_columns)
        shape = list(batch_shape or []) + [size]
        ones = array_ops.ones(shape, dtype=dtype)
        if num_columns is None or num_columns == num_rows:
            return matrix_diag(ones)
        return matrix_diag(ones, num_rows=num_rows, num_cols=num_columns)


@register_gradient("MatrixDiagV3")
def _matrix_diag_grad(op, grad):
    part = matrix_diag_part(grad, k=op.inputs[1], align=op.get_attr("align"))
    return [part, None, None, None, None]


@register_gradient("MatrixDiagPartV3")
def _matrix_diag_part_grad(op, grad):
    shape = array_ops.shape(op.inputs[0])
    dense = matrix_diag(grad, k=op.inputs[1], num_rows=shape[-2], num_cols=shape[-1])
    return [dense, None, None]


@register_gradient("MatrixBandPart")
def _band_grad(op, grad):
    return [band_part(grad, op.inputs[1], op.inputs[2]), None, None]


# -- determinants, solves, decompositions ------------------------------------------------------
def _det_infer(input):
    dims = _square(input)
    return [(input.dtype, TensorShape(None if dims is None else dims[:-2]))]


def _det_kernel(input):
    return np.asarray(np.linalg.det(input), dtype=input.dtype)


register_op("MatrixDeterminant", ["input"], _det_infer, _det_kernel)


def _solve_infer(matrix, rhs, adjoint=False):
    check_dtype("matrix", matrix, FLOAT_TYPES + COMPLEX_TYPES)
    _square(matrix)
    rhs_dims, matrix_dims = _dims(rhs.shape), _dims(matrix.shape)
    if rhs_dims is not None and matrix_dims is not None:
        if len(rhs_dims) < 2:
            raise ShapeError("Shape must be at least rank 2 but is rank %d" % len(rhs_dims))
        if None not in (matrix_dims[-1], rhs_dims[-2]) and matrix_dims[-1] != rhs_dims[-2]:
            raise ShapeError(
                "Dimensions must be equal, but are %d and %d" % (matrix_dims[-1], rhs_dims[-2])
            )
    return [(matrix.dtype, rhs.shape)]


def _solve_kernel(matrix, rhs, adjoint=False):
    if adjoint:
        matrix = np.conj(np.swapaxes(matrix, -1, -2))
    result = _invertible(lambda: np.linalg.solve(matrix, rhs), "Input matrix is not invertible.")
    return result.astype(matrix.dtype, copy=False)


register_op("MatrixSolve", ["matrix", "rhs"], _solve_infer, _solve_kernel, same_dtype=True)


def _cholesky_kernel(input):
    """Like TF's CPU kernel, a matrix that is not positive definite gives nan, not an error."""
    flat = input.reshape((-1,) + input.shape[-2:])
    result = np.zeros_like(flat)
    for i, matrix in enumerate(flat):
        try:
            result[i] = np.linalg.cholesky(matrix)
        except np.linalg.LinAlgError:
            result[i] = np.tril(np.full_like(matrix, np.nan))
    return result.reshape(input.shape)


def _cholesky_infer(input):
    _square(input)
    return [(input.dtype, input.shape)]


register_op("Cholesky", ["input"], _cholesky_infer, _cholesky_kernel)


def det(input, name=None):
    """The determinant of each square matrix in `input`."""
    return apply_op("MatrixDeterminant", [input], {}, name or "MatrixDeterminant")


def solve(matrix, rhs, adjoint=False, name=None):
    """x with matrix @ x = rhs, for each matrix in the batch."""
    return apply_op("MatrixSolve", [matrix, rhs], {"adjoint": adjoint}, name or "MatrixSolve")


def cholesky(input, name=None):
    """The lower-triangular L with L @ L^T = input (input symmetric positive definite)."""
    return apply_op("Cholesky", [input], {}, name or "Cholesky")


def _transpose(x):
    rank = x.shape.rank
    perm = list(range(rank - 2)) + [rank - 1, rank - 2]
    return array_ops.transpose(x, perm)


@register_gradient("MatrixDeterminant")
def _det_grad(op, grad):
    a, c = op.inputs[0], op.outputs[0]
    a_adj_inv = math_ops.matrix_inverse(a, adjoint=True)
    multipliers = array_ops.reshape(grad * c, array_ops.concat([array_ops.shape(grad), [1, 1]], 0))
    return multipliers * a_adj_inv


@register_gradient("MatrixSolve")
def _solve_grad(op, grad):
    a, c = op.inputs[0], op.outputs[0]
    adjoint_a = op.get_attr("adjoint")
    grad_b = solve(a, grad, adjoint=not adjoint_a)
    if adjoint_a:
        grad_a = -math_ops.matmul(c, grad_b, adjoint_b=True)
    else:
        grad_a = -math_ops.matmul(grad_b, c, adjoint_b=True)
    return [grad_a, grad_b]


@register_gradient("Cholesky")
def _cholesky_grad(op, grad):
    lower = op.outputs[0]
    lower_inverse = math_ops.matrix_inverse(lower)
    middle = math_ops.matmul(lower, grad, adjoint_a=True)
    middle = band_part(middle, -1, 0) - 0.5 * matrix_diag(matrix_diag_part(middle))
    grad_a = math_ops.matmul(math_ops.matmul(lower_inverse, middle, adjoint_a=True), lower_inverse)
    return 0.5 * (grad_a + _transpose(grad_a))


# -- einsum ------------------------------------------------------------------------------------
def _parse(equation, ranks):
    """Equation's operand and output subscripts, '...' spelled out as capital letters when the
    ranks are known (None otherwise)."""
    equation = equation.replace(" ", "")
    inputs, arrow, output = equation.partition("->")
    terms = inputs.split(",")
    if not arrow:  # implicit output: letters used once, in alphabetical order
        letters = "".join(terms).replace(".", "")
        output = ("..." if "..." in inputs else "") + "".join(
            sorted(c for c in set(letters) if letters.count(c) == 1)
        )
    if "..." not in equation and arrow or "..." not in inputs:
        return terms, output
    if any(rank is None for rank in ranks):
        return None
    spare = [c for c in string.ascii_uppercase if c not in equation]
    widths = [rank - len(t.replace("...", "")) for t, rank in zip(terms, ranks)]
    most = max(widths)
    ellipsis = "".join(spare[:most])
    terms = [t.replace("...", ellipsis[most - w :]) for t, w in zip(terms, widths)]
    return terms, output.replace("...", ellipsis)


def _einsum_infer(*inputs, equation, N):
    ranks = [t.shape.rank for t in inputs]
    parsed = _parse(equation, ranks)
    if parsed is None:
        return [(inputs[0].dtype, TensorShape(None))]
    terms, output = parsed
    sizes = {}
    for term, tensor in zip(terms, inputs):
        if len(term) != tensor.shape.rank:
            raise ShapeError(
                "Expected %d inputs to have rank %d but got %d"
                % (len(inputs), len(term), tensor.shape.rank)
            )
        for axis, (letter, dim) in enumerate(zip(term, tensor.shape.as_list())):
            if dim not in (None, 1) and sizes.get(letter) not in (None, 1, dim):
                raise ShapeError(  # (TF's words: a subscript sized differently by two inputs)
                    "Expected dimension %d at axis %d of the input shaped %s but got dimension "
                    "%d" % (sizes[letter], axis, tensor.shape.proto_str(), dim),
                    "the inputs disagree on the size of '%s' in %r" % (letter, equation),
                )
            if dim is not None and dim != 1:
                sizes[letter] = dim
            else:
                sizes.setdefault(letter, dim)
    return [(inputs[0].dtype, TensorShape([sizes[c] for c in output]))]


def _einsum_kernel(*inputs, equation, N):
    return np.asarray(np.einsum(equation, *inputs), dtype=inputs[0].dtype)


register_op("Einsum", ["inputs*"], _einsum_infer, _einsum_kernel, same_dtype=True)


def einsum(equation, *inputs, **kwargs):
    """Sums of products over the letters the equation names (op Einsum)."""
    name = kwargs.pop("name", None)
    with name_scope(name, "einsum", inputs) as scope:
        inputs = [convert_to_tensor(t) for t in inputs]
        return apply_op("Einsum", [inputs], {"equation": equation, "N": len(inputs)}, scope)


@register_gradient("Einsum")
def _einsum_grad(op, grad):
    inputs = list(op.inputs)
    parsed = _parse(op.get_attr("equation"), [t.shape.rank for t in inputs])
    if parsed is None:
        raise NotImplementedError("learntf: einsum's gradient needs the inputs' ranks known")
    terms, output = parsed
    grads = []
    for i, (term, x) in enumerate(zip(terms, inputs)):
        others = [t for j, t in enumerate(terms) if j != i]
        other_inputs = [t for j, t in enumerate(inputs) if j != i]
        diagonal = len(term) > 1 and term[-1] == term[-2]  # "...ii": the diagonal's gradient
        if diagonal:
            term = term[:-1]
        if len(set(term)) != len(term):
            raise NotImplementedError(
                "learntf: einsum's gradient for repeated subscripts %r" % term
            )
        known = set(output).union(*others)
        kept = "".join(c for c in term if c in known)
        g = einsum(",".join([output] + others) + "->" + kept, grad, *other_inputs)
        if kept != term:  # letters summed over only in this input: broadcast back
            shape = array_ops.shape(x)[:-1] if diagonal else array_ops.shape(x)
            g = array_ops.reshape(g, [shape[d] if c in known else 1 for d, c in enumerate(term)])
            g = array_ops.broadcast_to(g, shape)
        grads.append(matrix_diag(g) if diagonal else _unbroadcast(g, x))
    return grads


def _unbroadcast(g, x):
    """Sum g over the dimensions where x has size 1 and g does not (broadcast '...')."""
    g_dims, x_dims = _dims(g.shape), _dims(x.shape)
    if g_dims is None or x_dims is None or g_dims == x_dims:
        return g
    axes = [d for d, (a, b) in enumerate(zip(g_dims, x_dims)) if b == 1 and a != 1]
    return math_ops.reduce_sum(g, axes, keepdims=True) if axes else g


# -- norms -------------------------------------------------------------------------------------
def norm(tensor, ord="euclidean", axis=None, keepdims=None, name=None):
    """Vector norms (ord 1, 2/'euclidean', inf, p > 0) or matrix norms (axis a pair: 'fro',
    'euclidean', 1, inf), composed of ordinary ops as TF's norm is."""
    keepdims = bool(keepdims)
    is_matrix_norm = isinstance(axis, (tuple, list)) and len(axis) == 2
    if is_matrix_norm:
        axis = tuple(axis)
        if not all(isinstance(a, int) for a in axis) or axis[0] == axis[1]:
            raise ValueError(
                "'axis' must be None, an integer, or a tuple of 2 unique integers, got %s" % (axis,)
            )
        supported = ["euclidean", "fro", 1, 2, np.inf]
        if ord not in supported:
            raise ValueError(
                "'ord' must be a supported matrix norm in %s, got %s" % (supported, ord)
            )
        if ord == 2:
            raise NotImplementedError("learntf: the matrix 2-norm (an SVD) is not implemented")
    else:
        if not (isinstance(axis, int) or axis is None):
            raise ValueError(
                "'axis' must be None, an integer, or a tuple of 2 unique integers, got %s" % (axis,)
            )
        if (not np.isreal(ord) or ord <= 0) and ord not in ["euclidean", 1, 2, np.inf]:
            raise ValueError("'ord' must be a supported vector norm, got %s" % (ord,))
        if axis is not None:
            axis = (axis,)
    with name_scope(name, "norm", [tensor]):
        tensor = convert_to_tensor(tensor)
        if ord in ["fro", "euclidean", 2, 2.0]:
            result = math_ops.sqrt(math_ops.reduce_sum(tensor * tensor, axis, keepdims=True))
        else:
            result = math_ops.abs(tensor)
            if ord == 1:
                result = math_ops.reduce_sum(
                    result, None if axis is None else axis[0], keepdims=True
                )
                if is_matrix_norm:
                    result = math_ops.reduce_max(result, axis[-1], keepdims=True)
            elif ord == np.inf:
                if is_matrix_norm:
                    result = math_ops.reduce_sum(result, axis[1], keepdims=True)
                result = math_ops.reduce_max(
                    result, None if axis is None else axis[0], keepdims=True
                )
            else:
                result = math_ops.pow(
                    math_ops.reduce_sum(math_ops.pow(result, ord), axis, keepdims=True),
                    1.0 / ord,
                )
        if not keepdims:
            result = array_ops.squeeze(result, axis)
        return result


# -- QR ----------------------------------------------------------------------------------------
def _qr_infer(input, full_matrices=False):
    dims = _at_least_matrix(input)
    if dims is None:
        return [(input.dtype, TensorShape(None)), (input.dtype, TensorShape(None))]
    m, n = dims[-2:]
    k = None if m is None or n is None else min(m, n)
    q_cols = m if full_matrices else k
    r_rows = m if full_matrices else k
    return [
        (input.dtype, TensorShape(dims[:-2] + [m, q_cols])),
        (input.dtype, TensorShape(dims[:-2] + [r_rows, n])),
    ]


def _qr_kernel(input, full_matrices=False):
    q, r = np.linalg.qr(input, mode="complete" if full_matrices else "reduced")
    return q.astype(input.dtype, copy=False), r.astype(input.dtype, copy=False)


register_op("Qr", ["input"], _qr_infer, _qr_kernel, num_outputs=2)


def qr(input, full_matrices=False, name=None):
    """(q, r): q with orthonormal columns, r upper triangular, q @ r = input."""
    return Qr(*apply_op("Qr", [input], {"full_matrices": full_matrices}, name or "Qr"))


Qr = collections.namedtuple("Qr", ["q", "r"])  # (as TF names them)


@register_gradient("Qr")
def _qr_grad(op, dq, dr):
    """TF's formula, for reduced QR of a matrix with at least as many rows as columns."""
    q, r = op.outputs
    dims = _dims(r.shape)
    if op.get_attr("full_matrices") or dims is None or None in dims[-2:] or dims[-2] < dims[-1]:
        raise NotImplementedError(
            "QrGrad is not implemented when nrows < ncols and full_matrices is 'True'."
        )

    def right_solve(x):  # x @ inverse(r)^T
        return math_ops.matmul(x, math_ops.matrix_inverse(r), adjoint_b=True)

    qdq = math_ops.matmul(q, dq, adjoint_a=True)
    rdr = math_ops.matmul(r, dr, adjoint_b=True)
    tril = band_part(qdq - _transpose(qdq) + rdr - _transpose(rdr), -1, 0)
    grad_a = math_ops.matmul(q, dr + right_solve(tril))
    grad_b = right_solve(dq - math_ops.matmul(q, qdq))
    return grad_a + grad_b
