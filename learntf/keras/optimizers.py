"""Keras optimizers: turn gradients into variable updates (lessons 21 and 22).

    optimizer = keras.optimizers.SGD(learning_rate=0.1)
    optimizer.apply_gradients(zip(grads, model.trainable_variables))

    SGD       var -= lr * g                                   (momentum = 0, the default)
              m = momentum * m - lr * g;  var += m
              (Nesterov: var += momentum * m - lr * g)
    Adam      m = b1 m + (1 - b1) g;  v = b2 v + (1 - b2) g^2
              var -= lr * sqrt(1 - b2^t) / (1 - b1^t) * m / (sqrt(v) + epsilon),  t = step + 1
    RMSprop   v = rho v + (1 - rho) g^2;  var -= lr * g / sqrt(v + epsilon)

`learning_rate` and the step count (`iterations`) are variables, so a train step compiled with
tf.function sees a learning rate changed later.  Plain SGD and Adam run as one fused update op
per variable (the `ResourceApply*` kernels of learntf/train/optimizers.py); slot variables
(`m`, `v`, momentum) are created on the first update.

TensorFlow 2.0 accepted `SGD(lr=0.1)`; Keras 3 (TensorFlow 2.21) rejects it with
`ValueError: Argument(s) not recognized: {'lr': 0.1}`, and so does learntf, naming
`learning_rate` as the fix.
"""

import warnings

import numpy as np

from learntf import dtypes
from learntf.eager.func_graph import current_func_graph, init_scope
from learntf.framework.apply import apply_op
from learntf.keras import backend
from learntf.ops import math_ops
from learntf.ops.variables import Variable
from learntf.trackable.autotrackable import AutoTrackable
from learntf.trackable.base import NoDependency
from learntf.train import optimizers as _fused_kernels  # noqa: F401  (registers ResourceApply*)


