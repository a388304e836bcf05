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

    def get_config(self):
        """Keras 3's functional config: each layer with the tensors its calls took, as
        [layer name, node index, tensor index], and the model's input and output tensors."""
        from learntf.keras.saving import serialize_keras_object

        def ref(t):
            history = t._keras_history
            return [history.operation.name, history.node_index, history.tensor_index]

        relevant = [n for nodes in self._nodes_by_depth.values() for n in nodes]
        layers = []
        for layer in self._operations:
            entry = serialize_keras_object(layer)
            entry["name"] = layer.name
            entry["inbound_nodes"] = [
                {"args": [nest.map_structure(ref, node.call_args[0])]}
                for node in layer._inbound_nodes
                if node in relevant and not node.is_input
            ]
            layers.append(entry)
        return {
            "name": self.name,
            "trainable": self.trainable,
            "layers": layers,
            "input_layers": nest.map_structure(ref, self._inputs_struct),
            "output_layers": nest.map_structure(ref, self._outputs),
        }

    @classmethod
    def from_config(cls, config, custom_objects=None):
        """Rebuild the layers and call them again on each other's outputs, in order."""
        from learntf.keras.saving import deserialize_keras_object

        layers, outputs = {}, {}
        for entry in config["layers"]:
            layer = deserialize_keras_object(entry, custom_objects)
            layers[entry["name"]] = layer
            if entry["class_name"] == "InputLayer":
                outputs[(entry["name"], 0, 0)] = layer.output

        def is_ref(x):
            return isinstance(x, list) and len(x) == 3 and isinstance(x[0], str)

        def resolve(structure):
            if is_ref(structure):
                return outputs[tuple(structure)]
            if isinstance(structure, list):
                return [resolve(x) for x in structure]
            if isinstance(structure, dict):
                return {k: resolve(v) for k, v in structure.items()}
            return structure

        pending = [e for e in config["layers"] if e["class_name"] != "InputLayer"]
        while pending:
            progress = []
            for entry in pending:
                layer = layers[entry["name"]]
                done = len(layer.__dict__.get("_inbound_nodes", []))
                nodes = entry["inbound_nodes"]
                while done < len(nodes):
                    try:
                        args = resolve(nodes[done]["args"][0])
                    except KeyError:
                        break
                    result = layer(args)
                    for i, t in enumerate(nest.flatten(result)):
                        outputs[(entry["name"], done, i)] = t
                    done += 1
                if done == len(nodes):
                    progress.append(entry)
            if not progress:
                raise ValueError(
                    "Could not rebuild the functional model: a layer's inputs are missing."
                )
            pending = [e for e in pending if not any(e is p for p in progress)]
        return cls(
            resolve(config["input_layers"]), resolve(config["output_layers"]), name=config["name"]
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
