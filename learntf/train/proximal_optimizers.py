"""TF1's optimizers with L1/L2 regularization built into the update (proximal steps):
`FtrlOptimizer`, `ProximalGradientDescentOptimizer` and `ProximalAdagradOptimizer`.

An L1 penalty has no gradient at 0, so these optimizers take the plain step and then solve for
the point that balances it against the penalties; weights whose step is smaller than the L1
strength land on exactly 0 (sparse models).  Each one's fused update op follows the pattern of
learntf/train/training_ops.py (Apply<Kind> and ResourceApply<Kind>, one kernel), with the
formulas of TF's CPU kernels:

    ProximalGradientDescent  prox = var - lr * grad
                             var = sign(prox) * max(|prox| - lr * l1, 0) / (1 + lr * l2)
    ProximalAdagrad          accum += grad^2; lr' = lr / sqrt(accum); then as above with lr'
    Ftrl                     new_accum = accum + grad^2
                             linear += grad - (new_accum^-p - accum^-p) / lr * var
                             var = |linear| > l1 ?
                                   (sign(linear) l1 - linear) / (new_accum^-p / lr + 2 l2) : 0
    FtrlV2                   as Ftrl, with grad + 2 * l2_shrinkage * var in the linear update
"""

import numpy as np

from learntf.framework.constant_op import convert_to_tensor
from learntf.ops import init_ops, math_ops
from learntf.train.optimizer import Optimizer, cast_to
from learntf.train.optimizers import AdagradOptimizer, _value
from learntf.train.training_ops import _register


def _proximal_step(var, prox, lr, l1, l2):
    if l1 > 0:
        shrunk = np.sign(prox) * np.maximum(np.abs(prox) - lr * l1, 0)
        return (shrunk / (1 + lr * l2)).astype(prox.dtype)
    return (prox / (1 + lr * l2)).astype(prox.dtype)


def _proximal_gradient_descent(var, alpha, l1, l2, delta, **unused_attrs):
    value = var.read()
    var.write_owned(_proximal_step(var, value - alpha * delta, alpha, l1, l2))
    return var


def _proximal_adagrad(var, accum, lr, l1, l2, grad, **unused_attrs):
    new_accum = accum.read() + grad * grad
    accum.write_owned(new_accum)
    step_size = lr / np.sqrt(new_accum)
    value = var.read()
    var.write_owned(_proximal_step(var, value - grad * step_size, step_size, l1, l2))
    return var


def _ftrl_update(var, accum, linear, grad, grad_for_linear, lr, l1, l2, lr_power):
    old_accum, value = accum.read(), var.read()
    new_accum = old_accum + grad * grad
    power = -lr_power
    new_linear = (
        linear.read()
        + grad_for_linear
        - (np.power(new_accum, power) - np.power(old_accum, power)) / lr * value
    )
    quadratic = np.power(new_accum, power) / lr + 2 * l2
    shrunk = (np.sign(new_linear) * l1 - new_linear) / quadratic
    linear.write_owned(new_linear.astype(value.dtype))
    var.write_owned(np.where(np.abs(new_linear) > l1, shrunk, 0).astype(value.dtype))
    accum.write_owned(new_accum.astype(value.dtype))
    return var


def _ftrl(var, accum, linear, grad, lr, l1, l2, lr_power, **unused_attrs):
    return _ftrl_update(var, accum, linear, grad, grad, lr, l1, l2, lr_power)


def _ftrl_v2(var, accum, linear, grad, lr, l1, l2, l2_shrinkage, lr_power, **unused_attrs):
    with_shrinkage = grad + 2 * l2_shrinkage * var.read()
    return _ftrl_update(var, accum, linear, grad, with_shrinkage, lr, l1, l2, lr_power)


_register(
    "ProximalGradientDescent", ["var", "alpha", "l1", "l2", "delta"], 1, _proximal_gradient_descent
)
_register("ProximalAdagrad", ["var", "accum", "lr", "l1", "l2", "grad"], 2, _proximal_adagrad)
_register("Ftrl", ["var", "accum", "linear", "grad", "lr", "l1", "l2", "lr_power"], 3, _ftrl)
_register(
    "FtrlV2",
    ["var", "accum", "linear", "grad", "lr", "l1", "l2", "l2_shrinkage", "lr_power"],
    3,
    _ftrl_v2,
)


def _non_negative(value, what):
    if value < 0.0:
        raise ValueError("%s %f needs to be positive or zero" % (what, value))


