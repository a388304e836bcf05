"""`tf.linalg`: matrix operations."""
from learntf.ops.math_ops import matmul, matrix_inverse as inv  # noqa: F401
from learntf.ops.array_ops import transpose  # noqa: F401
