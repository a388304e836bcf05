"""Layers that merge a list of tensors: Concatenate, Add, Subtract, Multiply, Average, Maximum,
Minimum (and their function forms, `keras.layers.concatenate([a, b])`)."""

from learntf.keras.layers import Layer
from learntf.ops import array_ops, math_ops


class _Merge(Layer):
    def _check(self, inputs):
        if not isinstance(inputs, (list, tuple)):
            raise ValueError(
                "A merge layer should be called on a list of inputs. Received: input_shape=%s "
                "(not a list of shapes)" % (tuple(inputs.shape.as_list()),)
            )
        if len(inputs) < 1:
            raise ValueError(
                "A merge layer should be called on a list of at least 1 input. Received 0 "
                "inputs. Full input_shape received: []"
            )

    def call(self, inputs):
        self._check(inputs)
        result = inputs[0]
        for value in inputs[1:]:
            result = self._merge(result, value)
        return result


class Add(_Merge):
    _merge = staticmethod(math_ops.add)


class Subtract(_Merge):
    def call(self, inputs):
        if len(inputs) != 2:
            raise ValueError(
                "A `Subtract` layer should be called on exactly 2 inputs. Received: "
                "inputs=%s" % (inputs,)
            )
        return math_ops.subtract(inputs[0], inputs[1])


class Multiply(_Merge):
    _merge = staticmethod(math_ops.multiply)


class Maximum(_Merge):
    _merge = staticmethod(math_ops.maximum)


class Minimum(_Merge):
    _merge = staticmethod(math_ops.minimum)


class Average(_Merge):
    def call(self, inputs):
        self._check(inputs)
        total = inputs[0]
        for value in inputs[1:]:
            total = math_ops.add(total, value)
        return math_ops.divide(total, float(len(inputs)))


class Concatenate(_Merge):
    """Join the inputs along `axis` (default the last)."""

    def __init__(self, axis=-1, **kwargs):
        super().__init__(**kwargs)
        self.axis = axis

    def call(self, inputs):
        if not isinstance(inputs, (list, tuple)) or not inputs:
            shape = tuple(inputs.shape.as_list()) if hasattr(inputs, "shape") else inputs
            raise ValueError(
                "A `Concatenate` layer should be called on a list of at least 1 input. "
                "Received: input_shape=%s" % (shape,)
            )
        return array_ops.concat(list(inputs), axis=self.axis)

    def get_config(self):
        config = super().get_config()
        config.update(axis=self.axis)
        return config


def _functional_form(cls):
    def merge(inputs, **kwargs):
        return cls(**kwargs)(inputs)

    merge.__name__ = cls.__name__.lower()
    return merge


add, subtract, multiply = (
    _functional_form(Add),
    _functional_form(Subtract),
    _functional_form(Multiply),
)
average, maximum, minimum = (
    _functional_form(Average),
    _functional_form(Maximum),
    _functional_form(Minimum),
)
concatenate = _functional_form(Concatenate)
