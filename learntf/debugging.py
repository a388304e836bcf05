"""`tf.debugging`: assertions and numeric checks (ops/check_ops.py), TF 2's signatures."""

from learntf.ops.check_ops import (
    Assert,
    check_numerics,
    disable_check_numerics,
    enable_check_numerics,
)
from learntf.ops.check_ops import assert_equal_v2 as assert_equal
from learntf.ops.check_ops import assert_greater_equal_v2 as assert_greater_equal
from learntf.ops.check_ops import assert_greater_v2 as assert_greater
from learntf.ops.check_ops import assert_less_equal_v2 as assert_less_equal
from learntf.ops.check_ops import assert_less_v2 as assert_less
from learntf.ops.check_ops import assert_near_v2 as assert_near
from learntf.ops.check_ops import assert_negative_v2 as assert_negative
from learntf.ops.check_ops import assert_non_negative_v2 as assert_non_negative
from learntf.ops.check_ops import assert_non_positive_v2 as assert_non_positive
from learntf.ops.check_ops import assert_none_equal_v2 as assert_none_equal
from learntf.ops.check_ops import assert_positive_v2 as assert_positive
from learntf.ops.check_ops import assert_rank_v2 as assert_rank
from learntf.ops.check_ops import assert_type_v2 as assert_type

__all__ = [
    "Assert",
    "assert_equal",
    "assert_greater",
    "assert_greater_equal",
    "assert_less",
    "assert_less_equal",
    "assert_near",
    "assert_negative",
    "assert_non_negative",
    "assert_non_positive",
    "assert_none_equal",
    "assert_positive",
    "assert_rank",
    "assert_type",
    "check_numerics",
    "disable_check_numerics",
    "enable_check_numerics",
]
