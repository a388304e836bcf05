"""TF1's learning-rate schedules (`tf.compat.v1.train.exponential_decay`, ...): each builds, in
the graph, the learning rate as a function of the global step, to hand to an optimizer.

    exponential_decay   lr * rate^(step / decay_steps)        (staircase: floor the exponent)
    natural_exp_decay   lr * exp(-rate)^(step / decay_steps)
    inverse_time_decay  lr / (1 + rate * step / decay_steps)
    polynomial_decay    (lr - end) * (1 - min(step, decay_steps) / decay_steps)^power + end
                        (cycle: decay_steps grows to the next multiple past the step)
    cosine_decay        lr * ((1 - alpha) * 0.5 * (1 + cos(pi * min(step, steps) / steps)) + alpha)
    piecewise_constant  values[i] while boundaries[i-1] < step <= boundaries[i]

The ops and names are those of TensorFlow's legacy schedules (the Keras 2 LearningRateSchedule
classes TF 2.21 still uses for them): the result of exponential_decay is `ExponentialDecay:0`.
Eagerly, TF returns a function of no arguments that computes the rate; so does learntf.
"""

import functools
import math

from learntf import nest
from learntf.framework.constant_op import constant, convert_to_tensor
from learntf.framework.context import executing_eagerly
from learntf.framework.graph import name_scope
from learntf.ops import array_ops, control_flow_ops, math_ops


def _schedule(compute):
    """TF's pattern: in a graph the rate is a tensor; eagerly a function recomputing it."""

    @functools.wraps(compute)
    def schedule(*args, **kwargs):
        if executing_eagerly():
            return functools.partial(compute, *args, **kwargs)
        return compute(*args, **kwargs)

    return schedule


def _start(learning_rate, step, decay_steps):
    initial = convert_to_tensor(learning_rate, name="initial_learning_rate")
    dtype = initial.dtype
    return initial, dtype, math_ops.cast(step, dtype), math_ops.cast(decay_steps, dtype)


def _exponential(learning_rate, global_step, decay_steps, decay_rate, staircase, name):
    with name_scope(name or "ExponentialDecay") as name:
        initial, dtype, step, decay_steps = _start(learning_rate, global_step, decay_steps)
        decay_rate = math_ops.cast(decay_rate, dtype)
        p = step / decay_steps
        if staircase:
            p = math_ops.floor(p)
        return math_ops.multiply(initial, math_ops.pow(decay_rate, p), name=name)


@_schedule
def exponential_decay(
    learning_rate, global_step, decay_steps, decay_rate, staircase=False, name=None
):
    return _exponential(learning_rate, global_step, decay_steps, decay_rate, staircase, name)


@_schedule
def natural_exp_decay(
    learning_rate, global_step, decay_steps, decay_rate, staircase=False, name=None
):
    natural_exp_rate = math_ops.exp(math_ops.negative(decay_rate))
    return _exponential(learning_rate, global_step, decay_steps, natural_exp_rate, staircase, name)


@_schedule
def inverse_time_decay(
    learning_rate, global_step, decay_steps, decay_rate, staircase=False, name=None
):
    with name_scope(name or "InverseTimeDecay") as name:
        initial, dtype, step, decay_steps = _start(learning_rate, global_step, decay_steps)
        decay_rate = math_ops.cast(decay_rate, dtype)
        p = step / decay_steps
        if staircase:
            p = math_ops.floor(p)
        const = math_ops.cast(constant(1), dtype)
        denom = math_ops.add(const, math_ops.multiply(decay_rate, p))
        return math_ops.divide(initial, denom, name=name)


@_schedule
def polynomial_decay(
    learning_rate,
    global_step,
    decay_steps,
    end_learning_rate=0.0001,
    power=1.0,
    cycle=False,
    name=None,
):
    with name_scope(name or "PolynomialDecay") as name:
        initial = convert_to_tensor(learning_rate, name="initial_learning_rate")
        dtype = initial.dtype
        end_learning_rate = math_ops.cast(end_learning_rate, dtype)
        power = math_ops.cast(power, dtype)
        step = math_ops.cast(global_step, dtype)
        steps = math_ops.cast(decay_steps, dtype)
        if cycle:
            multiplier = array_ops.where_v2(
                math_ops.equal(step, 0), 1.0, math_ops.ceil(step / decay_steps)
            )
            steps = math_ops.multiply(steps, multiplier)
        else:
            step = math_ops.minimum(step, steps)
        p = math_ops.divide(step, steps)
        return math_ops.add(
            math_ops.multiply(initial - end_learning_rate, math_ops.pow(1 - p, power)),
            end_learning_rate,
            name=name,
        )


@_schedule
def cosine_decay(learning_rate, global_step, decay_steps, alpha=0.0, name=None):
    with name_scope(name or "CosineDecay"):
        initial, dtype, step, decay_steps = _start(learning_rate, global_step, decay_steps)
        step = math_ops.minimum(step, decay_steps)
        completed_fraction = step / decay_steps
        cosine_decayed = 0.5 * (1.0 + math_ops.cos(constant(math.pi) * completed_fraction))
        decayed = (1 - alpha) * cosine_decayed + alpha
        return math_ops.multiply(initial, decayed)


@_schedule
def piecewise_constant(x, boundaries, values, name=None):
    """values[0] up to boundaries[0], values[i] up to boundaries[i], values[-1] beyond."""
    boundaries = [convert_to_tensor(b) for b in nest.flatten(boundaries)]
    values = [convert_to_tensor(v) for v in nest.flatten(values)]
    x = convert_to_tensor(x)
    for i, b in enumerate(boundaries):
        if b.dtype.base_dtype != x.dtype.base_dtype:
            if b.dtype.base_dtype.name == "int32" and x.dtype.base_dtype.name == "int64":
                boundaries[i] = math_ops.cast(b, x.dtype.base_dtype)
            else:
                raise ValueError(
                    "Boundaries (%s) must have the same dtype as x (%s)."
                    % (b.dtype.base_dtype, x.dtype.base_dtype)
                )
    for v in values[1:]:
        if v.dtype.base_dtype != values[0].dtype.base_dtype:
            raise ValueError(
                "Values must have elements all with the same dtype (%s vs %s)."
                % (values[0].dtype.base_dtype, v.dtype.base_dtype)
            )
    with name_scope(name or "PiecewiseConstant"):
        pairs = [(x <= boundaries[0], lambda: values[0]), (x > boundaries[-1], lambda: values[-1])]
        for low, high, v in zip(boundaries[:-1], boundaries[1:], values[1:-1]):
            pairs.append(((x > low) & (x <= high), lambda v=v: v))
        return control_flow_ops.case(pairs, lambda: values[0], exclusive=True)
