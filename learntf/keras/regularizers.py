"""`keras.regularizers`: penalties on weights, added to the loss that fit minimises.

    Dense(8, kernel_regularizer=keras.regularizers.l2(0.01))
    model.losses        # [0.01 * sum(kernel ** 2)], recomputed from the current weights

L1(l1=0.01): l1 * sum(|w|); L2(l2=0.01): l2 * sum(w^2); L1L2(l1=0, l2=0): both.  By string:
"l1", "l2" (TF 2.21's regularizers.get does not take "l1_l2", though its docs say so).
"""

from learntf.ops import math_ops


class Regularizer:
    """Base class: `regularizer(weight)` is a scalar penalty."""

    def __call__(self, x):
        return 0.0

    def get_config(self):
        raise NotImplementedError("%s doesn't implement get_config()" % type(self).__name__)

    @classmethod
    def from_config(cls, config):
        return cls(**config)


def _positive_float(value, name):
    value = float(value)
    if value < 0:
        raise ValueError(
            "Invalid value for argument %s: expected a non-negative float.Received: %s=%s"
            % (name, name, value)
        )
    return value


class L1L2(Regularizer):
    def __init__(self, l1=0.0, l2=0.0):
        self.l1 = _positive_float(0.0 if l1 is None else l1, "l1")
        self.l2 = _positive_float(0.0 if l2 is None else l2, "l2")

    def __call__(self, x):
        total = math_ops.cast(0.0, x.dtype)
        if self.l1:
            total = math_ops.add(
                total,
                math_ops.multiply(
                    math_ops.cast(self.l1, x.dtype), math_ops.reduce_sum(math_ops.abs(x))
                ),
            )
        if self.l2:
            total = math_ops.add(
                total,
                math_ops.multiply(
                    math_ops.cast(self.l2, x.dtype), math_ops.reduce_sum(math_ops.square(x))
                ),
            )
        return total

    def get_config(self):
        return {"l1": self.l1, "l2": self.l2}


class L1(Regularizer):
    def __init__(self, l1=0.01):
        self.l1 = _positive_float(0.01 if l1 is None else l1, "l1")

    def __call__(self, x):
        return math_ops.multiply(
            math_ops.cast(self.l1, x.dtype), math_ops.reduce_sum(math_ops.abs(x))
        )

    def get_config(self):
        return {"l1": self.l1}


class L2(Regularizer):
    def __init__(self, l2=0.01):
        self.l2 = _positive_float(0.01 if l2 is None else l2, "l2")

    def __call__(self, x):
        return math_ops.multiply(
            math_ops.cast(self.l2, x.dtype), math_ops.reduce_sum(math_ops.square(x))
        )

    def get_config(self):
        return {"l2": self.l2}


l1, l2, l1_l2 = L1, L2, L1L2

_BY_NAME = {"l1": L1, "l2": L2, "L1": L1, "L2": L2, "L1L2": L1L2}


def get(identifier):
    if identifier is None or isinstance(identifier, Regularizer):
        return identifier
    if isinstance(identifier, str):
        if identifier in _BY_NAME:
            return _BY_NAME[identifier]()
    if callable(identifier):
        return identifier
    raise ValueError("Could not interpret regularizer identifier: %s" % (identifier,))


def serialize(regularizer):
    return {"class_name": type(regularizer).__name__, "config": regularizer.get_config()}


def deserialize(config, custom_objects=None):
    classes = dict(_BY_NAME, **(custom_objects or {}))
    return classes[config["class_name"]](**config["config"])
