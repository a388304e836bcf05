"""Models: layers plus training (lesson 21).

    model = keras.models.Sequential([
        keras.layers.Dense(30, activation="relu", input_shape=(8,)),
        keras.layers.Dense(1),
    ])
    model.summary()                      # the layer table: names, output shapes, parameters
    model.compile(loss="mse", optimizer="sgd")
    history = model.fit(x, y, epochs=10, validation_data=(x_val, y_val))

`Sequential` calls its layers one after another.  With an input shape (`input_shape=` on the
first layer, or `keras.Input(shape=...)` first) it builds at once: it runs the layers on a
placeholder in a scratch graph, which creates their weights and records each output shape
without computing anything.  Otherwise it builds on its first call or fit.

A subclass of `keras.Model` defines its own `call`; layers held in its attributes are tracked.

`save_weights(path)` / `load_weights(path)` write and read a TF checkpoint of the model
(PATH.index + PATH.data-00000-of-00001) through `tf.train.Checkpoint` (learntf/train/
checkpoint.py): weights are matched by their place in the model, so a new model of the same
architecture loads them.  (Keras 3 in TF 2.21 writes `.weights.h5` files instead; see
`Model.save_weights`.)
"""

import os
import shutil

import numpy as np

from learntf import dtypes
from learntf.eager.func_graph import FuncGraph
from learntf.keras import backend
from learntf.keras import layers as layers_module
from learntf.keras.functional import KerasTensor
from learntf.keras.layers import InputLayer, Layer
from learntf.keras.trainer import Trainer
from learntf.ops import array_ops
from learntf.trackable.autotrackable import AutoTrackable
from learntf.train import checkpoint_format, checkpoint_management
from learntf.train.checkpoint import Checkpoint, record_latest


class Model(Trainer, Layer):
    """A layer that can be trained: compile, fit, evaluate, predict, summary, save_weights."""

    def __new__(cls, *args, **kwargs):
        if _functional_arguments(args, kwargs):
            from learntf.keras.functional_model import Functional, functional_class

            if not issubclass(cls, Functional):  # Keras 3: Model(inputs, outputs) is functional
                return Functional.__new__(functional_class(cls))
        return super().__new__(cls)

    def __init__(self, *args, **kwargs):
        if _functional_arguments(args, kwargs):
            from learntf.keras.functional_model import Functional

            return Functional.__init__(self, *args, **kwargs)
        Layer.__init__(self, **kwargs)
        self._init_trainer()

    @property
    def layers(self):
        return [layer for layer in self._sublayers() if not isinstance(layer, InputLayer)]

    def build(self, input_shape):
        """Build every layer for `input_shape` by a symbolic call (no values computed)."""
        if not self.built and type(self).call is not Model.call:
            self.built = True  # before the call below, so that it does not build again
            layers_module.symbolic_output_shape(self, input_shape)
        self.built = True

    def call(self, inputs, training=None):
        raise NotImplementedError("Subclasses of keras.Model define call(self, inputs).")

    def get_layer(self, name=None, index=None):
        """The layer called `name` (or at position `index` of `model.layers`)."""
        if index is not None:
            if len(self.layers) <= index:
                raise ValueError(
                    "Was asked to retrieve layer at index %d but model only has %d layers."
                    % (index, len(self.layers))
                )
            return self.layers[index]
        for layer in self.layers:
            if layer.name == name:
                return layer
        raise ValueError(
            "No such layer: %s. Existing layers are: %s."
            % (name, [layer.name for layer in self.layers])
        )

    # -- summary ---------------------------------------------------------------------------
    def summary(
        self,
        line_length=None,
        positions=None,
        print_fn=None,
        expand_nested=False,
        show_trainable=False,
        layer_range=None,
    ):
        """Print the layer table (Keras 3's boxed layout): each layer's name and class, output
        shape and parameter count, then the totals."""
        text = summary_text(self, line_length, positions)
        if print_fn is None:
            print(text)
        else:
            print_fn(text + "\n")  # Keras 3 hands print_fn the whole text at once

    # -- weights on disk ----------------------------------------------------------------------
    def save_weights(self, filepath, overwrite=True):
        """Write every weight to the TF checkpoint `filepath` (filepath.index +
        filepath.data-00000-of-00001) with `tf.train.Checkpoint(root=model).write`, and name
        it in the directory's `checkpoint` file.

        This is TF 2's older Keras format: the keys are the object paths
        (`_functional/_operations/1/_kernel/.ATTRIBUTES/VARIABLE_VALUE`).  Keras 3 (TF 2.21)
        refuses it: its save_weights requires a filename ending in `.weights.h5` and writes
        HDF5, which learntf cannot write (it has no h5py).  In TF 2.21 write such checkpoints
        with `tf.train.Checkpoint(model=model).write(path)`."""
        if not self.built:
            raise ValueError(
                "Unable to save weights: the model %r has not been built yet, so "
                "it has no weights. Call it on data, fit it, or give its first "
                "layer an input shape." % self.name
            )
        filepath = os.fspath(filepath)
        if not overwrite and checkpoint_format.checkpoint_exists(filepath):
            raise FileExistsError("%s exists and overwrite=False." % filepath)
        path = Checkpoint(root=self).write(filepath)
        record_latest(path, [path])

    def load_weights(self, filepath, skip_mismatch=False):
        """Restore weights written by save_weights (or any checkpoint of this model as a
        Checkpoint root), matching them by their place in the model, not by name.  Raises
        if a weight of this model found no value (unless `skip_mismatch`)."""
        filepath = os.fspath(filepath)
        if os.path.isdir(filepath):
            found = checkpoint_management.latest_checkpoint(filepath)
            if found is None:
                raise FileNotFoundError("No checkpoint found in directory %s." % filepath)
            filepath = found
        if not self.built:
            raise ValueError(
                "Unable to load weights into the model %r: it has not been built "
                "yet. Build it first (call it on a batch, or give its first layer "
                "an input shape), then load the weights." % self.name
            )
        status = Checkpoint(root=self).read(filepath, skip_mismatch=skip_mismatch)
        status.expect_partial()  # an optimizer saved with the model may not exist yet
        if not skip_mismatch:
            status.assert_existing_objects_matched()
        return status

    def save(self, filepath, overwrite=True, zipped=None, **kwargs):
        """Save the whole model - its config and its weights - as a `.keras` zip, which
        `keras.models.load_model` reads back.  As Keras 3's, with one difference: the weights
        are in `model.weights.npz` (NumPy) where Keras 3 writes `model.weights.h5` (HDF5,
        which learntf cannot write): see learntf/keras/saving.py.  `.h5` files: not written."""
        filepath = os.fspath(filepath)
        if filepath.endswith(".keras"):
            from learntf.keras import saving

            return saving.save_model(self, filepath, overwrite=overwrite)
        if not filepath.endswith((".keras", ".h5")):
            raise ValueError(
                "Invalid filepath extension for saving. Please add either a `.keras` extension "
                "for the native Keras format (recommended) or a `.h5` extension. Use "
                "`model.export(filepath)` if you want to export a SavedModel for use with "
                "TFLite/TFServing/etc. Received: filepath=%s." % filepath
            )
        raise NotImplementedError(
            "learntf cannot write Keras's %s files (HDF5).\n(learntf: save as .keras, or "
            "the weights with tf.train.Checkpoint(model=model).write(path), or the model's "
            "functions with tf.saved_model.save; in a new program, build the same model and "
            "restore.)" % filepath[filepath.rfind(".") :]
        )


