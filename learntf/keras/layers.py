"""Keras layers: objects that own weights and turn inputs into outputs (lesson 21).

A layer is built once, on its first call, when it knows the shape of its input:

    layer = keras.layers.Dense(30, activation="relu")
    y = layer(x)        # first call: build((batch, 8)) creates kernel (8, 30) and bias (30,)
    y = layer(x2)       # later calls reuse the same weights

Subclasses write `build(input_shape)` (create weights with `add_weight`) and `call(inputs)`
(the maths, in TensorFlow ops, so that GradientTape and tf.function work unchanged).  Weights
are eager `tf.Variable`s named `<layer>/<weight>:0`, e.g. `dense/kernel:0`.  A layer held in an
attribute of another layer (or model) is tracked: its weights count as the outer layer's.

`input_shape=(8,)` on the first layer of a Sequential model lets the model build at once (so
`summary()` can show every shape); Keras 3 prefers `keras.Input(shape=(8,))` as the first
element, and warns about `input_shape`, as learntf does.
"""

import inspect
import warnings

import numpy as np

from learntf import dtypes, nest
from learntf.eager.func_graph import FuncGraph, init_scope
from learntf.framework import constant_op
from learntf.framework.execute import EagerTensor
from learntf.framework.graph import Tensor
from learntf.keras import activations, backend, constraints, functional, initializers, regularizers
from learntf.ops import array_ops, math_ops
from learntf.trackable.autotrackable import AutoTrackable

_LAYER_KWARGS = (
    "input_shape",
    "batch_input_shape",
    "batch_size",
    "input_dim",
    "name",
    "dtype",
    "trainable",
    "autocast",
    "weights",
    "activity_regularizer",
)


