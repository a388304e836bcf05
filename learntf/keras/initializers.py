"""Keras initializers: `init(shape, dtype)` returns a weight's first value (lesson 21).

`add_weight(..., initializer="glorot_uniform")` looks the name up here.  The variance-scaling
family draws with a spread set by the weight's fan-in and fan-out:

    GlorotUniform   uniform in [-l, l], l = sqrt(6 / (fan_in + fan_out))   (Dense's kernel)
    GlorotNormal    truncated normal, stddev = sqrt(2 / (fan_in + fan_out))
    HeNormal        truncated normal, stddev = sqrt(2 / fan_in)             (for relu layers)
    LecunNormal     truncated normal, stddev = sqrt(1 / fan_in)             (for selu layers)

As in Keras 3, a random initializer gets its seed when it is made: the one you give, or one
drawn from Python's `random` (so `keras.utils.set_random_seed(s)`, which seeds `random`, makes
a model's weights repeat).  Calling it draws with TF's stateless ops from the seed pair
[seed, 0]: the same initializer gives the same values each call, and the values are TF's.
"""

import math
import random as python_random

import numpy as np

from learntf import dtypes
from learntf.framework.constant_op import constant
from learntf.keras.backend import to_snake_case
from learntf.ops import array_ops, random_ops
from learntf.ops.init_ops import TRUNCATED_STDDEV_FACTOR, variance_scale


class Initializer:
    """Base class: `__call__(shape, dtype=None)` returns a tensor of that shape."""

    def __call__(self, shape, dtype=None):
        raise NotImplementedError

    def get_config(self):
        return {}

    def __repr__(self):
        return "<%s>" % type(self).__name__


def _dtype(dtype):
    return dtypes.as_dtype(dtype) if dtype is not None else dtypes.float32


class Zeros(Initializer):
    def __call__(self, shape, dtype=None):
        return array_ops.zeros(list(shape), dtype=_dtype(dtype))


class Ones(Initializer):
    def __call__(self, shape, dtype=None):
        return array_ops.ones(list(shape), dtype=_dtype(dtype))


class Constant(Initializer):
    def __init__(self, value=0.0):
        self.value = value

    def __call__(self, shape, dtype=None):
        return constant(np.broadcast_to(np.asarray(self.value), tuple(shape)), dtype=_dtype(dtype))

    def get_config(self):
        return {"value": self.value}


def make_default_seed():
    """Keras 3's seed for an initializer made without one: from Python's `random`."""
    return python_random.randint(1, int(1e9))


def _stateless_seed(seed):
    """The seed pair Keras 3 gives TF's stateless ops for an int seed: [seed, 0], folded into
    int32 as Keras' TensorFlow backend does (modulo 2**31 - 2)."""
    return np.array([seed % (2**31 - 2), 0], dtype=np.int32)


class RandomInitializer(Initializer):
    """An initializer with a seed, fixed when it is made."""

    def __init__(self, seed=None):
        self._init_seed = seed
        if seed is None:
            seed = make_default_seed()
        elif not isinstance(seed, (int, np.integer)):
            raise ValueError(
                "`seed` argument should be an instance of "
                "`keras.random.SeedGenerator()` or an integer. Received: seed=%s" % (seed,)
            )
        self.seed = int(seed)

    def get_config(self):
        return {"seed": self._init_seed}


class RandomUniform(RandomInitializer):
    def __init__(self, minval=-0.05, maxval=0.05, seed=None):
        self.minval, self.maxval = minval, maxval
        super().__init__(seed)

    def __call__(self, shape, dtype=None):
        return _uniform(shape, self.minval, self.maxval, dtype, self.seed)

    def get_config(self):
        return {**super().get_config(), "minval": self.minval, "maxval": self.maxval}


class RandomNormal(RandomInitializer):
    def __init__(self, mean=0.0, stddev=0.05, seed=None):
        self.mean, self.stddev = mean, stddev
        super().__init__(seed)

    def __call__(self, shape, dtype=None):
        return random_ops.stateless_random_normal(
            list(shape), _stateless_seed(self.seed), self.mean, self.stddev, _dtype(dtype)
        )

    def get_config(self):
        return {**super().get_config(), "mean": self.mean, "stddev": self.stddev}


class TruncatedNormal(RandomNormal):
    def __call__(self, shape, dtype=None):
        return random_ops.stateless_truncated_normal(
            list(shape), _stateless_seed(self.seed), self.mean, self.stddev, _dtype(dtype)
        )


