"""`tf.Tensor` as the public names it: the type of graph tensors *and* eager tensors.

Inside learntf, graph tensors (`framework/graph.py`) and eager tensors (`framework/execute.py`)
are separate classes, because one is a promise of a value and the other holds one.  A program
asking `isinstance(x, tf.Tensor)` means "is x a tensor of either kind", as in TensorFlow 2.
"""

from learntf.framework.execute import EagerTensor
from learntf.framework.graph import Tensor as GraphTensor


class _AnyTensor(type):
    def __instancecheck__(cls, obj):
        return isinstance(obj, (GraphTensor, EagerTensor))

    def __subclasscheck__(cls, subclass):
        return issubclass(subclass, (GraphTensor, EagerTensor))


class Tensor(metaclass=_AnyTensor):
    """A tensor: symbolic (graph mode) or with a value (eager mode)."""

    def __new__(cls, *args, **kwargs):
        raise TypeError(
            "tf.Tensor objects are made by ops (tf.constant, tf.add, ...), not directly."
        )
