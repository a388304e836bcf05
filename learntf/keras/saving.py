"""Saving whole models: `model.save("m.keras")`, `keras.models.load_model("m.keras")`, and the
config machinery under it (get_config / from_config, register_keras_serializable).

The `.keras` file is a zip, as in Keras 3, with Keras 3's `metadata.json` and `config.json`
(each object as {"module", "class_name", "config", "registered_name"}; a Sequential model's
config lists its layers, a functional model's its layers with their inbound nodes).  What
differs from Keras 3: the weights.  Keras 3 stores them in `model.weights.h5` (HDF5); learntf
has no HDF5 writer (h5py is not a dependency), so it stores `model.weights.npz` instead - a
NumPy archive whose keys follow the HDF5 file's paths (`layers/dense/vars/0`).  So a `.keras`
file written by learntf loads in learntf, not in Keras 3, and learntf does not read Keras 3's.
`load_model` re-compiles the model when it was saved compiled with names ("adam", "mse"); the
optimizer's state (its slots) is not saved.
"""

import datetime
import io
import json
import os
import zipfile

import numpy as np

_REGISTERED = {}  # "package>Name" -> class or function
_MODULES = {
    "learntf.keras.layers": "keras.layers",
    "learntf.keras.conv_layers": "keras.layers",
    "learntf.keras.core_layers": "keras.layers",
    "learntf.keras.normalization": "keras.layers",
    "learntf.keras.merging": "keras.layers",
    "learntf.keras.models": "keras",
    "learntf.keras.functional_model": "keras.src.models.functional",
}


def register_keras_serializable(package="Custom", name=None):
    """Decorator: save and load this class (or function) by "package>name"."""

    def decorate(obj):
        key = "%s>%s" % (package, name or obj.__name__)
        if hasattr(obj, "get_config") is False and isinstance(obj, type):
            raise ValueError("Cannot register a class that does not have a get_config() method.")
        _REGISTERED[key] = obj
        obj._keras_registered_name = key
        return obj

    return decorate


def get_registered_name(obj):
    return getattr(obj, "_keras_registered_name", None) or getattr(obj, "__name__", None)


def get_registered_object(name, custom_objects=None, module_objects=None):
    if custom_objects and name in custom_objects:
        return custom_objects[name]
    if name in _REGISTERED:
        return _REGISTERED[name]
    if module_objects and name in module_objects:
        return module_objects[name]
    return None


def serialize_keras_object(obj):
    """{"module", "class_name", "config", "registered_name"} for a layer, model, loss..."""
    if obj is None or isinstance(obj, (str, int, float, bool)):
        return obj
    cls = obj if isinstance(obj, type) else type(obj)
    if not hasattr(obj, "get_config"):  # a function
        return {
            "module": obj.__module__,
            "class_name": "function",
            "config": obj.__name__,
            "registered_name": get_registered_name(obj),
        }
    config = obj.get_config()
    result = {
        "module": _MODULES.get(cls.__module__, cls.__module__),
        "class_name": cls.__name__,
        "config": config,
        "registered_name": getattr(cls, "_keras_registered_name", None),
    }
    build_shape = getattr(obj, "_build_shapes", None)
    if build_shape is not None:
        result["build_config"] = {"input_shape": build_shape}
    return result


def _builtin_classes():
    from learntf.keras import layers, losses, metrics, models

    found = {}
    for module in (losses, metrics, layers, models):
        for name in dir(module):
            value = getattr(module, name)
            if isinstance(value, type):
                found[name] = value
    from learntf.keras.functional_model import Functional

    found["Functional"] = Functional
    return found


def deserialize_keras_object(config, custom_objects=None):
    if not isinstance(config, dict):
        return config
    custom_objects = dict(custom_objects or {})
    name = config.get("registered_name") or config["class_name"]
    if config["class_name"] == "function":
        function = get_registered_object(name, custom_objects) or get_registered_object(
            config["config"], custom_objects
        )
        if function is None:
            from learntf.keras import losses, metrics

            function = losses.get(config["config"]) if config["config"] else None
            function = function or metrics.get(config["config"])
        return function
    cls = get_registered_object(name, custom_objects) or get_registered_object(
        config["class_name"], custom_objects, _builtin_classes()
    )
    if cls is None:
        raise TypeError(
            "Could not locate class '%s'. Make sure custom classes are decorated with "
            "`@keras.saving.register_keras_serializable()`. Full object config: %s"
            % (config["class_name"], config)
        )
    if hasattr(cls, "from_config"):
        try:
            obj = cls.from_config(config["config"], custom_objects=custom_objects)
        except TypeError:
            obj = cls.from_config(config["config"])
    else:
        obj = cls(**config["config"])
    build = config.get("build_config")
    if build and not getattr(obj, "built", True):
        obj.build(tuple(build["input_shape"]))
    return obj


