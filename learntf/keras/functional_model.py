"""`keras.Model(inputs, outputs)`: a model made of a graph of layer calls (see functional.py).

Keras 3 returns an instance of its class `Functional` for `keras.Model(inputs, outputs)`; so does
learntf.  Its `layers` include the InputLayers; its weights are named by the layers alone
(`dense/kernel`), since the layers were built before the model existed.
"""

from learntf import nest
from learntf.keras import backend, functional
from learntf.keras.layers import Layer
from learntf.keras.models import Model


class Functional(Model):
    """A model that replays the layer calls recorded from `inputs` to `outputs`."""

    def __init__(self, inputs=None, outputs=None, name=None, trainable=True, **kwargs):
        Layer.__init__(
            self, name=name or backend.unique_name("functional"), trainable=trainable, **kwargs
        )
        self._init_trainer()
        if isinstance(inputs, list) and len(inputs) == 1:
            inputs = inputs[0]  # Keras 3 unwraps a single input given in a list
        self._inputs_struct = inputs
        self._outputs = outputs
        self._flat_inputs = nest.flatten(inputs)
        for t in self._flat_inputs + nest.flatten(outputs):
            if not isinstance(t, functional.KerasTensor):
                raise ValueError(
                    "All `inputs` and `outputs` values must be KerasTensors. Received: "
                    "inputs=%s including invalid value %r of type %s" % (inputs, t, type(t))
                )
        self._nodes_by_depth, operations = functional.map_graph(
            self._flat_inputs, nest.flatten(outputs)
        )
        self._operations = operations
        flat_out = nest.flatten(outputs)
        self._output_shape = flat_out[0].shape if len(flat_out) == 1 else None
        self.built = True

    @property
    def layers(self):
        return list(self._operations)

    @property
    def inputs(self):
        return list(self._flat_inputs)

    @property
    def outputs(self):
        return nest.flatten(self._outputs)

    @property
    def input_shape(self):
        shapes = [t.shape for t in self._flat_inputs]
        return shapes[0] if len(shapes) == 1 else shapes

    def build(self, input_shape):
        self.built = True

    def call(self, inputs, training=None):
        return functional.run_graph(self, inputs)

    def get_layer(self, name=None, index=None):
        if index is not None:
            return self.layers[index]
        for layer in self.layers:
            if layer.name == name:
                return layer
        raise ValueError(
            "No such layer: %s. Existing layers are: %s."
            % (name, [layer.name for layer in self.layers])
        )


_functional_classes = {}


def functional_class(cls):
    """For `MyModel(inputs, outputs)` with MyModel a subclass of keras.Model: a class that is
    both (Keras 3 injects Functional into the subclass the same way); it keeps MyModel's name
    and its train_step, test_step, ... overrides."""
    if cls is Model:
        return Functional
    if cls not in _functional_classes:
        _functional_classes[cls] = type(
            cls.__name__, (cls, Functional), {"__module__": cls.__module__}
        )
    return _functional_classes[cls]