class Layer(AutoTrackable):
    """The base class of layers: weights (`add_weight`), `build` once, `call` every time.

    A layer is trackable as Keras 3's layers are (they are not `tf.Module`s): a layer or a
    variable put in an attribute becomes a checkpoint child under the attribute's name; a
    list of layers does not (Keras keeps its own list, which `tf.train.Checkpoint` ignores).
    """

    wrap_containers = False

    def __init__(self, trainable=True, name=None, dtype=None, **kwargs):
        unknown = {k: v for k, v in kwargs.items() if k not in _LAYER_KWARGS}
        if unknown:
            raise ValueError(
                "Unrecognized keyword arguments passed to %s: %r\n(learntf: check "
                "the spelling; a layer takes its own arguments plus name=, "
                "dtype=, trainable= and input_shape=.)" % (type(self).__name__, unknown)
            )
        self.name = name or backend.unique_name(backend.to_snake_case(type(self).__name__))
        self._trainable = bool(trainable)
        self.dtype = dtypes.as_dtype(dtype or backend.floatx()).name
        self.built = False
        self._own_weights = []
        self._output_shape = None
        self._batch_input_shape = None
        self._losses = []
        self.activity_regularizer = regularizers.get(kwargs.get("activity_regularizer"))
        if "input_dim" in kwargs and kwargs["input_dim"] is not None:
            kwargs.setdefault("input_shape", (kwargs["input_dim"],))
        if kwargs.get("input_shape") is not None:
            warnings.warn(
                "Do not pass an `input_shape`/`input_dim` argument to a layer. When "
                "using Sequential models, prefer using an `Input(shape)` object as the "
                "first layer in the model instead.",
                UserWarning,
                stacklevel=3,
            )
            self._batch_input_shape = (kwargs.get("batch_size"),) + tuple(kwargs["input_shape"])
        elif kwargs.get("batch_input_shape") is not None:
            self._batch_input_shape = tuple(kwargs["batch_input_shape"])

    # -- weights ---------------------------------------------------------------------------
    def add_weight(
        self,
        name=None,
        shape=None,
        initializer=None,
        dtype=None,
        trainable=True,
        regularizer=None,
        constraint=None,
        **kwargs,
    ):
        """Create a weight of this layer: an eager tf.Variable whose Keras 3 `path` is
        `<layer>/<name>` (under the names of the layers building it: `sequential/dense/kernel`)."""
        if shape is None:
            shape = ()
        if any(d is None for d in shape):
            raise ValueError(
                "Can't create weight %r of layer %r with an unknown dimension: "
                "shape=%r\n(learntf: weights need a full shape; build() gets the "
                "input shape, e.g. shape=(input_shape[-1], self.units).)"
                % (name, self.name, tuple(shape))
            )
        dtype = dtypes.as_dtype(dtype or self.dtype)
        if initializer is None:
            initializer = "glorot_uniform" if dtype.is_floating else "zeros"
        init = initializers.get(initializer)
        weight_name = backend.weight_path_for(self, name or "variable")
        weight = backend.make_weight(weight_name, shape, init, dtype, trainable)
        weight.regularizer = regularizers.get(regularizer)  # a penalty in `layer.losses`
        weight.constraint = constraints.get(constraint)  # applied after each optimizer update
        self._own_weights.append(weight)
        return weight

    def _sublayers(self):
        """Layers held in this layer's attributes (directly, or in lists/tuples/dicts)."""
        found = []
        for key, value in vars(self).items():
            if key.startswith("_layer_skip"):
                continue
            items = (
                value.values()
                if isinstance(value, dict)
                else (value if isinstance(value, (list, tuple)) else (value,))
            )
            for item in items:
                if (
                    isinstance(item, Layer)
                    and item is not self
                    and not any(item is f for f in found)
                ):
                    found.append(item)
        return found

    def _flat_layers(self, seen=None):
        seen = seen if seen is not None else []
        for layer in self._sublayers():
            if not any(layer is s for s in seen):
                seen.append(layer)
                layer._flat_layers(seen)
        return seen

    @property
    def weights(self):
        """Every weight: this layer's own (in creation order), then its sublayers'."""
        result = list(self._own_weights)
        for layer in self._flat_layers():
            for w in layer._own_weights:
                if not any(w is r for r in result):
                    result.append(w)
        return result

    @property
    def variables(self):
        return self.weights

    @property
    def trainable_weights(self):
        if not self.trainable:
            return []
        result = [w for w in self._own_weights if w.trainable]
        for layer in self._flat_layers():
            if layer.trainable:
                result += [
                    w for w in layer._own_weights if w.trainable and not any(w is r for r in result)
                ]
        return result

    trainable_variables = trainable_weights

    @property
    def non_trainable_weights(self):
        trainable = self.trainable_weights
        return [w for w in self.weights if not any(w is t for t in trainable)]

    non_trainable_variables = non_trainable_weights

    @property
    def trainable(self):
        return self._trainable

    @trainable.setter
    def trainable(self, value):
        """Keras 3 sets its sublayers too: a frozen model freezes everything inside it."""
        self._trainable = bool(value)
        for layer in self._flat_layers():
            layer._trainable = bool(value)

    def count_params(self):
        if not self.built:
            raise ValueError(
                "You tried to call `count_params` on layer '%s', but the layer "
                "isn't built. You can build it manually via: `layer.build("
                "input_shape)`." % self.name
            )
        return int(sum(int(np.prod(w.shape.as_list())) for w in self.weights))

    # -- losses ------------------------------------------------------------------------------
    def add_loss(self, loss):
        """Add a loss tensor (computed in call()) to `layer.losses`; fit adds it to the loss."""
        self._losses.extend(nest.flatten(loss))

    def _clear_losses(self):
        self._losses = []
        for layer in self._flat_layers():
            layer._losses = []

    @property
    def losses(self):
        """add_loss values of the last call (this layer's, then its sublayers'), then the
        penalties of the trainable weights' regularizers (computed now, from their values)."""
        result = list(self._losses)
        for layer in self._flat_layers():
            result += layer._losses
        for weight in self.trainable_weights:
            if getattr(weight, "regularizer", None) is not None:
                result.append(weight.regularizer(weight.value()))
        return result

    def get_weights(self):
        """The weights' values, as NumPy arrays."""
        return [np.array(w.numpy()) for w in self.weights]

    def set_weights(self, weights):
        """Assign values (a list of arrays, in the order of `layer.weights`)."""
        mine = self.weights
        if len(weights) != len(mine):
            raise ValueError(
                "You called `set_weights(weights)` on layer '%s' with a weight list "
                "of length %d, but the layer was expecting %d weights."
                % (self.name, len(weights), len(mine))
            )
        for variable, value in zip(mine, weights):
            value = np.asarray(value)
            if tuple(value.shape) != tuple(variable.shape.as_list()):
                raise ValueError(
                    "Layer %s weight shape %s is not compatible with provided "
                    "weight shape %s." % (self.name, tuple(variable.shape.as_list()), value.shape)
                )
            variable.assign(value.astype(variable.dtype.np))

    # -- building and calling --------------------------------------------------------------
    def build(self, input_shape):
        """Create the weights, knowing the input shape (subclasses override this)."""
        self.built = True

    def call(self, inputs, *args, **kwargs):
        """The layer's maths (subclasses override this)."""
        return inputs

    def __call__(self, inputs, *args, **kwargs):
        if functional.is_symbolic((inputs, args, kwargs)):  # keras.Input(...) and its results
            return functional.call_symbolic(self, inputs, args, kwargs)
        inputs = nest.map_structure(lambda v: _as_input_tensor(v, self.dtype), inputs)
        # `training` as Keras 3 passes it: given here, or else the enclosing call's value
        training = kwargs.pop("training", None)
        if training is None:
            training = backend.current_training()
        if training is not None and _accepts(type(self).call, "training"):
            kwargs["training"] = training
        if not backend.in_layer_call():
            self._clear_losses()  # an outermost call: the losses of the last call go
        with backend.owner_scope(self), backend.training_scope(training):
            if not self.built:
                self._build_for(inputs)
            outputs = self.call(inputs, *args, **kwargs)
            if self.activity_regularizer is not None:  # Keras 3: per example of the batch
                for output in nest.flatten(outputs):
                    penalty = self.activity_regularizer(output)
                    if output.shape.rank:
                        batch = math_ops.cast(array_ops.shape(output)[0], penalty.dtype)
                        penalty = math_ops.divide(penalty, batch)
                    self.add_loss(penalty)
        if self._output_shape is None and hasattr(outputs, "shape"):
            self._output_shape = _batchless(outputs.shape)
        return outputs

    def _build_for(self, inputs):
        shape = nest.map_structure(
            lambda t: tuple(t.shape.as_list()) if hasattr(t, "shape") else None, inputs
        )
        with init_scope():  # weights are eager variables, even when first called in a trace
            self.build(shape)
        self.built = True

    def compute_output_shape(self, input_shape):
        """The output shape for `input_shape`, found by calling the layer on a symbolic input
        (a placeholder in a scratch graph: no values are computed)."""
        return symbolic_output_shape(self, input_shape)

    @property
    def output_shape(self):
        if self._output_shape is None:
            raise AttributeError(
                "The layer %s has never been called and thus has no defined "
                "output shape." % self.name
            )
        return self._output_shape

    def get_config(self):
        return {"name": self.name, "trainable": self.trainable, "dtype": self.dtype}

    @classmethod
    def from_config(cls, config):
        """The layer `get_config` described (its weights are new: load them separately)."""
        return cls(**config)

    def __repr__(self):
        return "<%s name=%s, built=%s>" % (type(self).__name__, self.name, self.built)


