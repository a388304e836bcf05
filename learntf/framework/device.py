"""`tf.device`: where an op should run, recorded on the op as TensorFlow records it.

learntf runs every kernel with NumPy on the CPU, so a device changes no value.  It is kept
because TF programs set it and show it: `op.device` ("/device:CPU:0", TF's normal form of
"/cpu:0"), the GraphDef's NodeDef `device` field, the graph drawing.  As in TF 1, a session
places the whole graph before its first run: an op pinned to a device this machine lacks
("/gpu:0") is TF's InvalidArgumentError, unless the session's ConfigProto says
`allow_soft_placement=True`.  In eager mode (TF 2) soft placement is the default, so
`with tf.device("/GPU:0")` runs on the CPU, as TF does on a machine without a GPU.
"""

import contextlib

from learntf import errors
from learntf.client import session as session_module
from learntf.framework import context
from learntf.framework import graph as graph_module

_FIELDS = ("job", "replica", "task", "device_type", "device_index")
LOCAL_CPU = "/job:localhost/replica:0/task:0/device:CPU:0"


class DeviceSpec:
    """A parsed device name (TF's DeviceSpec): job, replica, task, device type and index."""

    def __init__(self, job=None, replica=None, task=None, device_type=None, device_index=None):
        self.job, self.replica, self.task = job, replica, task
        self.device_type = device_type.upper() if device_type in ("cpu", "gpu") else device_type
        self.device_index = device_index

    @classmethod
    def from_string(cls, spec):
        fields = {}
        for part in (spec or "").split("/"):
            if not part:
                continue
            pieces = part.split(":")
            key = pieces[0].lower()
            if key in ("job", "replica", "task") and len(pieces) == 2:
                fields[key] = pieces[1] if key == "job" else int(pieces[1])
            elif key == "device" and len(pieces) in (2, 3):
                fields["device_type"] = pieces[1]
                fields["device_index"] = _index(pieces[2]) if len(pieces) == 3 else None
            elif len(pieces) in (1, 2) and key in ("cpu", "gpu", "tpu"):
                fields["device_type"] = pieces[0].upper()
                fields["device_index"] = _index(pieces[1]) if len(pieces) == 2 else None
            else:
                raise ValueError("Unknown attribute: '%s' in '%s'" % (part, spec))
        return cls(**fields)

    def make_merged_spec(self, dev):
        """This spec with `dev`'s fields where `dev` sets them (TF's priority to `dev`)."""
        return DeviceSpec(
            *(getattr(dev, f) if getattr(dev, f) is not None else getattr(self, f) for f in _FIELDS)
        )

    def to_string(self):
        text = ""
        if self.job is not None:
            text += "/job:" + self.job
        if self.replica is not None:
            text += "/replica:%d" % self.replica
        if self.task is not None:
            text += "/task:%d" % self.task
        if self.device_type is not None:
            index = "*" if self.device_index is None else self.device_index
            text += "/device:%s:%s" % (self.device_type, index)
        return text


def _index(text):
    return None if text == "*" else int(text)


def canonical_name(spec):
    """TF's normal form of a device name: "/cpu:0" -> "/device:CPU:0"."""
    return DeviceSpec.from_string(spec).to_string()


def _resolver(entries):
    """The device function for one state of the stack: the innermost entry decides first,
    each string device outside it fills the fields still unset (TF's _apply_device_functions);
    `tf.device(None)` stops the walk."""
    entries = list(entries)

    def resolve(op):
        device = ""
        for entry in reversed(entries):
            if entry is None:
                break
            if callable(entry):
                device = entry(op) or ""
            elif entry:
                current = DeviceSpec.from_string(device)
                device = DeviceSpec.from_string(entry).make_merged_spec(current).to_string()
        return device

    return resolve


@contextlib.contextmanager
def device(device_name_or_function):
    """`tf.compat.v1.device`: ops built inside the block get this device (a name or a function
    of the op); nested blocks merge, the inner one deciding first."""
    if context.executing_eagerly():
        if callable(device_name_or_function):
            raise RuntimeError(
                "tf.device does not support functions when eager execution is enabled."
            )
        if device_name_or_function:
            DeviceSpec.from_string(device_name_or_function)  # (TF parses it: bad names fail)
        yield
        return
    if isinstance(device_name_or_function, str) and device_name_or_function:
        DeviceSpec.from_string(device_name_or_function)
    check_placement()
    graph = graph_module.get_default_graph()
    if not hasattr(graph, "_device_entries"):
        graph._device_entries = []  # strings, functions, None: what each block gave
    entries = graph._device_entries
    entries.append(device_name_or_function)
    graph._device_functions.append(_resolver(entries))
    try:
        yield
    finally:
        entries.pop()
        graph._device_functions.pop()


def check_placement():
    """From now on, a session places its graph before it first runs (see _place_graph)."""
    session_module.BaseSession._place_graph = _place_graph


def device_v2(device_name):
    """`tf.device` (TF 2): a device name only, no function."""
    if callable(device_name):
        raise RuntimeError("tf.device does not support functions.")
    return device(device_name)


def _place_graph(session):
    """Place every op of the session's graph (TF's ExtendSession): a device that is not this
    machine's CPU is an error, unless soft placement moves a missing GPU to the CPU."""
    soft = getattr(session._config, "allow_soft_placement", False)
    ops = session.graph.get_operations()
    consumers = {}
    for op in ops:
        for tensor in op.inputs:
            consumers[tensor.op] = consumers.get(tensor.op, 0) + 1
    # TF's placer places a "generator" (no inputs, one consumer: a Const) after the others.
    generators = [op for op in ops if not op.inputs and consumers.get(op) == 1]
    deferred = set(generators)
    for op in [op for op in ops if op not in deferred] + generators:
        if op._device and not _available(op._device, soft):
            message = (
                "Cannot assign a device for operation %s: {{node %s}} was explicitly assigned to "
                "%s but available devices are [ %s ]. Make sure the device specification refers "
                "to a valid device." % (op.name, op.name, op._device, LOCAL_CPU)
            )
            if DeviceSpec.from_string(op._device).device_type == "GPU":
                message += " The requested device appears to be a GPU, but CUDA is not enabled."
            message += "\n\t [[%s]]" % op.name
            message += (
                "\n(learntf: learntf runs on the CPU only: use tf.device('/cpu:0'), or "
                "tf.ConfigProto(allow_soft_placement=True) for the session.)"
            )
            message = session_module._graph_execution_error(message, op)
            raise errors.InvalidArgumentError(None, op, message)


def _available(name, soft):
    spec = DeviceSpec.from_string(name)
    if spec.job not in (None, "localhost") or spec.replica not in (None, 0):
        return False
    if spec.task not in (None, 0):
        return False
    if spec.device_type in (None, "CPU") and spec.device_index in (None, 0):
        return True
    return soft
