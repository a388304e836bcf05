"""`tf.config`: the machine TensorFlow runs on, and the switch that makes every tf.function
run its Python code eagerly.

learntf computes with NumPy on one CPU, so the device lists hold that CPU alone, as TF's do on
a machine without a GPU; the settings (threads, memory growth, visible devices) are accepted
and remembered, with TF's errors for a device that is not in the list.  Device names:
framework/device.py.
"""

import collections
import types

from learntf.eager import def_function

PhysicalDevice = collections.namedtuple("PhysicalDevice", ["name", "device_type"])
LogicalDevice = collections.namedtuple("LogicalDevice", ["name", "device_type"])

_CPU = PhysicalDevice(name="/physical_device:CPU:0", device_type="CPU")
_settings = {"intra": 0, "inter": 0, "visible": [_CPU], "initialized": False}


def run_functions_eagerly(run_eagerly):
    """`tf.config.run_functions_eagerly(True)`: tf.function calls the Python function as it is
    written, op by op, with no trace and no graph (a debugging aid; print() runs every call)."""
    def_function.RUN_FUNCTIONS_EAGERLY = bool(run_eagerly)


def functions_run_eagerly():
    """Whether tf.config.run_functions_eagerly(True) is in effect."""
    return def_function.RUN_FUNCTIONS_EAGERLY


def list_physical_devices(device_type=None):
    """The machine's devices: one CPU (`PhysicalDevice(name='/physical_device:CPU:0', ...)`)."""
    return [d for d in [_CPU] if device_type is None or d.device_type == device_type.upper()]


def list_logical_devices(device_type=None):
    """The runtime's devices, one per visible physical device; listing them starts the
    runtime, after which its settings are fixed (as in TF)."""
    _settings["initialized"] = True
    return [
        LogicalDevice(
            name=d.name.replace("/physical_device:", "/device:"), device_type=d.device_type
        )
        for d in _settings["visible"]
        if device_type is None or d.device_type == device_type.upper()
    ]


def get_visible_devices(device_type=None):
    return [
        d
        for d in _settings["visible"]
        if device_type is None or d.device_type == device_type.upper()
    ]


def set_visible_devices(devices, device_type=None):
    """Which physical devices the runtime may use (TF's checks and errors)."""
    devices = devices if isinstance(devices, list) else [devices]
    for d in devices:
        if d != _CPU or (device_type is not None and d.device_type != device_type):
            raise ValueError("Unrecognized device: %s" % repr(d))
    visible = []
    if device_type is not None:
        visible = [d for d in _settings["visible"] if d.device_type != device_type]
    visible += devices
    if visible == _settings["visible"]:
        return
    if _settings["initialized"]:
        raise RuntimeError("Visible devices cannot be modified after being initialized")
    _settings["visible"] = visible


def _check_device(device):
    if not isinstance(device, PhysicalDevice) or device != _CPU:
        raise ValueError("Unrecognized device: %s" % repr(device))


def _set_memory_growth(device, enable):
    _check_device(device)
    raise ValueError("Cannot set memory growth on non-GPU and non-Pluggable devices")


def _get_memory_growth(device):
    _check_device(device)
    raise KeyError(device)  # (TF keeps memory growth for GPUs only: its lookup fails)


def _device_details(device):
    _check_device(device)
    return {}


def _threads_setter(key, label):
    def set_threads(num_threads):
        if _settings[key] != num_threads and _settings["initialized"]:
            raise RuntimeError("%s op parallelism cannot be modified after initialization." % label)
        _settings[key] = num_threads

    set_threads.__name__ = "set_%s_op_parallelism_threads" % key
    return set_threads


threading = types.SimpleNamespace(
    set_intra_op_parallelism_threads=_threads_setter("intra", "Intra"),
    set_inter_op_parallelism_threads=_threads_setter("inter", "Inter"),
    get_intra_op_parallelism_threads=lambda: _settings["intra"],
    get_inter_op_parallelism_threads=lambda: _settings["inter"],
)

experimental = types.SimpleNamespace(
    list_physical_devices=list_physical_devices,
    list_logical_devices=list_logical_devices,
    get_visible_devices=get_visible_devices,
    set_visible_devices=set_visible_devices,
    set_memory_growth=_set_memory_growth,
    get_memory_growth=_get_memory_growth,
    get_device_details=_device_details,
    enable_op_determinism=lambda: None,
)