class Optimizer(AutoTrackable):
    """Base class: `apply_gradients(grads_and_vars)`, `learning_rate`, `iterations`.

    It is trackable with Keras 3's attributes, so a `tf.train.Checkpoint` names its state as
    TF 2.21 does: `_iterations`, `_learning_rate`, `_variables/N` (every variable it owns:
    iterations, learning rate, then the slots, variable by variable) and
    `_trainable_variables/N` (the model's variables it updates).  The slot lists
    (`_momentums`, `_velocities`, ...) reach the same slots by a longer route.
    """

    # slot name -> (the Keras 3 attribute listing these slots, Keras 3's name for them)
    _slot_lists = {}

    def __init__(
        self,
        learning_rate=0.001,
        weight_decay=None,
        clipnorm=None,
        clipvalue=None,
        global_clipnorm=None,
        use_ema=False,
        ema_momentum=0.99,
        ema_overwrite_frequency=None,
        loss_scale_factor=None,
        gradient_accumulation_steps=None,
        name=None,
        **kwargs,
    ):
        if kwargs.pop("decay", None) is not None:
            warnings.warn(
                "Argument `decay` is no longer supported and will be ignored.", stacklevel=2
            )
        if kwargs:
            hint = ""
            if "lr" in kwargs:
                hint = (
                    "\n(learntf: TensorFlow 2.0's `lr` is called `learning_rate` in Keras 3: "
                    "%s(learning_rate=%r).)" % (type(self).__name__, kwargs["lr"])
                )
            raise ValueError("Argument(s) not recognized: %r%s" % (kwargs, hint))
        if use_ema or gradient_accumulation_steps or loss_scale_factor:
            raise NotImplementedError(
                "learntf's Keras optimizers have no use_ema, gradient_accumulation_steps or "
                "loss_scale_factor."
            )
        if sum(v is not None for v in (clipnorm, clipvalue, global_clipnorm)) > 1:
            raise ValueError(
                "Only one of `clipnorm`, `clipvalue` and `global_clipnorm` can be set. "
                "Received: clipnorm=%s, clipvalue=%s, global_clipnorm=%s"
                % (clipnorm, clipvalue, global_clipnorm)
            )
        self.clipnorm, self.clipvalue, self.global_clipnorm = clipnorm, clipvalue, global_clipnorm
        self.weight_decay = weight_decay
        self.name = name or backend.unique_name(backend.to_snake_case(type(self).__name__))
        self._variables = []
        self._trainable_variables = []
        self._trainable_variables_indices = {}  # (Keras 3's lookup table; saved as an empty node)
        with init_scope():
            self._iterations = Variable(
                np.int64(0), name="%s/iteration" % self.name, trainable=False
            )
            if callable(learning_rate):  # a schedule: a function of the step, no variable
                self._learning_rate = learning_rate
            else:
                self._learning_rate = Variable(
                    np.float32(learning_rate), name="%s/learning_rate" % self.name, trainable=False
                )
        self._variables.extend([self._iterations])
        if not callable(learning_rate):
            self._variables.append(self._learning_rate)
        self._slots = NoDependency({})  # slot name -> [(variable, slot variable)]
        self._built_for = NoDependency([])  # the variables that have slots

    # -- what it holds ----------------------------------------------------------------------
    @property
    def iterations(self):
        """How many updates have been applied (an int64 variable)."""
        return self._iterations

    @property
    def learning_rate(self):
        """The learning rate variable (with a schedule: its value at the current step)."""
        if self._has_schedule():
            return self._learning_rate(self._iterations)
        return self._learning_rate

    @learning_rate.setter
    def learning_rate(self, value):
        if self._has_schedule():
            raise TypeError(
                "This optimizer was created with a `LearningRateSchedule` object as its "
                "`learning_rate` constructor argument, hence its learning rate is not "
                "settable. If you need the learning rate to be settable, you should "
                "instantiate the optimizer with a float `learning_rate` argument."
            )
        self._learning_rate.assign(np.float32(value), read_value=False)

    def _has_schedule(self):
        return not isinstance(self._learning_rate, Variable)

    def _current_learning_rate(self):
        if self._has_schedule():
            return math_ops.cast(self._learning_rate(self._iterations), dtypes.float32)
        return self._learning_rate.value()

    @property
    def variables(self):
        return list(self._variables)

    @property
    def built(self):
        return bool(self._built_for)

    def __getattr__(self, name):
        if name == "lr":
            raise AttributeError(
                "'%s' object has no attribute 'lr'\n(learntf: Keras 3 calls it "
                "`learning_rate`, a variable: optimizer.learning_rate.numpy(), "
                "optimizer.learning_rate = 0.01.)" % type(self).__name__
            )
        raise AttributeError("'%s' object has no attribute '%s'" % (type(self).__name__, name))

    # -- slots --------------------------------------------------------------------------------
    def build(self, var_list):
        """Create the slot variables for `var_list` (done on the first update otherwise)."""
        new = [v for v in var_list if not any(v is b for b in self._built_for)]
        if new:
            for attribute, _ in self._slot_lists.values():
                if attribute not in vars(self):
                    setattr(self, attribute, [])
            self._trainable_variables.extend(new)
            with init_scope():
                self._create_slots(new)
            self._built_for.extend(new)

    def _create_slots(self, var_list):
        pass

    def add_variable_from_reference(self, reference_variable, name):
        """A zero-filled slot variable shaped like `reference_variable`."""
        base = backend.weight_path(reference_variable) or "variable"
        attribute, keras_name = self._slot_lists.get(name, (None, name))
        slot = Variable(
            np.zeros(reference_variable.shape.as_list(), reference_variable.dtype.np),
            name="%s/%s_%s" % (self.name, base.replace("/", "_"), keras_name),
            trainable=False,
        )
        self._slots.setdefault(name, []).append((reference_variable, slot))
        self._variables.append(slot)
        if attribute is not None:
            getattr(self, attribute).append(slot)
        return slot

    def get_slot(self, variable, name):
        for var, slot in self._slots.get(name, ()):
            if var is variable:
                return slot
        return None

    # -- updating ---------------------------------------------------------------------------
    def apply_gradients(self, grads_and_vars):
        """Apply one update per (gradient, variable) pair; pairs whose gradient is None are
        skipped (with a warning); then add 1 to `iterations`."""
        pairs = list(grads_and_vars)
        missing = [v for g, v in pairs if g is None]
        pairs = [(g, v) for g, v in pairs if g is not None]
        if not pairs:
            hint = (
                "the loss does not depend on these variables, or it was computed outside "
                "the GradientTape"
            )
            if current_func_graph() is not None:
                hint = (
                    "inside tf.function, learntf's GradientTape gives None gradients (it "
                    "records eager ops only); run this step without @tf.function, or train "
                    "with model.fit, which compiles its own train step"
                )
            raise ValueError(
                "No gradients provided for any variable.\n(learntf: every gradient "
                "is None: %s.)" % hint
            )
        if missing:
            warnings.warn(
                "Gradients do not exist for variables %s when minimizing the loss. "
                "If using `model.compile()`, did you forget to provide a `loss` "
                "argument?" % [v.name for v in missing],
                stacklevel=2,
            )
        self.build([v for _, v in pairs])
        lr = self._current_learning_rate()
        pairs = list(zip(self._clip_gradients([g for g, _ in pairs]), [v for _, v in pairs]))
        if self.weight_decay is not None:  # Keras 3: var -= var * weight_decay * lr, first
            for _, variable in pairs:
                decay = math_ops.multiply(
                    math_ops.multiply(
                        variable.value(), math_ops.cast(self.weight_decay, variable.dtype)
                    ),
                    math_ops.cast(lr, variable.dtype),
                )
                variable.assign_sub(decay, read_value=False)
        self._prepare_step()
        for grad, variable in pairs:
            lr_v = lr if variable.dtype is dtypes.float32 else math_ops.cast(lr, variable.dtype)
            self._update(grad, variable, lr_v)
        for _, variable in pairs:  # Keras 3 projects constrained weights after the update
            if getattr(variable, "constraint", None) is not None:
                variable.assign(variable.constraint(variable.value()), read_value=False)
        self._iterations.assign_add(np.int64(1), read_value=False)
        return self._iterations

    def apply(self, grads, trainable_variables=None):
        """Keras 3's `apply(grads, variables)`: apply_gradients(zip(grads, variables))."""
        return self.apply_gradients(zip(grads, trainable_variables))

    def _prepare_step(self):
        pass

    def _clip_gradients(self, grads):
        """Keras 3's clipnorm (each gradient), global_clipnorm (all together), clipvalue."""
        if self.clipnorm and self.clipnorm > 0:
            clipped = []
            for g in grads:
                l2sum = math_ops.reduce_sum(math_ops.square(g), keepdims=True)
                l2norm = math_ops.sqrt(l2sum)
                clipped.append(
                    math_ops.divide(
                        math_ops.multiply(g, self.clipnorm), math_ops.maximum(l2norm, self.clipnorm)
                    )
                )
            return clipped
        if self.global_clipnorm and self.global_clipnorm > 0:
            norm = math_ops.sqrt(
                math_ops.add_n([math_ops.reduce_sum(math_ops.square(g)) for g in grads])
            )
            scale = math_ops.multiply(
                self.global_clipnorm,
                math_ops.minimum(math_ops.divide(1.0, norm), 1.0 / self.global_clipnorm),
            )
            return [math_ops.multiply(g, scale) for g in grads]
        if self.clipvalue and self.clipvalue > 0:
            v = self.clipvalue
            return [math_ops.minimum(math_ops.maximum(g, -v), v) for g in grads]
        return grads

    def _update(self, grad, variable, lr):
        raise NotImplementedError

    def get_config(self):
        lr = self._learning_rate
        return {
            "name": self.name,
            "learning_rate": lr.get_config() if self._has_schedule() else float(lr.numpy()),
            "weight_decay": self.weight_decay,
            "clipnorm": self.clipnorm,
            "global_clipnorm": self.global_clipnorm,
            "clipvalue": self.clipvalue,
            **self._own_config(),
        }

    def __repr__(self):
        return "<keras.optimizers.%s name=%s>" % (type(self).__name__, self.name)

    _config_keys = ()  # the subclass's own hyperparameters, added to get_config

    def _own_config(self):
        return {key: getattr(self, key) for key in self._config_keys}


