"""`tf.linalg`: matrix operations."""

from learntf.ops.array_ops import transpose  # noqa: F401
from learntf.ops.linalg_ops import (  # noqa: F401
    band_part,
    cholesky,
    det,
    einsum,
    eye,
    norm,
    qr,
    solve,
    trace,
)
from learntf.ops.linalg_ops import matrix_diag as diag  # noqa: F401
from learntf.ops.linalg_ops import matrix_diag_part as diag_part  # noqa: F401
from learntf.ops.math_ops import matmul  # noqa: F401
from learntf.ops.math_ops import matrix_inverse as inv  # noqa: F401
from learntf.ops.stats_ops import global_norm  # noqa: F401
