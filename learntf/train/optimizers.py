"""TF1's optimizers (lesson 05), each as TensorFlow 2.21's `tf.compat.v1.train` builds it.

The base class (learntf/train/optimizer.py) builds the training op; an optimizer here says
which slots it keeps per variable, which hyperparameters it turns into constants
(`<Name>/learning_rate`, ...) and which fused update it applies (learntf/train/training_ops.py).
Slot variables are named as TensorFlow names them: `w/Momentum`, `w/Adam` and `w/Adam_1`,
`w/RMSProp` (rms) and `w/RMSProp_1` (momentum), plus Adam's `beta1_power` and `beta2_power`.
"""

from learntf.framework.constant_op import convert_to_tensor
from learntf.framework.graph import Tensor, get_default_graph
from learntf.ops import control_flow_ops, init_ops
from learntf.train.optimizer import Optimizer, cast_to


def _value(hyperparameter):
    """A hyperparameter may be given as a function that returns it (TF's _call_if_callable)."""
    return hyperparameter() if callable(hyperparameter) else hyperparameter


class GradientDescentOptimizer(Optimizer):
    """var -= learning_rate * gradient."""

    def __init__(self, learning_rate, use_locking=False, name="GradientDescent"):
        super().__init__(use_locking, name)
        self._learning_rate = learning_rate

    def _prepare(self):
        self._lr_t = convert_to_tensor(_value(self._learning_rate), name="learning_rate")

    def _apply_dense(self, grad, var):
        return self._apply("GradientDescent", var, [], [cast_to(self._lr_t, var), grad])


class MomentumOptimizer(Optimizer):
    """Gradient descent with a velocity that accumulates past gradients."""

    def __init__(
        self, learning_rate, momentum, use_locking=False, name="Momentum", use_nesterov=False
    ):
        super().__init__(use_locking, name)
        self._learning_rate, self._momentum = learning_rate, momentum
        self._use_nesterov = use_nesterov

    def _create_slots(self, var_list):
        for var in var_list:
            self._zeros_slot(var, "momentum", self._name)

    def _prepare(self):
        self._lr_t = convert_to_tensor(_value(self._learning_rate), name="learning_rate")
        self._momentum_t = convert_to_tensor(_value(self._momentum), name="momentum")

    def _apply_dense(self, grad, var):
        return self._apply(
            "Momentum",
            var,
            [self.get_slot(var, "momentum")],
            [cast_to(self._lr_t, var), grad, cast_to(self._momentum_t, var)],
            use_nesterov=bool(self._use_nesterov),
        )


class AdamOptimizer(Optimizer):
    """Adaptive moment estimation (Kingma and Ba, 2015), with TF1's bias correction kept in
    the variables `beta1_power` and `beta2_power` (multiplied by beta1, beta2 each step)."""

    def __init__(
        self,
        learning_rate=0.001,
        beta1=0.9,
        beta2=0.999,
        epsilon=1e-08,
        use_locking=False,
        name="Adam",
    ):
        super().__init__(use_locking, name)
        self._lr, self._beta1, self._beta2, self._epsilon = learning_rate, beta1, beta2, epsilon

    def _create_slots(self, var_list):
        first_var = min(var_list, key=lambda v: v.name)
        self._create_non_slot_variable(self._beta1, "beta1_power", first_var)
        self._create_non_slot_variable(self._beta2, "beta2_power", first_var)
        for var in var_list:
            self._zeros_slot(var, "m", self._name)
            self._zeros_slot(var, "v", self._name)

    def _beta_powers(self):
        return (
            self._get_non_slot_variable("beta1_power"),
            self._get_non_slot_variable("beta2_power"),
        )

    def _prepare(self):
        self._lr_t = convert_to_tensor(_value(self._lr), name="learning_rate")
        self._beta1_t = convert_to_tensor(_value(self._beta1), name="beta1")
        self._beta2_t = convert_to_tensor(_value(self._beta2), name="beta2")
        self._epsilon_t = convert_to_tensor(_value(self._epsilon), name="epsilon")

    def _apply_dense(self, grad, var):
        beta1_power, beta2_power = self._beta_powers()
        return self._apply(
            "Adam",
            var,
            [self.get_slot(var, "m"), self.get_slot(var, "v")],
            [
                cast_to(beta1_power, var),
                cast_to(beta2_power, var),
                cast_to(self._lr_t, var),
                cast_to(self._beta1_t, var),
                cast_to(self._beta2_t, var),
                cast_to(self._epsilon_t, var),
                grad,
            ],
            use_nesterov=False,
        )

    def _finish(self, update_ops, name_scope_name):
        beta1_power, beta2_power = self._beta_powers()
        with get_default_graph().control_dependencies(update_ops):
            update_beta1 = beta1_power.assign(
                beta1_power * self._beta1_t, use_locking=self._use_locking
            )
            update_beta2 = beta2_power.assign(
                beta2_power * self._beta2_t, use_locking=self._use_locking
            )
        return control_flow_ops.group(
            *update_ops, _assignment(update_beta1), _assignment(update_beta2), name=name_scope_name
        )