class Sequential(Model):
    """A stack of layers, each taking the previous one's output."""

    def __init__(self, layers=None, name=None, trainable=True):
        super().__init__(name=name, trainable=trainable)
        self._layers = []
        for layer in layers or []:
            self.add(layer, rebuild=False)
        self._build_if_input_known()

    @property
    def layers(self):
        return list(self._layers)

    def add(self, layer, rebuild=True):
        """Append a layer (a keras.Input first sets the input shape)."""
        if isinstance(layer, KerasTensor):  # keras.Input(shape=...)
            layer = layer._keras_history.operation
        if isinstance(layer, InputLayer):
            if self._layers:
                raise ValueError("An Input can only be the first element of a Sequential model.")
            self._batch_input_shape = layer.shape
        elif not isinstance(layer, Layer):
            raise ValueError(
                "Only instances of `keras.Layer` can be added to a Sequential "
                "model. Received: %r (of type %s)" % (layer, type(layer))
            )
        else:
            if any(existing.name == layer.name for existing in self._layers):
                raise ValueError(
                    "All layers added to a Sequential model should have unique "
                    "names. Name '%s' is already the name of a layer in this "
                    "model. Update the `name` argument to pass a unique name." % layer.name
                )
            self._layers.append(layer)
        if rebuild:
            self.built = False
            self._untrack("_functional")
            self._build_if_input_known()

    def get_config(self):
        from learntf.keras.saving import serialize_keras_object

        layers = ([self._input_layer_config()] if self._input_shape_given() else []) + [
            serialize_keras_object(layer) for layer in self._layers
        ]
        config = {"name": self.name, "trainable": self.trainable, "dtype": self.dtype}
        config["layers"] = layers
        if self.built and getattr(self, "_build_input_shape", None) is not None:
            config["build_input_shape"] = list(self._build_input_shape)
        return config

    def _input_layer_config(self):
        shape = list((None,) + tuple(self._input_shape_given()[1:]))
        return {
            "module": "keras.layers",
            "class_name": "InputLayer",
            "config": {"batch_shape": shape, "dtype": self.dtype, "name": "input_layer"},
            "registered_name": None,
        }

    @classmethod
    def from_config(cls, config, custom_objects=None):
        from learntf.keras.saving import deserialize_keras_object

        model = cls(name=config["name"])
        for layer_config in config["layers"]:
            if layer_config["class_name"] == "InputLayer":
                model._batch_input_shape = tuple(layer_config["config"]["batch_shape"])
                continue
            model.add(deserialize_keras_object(layer_config, custom_objects), rebuild=False)
        if config.get("build_input_shape") is not None:
            model.build(tuple(config["build_input_shape"]))
        return model

    def pop(self):
        layer = self._layers.pop()
        self.built = False
        self._untrack("_functional")
        self._build_if_input_known()
        return layer

    def _input_shape_given(self):
        if self._batch_input_shape is not None:
            return self._batch_input_shape
        if self._layers and self._layers[0]._batch_input_shape is not None:
            return self._layers[0]._batch_input_shape
        return None

    def _build_if_input_known(self):
        shape = self._input_shape_given()
        if shape is not None and self._layers:
            self.build(shape)

    def build(self, input_shape=None):
        """Run the layers on a placeholder of `input_shape` (batch dimension None): each builds
        its weights and records its output shape."""
        input_shape = input_shape or self._input_shape_given()
        if input_shape is None:
            raise ValueError("You must provide an `input_shape` argument.")
        input_shape = (None,) + tuple(input_shape[1:])
        if self._layers:
            graph = FuncGraph("sequential_build")
            with graph.as_default(), backend.owner_scope(self):
                x = array_ops.placeholder(
                    dtypes.as_dtype(self.dtype), shape=list(input_shape), name="inputs"
                )
                for layer in self._layers:
                    x = layer(x)
                    layer._output_shape = _batchless_shape(x)
            self._output_shape = _batchless_shape(x)
        self._build_input_shape = input_shape
        self._functional = _FunctionalView(self._layers)
        self.built = True

    def call(self, inputs, training=None):
        x = inputs
        for layer in self._layers:
            x = layer(x, training=training)
        return x