class SGD(Optimizer):
    """Gradient descent, optionally with momentum (Keras 3's defaults: 0.01, no momentum)."""

    _slot_lists = {"momentum": ("momentums", "momentum")}
    _config_keys = ("momentum", "nesterov")

    def __init__(self, learning_rate=0.01, momentum=0.0, nesterov=False, name=None, **kwargs):
        super().__init__(learning_rate=learning_rate, name=name, **kwargs)
        if not 0 <= momentum <= 1:
            raise ValueError(
                "`momentum` must be a float between [0, 1]. Received: momentum=%r" % (momentum,)
            )
        self.momentum = float(momentum)
        self.nesterov = bool(nesterov)

    def _create_slots(self, var_list):
        if self.momentum:
            for variable in var_list:
                self.add_variable_from_reference(variable, "momentum")

    def _update(self, grad, variable, lr):
        if not self.momentum:
            apply_op(
                "ResourceApplyGradientDescent",
                [variable.handle, lr, grad],
                {},
                "ResourceApplyGradientDescent",
            )
            return
        m = self.get_slot(variable, "momentum")
        step = math_ops.multiply(grad, lr)
        m.assign(
            math_ops.subtract(math_ops.multiply(m.value(), self.momentum), step), read_value=False
        )
        if self.nesterov:
            variable.assign_add(
                math_ops.subtract(math_ops.multiply(m.value(), self.momentum), step),
                read_value=False,
            )
        else:
            variable.assign_add(m.value(), read_value=False)