# -- the .keras zip ------------------------------------------------------------------------------
def _weights_by_path(model):
    """{"layers/<name>/vars/<i>": array} over the model's layers (the HDF5 file's layout)."""
    arrays = {}
    layers = model.layers if hasattr(model, "layers") else []
    seen = []
    for layer in layers:
        for i, weight in enumerate(layer.weights):
            arrays["layers/%s/vars/%d" % (layer.name, i)] = np.asarray(weight.numpy())
            seen.append(weight)
    rest = [w for w in model.weights if not any(w is s for s in seen)]
    for i, weight in enumerate(rest):
        arrays["vars/%d" % i] = np.asarray(weight.numpy())
    return arrays


def save_model(model, filepath, overwrite=True, zipped=True):
    filepath = os.fspath(filepath)
    if not filepath.endswith(".keras"):
        raise ValueError(
            "Invalid filepath extension for saving. Please add either a `.keras` extension "
            "for the native Keras format (recommended) or a `.h5` extension. Use "
            "`model.export(filepath)` if you want to export a SavedModel for use with "
            "TFLite/TFServing/etc. Received: filepath=%s." % filepath
        )
    if os.path.exists(filepath) and not overwrite:
        raise FileExistsError("%s exists and overwrite=False." % filepath)
    from learntf.version import __version__

    metadata = {
        "keras_version": "3.15.1",
        "learntf_version": __version__,
        "date_saved": datetime.datetime.now().strftime("%Y-%m-%d@%H:%M:%S"),
        "weights_format": "npz (learntf; Keras 3 writes model.weights.h5)",
    }
    config = serialize_keras_object(model)
    compile_config = getattr(model, "_compile_config", None)
    if compile_config:
        config["compile_config"] = compile_config
    buffer = io.BytesIO()
    np.savez(buffer, **_weights_by_path(model))
    with zipfile.ZipFile(filepath, "w") as archive:
        archive.writestr("metadata.json", json.dumps(metadata))
        archive.writestr("config.json", json.dumps(config, default=_json_default))
        archive.writestr("model.weights.npz", buffer.getvalue())


def _json_default(value):
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, (np.floating,)):
        return float(value)
    if isinstance(value, tuple):
        return list(value)
    if hasattr(value, "get_config"):
        return serialize_keras_object(value)
    if callable(value):
        return getattr(value, "__name__", str(value))
    raise TypeError("Unable to serialize %r to JSON." % (value,))


def load_model(filepath, custom_objects=None, compile=True, safe_mode=True):
    filepath = os.fspath(filepath)
    if not filepath.endswith(".keras"):
        raise ValueError(
            "File format not supported: filepath=%s. Keras 3 only supports V3 `.keras` files "
            "and legacy H5 format files (`.h5` extension).\n(learntf: learntf reads the "
            "`.keras` files it writes.)" % filepath
        )
    if not os.path.exists(filepath):
        raise ValueError(
            "File not found: filepath=%s. Please ensure the file is an accessible `.keras` "
            "zip file." % filepath
        )
    with zipfile.ZipFile(filepath) as archive:
        config = json.loads(archive.read("config.json"))
        if "model.weights.npz" not in archive.namelist():
            raise ValueError(
                "%s has no model.weights.npz: it was not written by learntf (Keras 3 writes "
                "HDF5 weights, which learntf cannot read)." % filepath
            )
        weights = dict(np.load(io.BytesIO(archive.read("model.weights.npz"))))
    model = deserialize_keras_object(config, custom_objects)
    for key in _weights_by_path(model):
        if key not in weights:
            raise ValueError("The saved weights have no value for %s." % key)
    assign = {}
    layers = model.layers if hasattr(model, "layers") else []
    seen = []
    for layer in layers:
        for i, weight in enumerate(layer.weights):
            assign[id(weight)] = weights["layers/%s/vars/%d" % (layer.name, i)]
            seen.append(weight)
    rest = [w for w in model.weights if not any(w is s for s in seen)]
    for i, weight in enumerate(rest):
        assign[id(weight)] = weights["vars/%d" % i]
    for weight in model.weights:
        weight.assign(assign[id(weight)].astype(weight.dtype.np))
    if compile and config.get("compile_config"):
        model.compile(**config["compile_config"])
    return model
