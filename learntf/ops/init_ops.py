"""Initializers: objects that make a variable's initial value from its shape and dtype.

`tf.get_variable("w", [3, 2], initializer=tf.truncated_normal_initializer(stddev=0.02))` calls
the initializer with the shape to build the initial-value ops.  Without one, get_variable uses
Glorot (Xavier) uniform for floats, as TensorFlow does (lesson 08).
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
    def __init__(self, mean=0.0, stddev=1.0, seed=None, dtype=dtypes.float32):
        super().__init__(dtype)
        self.mean, self.stddev, self.seed = mean, stddev, seed

    def __call__(self, shape, dtype=None, partition_info=None):
        return random_ops.random_normal(shape, self.mean, self.stddev, dtype or self.dtype, self.seed)


class RandomUniform(Initializer):
    def __init__(self, minval=0, maxval=None, seed=None, dtype=dtypes.float32):
        super().__init__(dtype)
        self.minval, self.maxval, self.seed = minval, maxval, seed

    def __call__(self, shape, dtype=None, partition_info=None):
        return random_ops.random_uniform(shape, self.minval, self.maxval, dtype or self.dtype,
                                         self.seed)


class TruncatedNormal(Initializer):
    def __init__(self, mean=0.0, stddev=1.0, seed=None, dtype=dtypes.float32):
        super().__init__(dtype)
        self.mean, self.stddev, self.seed = mean, stddev, seed

    def __call__(self, shape, dtype=None, partition_info=None):
        return random_ops.truncated_normal(shape, self.mean, self.stddev, dtype or self.dtype,
                                           self.seed)


def compute_fans(shape):
    """(fan_in, fan_out): a Dense kernel [in, out] gives (in, out); a conv kernel
    [h, w, in, out] multiplies both by the window size h * w (Glorot's and He's n)."""
    if len(shape) < 1:
        return 1, 1
    if len(shape) == 1:
        return shape[0], shape[0]
    receptive = int(np.prod(shape[:-2])) if len(shape) > 2 else 1
    return shape[-2] * receptive, shape[-1] * receptive


class GlorotUniform(Initializer):
    """Uniform in [-limit, limit] with limit = sqrt(6 / (fan_in + fan_out))."""

    def __init__(self, seed=None, dtype=dtypes.float32):
        super().__init__(dtype)
        self.seed = seed

    def __call__(self, shape, dtype=None, partition_info=None):
        fan_in, fan_out = compute_fans(list(shape))
        limit = math.sqrt(6.0 / max(1.0, fan_in + fan_out))
        return random_ops.random_uniform(shape, -limit, limit, dtype or self.dtype, self.seed)


class GlorotNormal(Initializer):
    """Truncated normal with stddev = sqrt(2 / (fan_in + fan_out)) / .87962566."""

    def __init__(self, seed=None, dtype=dtypes.float32):
        super().__init__(dtype)
        self.seed = seed

    def __call__(self, shape, dtype=None, partition_info=None):
        fan_in, fan_out = compute_fans(list(shape))
        stddev = math.sqrt(2.0 / max(1.0, fan_in + fan_out)) / .87962566103423978
        return random_ops.truncated_normal(shape, 0.0, stddev, dtype or self.dtype, self.seed)


# TF1's lowercase names
zeros_initializer = Zeros
ones_initializer = Ones
constant_initializer = Constant
random_normal_initializer = RandomNormal
random_uniform_initializer = RandomUniform
truncated_normal_initializer = TruncatedNormal
glorot_uniform_initializer = GlorotUniform
glorot_normal_initializer = GlorotNormal