class Adam(Optimizer):
    """Adaptive moment estimation (Kingma and Ba, 2015)."""

    _slot_lists = {"m": ("_momentums", "momentum"), "v": ("_velocities", "velocity")}
    _config_keys = ("beta_1", "beta_2", "epsilon", "amsgrad")

    def __init__(
        self,
        learning_rate=0.001,
        beta_1=0.9,
        beta_2=0.999,
        epsilon=1e-7,
        amsgrad=False,
        name=None,
        **kwargs,
    ):
        super().__init__(learning_rate=learning_rate, name=name, **kwargs)
        if amsgrad:
            raise NotImplementedError("learntf's Adam does not support amsgrad=True.")
        self.beta_1, self.beta_2, self.epsilon = float(beta_1), float(beta_2), float(epsilon)
        self.amsgrad = amsgrad

    def _create_slots(self, var_list):
        for variable in var_list:
            self.add_variable_from_reference(variable, "m")
            self.add_variable_from_reference(variable, "v")

    def _prepare_step(self):
        step = math_ops.cast(math_ops.add(self._iterations.value(), np.int64(1)), dtypes.float32)
        self._beta_1_power = math_ops.pow(np.float32(self.beta_1), step)
        self._beta_2_power = math_ops.pow(np.float32(self.beta_2), step)

    def _update(self, grad, variable, lr):
        d = variable.dtype
        apply_op(
            "ResourceApplyAdam",
            [
                variable.handle,
                self.get_slot(variable, "m").handle,
                self.get_slot(variable, "v").handle,
                math_ops.cast(self._beta_1_power, d),
                math_ops.cast(self._beta_2_power, d),
                lr,
                np.asarray(self.beta_1, d.np),
                np.asarray(self.beta_2, d.np),
                np.asarray(self.epsilon, d.np),
                grad,
            ],
            {},
            "ResourceApplyAdam",
        )


