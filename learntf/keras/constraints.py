"""`keras.constraints`: projections applied to a weight after each optimizer update.

    Dense(8, kernel_constraint=keras.constraints.max_norm(2.0))

MaxNorm(max_value=2, axis=0)   w * clip(norm, 0, max) / (epsilon + norm)
NonNeg()                       max(w, 0)
UnitNorm(axis=0)               w / (epsilon + norm)
MinMaxNorm(0, 1, rate=1, axis=0)
(norms over `axis`, epsilon = 1e-7, as Keras 3 computes them)
"""

from learntf.ops import math_ops

EPSILON = 1e-7


def _norms(w, axis):
    return math_ops.sqrt(math_ops.reduce_sum(math_ops.square(w), axis=axis, keepdims=True))


class Constraint:
    def __call__(self, w):
        return w

    def get_config(self):
        return {}

    @classmethod
    def from_config(cls, config):
        return cls(**config)


class MaxNorm(Constraint):
    def __init__(self, max_value=2, axis=0):
        self.max_value, self.axis = max_value, axis

    def __call__(self, w):
        norms = _norms(w, self.axis)
        desired = math_ops.minimum(math_ops.maximum(norms, 0.0), float(self.max_value))
        return math_ops.multiply(w, math_ops.divide(desired, math_ops.add(EPSILON, norms)))

    def get_config(self):
        return {"max_value": self.max_value, "axis": self.axis}


class NonNeg(Constraint):
    def __call__(self, w):
        return math_ops.maximum(w, 0.0)


class UnitNorm(Constraint):
    def __init__(self, axis=0):
        self.axis = axis

    def __call__(self, w):
        return math_ops.divide(w, math_ops.add(EPSILON, _norms(w, self.axis)))

    def get_config(self):
        return {"axis": self.axis}


class MinMaxNorm(Constraint):
    def __init__(self, min_value=0.0, max_value=1.0, rate=1.0, axis=0):
        self.min_value, self.max_value, self.rate, self.axis = min_value, max_value, rate, axis

    def __call__(self, w):
        norms = _norms(w, self.axis)
        clipped = math_ops.minimum(
            math_ops.maximum(norms, float(self.min_value)), float(self.max_value)
        )
        desired = math_ops.add(
            math_ops.multiply(self.rate, clipped), math_ops.multiply(1.0 - self.rate, norms)
        )
        return math_ops.multiply(w, math_ops.divide(desired, math_ops.add(EPSILON, norms)))

    def get_config(self):
        return {
            "min_value": self.min_value,
            "max_value": self.max_value,
            "rate": self.rate,
            "axis": self.axis,
        }


max_norm, non_neg, unit_norm, min_max_norm = MaxNorm, NonNeg, UnitNorm, MinMaxNorm

_BY_NAME = {
    "max_norm": MaxNorm,
    "non_neg": NonNeg,
    "unit_norm": UnitNorm,
    "min_max_norm": MinMaxNorm,
    "MaxNorm": MaxNorm,
    "NonNeg": NonNeg,
    "UnitNorm": UnitNorm,
    "MinMaxNorm": MinMaxNorm,
}


def get(identifier):
    if identifier is None or isinstance(identifier, Constraint):
        return identifier
    if isinstance(identifier, str) and identifier in _BY_NAME:
        return _BY_NAME[identifier]()
    if callable(identifier):
        return identifier
    raise ValueError("Could not interpret constraint identifier: %s" % (identifier,))
