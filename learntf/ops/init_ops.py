"""Initializers: objects that make a variable's initial value from its shape and dtype.

`tf.get_variable("w", [3, 2], initializer=tf.truncated_normal_initializer(stddev=0.02))` calls
the initializer with the shape to build the initial-value ops.  Without one, get_variable uses
Glorot (Xavier) uniform for floats, as TensorFlow does (lesson 13).
"""

import math

import numpy as np

from learntf import dtypes
from learntf.framework.constant_op import constant
from learntf.ops import array_ops, random_ops


class Initializer:
    """Base class: `init(shape, dtype=None, partition_info=None)` returns a tensor."""

    def __init__(self, dtype=dtypes.float32):
        self.dtype = dtypes.as_dtype(dtype)

    def __call__(self, shape, dtype=None, partition_info=None):
        raise NotImplementedError

    def get_config(self):
        return {}


class Zeros(Initializer):
    def __call__(self, shape, dtype=None, partition_info=None):
        return array_ops.zeros(shape, dtype=dtype or self.dtype)


class Ones(Initializer):
    def __call__(self, shape, dtype=None, partition_info=None):
        return array_ops.ones(shape, dtype=dtype or self.dtype)


class Constant(Initializer):
    """Every element is `value` (or `value` itself, if it already has the shape)."""

    def __init__(self, value=0, dtype=dtypes.float32, verify_shape=False):
        super().__init__(dtype)
        self.value = value

    def __call__(self, shape, dtype=None, partition_info=None):
        dtype = dtype or self.dtype
        value = np.asarray(self.value)
        if value.size != 1 and value.size != int(np.prod(shape)):
            raise TypeError("Expected Tensor's shape: %s, got %s." % (tuple(shape), value.shape))
        return constant(self.value, dtype=dtype, shape=shape)


class RandomNormal(Initializer):
    """Normal values: `random_normal(shape, mean, stddev, dtype, seed)`."""

    def __init__(self, mean=0.0, stddev=1.0, seed=None, dtype=dtypes.float32):
        super().__init__(dtype)
        self.mean, self.stddev, self.seed = mean, stddev, seed

    def __call__(self, shape, dtype=None, partition_info=None):
        return random_ops.random_normal(
            shape, self.mean, self.stddev, dtype or self.dtype, seed=self.seed
        )


class RandomUniform(Initializer):
    """Uniform values in [minval, maxval) (maxval defaults to 1 for floats)."""

    def __init__(self, minval=0.0, maxval=None, seed=None, dtype=dtypes.float32):
        super().__init__(dtype)
        self.minval, self.maxval, self.seed = minval, maxval, seed

    def __call__(self, shape, dtype=None, partition_info=None):
        return random_ops.random_uniform(
            shape, self.minval, self.maxval, dtype or self.dtype, seed=self.seed
        )


class TruncatedNormal(Initializer):
    """Normal values, those two standard deviations or more from the mean drawn again."""

    def __init__(self, mean=0.0, stddev=1.0, seed=None, dtype=dtypes.float32):
        super().__init__(dtype)
        self.mean, self.stddev, self.seed = mean, stddev, seed

    def __call__(self, shape, dtype=None, partition_info=None):
        return random_ops.truncated_normal(
            shape, self.mean, self.stddev, dtype or self.dtype, seed=self.seed
        )


def compute_fans(shape):
    """(fan_in, fan_out): a Dense kernel [in, out] gives (in, out); a conv kernel
    [h, w, in, out] multiplies both by the window size h * w (Glorot's and He's n)."""
    shape = [int(d) for d in shape]
    if len(shape) < 1:
        return 1, 1
    if len(shape) == 1:
        return shape[0], shape[0]
    receptive = int(np.prod(shape[:-2])) if len(shape) > 2 else 1
    return shape[-2] * receptive, shape[-1] * receptive


# A normal cut at two standard deviations has this standard deviation: dividing by it gives
# the truncated normal the spread asked for.
TRUNCATED_STDDEV_FACTOR = 0.87962566103423978