class RMSprop(Optimizer):
    """Divides each step by a running root-mean-square of recent gradients (Hinton, 2012)."""

    def __init__(
        self,
        learning_rate=0.001,
        rho=0.9,
        momentum=0.0,
        epsilon=1e-7,
        centered=False,
        name=None,
        **kwargs,
    ):
        super().__init__(learning_rate=learning_rate, name=name, **kwargs)
        self.rho, self.momentum, self.epsilon = float(rho), float(momentum), float(epsilon)
        self.centered = bool(centered)

    _config_keys = ("rho", "momentum", "epsilon", "centered")
    _slot_lists = {
        "velocity": ("_velocities", "velocity"),
        "momentum": ("_momentums", "momentum"),
        "average_gradient": ("_average_gradients", "average_gradient"),
    }

    def _create_slots(self, var_list):  # one kind after the other, as Keras 3 orders them
        kinds = ["velocity"] + ["momentum"] * bool(self.momentum)
        for kind in kinds + ["average_gradient"] * self.centered:
            for variable in var_list:
                self.add_variable_from_reference(variable, kind)

    def _update(self, grad, variable, lr):
        velocity = self.get_slot(variable, "velocity")
        velocity.assign(
            math_ops.add(
                math_ops.multiply(velocity.value(), self.rho),
                math_ops.multiply(math_ops.square(grad), 1.0 - self.rho),
            ),
            read_value=False,
        )
        denominator = velocity.value()
        if self.centered:
            average = self.get_slot(variable, "average_gradient")
            average.assign(
                math_ops.add(
                    math_ops.multiply(average.value(), self.rho),
                    math_ops.multiply(grad, 1.0 - self.rho),
                ),
                read_value=False,
            )
            denominator = math_ops.subtract(denominator, math_ops.square(average.value()))
        increment = math_ops.divide(
            math_ops.multiply(grad, lr), math_ops.sqrt(math_ops.add(denominator, self.epsilon))
        )
        if self.momentum:
            momentum = self.get_slot(variable, "momentum")
            momentum.assign(
                math_ops.add(math_ops.multiply(momentum.value(), self.momentum), increment),
                read_value=False,
            )
            variable.assign_sub(momentum.value(), read_value=False)
        else:
            variable.assign_sub(increment, read_value=False)


from learntf.keras import schedules  # noqa: E402, F401  (keras.optimizers.schedules)
from learntf.keras.more_optimizers import (  # noqa: E402
    Adadelta,
    Adagrad,
    Adamax,
    AdamW,
    Ftrl,
    Lion,
    Nadam,
)

_BY_NAME = {
    cls.__name__.lower(): cls
    for cls in (SGD, Adam, RMSprop, Adadelta, Adagrad, Adamax, AdamW, Ftrl, Lion, Nadam)
}


def get(identifier):
    """An optimizer from a name ("sgd", "adam", "adamw", ...) or an Optimizer instance."""
    if isinstance(identifier, Optimizer):
        return identifier
    if isinstance(identifier, str) and identifier.lower() in _BY_NAME:
        return _BY_NAME[identifier.lower()]()
    if isinstance(identifier, type) and issubclass(identifier, Optimizer):
        return identifier()
    raise ValueError(
        "Could not interpret optimizer identifier: %s\n(learntf: use a name such as "
        '"sgd", "adam", "rmsprop", "adamw" or an optimizer object such as '
        "keras.optimizers.SGD(learning_rate=0.01).)" % (identifier,)
    )


__all__ = [
    "Optimizer",
    "SGD",
    "Adam",
    "RMSprop",
    "Adadelta",
    "Adagrad",
    "Adamax",
    "AdamW",
    "Ftrl",
    "Lion",
    "Nadam",
    "get",
]
