"""The other Keras 3 optimizers, with Keras 3's update rules (keras/src/optimizers/*.py):

    Adagrad   acc += g^2;  var -= lr g / sqrt(acc + eps)               (acc starts at 0.1)
    Adadelta  Eg2 = rho Eg2 + (1-rho) g^2;  d = -sqrt(Ed2 + eps) g / sqrt(Eg2 + eps)
              Ed2 = rho Ed2 + (1-rho) d^2;  var += lr d
    Adamax    m += (g - m)(1-b1);  u = max(b2 u, |g|);  var -= lr m / ((1 - b1^t)(u + eps))
    Nadam     Adam with Nesterov momentum and the momentum schedule u_t = b1 (1 - 0.5 0.96^t)
    AdamW     Adam, and first var -= var * weight_decay * lr (weight_decay 0.004)
    Lion      var -= lr sign(b1 m + (1-b1) g);  m = b2 m + (1-b2) g
    Ftrl      follow-the-regularized-leader (accumulator and linear slots)

Each slot is a zero (or constant) variable per model variable, created variable by variable
in Keras 3's order.
"""

import numpy as np

from learntf import dtypes
from learntf.eager.func_graph import init_scope
from learntf.keras.optimizers import Adam, Optimizer
from learntf.ops import math_ops
from learntf.ops.variables import Variable

m_ = math_ops


class _SlotOptimizer(Optimizer):
    _slot_kinds = ()  # (slot name, initial value), created per variable in this order

    def _create_slots(self, var_list):
        for variable in var_list:
            for kind, initial in self._slot_kinds:
                slot = self.add_variable_from_reference(variable, kind)
                if initial:
                    slot.assign(np.full(slot.shape.as_list(), initial, slot.dtype.np))

    def _slot(self, variable, kind):
        return self.get_slot(variable, kind)


class Adagrad(_SlotOptimizer):
    def __init__(
        self,
        learning_rate=0.001,
        initial_accumulator_value=0.1,
        epsilon=1e-7,
        name=None,
        **kwargs,
    ):
        super().__init__(learning_rate=learning_rate, name=name, **kwargs)
        self.initial_accumulator_value, self.epsilon = initial_accumulator_value, epsilon
        self._slot_kinds = (("accumulator", initial_accumulator_value),)

    def _update(self, grad, variable, lr):
        acc = self._slot(variable, "accumulator")
        acc.assign_add(m_.square(grad), read_value=False)
        step = m_.divide(m_.multiply(lr, grad), m_.sqrt(m_.add(acc.value(), self.epsilon)))
        variable.assign_sub(step, read_value=False)


class Adadelta(_SlotOptimizer):
    _slot_kinds = (("accumulated_grad", 0), ("accumulated_delta_var", 0))

    def __init__(self, learning_rate=0.001, rho=0.95, epsilon=1e-7, name=None, **kwargs):
        super().__init__(learning_rate=learning_rate, name=name, **kwargs)
        self.rho, self.epsilon = rho, epsilon

    def _update(self, grad, variable, lr):
        rho = self.rho
        acc_grad = self._slot(variable, "accumulated_grad")
        acc_delta = self._slot(variable, "accumulated_delta_var")

        def rms(x):
            return m_.sqrt(m_.add(x, self.epsilon))

        acc_grad.assign(
            m_.add(m_.multiply(rho, acc_grad.value()), m_.multiply(1 - rho, m_.square(grad))),
            read_value=False,
        )
        delta = m_.negative(
            m_.divide(m_.multiply(rms(acc_delta.value()), grad), rms(acc_grad.value()))
        )
        acc_delta.assign(
            m_.add(m_.multiply(rho, acc_delta.value()), m_.multiply(1 - rho, m_.square(delta))),
            read_value=False,
        )
        variable.assign_add(m_.multiply(lr, delta), read_value=False)


class _StepMixin:
    def _local_step(self, dtype, offset=1):
        return m_.cast(m_.add(self._iterations.value(), np.int64(offset)), dtype)


class Adamax(_SlotOptimizer, _StepMixin):
    _slot_kinds = (("momentum", 0), ("norm", 0))

    def __init__(
        self, learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7, name=None, **kwargs
    ):
        super().__init__(learning_rate=learning_rate, name=name, **kwargs)
        self.beta_1, self.beta_2, self.epsilon = beta_1, beta_2, epsilon

    def _update(self, grad, variable, lr):
        beta_1_power = m_.pow(
            m_.cast(self.beta_1, variable.dtype), self._local_step(variable.dtype)
        )
        m = self._slot(variable, "momentum")
        u = self._slot(variable, "norm")
        m.assign_add(m_.multiply(m_.subtract(grad, m.value()), 1 - self.beta_1), read_value=False)
        u.assign(m_.maximum(m_.multiply(self.beta_2, u.value()), m_.abs(grad)), read_value=False)
        step = m_.divide(
            m_.multiply(lr, m.value()),
            m_.multiply(m_.subtract(1.0, beta_1_power), m_.add(u.value(), self.epsilon)),
        )
        variable.assign_sub(step, read_value=False)