_accepts_cache = {}


def _accepts(function, argument):
    key = (function, argument)
    if key not in _accepts_cache:
        try:
            parameters = inspect.signature(function).parameters
            _accepts_cache[key] = argument in parameters or any(
                p.kind is inspect.Parameter.VAR_KEYWORD for p in parameters.values()
            )
        except (TypeError, ValueError):
            _accepts_cache[key] = False
    return _accepts_cache[key]


def _batchless(shape):
    dims = shape.as_list() if hasattr(shape, "as_list") else list(shape)
    if dims is None:
        return None
    return tuple([None] + list(dims[1:])) if dims else ()


def _as_input_tensor(value, dtype):
    """Keras's input conversion: arrays and lists become tensors, and floats take the layer's
    dtype (a float64 array meets float32 weights as float32, as Keras autocasts)."""
    if type(value) is EagerTensor or isinstance(value, Tensor):
        if value.dtype.is_floating and value.dtype.name != dtype:
            return math_ops.cast(value, dtypes.as_dtype(dtype))
        return value
    if hasattr(value, "_as_graph_element") or hasattr(value, "handle"):
        return value  # a variable: ops read it
    array = np.asarray(value)
    if array.dtype.kind in "fb":  # integers stay integers (labels, indices)
        array = array.astype(dtypes.as_dtype(dtype).np)
    return constant_op.convert_to_tensor(array)


