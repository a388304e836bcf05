"""`tf.random`: random tensors (TF2 names) and seeds."""
from learntf.ops.random_ops import random_normal as normal  # noqa: F401
from learntf.ops.random_ops import random_uniform as uniform  # noqa: F401
from learntf.ops.random_ops import truncated_normal  # noqa: F401
from learntf.ops.random_ops import set_random_seed  # noqa: F401
from learntf.ops.random_ops import set_seed  # noqa: F401
