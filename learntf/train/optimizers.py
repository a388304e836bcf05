"""Optimizers: turn gradients into variable updates (lesson 04).

`optimizer.minimize(loss)` = `compute_gradients` (tf.gradients of the loss w.r.t. every
trainable variable) + `apply_gradients` (one update op per variable, grouped into the returned
training op).  Each update is one fused op whose kernel changes the variable's storage in place
of a chain of small ops, as TensorFlow's `ResourceApply*` kernels do.

    GradientDescent   var -= lr * grad
    Momentum          accum = momentum * accum + grad;  var -= lr * accum
                      (Nesterov: var -= lr * grad + lr * momentum * accum)
    Adam              m = b1 m + (1-b1) g;  v = b2 v + (1-b2) g^2
                      var -= lr * sqrt(1-b2^t)/(1-b1^t) * m / (sqrt(v) + eps)

Slot variables are named as TensorFlow names them: `theta/Momentum`, `theta/Adam`,
`theta/Adam_1`, and Adam's `beta1_power` / `beta2_power`.
"""
import numpy as np

from learntf.framework.apply import apply_op
from learntf.framework.constant_op import convert_to_tensor
from learntf.framework.graph import get_default_graph, name_scope
from learntf.framework.op_registry import register_op
from learntf.ops import array_ops, control_flow_ops, variables
from learntf.ops.gradients import gradients


# -- fused update kernels: they read and replace the variables' storage ------------------------
def _gradient_descent(var, lr, grad):
    var.write_owned(var.read() - lr * grad)


def _momentum(var, accum, lr, grad, momentum, use_nesterov=False):
    new_accum = accum.read() * momentum + grad
    accum.write_owned(new_accum)
    if use_nesterov:
        var.write_owned(var.read() - (lr * grad + lr * momentum * new_accum))
    else:
        var.write_owned(var.read() - lr * new_accum)


def _adam(var, m, v, beta1_power, beta2_power, lr, beta1, beta2, epsilon, grad,
          use_nesterov=False):
    lr_t = lr * np.sqrt(1 - beta2_power) / (1 - beta1_power)
    new_m = m.read() + (grad - m.read()) * (1 - beta1)
    new_v = v.read() + (grad * grad - v.read()) * (1 - beta2)
    m.write_owned(new_m)
    v.write_owned(new_v)
    step = (new_m * beta1 + (1 - beta1) * grad) if use_nesterov else new_m
    var.write_owned(var.read() - lr_t * step / (np.sqrt(new_v) + epsilon))


_no_outputs = lambda *inputs, **attrs: []  # noqa: E731
register_op("ResourceApplyGradientDescent", ["var", "alpha", "delta"], _no_outputs,
            _gradient_descent, num_outputs=0, stateful=True)
register_op("ResourceApplyMomentum", ["var", "accum", "lr", "grad", "momentum"], _no_outputs,
            _momentum, num_outputs=0, stateful=True)
register_op("ResourceApplyAdam", ["var", "m", "v", "beta1_power", "beta2_power", "lr", "beta1",
                                  "beta2", "epsilon", "grad"], _no_outputs, _adam,
            num_outputs=0, stateful=True)


class Optimizer:
    """Base class: compute_gradients, apply_gradients, minimize and slot variables."""

    def __init__(self, use_locking, name):
        if not name:
            raise ValueError("Must specify the optimizer name")
        self._name = name
        self._slots = {}  # slot name -> {variable: slot variable}

    def get_name(self):
        return self._name

    # -- the three steps --------------------------------------------------------------------
    def minimize(self, loss, global_step=None, var_list=None, gate_gradients=1,
                 aggregation_method=None, colocate_gradients_with_ops=False, name=None,
                 grad_loss=None):
        """One op that takes one optimization step on `loss`."""
        grads_and_vars = self.compute_gradients(loss, var_list=var_list, grad_loss=grad_loss)
        vars_with_grad = [v for g, v in grads_and_vars if g is not None]
        if not vars_with_grad:
            raise ValueError(
                "No gradients provided for any variable, check your graph for ops that do not "
                "support gradients, between variables %s and loss %s."
                % ([str(v) for _, v in grads_and_vars], loss))
        return self.apply_gradients(grads_and_vars, global_step=global_step, name=name)

    def compute_gradients(self, loss, var_list=None, gate_gradients=1, aggregation_method=None,
                          colocate_gradients_with_ops=False, grad_loss=None):
        """[(gradient, variable)] for every trainable variable (gradient None if unused)."""
        from learntf.framework import context
        if context.executing_eagerly() and not callable(loss):
            raise RuntimeError("`loss` passed to Optimizer.compute_gradients should be a function "
                               "when eager execution is enabled.\n" + context.GRAPH_MODE_HINT)
        if var_list is None:
            var_list = variables.trainable_variables()
        var_list = list(var_list)
        if not var_list:
            raise ValueError("No variables to optimize.")
        grads = gradients(loss, var_list, grad_ys=grad_loss)
        return list(zip(grads, var_list))

    def apply_gradients(self, grads_and_vars, global_step=None, name=None):
        """One op applying every (gradient, variable) pair, then bumping global_step."""
        grads_and_vars = [(g, v) for g, v in grads_and_vars]
        if not any(g is not None for g, _ in grads_and_vars):
            raise ValueError("No gradients provided for any variable: %s."
                             % ([str(v) for _, v in grads_and_vars],))
        var_list = [v for g, v in grads_and_vars if g is not None]
        with name_scope(None):
            self._create_slots(var_list)
        with name_scope(name, self._name) as scope:
            self._prepare()
            update_ops = []
            for grad, var in grads_and_vars:
                if grad is None:
                    continue
                with name_scope("update_" + _op_name(var)):
                    update_ops.append(self._apply_dense(grad, var))
            finish = self._finish(update_ops, "update")
            if global_step is None:
                return control_flow_ops.group(finish, name=scope)
            with get_default_graph().control_dependencies([finish]):
                return global_step.assign_add(1, name=scope, read_value=False)

    # -- subclasses fill these in -----------------------------------------------------------
    def _create_slots(self, var_list):
        pass

    def _prepare(self):
        pass

    def _apply_dense(self, grad, var):
        raise NotImplementedError

    def _finish(self, update_ops, name_scope_name):
        return control_flow_ops.group(*update_ops, name=name_scope_name)

    # -- slots ------------------------------------------------------------------------------
    def _zeros_slot(self, var, slot_name, op_name):
        slots = self._slots.setdefault(slot_name, {})
        if var not in slots:
            slots[var] = variables.Variable(array_ops.zeros(var.shape.as_list(), dtype=var.dtype),
                                            name="%s/%s" % (_op_name(var), op_name),
                                            trainable=False)
        return slots[var]

    def get_slot(self, var, name):
        return self._slots.get(name, {}).get(var)

    def get_slot_names(self):
        return sorted(self._slots)

    def variables(self):
        return [v for slots in self._slots.values() for v in slots.values()]