class _FunctionalView(AutoTrackable):
    """Where a Sequential's layers sit in its checkpoints.  Keras 3 builds a Sequential into
    a functional model, `_functional`, whose `_operations` are its input layer and then its
    layers; checkpoints name a weight by that route: `_functional/_operations/1/_kernel`."""

    def __init__(self, layers):
        self._operations = [AutoTrackable()] + list(layers)  # [the input layer, layers...]


def _functional_arguments(args, kwargs):
    """Keras 3's test for `Model(inputs, outputs)` arguments."""
    return (
        len(args) == 2
        or (len(args) == 1 and "outputs" in kwargs)
        or ("inputs" in kwargs and "outputs" in kwargs)
    )


# -- helpers ---------------------------------------------------------------------------------------
def _batchless_shape(tensor):
    dims = tensor.shape.as_list()
    return None if dims is None else tuple([None] + list(dims[1:]))


def _count(weights):
    return int(sum(int(np.prod(w.shape.as_list())) for w in weights))


def _memory(weights):
    return sum(int(np.prod(w.shape.as_list())) * w.dtype.np.itemsize for w in weights)


def readable_memory_size(size):
    for unit in ("B", "KB", "MB", "GB", "TB"):
        if size / 1024 < 1:
            return "%.2f %s" % (size, unit)
        size /= 1024
    return "%.2f PB" % size


def _format_shape(layer):
    shape = layer._output_shape
    if shape is None:
        return "?"
    return "(%s)" % ", ".join("None" if d is None else str(d) for d in shape)


def _wrap(text, width):
    """Split `text` into lines of at most `width` characters, at spaces where possible."""
    lines, current = [], ""
    for word in text.split(" "):
        if len(word) > width:  # rich's "ellipsis" overflow: a word too long is cut short
            if current:
                lines.append(current)
            lines.append(word[: width - 1] + "…")
            current = ""
            continue
        if not current:
            current = word
        elif len(current) + 1 + len(word) <= width:
            current += " " + word
        else:
            lines.append(current)
            current = word
    if current or not lines:
        lines.append(current)
    return lines


def _ratio_reduce(total, values):
    """rich's ratio_reduce with equal ratios: take `total` from `values`, in turn, each its
    rounded share of what remains (Python's round: halves to even)."""
    result, remaining, count = [], total, len(values)
    for value in values:
        share = min(value, round(remaining / count))
        result.append(value - share)
        remaining -= share
        count -= 1
    return result


