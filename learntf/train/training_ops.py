"""The fused update ops of the optimizers, as TensorFlow's training_ops define them.

Each update comes in two forms that share one NumPy kernel:

    Apply<Kind>          on TF1 reference variables: takes `w:0` (and its slots' `w/Momentum:0`)
                         and returns the variable again (float32_ref), so its output is `w`
    ResourceApply<Kind>  on resource variables: takes their handles, has no output

A kernel reads and replaces the variables' storage (VariableResource) directly, as TF's kernels
update their buffers in place, instead of a chain of small ops, and returns the variable: the
output of Apply<Kind> (ResourceApply<Kind> has none and drops it).  The formulas are those of TF's
CPU kernels (tensorflow/core/kernels/training_ops.cc):

    GradientDescent  var -= lr * grad
    Momentum         accum = accum * momentum + grad;  var -= lr * accum
                     (Nesterov: var -= grad * lr + accum * momentum * lr)
    Adam             lr_t = lr * sqrt(1 - beta2^t) / (1 - beta1^t)
                     m += (grad - m) * (1 - beta1);  v += (grad^2 - v) * (1 - beta2)
                     var -= m * lr_t / (sqrt(v) + epsilon)
    Adagrad          accum += grad^2;  var -= lr * grad / sqrt(accum)
    RMSProp          ms += (grad^2 - ms) * (1 - rho)
                     mom = mom * momentum + lr * grad / sqrt(ms + epsilon);  var -= mom
    CenteredRMSProp  as RMSProp, with mg += (grad - mg) * (1 - rho) and ms - mg^2 for ms
    Adadelta         accum = accum * rho + grad^2 * (1 - rho)
                     update = sqrt(accum_update + epsilon) / sqrt(accum + epsilon) * grad
                     accum_update = accum_update * rho + update^2 * (1 - rho);  var -= lr * update
"""

import numpy as np

from learntf.framework.op_registry import no_gradient_in_tensorflow, register_op


def _gradient_descent(var, alpha, delta, **unused_attrs):
    var.subtract(alpha * delta)
    return var


def _momentum(var, accum, lr, grad, momentum, use_nesterov=False, **unused_attrs):
    new_accum = accum.read() * momentum + grad
    accum.write_owned(new_accum)
    if use_nesterov:
        var.write_owned(var.read() - (grad * lr + new_accum * momentum * lr))
    else:
        var.write_owned(var.read() - lr * new_accum)
    return var


def _adam(
    var,
    m,
    v,
    beta1_power,
    beta2_power,
    lr,
    beta1,
    beta2,
    epsilon,
    grad,
    use_nesterov=False,
    **unused_attrs,
):
    lr_t = lr * np.sqrt(1 - beta2_power) / (1 - beta1_power)
    new_m = m.read() + (grad - m.read()) * (1 - beta1)
    new_v = v.read() + (grad * grad - v.read()) * (1 - beta2)
    m.write_owned(new_m)
    v.write_owned(new_v)
    step = (grad * (1 - beta1) + beta1 * new_m) if use_nesterov else new_m
    var.write_owned(var.read() - step * lr_t / (np.sqrt(new_v) + epsilon))
    return var


def _adagrad(var, accum, lr, grad, update_slots=True, **unused_attrs):
    new_accum = accum.read() + grad * grad if update_slots else accum.read()
    accum.write_owned(new_accum)
    var.write_owned(var.read() - grad * lr / np.sqrt(new_accum))
    return var


def _rms_prop(var, ms, mom, lr, rho, momentum, epsilon, grad, **unused_attrs):
    new_ms = ms.read() + (grad * grad - ms.read()) * (1 - rho)
    new_mom = mom.read() * momentum + grad * lr / np.sqrt(new_ms + epsilon)
    ms.write_owned(new_ms)
    mom.write_owned(new_mom)
    var.write_owned(var.read() - new_mom)
    return var


def _centered_rms_prop(var, mg, ms, mom, lr, rho, momentum, epsilon, grad, **unused_attrs):
    new_ms = ms.read() + (grad * grad - ms.read()) * (1 - rho)
    new_mg = mg.read() + (grad - mg.read()) * (1 - rho)
    new_mom = mom.read() * momentum + grad * lr / np.sqrt(new_ms - new_mg * new_mg + epsilon)
    ms.write_owned(new_ms)
    mg.write_owned(new_mg)
    mom.write_owned(new_mom)
    var.write_owned(var.read() - new_mom)
    return var


def _adadelta(var, accum, accum_update, lr, rho, epsilon, grad, **unused_attrs):
    new_accum = accum.read() * rho + grad * grad * (1 - rho)
    update = np.sqrt(accum_update.read() + epsilon) / np.sqrt(new_accum + epsilon) * grad
    accum.write_owned(new_accum)
    accum_update.write_owned(accum_update.read() * rho + update * update * (1 - rho))
    var.write_owned(var.read() - update * lr)
    return var


def _register(kind, inputs, variables, kernel):
    """Apply<kind> and ResourceApply<kind>; the first `variables` inputs are variables."""

    # Updates TF1 reference variables in place; outputs the variable.
    register_op(
        "Apply" + kind,
        inputs,
        lambda var, *rest, **attrs: [(var.dtype, var.shape)],
        kernel,
        ref_inputs=range(variables),
        stateful=True,
    )
    # Updates resource variables in place.
    register_op(
        "ResourceApply" + kind,
        inputs,
        lambda *args, **attrs: [],
        kernel,
        num_outputs=0,
        stateful=True,
        type_input=variables,
    )
    no_gradient_in_tensorflow("Apply" + kind)
    no_gradient_in_tensorflow("ResourceApply" + kind)


_register("GradientDescent", ["var", "alpha", "delta"], 1, _gradient_descent)
_register("Momentum", ["var", "accum", "lr", "grad", "momentum"], 2, _momentum)
_register(
    "Adam",
    ["var", "m", "v", "beta1_power", "beta2_power", "lr", "beta1", "beta2", "epsilon", "grad"],
    3,
    _adam,
)
_register("Adagrad", ["var", "accum", "lr", "grad"], 2, _adagrad)
_register("RMSProp", ["var", "ms", "mom", "lr", "rho", "momentum", "epsilon", "grad"], 3, _rms_prop)
_register(
    "CenteredRMSProp",
    ["var", "mg", "ms", "mom", "lr", "rho", "momentum", "epsilon", "grad"],
    4,
    _centered_rms_prop,
)
_register(
    "Adadelta", ["var", "accum", "accum_update", "lr", "rho", "epsilon", "grad"], 3, _adadelta
)