def symbolic_output_shape(layer, input_shape):
    """Call `layer` on a placeholder of `input_shape` inside a scratch tf.function graph and
    read the output's static shape (weights are created eagerly if the layer builds now)."""
    graph = FuncGraph("compute_output_shape")
    with graph.as_default():
        inputs = array_ops.placeholder(
            dtypes.as_dtype(layer.dtype), shape=list(input_shape), name="inputs"
        )
        outputs = layer(inputs)
    return tuple(outputs.shape.as_list()) if outputs.shape.rank is not None else None


# -- the layers ------------------------------------------------------------------------------------
class InputLayer(Layer):
    """The model's input: only a shape (and dtype).  `keras.Input(shape=(8,))` makes one."""

    def __init__(
        self, shape=None, batch_size=None, dtype=None, name=None, batch_shape=None, **kwargs
    ):
        if shape is None and kwargs.get("input_shape") is not None:
            shape = kwargs.pop("input_shape")
        kwargs.pop("input_shape", None)
        if shape is None and batch_shape is not None:
            batch_size, shape = batch_shape[0], tuple(batch_shape[1:])
        super().__init__(name=name, dtype=dtype)
        if shape is None:
            raise ValueError(
                "You must pass a `shape` argument to keras.Input / InputLayer, "
                "e.g. keras.Input(shape=(8,)) for rows of 8 features."
            )
        self.shape = (batch_size,) + tuple(shape)
        self._batch_input_shape = self.shape
        self._output_shape = self.shape
        self.built = True
        self.output = functional.KerasTensor(
            self.shape, self.dtype, name=name, history=functional.KerasHistory(self, 0, 0)
        )
        functional.Node(self, outputs=self.output)

    @property
    def batch_shape(self):
        return self.shape

    def get_config(self):
        return {"batch_shape": list(self.shape), "dtype": self.dtype, "name": self.name}


def Input(shape=None, batch_size=None, dtype=None, name=None, **kwargs):  # Keras's name
    """A symbolic model input of `shape` (without the batch dimension): a KerasTensor, made by
    an InputLayer; the start of a functional model, or the first element of a Sequential."""
    layer = InputLayer(shape=shape, batch_size=batch_size, dtype=dtype, name=name, **kwargs)
    return layer.output


def add_kernel_and_bias(layer, kernel_shape, bias_shape):
    """A Dense or Conv layer's weights, as Keras 3 makes them: `_kernel` (Keras 3's attribute:
    checkpoints say `_kernel`) and `bias` (None without use_bias), each with the layer's
    initializer, regularizer and constraint."""
    layer._kernel = layer.add_weight(
        name="kernel",
        shape=kernel_shape,
        initializer=layer.kernel_initializer,
        regularizer=layer.kernel_regularizer,
        constraint=layer.kernel_constraint,
    )
    layer.bias = (
        layer.add_weight(
            name="bias",
            shape=bias_shape,
            initializer=layer.bias_initializer,
            regularizer=layer.bias_regularizer,
            constraint=layer.bias_constraint,
        )
        if layer.use_bias
        else None
    )


