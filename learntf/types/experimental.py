"""`tf.types.experimental`: TensorLike (what converts to a tensor), and the kinds of function
tf.function makes: GenericFunction / PolymorphicFunction (the decorated function, which
traces) and ConcreteFunction (one trace, one graph)."""

import typing

import numpy as np

from learntf.eager.def_function import ConcreteFunction, Function
from learntf.framework.tensor_type import Tensor
from learntf.ops.variables import Variable

GenericFunction = PolymorphicFunction = Function
TensorLike = typing.Union[
    Tensor, Variable, int, float, bool, str, bytes, complex, tuple, list, np.ndarray, np.generic
]

__all__ = ["ConcreteFunction", "GenericFunction", "PolymorphicFunction", "TensorLike"]
