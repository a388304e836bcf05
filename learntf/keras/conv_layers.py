"""Convolution and pooling layers: Conv2D, MaxPooling2D, AveragePooling2D, global pooling.

They use learntf's Conv2D / MaxPool / AvgPool ops (learntf/ops/conv_ops.py) on channels-last
images (batch, height, width, channels), Keras's default `data_format`.  Conv2D's kernel has
shape (kernel_height, kernel_width, in_channels, filters), as in Keras 3.
"""

from learntf.keras import activations, initializers
from learntf.keras.layers import Layer, add_kernel_and_bias
from learntf.ops import array_ops, conv_ops, math_ops


def _pair(value, name):
    if isinstance(value, int):
        return (value, value)
    value = tuple(value)
    if len(value) != 2 or not all(isinstance(v, int) for v in value):
        raise ValueError(
            "The `%s` argument must be a tuple of 2 integers. Received %s=%s" % (name, name, value)
        )
    return value


def _padding(padding):
    padding = padding.lower()
    if padding not in ("valid", "same"):
        raise ValueError(
            "The `padding` argument must be a list/tuple or one of {'valid', 'same'} "
            "(case-insensitive). Received: %s" % padding
        )
    return padding


def _channels_last(data_format):
    if data_format not in (None, "channels_last"):
        raise NotImplementedError(
            "learntf's Keras layers take channels_last images (batch, height, width, "
            "channels); got data_format=%r." % (data_format,)
        )


class Conv2D(Layer):
    """2-D convolution: `activation(conv2d(inputs, kernel) + bias)`."""

    def __init__(
        self,
        filters,
        kernel_size,
        strides=(1, 1),
        padding="valid",
        data_format=None,
        dilation_rate=(1, 1),
        groups=1,
        activation=None,
        use_bias=True,
        kernel_initializer="glorot_uniform",
        bias_initializer="zeros",
        kernel_regularizer=None,
        bias_regularizer=None,
        activity_regularizer=None,
        kernel_constraint=None,
        bias_constraint=None,
        **kwargs,
    ):
        super().__init__(**kwargs)
        _channels_last(data_format)
        if _pair(dilation_rate, "dilation_rate") != (1, 1) or groups != 1:
            raise NotImplementedError("learntf's Conv2D has no dilation_rate or groups.")
        self.filters = int(filters)
        self.kernel_size = _pair(kernel_size, "kernel_size")
        self.strides = _pair(strides, "strides")
        self.padding = _padding(padding)
        self.activation = activations.get(activation)
        self.use_bias = use_bias
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.kernel_regularizer = kernel_regularizer
        self.bias_regularizer = bias_regularizer
        self.kernel_constraint = kernel_constraint
        self.bias_constraint = bias_constraint

    def build(self, input_shape):
        if input_shape is None or len(input_shape) != 4:
            raise ValueError(
                "Input 0 with name 'None' of layer '%s' is incompatible with the layer: "
                "expected min_ndim=4, "
                "found ndim=%d. Full shape received: %s"
                % (self.name, len(input_shape or ()), tuple(input_shape or ()))
            )
        kernel_shape = self.kernel_size + (input_shape[-1], self.filters)
        add_kernel_and_bias(self, kernel_shape, (self.filters,))
        self.built = True

    @property
    def kernel(self):
        return self._kernel

    def call(self, inputs):
        outputs = conv_ops.conv2d(
            inputs, self.kernel, strides=(1,) + self.strides + (1,), padding=self.padding.upper()
        )
        if self.bias is not None:
            outputs = math_ops.add(outputs, array_ops.reshape(self.bias, (1, 1, 1, self.filters)))
        return self.activation(outputs)

    def get_config(self):
        config = super().get_config()
        config.update(
            filters=self.filters,
            kernel_size=self.kernel_size,
            strides=self.strides,
            padding=self.padding,
            activation=activations.serialize(self.activation),
            use_bias=self.use_bias,
        )
        return config


class _Pooling2D(Layer):
    _op = None

    def __init__(self, pool_size=(2, 2), strides=None, padding="valid", data_format=None, **kwargs):
        super().__init__(**kwargs)
        _channels_last(data_format)
        self.pool_size = _pair(pool_size, "pool_size")
        self.strides = _pair(strides, "strides") if strides is not None else self.pool_size
        self.padding = _padding(padding)

    def call(self, inputs):
        pool = conv_ops.max_pool if self._op == "max" else conv_ops.avg_pool
        return pool(
            inputs,
            ksize=(1,) + self.pool_size + (1,),
            strides=(1,) + self.strides + (1,),
            padding=self.padding.upper(),
        )

    def get_config(self):
        config = super().get_config()
        config.update(pool_size=self.pool_size, strides=self.strides, padding=self.padding)
        return config


class MaxPooling2D(_Pooling2D):
    """The largest value of each pool_size window."""

    _op = "max"


class AveragePooling2D(_Pooling2D):
    """The mean of each pool_size window (with "same" padding, of the window's real values)."""

    _op = "avg"


class _GlobalPooling2D(Layer):
    def __init__(self, data_format=None, keepdims=False, **kwargs):
        super().__init__(**kwargs)
        _channels_last(data_format)
        self.keepdims = keepdims

    def call(self, inputs):
        reduce = math_ops.reduce_mean if self._op == "mean" else math_ops.reduce_max
        return reduce(inputs, axis=[1, 2], keepdims=self.keepdims)


class GlobalAveragePooling2D(_GlobalPooling2D):
    _op = "mean"


class GlobalMaxPooling2D(_GlobalPooling2D):
    _op = "max"


MaxPool2D, AvgPool2D = MaxPooling2D, AveragePooling2D
GlobalAvgPool2D, GlobalMaxPool2D = GlobalAveragePooling2D, GlobalMaxPooling2D