class Dense(Layer):
    """`activation(inputs @ kernel + bias)`: every input connected to every unit."""

    def __init__(
        self,
        units,
        activation=None,
        use_bias=True,
        kernel_initializer="glorot_uniform",
        bias_initializer="zeros",
        kernel_regularizer=None,
        bias_regularizer=None,
        activity_regularizer=None,
        kernel_constraint=None,
        bias_constraint=None,
        **kwargs,
    ):
        super().__init__(**kwargs)
        if not isinstance(units, (int, np.integer)) or units <= 0:
            raise ValueError(
                "Received an invalid value for `units`, expected a positive "
                "integer. Received: units=%s" % (units,)
            )
        self.units = int(units)
        self.activation = activations.get(activation)
        self.use_bias = use_bias
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self.bias_regularizer = regularizers.get(bias_regularizer)
        self.kernel_constraint = constraints.get(kernel_constraint)
        self.bias_constraint = constraints.get(bias_constraint)
        self.activity_regularizer = regularizers.get(activity_regularizer)

    def build(self, input_shape):
        if input_shape is None or input_shape[-1] is None:
            raise ValueError(
                "The last dimension of the inputs to a Dense layer should be "
                "defined. Found None. Full input shape received: %s" % (input_shape,)
            )
        add_kernel_and_bias(self, (input_shape[-1], self.units), (self.units,))
        self.built = True

    @property
    def kernel(self):
        return self._kernel

    def call(self, inputs):
        rank = inputs.shape.rank
        last = inputs.shape.as_list()[-1] if rank else None
        if last is not None and last != self.kernel.shape[0]:  # (Keras 3's InputSpec check)
            raise ValueError(
                "Input 0 with name 'None' of layer '%s' is incompatible with the layer: "
                "expected axis -1 of input shape to have value %d, but received input with "
                "shape %s\n(learntf: the layer was built for %d features; give it inputs "
                "with %d in the last axis, or a new layer.)"
                % (
                    self.name,
                    self.kernel.shape[0],
                    tuple(inputs.shape.as_list()),
                    self.kernel.shape[0],
                    self.kernel.shape[0],
                )
            )
        if rank is not None and rank > 2:  # Keras 3: the last axis meets the kernel
            dims = inputs.shape.as_list()
            flat = array_ops.reshape(inputs, [-1, dims[-1]])
            outputs = math_ops.matmul(flat, self.kernel)
            if self.bias is not None:
                outputs = math_ops.add(outputs, self.bias)
            batch = array_ops.shape(inputs)[:1]
            shape = array_ops.concat([batch, [d for d in dims[1:-1]] + [self.units]], axis=0)
            return self.activation(array_ops.reshape(outputs, shape))
        outputs = math_ops.matmul(inputs, self.kernel)
        if self.bias is not None:
            outputs = math_ops.add(outputs, self.bias)
        return self.activation(outputs)

    def get_config(self):
        config = super().get_config()
        config.update(
            units=self.units,
            activation=activations.serialize(self.activation),
            use_bias=self.use_bias,
        )
        return config


class Activation(Layer):
    """Applies an activation function: `Activation("softplus")`."""

    def __init__(self, activation, **kwargs):
        super().__init__(**kwargs)
        self.activation = activations.get(activation)

    def call(self, inputs):
        return self.activation(inputs)


class Lambda(Layer):
    """Wraps a function of tensors as a layer: `Lambda(lambda x: tf.nn.softplus(x))`."""

    def __init__(self, function, output_shape=None, mask=None, arguments=None, **kwargs):
        super().__init__(**kwargs)
        if not callable(function):
            raise TypeError("Lambda's `function` must be callable, got %r." % (function,))
        self.function = function
        self.arguments = dict(arguments or {})

    def call(self, inputs):
        return self.function(inputs, **self.arguments)


class Flatten(Layer):
    """Reshapes (batch, d1, d2, ...) to (batch, d1 * d2 * ...)."""

    def call(self, inputs):
        dims = inputs.shape.as_list()
        if dims is None or any(d is None for d in dims[1:]):
            raise ValueError(
                "learntf's Flatten needs the non-batch dimensions of its input to "
                "be known; got shape %s." % (inputs.shape,)
            )
        return array_ops.reshape(inputs, [-1, int(np.prod(dims[1:]))])


__all__ = ["Layer", "InputLayer", "Input", "Dense", "Activation", "Lambda", "Flatten"]

# The other layers live in their own modules; `keras.layers.X` names them all.
from learntf.keras.conv_layers import (  # noqa: E402, F401
    AveragePooling2D,
    AvgPool2D,
    Conv2D,
    GlobalAveragePooling2D,
    GlobalAvgPool2D,
    GlobalMaxPool2D,
    GlobalMaxPooling2D,
    MaxPool2D,
    MaxPooling2D,
)
from learntf.keras.core_layers import Dropout, Embedding, Reshape  # noqa: E402
from learntf.keras.merging import (  # noqa: E402, F401
    Add,
    Average,
    Concatenate,
    Maximum,
    Minimum,
    Multiply,
    Subtract,
    add,
    average,
    concatenate,
    maximum,
    minimum,
    multiply,
    subtract,
)
from learntf.keras.normalization import BatchNormalization, LayerNormalization  # noqa: E402

__all__ += [
    "Conv2D",
    "MaxPooling2D",
    "AveragePooling2D",
    "GlobalAveragePooling2D",
    "GlobalMaxPooling2D",
    "Dropout",
    "Embedding",
    "Reshape",
    "BatchNormalization",
    "LayerNormalization",
    "Concatenate",
    "Add",
    "Subtract",
    "Multiply",
    "Average",
    "Maximum",
    "Minimum",
]
