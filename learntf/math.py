"""`tf.math`: element-wise maths, comparisons and reductions."""
from learntf.ops.math_ops import (  # noqa: F401
    abs, add, add_n, clip_by_value, argmax, argmin, ceil, cos, cumprod, cumsum, divide,
    divide_no_nan, equal, exp, floor, floordiv, floormod, greater, greater_equal, is_finite, less,
    less_equal, log, log1p, logical_and, logical_not, logical_or, maximum, minimum, multiply,
    negative, not_equal, pow, reciprocal, reduce_all, reduce_any, reduce_logsumexp, reduce_max,
    reduce_mean, reduce_min, reduce_prod, reduce_sum, round, rsqrt, sigmoid, sign,
    sin, softplus, sqrt, square, squared_difference, subtract, tanh, truediv)
from learntf.ops.math_ops import log_sigmoid  # noqa: F401
from learntf.ops.bincount_ops import bincount  # noqa: F401
from learntf.ops.gather_ops import (segment_sum, unsorted_segment_max,  # noqa: F401
                                    unsorted_segment_mean, unsorted_segment_min,
                                    unsorted_segment_prod, unsorted_segment_sum)
