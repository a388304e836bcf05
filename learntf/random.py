"""`tf.random`: random tensors (TF2 names, and TF1's under compat.v1), seeds and stateless ops.

The numbers are TensorFlow's own: see learntf/ops/random_ops.py (seeds, ops) and
learntf/ops/philox.py (the generator).
"""

from learntf.ops.random_ops import (  # noqa: F401  # noqa: F401
    categorical,
    multinomial,
    set_random_seed,
    set_seed,
    stateless_truncated_normal,
    truncated_normal,
)
from learntf.ops.random_ops import random_normal as normal  # noqa: F401
from learntf.ops.random_ops import random_shuffle as shuffle  # noqa: F401
from learntf.ops.random_ops import random_uniform as uniform  # noqa: F401
from learntf.ops.random_ops import stateless_random_normal as stateless_normal  # noqa: F401
from learntf.ops.random_ops import stateless_random_uniform as stateless_uniform  # noqa: F401
from learntf.ops.stateful_random_ops import Generator  # noqa: F401