class Nadam(_SlotOptimizer, _StepMixin):
    _slot_kinds = (("momentum", 0), ("velocity", 0))

    def __init__(
        self, learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7, name=None, **kwargs
    ):
        super().__init__(learning_rate=learning_rate, name=name, **kwargs)
        self.beta_1, self.beta_2, self.epsilon = beta_1, beta_2, epsilon
        self._u_product = None

    def _create_slots(self, var_list):
        super()._create_slots(var_list)
        if self._u_product is None:
            with init_scope():
                self._u_product = Variable(np.float32(1.0), trainable=False, name="u_product")
            self._variables.append(self._u_product)

    def _prepare_step(self):
        step = self._local_step(dtypes.float32)
        factor = m_.multiply(
            self.beta_1, m_.subtract(1.0, m_.multiply(0.5, m_.pow(np.float32(0.96), step)))
        )
        self._u_product.assign(m_.multiply(self._u_product.value(), factor), read_value=False)

    def _update(self, grad, variable, lr):
        d = variable.dtype
        local_step, next_step = self._local_step(d), self._local_step(d, 2)
        decay = np.asarray(0.96, d.np)
        beta_1, beta_2 = np.asarray(self.beta_1, d.np), np.asarray(self.beta_2, d.np)
        u_t = m_.multiply(beta_1, m_.subtract(1.0, m_.multiply(0.5, m_.pow(decay, local_step))))
        u_t_1 = m_.multiply(beta_1, m_.subtract(1.0, m_.multiply(0.5, m_.pow(decay, next_step))))
        u_product_t = m_.cast(self._u_product.value(), d)
        u_product_t_1 = m_.multiply(u_product_t, u_t_1)
        beta_2_power = m_.pow(beta_2, local_step)
        m = self._slot(variable, "momentum")
        v = self._slot(variable, "velocity")
        m.assign_add(m_.multiply(m_.subtract(grad, m.value()), 1 - self.beta_1), read_value=False)
        v.assign_add(
            m_.multiply(m_.subtract(m_.square(grad), v.value()), 1 - self.beta_2), read_value=False
        )
        m_hat = m_.add(
            m_.divide(m_.multiply(u_t_1, m.value()), m_.subtract(1.0, u_product_t_1)),
            m_.divide(m_.multiply(m_.subtract(1.0, u_t), grad), m_.subtract(1.0, u_product_t)),
        )
        v_hat = m_.divide(v.value(), m_.subtract(1.0, beta_2_power))
        variable.assign_sub(
            m_.divide(m_.multiply(m_hat, lr), m_.add(m_.sqrt(v_hat), self.epsilon)),
            read_value=False,
        )


class AdamW(Adam):
    """Adam with decoupled weight decay (default 0.004)."""

    def __init__(
        self,
        learning_rate=0.001,
        weight_decay=0.004,
        beta_1=0.9,
        beta_2=0.999,
        epsilon=1e-7,
        amsgrad=False,
        name=None,
        **kwargs,
    ):
        super().__init__(
            learning_rate=learning_rate,
            beta_1=beta_1,
            beta_2=beta_2,
            epsilon=epsilon,
            amsgrad=amsgrad,
            name=name,
            weight_decay=weight_decay,
            **kwargs,
        )
        if self.weight_decay is None:
            raise ValueError("Argument `weight_decay` must be a float. Received: weight_decay=None")


class Lion(_SlotOptimizer):
    _slot_kinds = (("momentum", 0),)

    def __init__(self, learning_rate=0.001, beta_1=0.9, beta_2=0.99, name=None, **kwargs):
        super().__init__(learning_rate=learning_rate, name=name, **kwargs)
        if beta_1 <= 0 or beta_1 > 1:
            raise ValueError(
                "Argument for `beta_1` must be in range [0, 1]. Received: beta_1=%s." % beta_1
            )
        self.beta_1, self.beta_2 = beta_1, beta_2

    def _update(self, grad, variable, lr):
        m = self._slot(variable, "momentum")
        direction = m_.sign(
            m_.add(m_.multiply(m.value(), self.beta_1), m_.multiply(grad, 1.0 - self.beta_1))
        )
        variable.assign_sub(m_.multiply(lr, direction), read_value=False)
        m.assign(
            m_.add(m_.multiply(m.value(), self.beta_2), m_.multiply(grad, 1.0 - self.beta_2)),
            read_value=False,
        )


class Ftrl(_SlotOptimizer):
    def __init__(
        self,
        learning_rate=0.001,
        learning_rate_power=-0.5,
        initial_accumulator_value=0.1,
        l1_regularization_strength=0.0,
        l2_regularization_strength=0.0,
        l2_shrinkage_regularization_strength=0.0,
        beta=0.0,
        name=None,
        **kwargs,
    ):
        super().__init__(learning_rate=learning_rate, name=name, **kwargs)
        self.learning_rate_power = learning_rate_power
        self.initial_accumulator_value = initial_accumulator_value
        self.l1 = l1_regularization_strength
        self.l2 = l2_regularization_strength
        self.l2_shrinkage = l2_shrinkage_regularization_strength
        self.beta = beta
        self._slot_kinds = (("accumulator", initial_accumulator_value), ("linear", 0))

    def _update(self, grad, variable, lr):
        accum = self._slot(variable, "accumulator")
        linear = self._slot(variable, "linear")
        power = -self.learning_rate_power
        l2_reg = m_.add(self.l2, m_.divide(self.beta, m_.multiply(2.0, lr)))
        grad_to_use = m_.add(grad, m_.multiply(2 * self.l2_shrinkage, variable.value()))
        new_accum = m_.add(accum.value(), m_.square(grad))
        linear.assign_add(
            m_.subtract(
                grad_to_use,
                m_.multiply(
                    m_.divide(
                        m_.subtract(m_.pow(new_accum, power), m_.pow(accum.value(), power)), lr
                    ),
                    variable.value(),
                ),
            ),
            read_value=False,
        )
        quadratic = m_.add(m_.divide(m_.pow(new_accum, power), lr), m_.multiply(2.0, l2_reg))
        clipped = m_.minimum(m_.maximum(linear.value(), -self.l1), self.l1)
        variable.assign(
            m_.divide(m_.subtract(clipped, linear.value()), quadratic), read_value=False
        )
        accum.assign(new_accum, read_value=False)
