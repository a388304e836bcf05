"""What every Keras module shares: layer names, the weight variable class, and gradients that
work both eagerly and inside a traced `tf.function` (lesson 21 meets them through `fit`).

* Names: each new layer, model or metric without a name gets its class name in snake_case,
  made unique per process as Keras does (`dense`, `dense_1`, ...).  `clear_session()` starts
  the counts again, which is what a notebook re-run wants.
* `WeightVariable`: the eager `tf.Variable` that `Layer.add_weight` creates.
* `gradients(loss_fn, variables)`: the loss and its gradients, with a GradientTape when running
  eagerly and with `tf.gradients` on the traced graph when `fit` has compiled the train step.
"""

import re

import numpy as np

from learntf import dtypes
from learntf.eager.func_graph import current_func_graph, init_scope
from learntf.eager.tape import GradientTape
from learntf.framework import context
from learntf.framework import graph as graph_module
from learntf.framework.execute import EagerTensor
from learntf.framework.graph import Tensor
from learntf.ops.gradients_util import gradients as graph_gradients
from learntf.ops.variables import Variable

_name_counts = {}


def floatx():
    """Keras's default float type for weights and inputs."""
    return "float32"


def to_snake_case(name):
    """`CustomizedDenseLayer` -> `customized_dense_layer` (Keras's rule)."""
    name = re.sub(r"(.)([A-Z][a-z]+)", r"\1_\2", name)
    return re.sub(r"([a-z])([A-Z])", r"\1_\2", name).lower()


def unique_name(base):
    """`base` the first time, then `base_1`, `base_2`, ... (per process, until clear_session)."""
    count = _name_counts.get(base, 0)
    _name_counts[base] = count + 1
    return base if count == 0 else "%s_%d" % (base, count)


# The layers being called or built, outermost first: a weight's path starts with their names, as
# Keras 3's name scopes make it ("sequential/dense/kernel" for a Dense built by its Sequential).
_owner_stack = []


class owner_scope:
    """`with owner_scope(layer):` weights created inside belong under `layer`'s name."""

    def __init__(self, layer):
        self.layer = layer

    def __enter__(self):
        # (a model building itself calls itself: its name goes in once)
        self.pushed = not (_owner_stack and _owner_stack[-1] is self.layer)
        if self.pushed:
            _owner_stack.append(self.layer)

    def __exit__(self, *exc):
        if self.pushed:
            _owner_stack.pop()


# The `training` value of the layer calls in progress (Keras 3's call context): a layer called
# without `training=` inside another's call gets the outer value.
_training_stack = []


def current_training():
    return _training_stack[-1] if _training_stack else None


class training_scope:
    def __init__(self, training):
        self.training = training

    def __enter__(self):
        _training_stack.append(self.training if self.training is not None else current_training())

    def __exit__(self, *exc):
        _training_stack.pop()


def in_layer_call():
    """True while a layer's call is running (its sublayers' calls are not outermost)."""
    return bool(_owner_stack)


def weight_path_for(layer, name):
    """The path of `layer`'s new weight `name`: the enclosing layers' names, its own, the name."""
    owners = list(_owner_stack)
    if not owners or owners[-1] is not layer:
        owners.append(layer)
    return "/".join([owner.name for owner in owners] + [name])


def clear_session():
    """Forget the names handed out so far: the next Dense layer is `dense` again."""
    _name_counts.clear()


def executing_eagerly():
    return context.executing_eagerly()


class WeightVariable(Variable):
    """A layer's (or a metric's) weight: an eager tf.Variable, shown as Keras 3 shows its own.

    Keras 3's variables have a short `name` ("kernel") and a `path` naming their owner
    ("dense/kernel"), and print as `<Variable path=dense/kernel, shape=(3, 2), dtype=float32,
    value=[...]>`.  (The tf.Variable underneath, Keras's `variable.value`, is named by the path:
    "dense/kernel:0".)  Reads keep the static shape when traced: learntf's tf.function reads a
    captured variable with an unknown shape, and Keras layers need it (`Dense(10)`'s output is
    `(None, 10)`).
    """

    def __init__(self, initial_value=None, name=None, **kwargs):
        super().__init__(initial_value, name=name, **kwargs)
        self._path = name or "variable"

    @property
    def name(self):
        return self._path.rpartition("/")[2]

    @property
    def path(self):
        return self._path

    def value(self):
        read = super().value()
        if type(read) is Tensor:
            read.set_shape(self._shape)
        return read

    def __repr__(self):
        value = self._handle._value.read()
        return "<Variable path=%s, shape=%s, dtype=%s, value=%s>" % (
            self._path,
            tuple(self._shape.as_list()),
            self._dtype.name,
            np.asarray(value),
        )

    __str__ = __repr__


def weight_path(variable):
    """A weight's path ("dense/kernel"), or a plain tf.Variable's name without ":0"."""
    return getattr(variable, "path", None) or variable.name.rpartition(":")[0]


def make_weight(name, shape, initializer, dtype, trainable):
    """A WeightVariable holding `initializer(shape, dtype)`, created eagerly even while a
    function is being traced (variables outlive the trace, as in TensorFlow)."""
    dtype = dtypes.as_dtype(dtype)
    with init_scope(), graph_module.name_scope(None):  # (Keras 3: no name scope in the name)
        return WeightVariable(
            lambda: initializer(tuple(shape), dtype=dtype),
            name=name,
            dtype=dtype,
            trainable=trainable,
        )


def gradients(loss_fn, variables):
    """(loss, [d loss / d v for v in variables]) for `loss = loss_fn()`.

    Eagerly, a GradientTape records loss_fn and replays it backwards.  While tracing (fit's
    compiled train step), the ops are graph ops; tf.gradients adds the backward pass to the
    traced graph, differentiating with respect to each variable's captured handle.
    """
    graph = current_func_graph()
    if graph is None:
        with GradientTape() as tape:
            loss = loss_fn()
        return loss, tape.gradient(loss, list(variables))
    loss = loss_fn()
    handles = [graph.capture(v.handle) for v in variables]
    return loss, graph_gradients(loss, handles)


def to_numpy(value):
    """A tensor, variable or array-like as a NumPy array."""
    if isinstance(value, (EagerTensor, Variable)):
        return np.asarray(value.numpy())
    return np.asarray(value)


def standardize_array(value):
    """Inputs as Keras takes them: floats become float32 (Keras's floatx); others are kept."""
    array = to_numpy(value)
    if array.dtype.kind == "f" and array.dtype != np.float32:
        array = array.astype(np.float32)
    elif array.dtype.kind == "b":
        array = array.astype(np.float32)
    return array


# keras.backend's tensor functions (K.mean, K.square, K.epsilon, ...): legacy_backend.py
from learntf.keras.legacy_backend import *  # noqa: E402, F403
