"""`tf.sets`: set operations along the last axis (ops in learntf/ops/set_ops.py)."""

from learntf.ops.set_ops import set_difference as difference  # noqa: F401
from learntf.ops.set_ops import set_intersection as intersection  # noqa: F401
from learntf.ops.set_ops import set_size as size  # noqa: F401
from learntf.ops.set_ops import set_union as union  # noqa: F401
