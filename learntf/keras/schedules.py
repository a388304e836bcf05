"""`keras.optimizers.schedules`: learning rates that change with the step (Keras 3's formulas).

    lr = keras.optimizers.schedules.ExponentialDecay(0.1, decay_steps=10, decay_rate=0.5)
    optimizer = keras.optimizers.SGD(learning_rate=lr)   # lr(optimizer.iterations) each step

ExponentialDecay    lr0 * rate^(step / decay_steps)        (floor of the power with staircase)
InverseTimeDecay    lr0 / (1 + rate * step / decay_steps)
PolynomialDecay     (lr0 - end) * (1 - min(step, decay_steps) / decay_steps)^power + end
PiecewiseConstantDecay  values[i] for boundaries[i-1] < step <= boundaries[i]
CosineDecay         lr0 * ((1 - alpha) * 0.5 * (1 + cos(pi * min(step, decay_steps) / decay_steps))
                    + alpha)
"""

import math

from learntf import dtypes
from learntf.framework.constant_op import convert_to_tensor
from learntf.ops import array_ops, math_ops


def _step(step):
    return math_ops.cast(convert_to_tensor(step), dtypes.float32)


class LearningRateSchedule:
    """Base class: `schedule(step)` is the learning rate at `step`."""

    def __call__(self, step):
        raise NotImplementedError(
            "Learning rate schedule '%s' must override `__call__(self, step)`."
            % type(self).__name__
        )

    def get_config(self):
        raise NotImplementedError

    @classmethod
    def from_config(cls, config):
        return cls(**config)


class ExponentialDecay(LearningRateSchedule):
    def __init__(
        self,
        initial_learning_rate,
        decay_steps,
        decay_rate,
        staircase=False,
        name="ExponentialDecay",
    ):
        if decay_steps <= 0:
            raise ValueError(
                "Argument `decay_steps` must be > 0, received: decay_steps=%s" % decay_steps
            )
        self.initial_learning_rate, self.decay_steps = initial_learning_rate, decay_steps
        self.decay_rate, self.staircase, self.name = decay_rate, staircase, name

    def __call__(self, step):
        p = math_ops.divide(_step(step), float(self.decay_steps))
        if self.staircase:
            p = math_ops.floor(p)
        return math_ops.multiply(
            float(self.initial_learning_rate), math_ops.pow(float(self.decay_rate), p)
        )

    def get_config(self):
        return {
            "initial_learning_rate": self.initial_learning_rate,
            "decay_steps": self.decay_steps,
            "decay_rate": self.decay_rate,
            "staircase": self.staircase,
            "name": self.name,
        }


class InverseTimeDecay(ExponentialDecay):
    def __init__(
        self,
        initial_learning_rate,
        decay_steps,
        decay_rate,
        staircase=False,
        name="InverseTimeDecay",
    ):
        super().__init__(initial_learning_rate, decay_steps, decay_rate, staircase, name)

    def __call__(self, step):
        p = math_ops.divide(_step(step), float(self.decay_steps))
        if self.staircase:
            p = math_ops.floor(p)
        return math_ops.divide(
            float(self.initial_learning_rate),
            math_ops.add(1.0, math_ops.multiply(float(self.decay_rate), p)),
        )


class PolynomialDecay(LearningRateSchedule):
    def __init__(
        self,
        initial_learning_rate,
        decay_steps,
        end_learning_rate=0.0001,
        power=1.0,
        cycle=False,
        name="PolynomialDecay",
    ):
        if cycle:
            raise NotImplementedError("learntf's PolynomialDecay has no cycle=True.")
        self.initial_learning_rate, self.decay_steps = initial_learning_rate, decay_steps
        self.end_learning_rate, self.power, self.cycle, self.name = (
            end_learning_rate,
            power,
            cycle,
            name,
        )

    def __call__(self, step):
        step = math_ops.minimum(_step(step), float(self.decay_steps))
        fraction = math_ops.subtract(1.0, math_ops.divide(step, float(self.decay_steps)))
        span = float(self.initial_learning_rate) - float(self.end_learning_rate)
        return math_ops.add(
            math_ops.multiply(span, math_ops.pow(fraction, float(self.power))),
            float(self.end_learning_rate),
        )

    def get_config(self):
        return {
            "initial_learning_rate": self.initial_learning_rate,
            "decay_steps": self.decay_steps,
            "end_learning_rate": self.end_learning_rate,
            "power": self.power,
            "cycle": self.cycle,
            "name": self.name,
        }


class PiecewiseConstantDecay(LearningRateSchedule):
    def __init__(self, boundaries, values, name="PiecewiseConstant"):
        if len(boundaries) != len(values) - 1:
            raise ValueError(
                "The length of boundaries should be 1 less than the length of values. "
                "Received: boundaries=%s of length %d, and values=%s of length %d."
                % (boundaries, len(boundaries), values, len(values))
            )
        self.boundaries, self.values, self.name = list(boundaries), list(values), name

    def __call__(self, step):
        step = _step(step)
        result = convert_to_tensor(float(self.values[-1]))
        for boundary, value in reversed(list(zip(self.boundaries, self.values[:-1]))):
            result = array_ops.where_v2(
                math_ops.less_equal(step, float(boundary)), convert_to_tensor(float(value)), result
            )
        return result

    def get_config(self):
        return {"boundaries": self.boundaries, "values": self.values, "name": self.name}


class CosineDecay(LearningRateSchedule):
    def __init__(
        self,
        initial_learning_rate,
        decay_steps,
        alpha=0.0,
        name="CosineDecay",
        warmup_target=None,
        warmup_steps=0,
    ):
        if warmup_target is not None or warmup_steps:
            raise NotImplementedError("learntf's CosineDecay has no warmup.")
        self.initial_learning_rate, self.decay_steps = initial_learning_rate, decay_steps
        self.alpha, self.name = alpha, name

    def __call__(self, step):
        step = math_ops.minimum(_step(step), float(self.decay_steps))
        completed = math_ops.divide(step, float(self.decay_steps))
        cosine = math_ops.multiply(
            0.5, math_ops.add(1.0, math_ops.cos(math_ops.multiply(math.pi, completed)))
        )
        decayed = math_ops.add(math_ops.multiply(1.0 - self.alpha, cosine), float(self.alpha))
        return math_ops.multiply(float(self.initial_learning_rate), decayed)

    def get_config(self):
        return {
            "initial_learning_rate": self.initial_learning_rate,
            "decay_steps": self.decay_steps,
            "alpha": self.alpha,
            "name": self.name,
            "warmup_target": None,
            "warmup_steps": 0,
        }