def _uniform(shape, minval, maxval, dtype, seed):
    """Keras 3's uniform: `tf.cast(minval, dtype)` and `tf.cast(maxval, dtype)`, then TF's
    stateless uniform.  The cast of a Python float goes through float32 (the tensor it first
    becomes), so a float64 weight's limits are float32 numbers, as in Keras."""
    dtype = _dtype(dtype)
    limits = [
        np.asarray(value, np.float32 if isinstance(value, float) else None).astype(dtype.np)
        for value in (minval, maxval)
    ]
    return random_ops.stateless_random_uniform(
        list(shape), _stateless_seed(seed), *limits, dtype=dtype
    )


class VarianceScaling(RandomInitializer):
    """Random values whose variance is `scale / n`, n = fan_in, fan_out or their mean."""

    def __init__(self, scale=1.0, mode="fan_in", distribution="truncated_normal", seed=None):
        if scale <= 0.0:
            raise ValueError(
                "Argument `scale` must be positive float. Received: scale=%s" % (scale,)
            )
        if mode not in ("fan_in", "fan_out", "fan_avg"):
            raise ValueError(
                "Invalid `mode` argument: %s. Please use one of {'fan_in', "
                "'fan_out', 'fan_avg'}" % (mode,)
            )
        distribution = distribution.lower()
        if distribution == "normal":
            distribution = "truncated_normal"
        if distribution not in ("truncated_normal", "untruncated_normal", "uniform"):
            raise ValueError(
                "Invalid `distribution` argument: %s.Please use one of "
                "{'uniform', 'truncated_normal', 'untruncated_normal'}" % (distribution,)
            )
        self.scale, self.mode, self.distribution = scale, mode, distribution
        super().__init__(seed)

    def __call__(self, shape, dtype=None):
        scale = variance_scale(self.scale, self.mode, shape)
        seed = _stateless_seed(self.seed)
        if self.distribution == "truncated_normal":
            stddev = math.sqrt(scale) / TRUNCATED_STDDEV_FACTOR
            return random_ops.stateless_truncated_normal(
                list(shape), seed, 0.0, stddev, _dtype(dtype)
            )
        if self.distribution == "untruncated_normal":
            return random_ops.stateless_random_normal(
                list(shape), seed, 0.0, math.sqrt(scale), _dtype(dtype)
            )
        limit = math.sqrt(3.0 * scale)
        return _uniform(shape, -limit, limit, dtype, self.seed)

    def get_config(self):
        return {
            **super().get_config(),
            "scale": self.scale,
            "mode": self.mode,
            "distribution": self.distribution,
        }


class GlorotUniform(VarianceScaling):
    def __init__(self, seed=None):
        super().__init__(1.0, "fan_avg", "uniform", seed)


class GlorotNormal(VarianceScaling):
    def __init__(self, seed=None):
        super().__init__(1.0, "fan_avg", "truncated_normal", seed)


class HeNormal(VarianceScaling):
    def __init__(self, seed=None):
        super().__init__(2.0, "fan_in", "truncated_normal", seed)


class HeUniform(VarianceScaling):
    def __init__(self, seed=None):
        super().__init__(2.0, "fan_in", "uniform", seed)


class LecunNormal(VarianceScaling):
    def __init__(self, seed=None):
        super().__init__(1.0, "fan_in", "truncated_normal", seed)


class LecunUniform(VarianceScaling):
    def __init__(self, seed=None):
        super().__init__(1.0, "fan_in", "uniform", seed)


_BY_NAME = {
    "zeros": Zeros,
    "ones": Ones,
    "constant": Constant,
    "random_uniform": RandomUniform,
    "uniform": RandomUniform,
    "random_normal": RandomNormal,
    "normal": RandomNormal,
    "truncated_normal": TruncatedNormal,
    "variance_scaling": VarianceScaling,
    "glorot_uniform": GlorotUniform,
    "glorot_normal": GlorotNormal,
    "he_normal": HeNormal,
    "he_uniform": HeUniform,
    "lecun_normal": LecunNormal,
    "lecun_uniform": LecunUniform,
}


def get(identifier):
    """An initializer from a name ("glorot_uniform"), an instance, a class, or a callable."""
    if isinstance(identifier, str):
        key = identifier if identifier in _BY_NAME else to_snake_case(identifier)
        if key in _BY_NAME:
            return _BY_NAME[key]()
        raise ValueError(
            "Could not interpret initializer identifier: %r\n(learntf: the names "
            "are %s.)" % (identifier, ", ".join(sorted(_BY_NAME)))
        )
    if isinstance(identifier, type):
        return identifier()
    if callable(identifier):
        return identifier
    raise ValueError("Could not interpret initializer identifier: %r" % (identifier,))


# Keras's lowercase aliases
zeros, ones, constant_initializer = Zeros, Ones, Constant
glorot_uniform, glorot_normal = GlorotUniform, GlorotNormal
he_normal, he_uniform = HeNormal, HeUniform
