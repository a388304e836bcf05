"""TF1's layer objects (`tf.compat.v1.layers.Dense(3)`, ...): a layer remembers its
configuration, builds its variables in the scope of its first call (`dense/kernel`) and reuses
them on every later call, whose ops go into that same name scope (`dense/MatMul_1`).  Each
call runs the functional layer of learntf/layers/legacy.py."""

from learntf.framework.graph import GraphKeys
from learntf.framework.graph_extras import get_collection
from learntf.layers import legacy


class Layer:
    """One configured layer; `layer(inputs)` applies it."""

    def __init__(self, function, name=None, **config):
        self._function, self._name, self._config = function, name, config
        self.scope = None  # the VariableScope of the first call
        self.updates = []  # batch normalization's moving-average updates

    @property
    def name(self):
        return self.scope.name if self.scope is not None else self._name

    def __call__(self, inputs, **call_arguments):
        legacy.calling_layers.append(self)
        try:
            return self._function(inputs, name=self._name, **self._config, **call_arguments)
        finally:
            legacy.calling_layers.pop()

    def _own(self, collection):
        if self.scope is None:
            return []
        return [v for v in get_collection(collection) if v.name.startswith(self.scope.name + "/")]

    @property
    def variables(self):
        return self._own(GraphKeys.GLOBAL_VARIABLES)

    weights = variables

    @property
    def trainable_variables(self):
        return self._own(GraphKeys.TRAINABLE_VARIABLES)

    trainable_weights = trainable_variables

    @property
    def non_trainable_variables(self):
        trainable = set(map(id, self.trainable_variables))
        return [v for v in self.variables if id(v) not in trainable]

    def __getattr__(self, attribute):  # layer.kernel, layer.bias, layer.moving_mean, ...
        if attribute.startswith("_") or attribute == "scope":
            raise AttributeError(attribute)
        for variable in self.variables:
            if variable.name == "%s/%s:0" % (self.scope.name, attribute):
                return variable
        raise AttributeError("%r object has no attribute %r" % (type(self).__name__, attribute))


class Dense(Layer):
    def __init__(self, units, name=None, **config):
        super().__init__(legacy.dense, name, units=units, **config)


class Conv2D(Layer):
    def __init__(self, filters, kernel_size, name=None, **config):
        super().__init__(legacy.conv2d, name, filters=filters, kernel_size=kernel_size, **config)


class MaxPooling2D(Layer):
    def __init__(self, pool_size, strides, name=None, **config):
        super().__init__(legacy.max_pooling2d, name, pool_size=pool_size, strides=strides,
                         **config)  # fmt: skip


class AveragePooling2D(Layer):
    def __init__(self, pool_size, strides, name=None, **config):
        super().__init__(legacy.average_pooling2d, name, pool_size=pool_size, strides=strides,
                         **config)  # fmt: skip


class Flatten(Layer):
    def __init__(self, name=None, **config):
        super().__init__(legacy.flatten, name, **config)


class Dropout(Layer):
    def __init__(self, rate=0.5, name=None, **config):
        super().__init__(legacy.dropout, name, rate=rate, **config)


class BatchNormalization(Layer):
    def __init__(self, name=None, **config):
        super().__init__(legacy.batch_normalization, name, **config)