def _sequential_like(model):
    """Keras 3 adds a "Connected to" column for a functional model with branches."""
    nodes_by_depth = getattr(model, "_nodes_by_depth", None)
    if nodes_by_depth is None:
        return True
    nodes = []
    for depth_nodes in nodes_by_depth.values():
        if len(depth_nodes) > 1 or (
            len(depth_nodes) == 1 and len(depth_nodes[0].input_tensors) > 1
        ):
            return False
        nodes += depth_nodes
    for layer in model.layers:
        if sum(1 for node in layer._inbound_nodes if node in nodes) > 1:
            return False
    return True


def _connections(model, layer):
    relevant = [n for nodes in model._nodes_by_depth.values() for n in nodes]
    names = []
    for node in layer._inbound_nodes:
        if node in relevant:
            for t in node.input_tensors:
                history = t._keras_history
                names.append(
                    "%s[%d][%d]"
                    % (history.operation.name, history.node_index, history.tensor_index)
                )
    return ", ".join(names) or "-"


def summary_text(model, line_length=None, positions=None):
    """The text of model.summary(): a boxed table as Keras 3 draws it, then the totals."""
    connected = not _sequential_like(model)
    default = min(108 if connected else 88, shutil.get_terminal_size().columns - 4)
    line_length = line_length or default
    positions = positions or ([0.3, 0.56, 0.74, 1.0] if connected else [0.45, 0.80, 1.0])
    if positions[-1] <= 1:
        positions = [int(line_length * p) for p in positions]
    widths, current = [], 0
    for position in positions:
        widths.append(position - current)
        current = position
    if min(widths) < 4:
        raise ValueError("Insufficient console width to print summary.")
    # Keras 3 draws the table with rich: a column of width w takes w + 2 with its padding, and
    # the table's borders take one more character per column plus one; rich then takes the
    # excess back from the columns in turn (its ratio_reduce), so the text widths are:
    spans = [w + 2 for w in widths]
    excess = sum(spans) - (line_length - len(widths) - 1)
    if excess > 0:
        spans = _ratio_reduce(excess, spans)
    text_widths = [span - 2 for span in spans]
    align = ["<", "<", ">", "<"]

    def row(cells, left, middle, right):
        wrapped = [_wrap(c, w) for c, w in zip(cells, text_widths)]
        height = max(len(w) for w in wrapped)
        out = []
        for line in range(height):
            parts = [
                (c[line] if line < len(c) else "").ljust(w)
                if a == "<"
                else (c[line] if line < len(c) else "").rjust(w)
                for c, w, a in zip(wrapped, text_widths, align)
            ]
            out.append(left + " " + (" " + middle + " ").join(parts) + " " + right)
        return out

    def rule(left, fill, middle, right):
        return left + middle.join(fill * (w + 2) for w in text_widths) + right

    lines = ['Model: "%s"' % model.name, rule("┏", "━", "┳", "┓")]
    header = ["Layer (type)", "Output Shape", "Param #"] + (["Connected to"] if connected else [])
    lines += row(header, "┃", "┃", "┃")
    lines.append(rule("┡", "━", "╇", "┩"))
    layer_list = model.layers
    for i, layer in enumerate(layer_list):
        if i:
            lines.append(rule("├", "─", "┼", "┤"))
        params = "{:,}".format(layer.count_params()) if layer.built else "0 (unbuilt)"
        cells = ["%s (%s)" % (layer.name, type(layer).__name__), _format_shape(layer), params]
        lines += row(
            cells + ([_connections(model, layer)] if connected else []),
            "│",
            "│",
            "│",
        )
    lines.append(rule("└", "─", "┴", "┘"))
    optimizer = getattr(model, "optimizer", None)
    optimizer_weights = optimizer.variables if optimizer is not None and optimizer.built else []
    totals = [
        ("Total params", list(model.weights) + optimizer_weights),  # as Keras 3 counts
        ("Trainable params", model.trainable_weights),
        ("Non-trainable params", model.non_trainable_weights),
    ]
    if optimizer_weights:
        totals.append(("Optimizer params", optimizer_weights))
    for label, weights in totals:
        lines.append(
            " %s: %s (%s)"
            % (label, "{:,}".format(_count(weights)), readable_memory_size(_memory(weights)))
        )
    return "\n".join(lines)


__all__ = ["Model", "Sequential", "load_model", "clone_model"]


def load_model(filepath, custom_objects=None, compile=True, safe_mode=True):
    """Read a `.keras` file written by `model.save` (learntf's: see learntf/keras/saving.py)."""
    from learntf.keras import saving

    return saving.load_model(filepath, custom_objects, compile, safe_mode)


def clone_model(model):
    """A new model of the same config (new weights)."""
    from learntf.keras.saving import deserialize_keras_object, serialize_keras_object

    return deserialize_keras_object(serialize_keras_object(model))