class ProximalGradientDescentOptimizer(Optimizer):
    """Gradient descent, then the proximal step of the L1 and L2 penalties."""

    def __init__(
        self,
        learning_rate,
        l1_regularization_strength=0.0,
        l2_regularization_strength=0.0,
        use_locking=False,
        name="ProximalGradientDescent",
    ):
        super().__init__(use_locking, name)
        self._learning_rate = learning_rate
        self._l1, self._l2 = l1_regularization_strength, l2_regularization_strength

    def _prepare(self):
        self._lr_t = convert_to_tensor(_value(self._learning_rate), name="learning_rate")
        self._l1_t = convert_to_tensor(_value(self._l1), name="l1_regularization_strength")
        self._l2_t = convert_to_tensor(_value(self._l2), name="l2_regularization_strength")

    def _apply_dense(self, grad, var):
        scalars = [cast_to(t, var) for t in (self._lr_t, self._l1_t, self._l2_t)]
        return self._apply("ProximalGradientDescent", var, [], scalars + [grad])


class ProximalAdagradOptimizer(ProximalGradientDescentOptimizer):
    """Adagrad's step size (lr / sqrt(sum of squared gradients)), then the proximal step."""

    def __init__(
        self,
        learning_rate,
        initial_accumulator_value=0.1,
        l1_regularization_strength=0.0,
        l2_regularization_strength=0.0,
        use_locking=False,
        name="ProximalAdagrad",
    ):
        if initial_accumulator_value <= 0.0:
            raise ValueError(
                "initial_accumulator_value must be positive: %s" % initial_accumulator_value
            )
        super().__init__(
            learning_rate,
            l1_regularization_strength,
            l2_regularization_strength,
            use_locking,
            name,
        )
        self._initial_accumulator_value = initial_accumulator_value

    _create_slots = AdagradOptimizer._create_slots  # Adagrad's "accumulator" slots

    def _apply_dense(self, grad, var):
        scalars = [cast_to(t, var) for t in (self._lr_t, self._l1_t, self._l2_t)]
        accumulator = self.get_slot(var, "accumulator")
        return self._apply("ProximalAdagrad", var, [accumulator], scalars + [grad])


class FtrlOptimizer(Optimizer):
    """Follow the regularized leader (McMahan et al., 2013): per-coordinate step sizes as
    Adagrad's, with L1 and L2 penalties solved for in closed form."""

    def __init__(
        self,
        learning_rate,
        learning_rate_power=-0.5,
        initial_accumulator_value=0.1,
        l1_regularization_strength=0.0,
        l2_regularization_strength=0.0,
        use_locking=False,
        name="Ftrl",
        accum_name=None,
        linear_name=None,
        l2_shrinkage_regularization_strength=0.0,
        beta=None,
    ):
        super().__init__(use_locking, name)
        _non_negative(initial_accumulator_value, "initial_accumulator_value")
        if learning_rate_power > 0.0:
            raise ValueError(
                "learning_rate_power %f needs to be negative or zero" % learning_rate_power
            )
        _non_negative(l1_regularization_strength, "l1_regularization_strength")
        _non_negative(l2_regularization_strength, "l2_regularization_strength")
        _non_negative(l2_shrinkage_regularization_strength, "l2_shrinkage_regularization_strength")
        self._learning_rate, self._learning_rate_power = learning_rate, learning_rate_power
        self._initial_accumulator_value = initial_accumulator_value
        self._l1, self._l2 = l1_regularization_strength, l2_regularization_strength
        self._l2_shrinkage = l2_shrinkage_regularization_strength
        self._beta = 0.0 if beta is None else beta
        self._accum_name, self._linear_name = accum_name, linear_name

    def _create_slots(self, var_list):
        for var in var_list:
            dtype = var.dtype.base_dtype
            initializer = init_ops.constant_initializer(
                self._initial_accumulator_value, dtype=dtype
            )
            self._get_or_make_slot_with_initializer(
                var, initializer, var.shape, dtype, "accum", self._accum_name or self._name
            )
            self._zeros_slot(var, "linear", self._linear_name or self._name)

    def _prepare(self):
        learning_rate = _value(self._learning_rate)
        self._lr_t = convert_to_tensor(learning_rate, name="learning_rate")
        self._l1_t = convert_to_tensor(self._l1, name="l1_regularization_strength")
        # beta / (2 lr) joins the L2 strength, computed in the graph as TF does
        adjusted = self._l2 + self._beta / (2.0 * math_ops.maximum(learning_rate, 1e-36))
        self._l2_t = convert_to_tensor(adjusted, name="adjusted_l2_regularization_strength")
        self._shrinkage_t = convert_to_tensor(
            self._l2_shrinkage, name="l2_shrinkage_regularization_strength"
        )
        self._power_t = convert_to_tensor(self._learning_rate_power, name="learning_rate_power")

    def _apply_dense(self, grad, var):
        slots = [self.get_slot(var, "accum"), self.get_slot(var, "linear")]
        lr, l1, l2 = (cast_to(t, var) for t in (self._lr_t, self._l1_t, self._l2_t))
        power = cast_to(self._power_t, var)
        if self._l2_shrinkage <= 0.0:
            return self._apply("Ftrl", var, slots, [grad, lr, l1, l2, power])
        shrinkage = cast_to(self._shrinkage_t, var)
        return self._apply("FtrlV2", var, slots, [grad, lr, l1, l2, shrinkage, power])