def variance_scale(scale, mode, shape):
    """`scale` divided by the fan `mode` names ("fan_in", "fan_out" or "fan_avg"), as both
    TF 1's VarianceScaling and Keras's compute it (the order of operations fixes the last bits)."""
    fan_in, fan_out = compute_fans(shape)
    if mode == "fan_in":
        return scale / max(1.0, fan_in)
    if mode == "fan_out":
        return scale / max(1.0, fan_out)
    return scale / max(1.0, (fan_in + fan_out) / 2.0)


class VarianceScaling(Initializer):
    """Random values with variance `scale / n`, n the fan-in, the fan-out or their mean.

    The arithmetic is TF's, step by step (scale /= n, then sqrt), so the limits and standard
    deviations, and with them the weights, agree to the last bit."""

    def __init__(
        self,
        scale=1.0,
        mode="fan_in",
        distribution="truncated_normal",
        seed=None,
        dtype=dtypes.float32,
    ):
        if scale <= 0.0:
            raise ValueError("Argument `scale` must be a positive float. Received: %s" % scale)
        if mode not in ("fan_in", "fan_out", "fan_avg"):
            raise ValueError(
                "Argument `mode` should be one of ('fan_in', 'fan_out', "
                "'fan_avg'). Received: %s" % mode
            )
        distribution = distribution.lower()
        if distribution not in ("normal", "uniform", "truncated_normal", "untruncated_normal"):
            raise ValueError(
                "Argument `distribution` should be one of ('normal', uniform', "
                "'truncated_normal', 'untruncated_normal'). Received: %s" % distribution
            )
        super().__init__(dtype)
        self.scale, self.mode, self.distribution, self.seed = scale, mode, distribution, seed

    def __call__(self, shape, dtype=None, partition_info=None):
        dtype = dtype or self.dtype
        scale = variance_scale(self.scale, self.mode, shape)
        if self.distribution in ("normal", "truncated_normal"):
            stddev = math.sqrt(scale) / TRUNCATED_STDDEV_FACTOR
            return random_ops.truncated_normal(shape, 0.0, stddev, dtype, seed=self.seed)
        if self.distribution == "untruncated_normal":
            return random_ops.random_normal(shape, 0.0, math.sqrt(scale), dtype, seed=self.seed)
        limit = math.sqrt(3.0 * scale)
        return random_ops.random_uniform(shape, -limit, limit, dtype, seed=self.seed)


class GlorotUniform(VarianceScaling):
    """Uniform in [-limit, limit], limit = sqrt(6 / (fan_in + fan_out)): get_variable's default."""

    def __init__(self, seed=None, dtype=dtypes.float32):
        super().__init__(1.0, "fan_avg", "uniform", seed, dtype)


class GlorotNormal(VarianceScaling):
    """Truncated normal with stddev = sqrt(2 / (fan_in + fan_out)) / .87962566."""

    def __init__(self, seed=None, dtype=dtypes.float32):
        super().__init__(1.0, "fan_avg", "truncated_normal", seed, dtype)


def he_normal(seed=None):
    return VarianceScaling(2.0, "fan_in", "truncated_normal", seed)


def he_uniform(seed=None):
    return VarianceScaling(2.0, "fan_in", "uniform", seed)


def lecun_normal(seed=None):
    return VarianceScaling(1.0, "fan_in", "truncated_normal", seed)


def lecun_uniform(seed=None):
    return VarianceScaling(1.0, "fan_in", "uniform", seed)


# TF1's lowercase names
zeros_initializer = Zeros
ones_initializer = Ones
constant_initializer = Constant
random_normal_initializer = RandomNormal
random_uniform_initializer = RandomUniform
truncated_normal_initializer = TruncatedNormal
glorot_uniform_initializer = GlorotUniform
glorot_normal_initializer = GlorotNormal
variance_scaling_initializer = VarianceScaling
