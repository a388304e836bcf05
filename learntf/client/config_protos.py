"""`tf.compat.v1.ConfigProto`, `GPUOptions`, ...: TensorFlow's session configuration messages.

They are TF's own protocol buffers (serialization/tf_protos.py), so they print, compare and
serialize as TF's do.  A session reads one setting: `allow_soft_placement` (framework/device.py);
the rest (threads, GPU memory) have nothing to tune on learntf's NumPy engine.
"""

from learntf.serialization.tf_protos import protos

_MESSAGES = ("ConfigProto", "GPUOptions", "GraphOptions", "OptimizerOptions")


def __getattr__(name):
    if name in _MESSAGES:
        return getattr(protos().config_pb2, name)
    raise AttributeError("module %r has no attribute %r" % (__name__, name))