def _assignment(result):
    """The op that made an assignment: a resource variable's assign gives its new value (a
    read after the AssignVariableOp), and TF groups the AssignVariableOp itself."""
    if not isinstance(result, Tensor) or result.op.type != "ReadVariableOp":
        return result  # a TF1 Assign's output (or, eagerly, the variable itself)
    return next(op for op in result.op.control_inputs if op.type == "AssignVariableOp")


class AdagradOptimizer(Optimizer):
    """Steps shrink with the sum of a variable's squared gradients (Duchi et al., 2011)."""

    def __init__(
        self, learning_rate, initial_accumulator_value=0.1, use_locking=False, name="Adagrad"
    ):
        if initial_accumulator_value <= 0.0:
            raise ValueError(
                "initial_accumulator_value must be positive: %s" % initial_accumulator_value
            )
        super().__init__(use_locking, name)
        self._learning_rate = learning_rate
        self._initial_accumulator_value = initial_accumulator_value

    def _create_slots(self, var_list):
        for var in var_list:
            dtype = var.dtype.base_dtype
            initializer = init_ops.constant_initializer(
                self._initial_accumulator_value, dtype=dtype
            )
            self._get_or_make_slot_with_initializer(
                var, initializer, var.shape, dtype, "accumulator", self._name
            )

    def _prepare(self):
        self._lr_t = convert_to_tensor(_value(self._learning_rate), name="learning_rate")

    def _apply_dense(self, grad, var):
        return self._apply(
            "Adagrad",
            var,
            [self.get_slot(var, "accumulator")],
            [cast_to(self._lr_t, var), grad],
            update_slots=True,
        )


class RMSPropOptimizer(Optimizer):
    """Divides each step by a running root-mean-square of recent gradients (Hinton, 2012)."""

    def __init__(
        self,
        learning_rate,
        decay=0.9,
        momentum=0.0,
        epsilon=1e-10,
        use_locking=False,
        centered=False,
        name="RMSProp",
    ):
        super().__init__(use_locking, name)
        self._learning_rate, self._decay = learning_rate, decay
        self._momentum, self._epsilon, self._centered = momentum, epsilon, centered

    def _create_slots(self, var_list):
        for var in var_list:
            dtype = var.dtype.base_dtype
            self._get_or_make_slot_with_initializer(
                var, init_ops.ones_initializer(dtype=dtype), var.shape, dtype, "rms", self._name
            )
            if self._centered:
                self._zeros_slot(var, "mg", self._name)
            self._zeros_slot(var, "momentum", self._name)

    def _prepare(self):
        self._lr_t = convert_to_tensor(_value(self._learning_rate), name="learning_rate")
        self._decay_t = convert_to_tensor(_value(self._decay), name="decay")
        self._momentum_t = convert_to_tensor(_value(self._momentum), name="momentum")
        self._epsilon_t = convert_to_tensor(_value(self._epsilon), name="epsilon")

    def _apply_dense(self, grad, var):
        slots = [self.get_slot(var, "rms"), self.get_slot(var, "momentum")]
        scalars = [
            cast_to(t, var) for t in (self._lr_t, self._decay_t, self._momentum_t, self._epsilon_t)
        ]
        if self._centered:
            return self._apply(
                "CenteredRMSProp", var, [self.get_slot(var, "mg")] + slots, scalars + [grad]
            )
        return self._apply("RMSProp", var, slots, scalars + [grad])


class AdadeltaOptimizer(Optimizer):
    """Steps scaled by running averages of squared gradients and squared steps (Zeiler, 2012)."""

    def __init__(
        self, learning_rate=0.001, rho=0.95, epsilon=1e-8, use_locking=False, name="Adadelta"
    ):
        super().__init__(use_locking, name)
        self._lr, self._rho, self._epsilon = learning_rate, rho, epsilon

    def _create_slots(self, var_list):
        for var in var_list:
            self._zeros_slot(var, "accum", self._name)
            self._zeros_slot(var, "accum_update", self._name)

    def _prepare(self):
        self._lr_t = convert_to_tensor(_value(self._lr), name="lr")
        self._rho_t = convert_to_tensor(_value(self._rho), name="rho")
        self._epsilon_t = convert_to_tensor(_value(self._epsilon), name="epsilon")

    def _apply_dense(self, grad, var):
        return self._apply(
            "Adadelta",
            var,
            [self.get_slot(var, "accum"), self.get_slot(var, "accum_update")],
            [
                cast_to(self._lr_t, var),
                cast_to(self._rho_t, var),
                cast_to(self._epsilon_t, var),
                grad,
            ],
        )


__all__ = [
    "Optimizer",
    "GradientDescentOptimizer",
    "MomentumOptimizer",
    "AdamOptimizer",
    "AdagradOptimizer",
    "RMSPropOptimizer",
    "AdadeltaOptimizer",
]
