"""Keras initializers: `init(shape, dtype)` returns a weight's first value (lesson 13).

`add_weight(..., initializer="glorot_uniform")` looks the name up here.  The variance-scaling
family draws with a spread set by the weight's fan-in and fan-out:

    GlorotUniform   uniform in [-l, l], l = sqrt(6 / (fan_in + fan_out))   (Dense's kernel)
    GlorotNormal    truncated normal, stddev = sqrt(2 / (fan_in + fan_out))
    HeNormal        truncated normal, stddev = sqrt(2 / fan_in)             (for relu layers)
    LecunNormal     truncated normal, stddev = sqrt(1 / fan_in)             (for selu layers)

Random draws go through learntf's random ops, so `tf.random.set_seed(s)` makes them repeat.
"""
import math

import numpy as np

from learntf import dtypes
from learntf.framework.constant_op import constant
from learntf.keras.backend import to_snake_case
from learntf.ops import array_ops, random_ops
from learntf.ops.init_ops import compute_fans


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
        return constant(np.broadcast_to(np.asarray(self.value), tuple(shape)),
                        dtype=_dtype(dtype))

    def get_config(self):
        return {"value": self.value}


class RandomUniform(Initializer):
    def __init__(self, minval=-0.05, maxval=0.05, seed=None):
        self.minval, self.maxval, self.seed = minval, maxval, seed

    def __call__(self, shape, dtype=None):
        return random_ops.random_uniform(list(shape), self.minval, self.maxval, _dtype(dtype),
                                         self.seed)

    def get_config(self):
        return {"minval": self.minval, "maxval": self.maxval, "seed": self.seed}


class RandomNormal(Initializer):
    def __init__(self, mean=0.0, stddev=0.05, seed=None):
        self.mean, self.stddev, self.seed = mean, stddev, seed

    def __call__(self, shape, dtype=None):
        return random_ops.random_normal(list(shape), self.mean, self.stddev, _dtype(dtype),
                                        self.seed)

    def get_config(self):
        return {"mean": self.mean, "stddev": self.stddev, "seed": self.seed}


class TruncatedNormal(RandomNormal):
    def __call__(self, shape, dtype=None):
        return random_ops.truncated_normal(list(shape), self.mean, self.stddev, _dtype(dtype),
                                           self.seed)


class VarianceScaling(Initializer):
    """Random values whose variance is `scale / n`, n = fan_in, fan_out or their mean."""

    def __init__(self, scale=1.0, mode="fan_in", distribution="truncated_normal", seed=None):
        if mode not in ("fan_in", "fan_out", "fan_avg"):
            raise ValueError("Invalid `mode` argument: %r (expected fan_in, fan_out or "
                             "fan_avg)." % (mode,))
        if distribution not in ("truncated_normal", "untruncated_normal", "uniform"):
            raise ValueError("Invalid `distribution` argument: %r (expected truncated_normal, "
                             "untruncated_normal or uniform)." % (distribution,))
        self.scale, self.mode, self.distribution, self.seed = scale, mode, distribution, seed

    def __call__(self, shape, dtype=None):
        fan_in, fan_out = compute_fans(shape)
        n = {"fan_in": fan_in, "fan_out": fan_out, "fan_avg": (fan_in + fan_out) / 2.0}[self.mode]
        variance = self.scale / max(1.0, n)
        dtype = _dtype(dtype)
        if self.distribution == "uniform":
            limit = math.sqrt(3.0 * variance)
            return random_ops.random_uniform(list(shape), -limit, limit, dtype, self.seed)
        if self.distribution == "truncated_normal":
            # a normal cut at two standard deviations has a smaller spread: undo that
            stddev = math.sqrt(variance) / 0.87962566103423978
            return random_ops.truncated_normal(list(shape), 0.0, stddev, dtype, self.seed)
        return random_ops.random_normal(list(shape), 0.0, math.sqrt(variance), dtype, self.seed)

    def get_config(self):
        return {"scale": self.scale, "mode": self.mode, "distribution": self.distribution,
                "seed": self.seed}


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


_BY_NAME = {"zeros": Zeros, "ones": Ones, "constant": Constant,
            "random_uniform": RandomUniform, "uniform": RandomUniform,
            "random_normal": RandomNormal, "normal": RandomNormal,
            "truncated_normal": TruncatedNormal, "variance_scaling": VarianceScaling,
            "glorot_uniform": GlorotUniform, "glorot_normal": GlorotNormal,
            "he_normal": HeNormal, "he_uniform": HeUniform,
            "lecun_normal": LecunNormal, "lecun_uniform": LecunUniform}


def get(identifier):
    """An initializer from a name ("glorot_uniform"), an instance, a class, or a callable."""
    if isinstance(identifier, str):
        key = identifier if identifier in _BY_NAME else to_snake_case(identifier)
        if key in _BY_NAME:
            return _BY_NAME[key]()
        raise ValueError("Could not interpret initializer identifier: %r\n(learntf: the names "
                         "are %s.)" % (identifier, ", ".join(sorted(_BY_NAME))))
    if isinstance(identifier, type):
        return identifier()
    if callable(identifier):
        return identifier
    raise ValueError("Could not interpret initializer identifier: %r" % (identifier,))


# Keras's lowercase aliases
zeros, ones, constant_initializer = Zeros, Ones, Constant
glorot_uniform, glorot_normal = GlorotUniform, GlorotNormal
he_normal, he_uniform = HeNormal, HeUniform