class GradientDescentOptimizer(Optimizer):
    """var -= learning_rate * gradient."""

    def __init__(self, learning_rate, use_locking=False, name="GradientDescent"):
        super().__init__(use_locking, name)
        self._learning_rate = learning_rate

    def _prepare(self):
        self._lr = convert_to_tensor(self._learning_rate, name="learning_rate")

    def _apply_dense(self, grad, var):
        lr = self._lr if self._lr.dtype is var.dtype else _cast(self._lr, var.dtype)
        return apply_op("ResourceApplyGradientDescent", [var.handle, lr, grad], {},
                        "ResourceApplyGradientDescent")


class MomentumOptimizer(Optimizer):
    """Gradient descent with a velocity that accumulates past gradients."""

    def __init__(self, learning_rate, momentum, use_locking=False, name="Momentum",
                 use_nesterov=False):
        super().__init__(use_locking, name)
        self._learning_rate, self._momentum = learning_rate, momentum
        self._use_nesterov = use_nesterov

    def _create_slots(self, var_list):
        for var in var_list:
            self._zeros_slot(var, "momentum", self._name)

    def _prepare(self):
        self._lr = convert_to_tensor(self._learning_rate, name="learning_rate")
        self._momentum_t = convert_to_tensor(self._momentum, name="momentum")

    def _apply_dense(self, grad, var):
        accum = self.get_slot(var, "momentum")
        return apply_op("ResourceApplyMomentum",
                        [var.handle, accum.handle, _cast(self._lr, var.dtype), grad,
                         _cast(self._momentum_t, var.dtype)],
                        {"use_nesterov": self._use_nesterov}, "ResourceApplyMomentum")


class AdamOptimizer(Optimizer):
    """Adaptive moment estimation (Kingma and Ba, 2015), with TF1's bias correction."""

    def __init__(self, learning_rate=0.001, beta1=0.9, beta2=0.999, epsilon=1e-08,
                 use_locking=False, name="Adam"):
        super().__init__(use_locking, name)
        self._lr, self._beta1, self._beta2, self._epsilon = learning_rate, beta1, beta2, epsilon
        self._beta1_power = self._beta2_power = None

    def _create_slots(self, var_list):
        if self._beta1_power is None:
            self._beta1_power = variables.Variable(np.float32(self._beta1), name="beta1_power",
                                                   trainable=False)
            self._beta2_power = variables.Variable(np.float32(self._beta2), name="beta2_power",
                                                   trainable=False)
        for var in var_list:
            self._zeros_slot(var, "m", self._name)
            self._zeros_slot(var, "v", self._name + "_1")

    def _prepare(self):
        self._lr_t = convert_to_tensor(self._lr, name="learning_rate")
        self._beta1_t = convert_to_tensor(self._beta1, name="beta1")
        self._beta2_t = convert_to_tensor(self._beta2, name="beta2")
        self._epsilon_t = convert_to_tensor(self._epsilon, name="epsilon")

    def _apply_dense(self, grad, var):
        d = var.dtype
        return apply_op("ResourceApplyAdam",
                        [var.handle, self.get_slot(var, "m").handle, self.get_slot(var, "v").handle,
                         _cast(self._beta1_power.value(), d), _cast(self._beta2_power.value(), d),
                         _cast(self._lr_t, d), _cast(self._beta1_t, d), _cast(self._beta2_t, d),
                         _cast(self._epsilon_t, d), grad], {}, "ResourceApplyAdam")

    def _finish(self, update_ops, name_scope_name):
        with get_default_graph().control_dependencies(update_ops):
            update_beta1 = self._beta1_power.assign(self._beta1_power.value() * self._beta1_t,
                                                    read_value=False)
            update_beta2 = self._beta2_power.assign(self._beta2_power.value() * self._beta2_t,
                                                    read_value=False)
        return control_flow_ops.group(*update_ops, update_beta1, update_beta2, name=name_scope_name)


def _cast(tensor, dtype):
    from learntf.ops.math_ops import cast
    return cast(tensor, dtype)


__all__ = ["Optimizer", "GradientDescentOptimizer", "MomentumOptimizer", "AdamOptimizer"]


def _op_name(var):
    """`theta` for the variable `theta:0` (in graph and eager mode alike)."""
    return var.name.rpartition(":")[0]
