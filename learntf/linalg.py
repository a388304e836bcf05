"""`tf.linalg`: matrix operations."""

from learntf.ops.array_ops import transpose  # noqa: F401
from learntf.ops.math_ops import matmul  # noqa: F401
from learntf.ops.math_ops import matrix_inverse as inv  # noqa: F401
