"""BatchNormalization and LayerNormalization, with Keras 3's maths (TensorFlow backend).

Both normalise with `tf.nn.batch_normalization`'s formula: inv = rsqrt(variance + epsilon) *
gamma; outputs = x * inv + (beta - mean * inv).  The statistics are `tf.nn.moments`'s: the mean,
and the mean squared difference from the (gradient-stopped) mean.

BatchNormalization uses the batch's statistics while training (fit, or training=True) and
moves its moving_mean / moving_variance towards them: moving = moving * momentum + batch *
(1 - momentum).  At inference (the default) it uses the moving statistics.
"""

from learntf.keras import initializers
from learntf.keras.layers import Layer
from learntf.ops import array_ops, math_ops


def moments(x, axes, keepdims=False):
    mean = math_ops.reduce_mean(x, axes, keepdims=True)
    variance = math_ops.reduce_mean(
        math_ops.squared_difference(x, math_ops.stop_gradient(mean)), axes, keepdims=True
    )
    if not keepdims:
        mean, variance = array_ops.squeeze(mean, axes), array_ops.squeeze(variance, axes)
    return mean, variance


def normalize(x, mean, variance, offset, scale, epsilon):
    inv = math_ops.rsqrt(math_ops.add(variance, epsilon))
    if scale is not None:
        inv = math_ops.multiply(inv, scale)
    shift = math_ops.negative(math_ops.multiply(mean, inv))
    if offset is not None:
        shift = math_ops.subtract(offset, math_ops.multiply(mean, inv))
    return math_ops.add(math_ops.multiply(x, inv), shift)


class BatchNormalization(Layer):
    """Normalise each feature (the last axis) by the batch's (training) or moving statistics."""

    def __init__(
        self,
        axis=-1,
        momentum=0.99,
        epsilon=1e-3,
        center=True,
        scale=True,
        beta_initializer="zeros",
        gamma_initializer="ones",
        moving_mean_initializer="zeros",
        moving_variance_initializer="ones",
        beta_regularizer=None,
        gamma_regularizer=None,
        beta_constraint=None,
        gamma_constraint=None,
        **kwargs,
    ):
        kwargs.pop("synchronized", None)
        super().__init__(**kwargs)
        self.axis, self.momentum, self.epsilon = int(axis), float(momentum), float(epsilon)
        self.center, self.scale = center, scale
        self.beta_initializer = initializers.get(beta_initializer)
        self.gamma_initializer = initializers.get(gamma_initializer)
        self.moving_mean_initializer = initializers.get(moving_mean_initializer)
        self.moving_variance_initializer = initializers.get(moving_variance_initializer)

    def build(self, input_shape):
        rank = len(input_shape)
        axis = self.axis % rank
        shape = (input_shape[axis],)
        self._reduction_axes = [i for i in range(rank) if i != axis]
        self._axis_index = axis
        self.gamma = (
            self.add_weight(name="gamma", shape=shape, initializer=self.gamma_initializer)
            if self.scale
            else None
        )
        self.beta = (
            self.add_weight(name="beta", shape=shape, initializer=self.beta_initializer)
            if self.center
            else None
        )
        self.moving_mean = self.add_weight(
            name="moving_mean",
            shape=shape,
            initializer=self.moving_mean_initializer,
            trainable=False,
        )
        self.moving_variance = self.add_weight(
            name="moving_variance",
            shape=shape,
            initializer=self.moving_variance_initializer,
            trainable=False,
        )
        self.built = True

    def _broadcast(self, value, rank):
        if value is None or self._axis_index == rank - 1:
            return value
        shape = [1] * rank
        shape[self._axis_index] = -1
        return array_ops.reshape(value, shape)

    def call(self, inputs, training=None):
        moving_mean, moving_variance = self.moving_mean.value(), self.moving_variance.value()
        if training and self.trainable:
            mean, variance = moments(inputs, self._reduction_axes)
            self.moving_mean.assign(
                math_ops.add(
                    math_ops.multiply(moving_mean, self.momentum),
                    math_ops.multiply(mean, 1.0 - self.momentum),
                ),
                read_value=False,
            )
            self.moving_variance.assign(
                math_ops.add(
                    math_ops.multiply(moving_variance, self.momentum),
                    math_ops.multiply(variance, 1.0 - self.momentum),
                ),
                read_value=False,
            )
        else:
            mean, variance = moving_mean, moving_variance
        rank = inputs.shape.rank
        gamma = None if self.gamma is None else self.gamma.value()
        beta = None if self.beta is None else self.beta.value()
        b = self._broadcast
        return normalize(
            inputs, b(mean, rank), b(variance, rank), b(beta, rank), b(gamma, rank), self.epsilon
        )

    def get_config(self):
        config = super().get_config()
        config.update(
            axis=self.axis,
            momentum=self.momentum,
            epsilon=self.epsilon,
            center=self.center,
            scale=self.scale,
        )
        return config


class LayerNormalization(Layer):
    """Normalise each example over `axis` (default the last) by its own mean and variance."""

    def __init__(
        self,
        axis=-1,
        epsilon=1e-3,
        center=True,
        scale=True,
        beta_initializer="zeros",
        gamma_initializer="ones",
        **kwargs,
    ):
        kwargs.pop("rms_scaling", None)
        super().__init__(**kwargs)
        self.axis = axis
        self.epsilon, self.center, self.scale = float(epsilon), center, scale
        self.beta_initializer = initializers.get(beta_initializer)
        self.gamma_initializer = initializers.get(gamma_initializer)

    def build(self, input_shape):
        rank = len(input_shape)
        axes = [self.axis] if isinstance(self.axis, int) else list(self.axis)
        self._axes = sorted(a % rank for a in axes)
        shape = tuple(input_shape[a] for a in self._axes)
        self.gamma = (
            self.add_weight(name="gamma", shape=shape, initializer=self.gamma_initializer)
            if self.scale
            else None
        )
        self.beta = (
            self.add_weight(name="beta", shape=shape, initializer=self.beta_initializer)
            if self.center
            else None
        )
        self._rank = rank
        self.built = True

    def call(self, inputs):
        mean, variance = moments(inputs, self._axes, keepdims=True)
        shape = [inputs.shape.as_list()[i] if i in self._axes else 1 for i in range(self._rank)]

        def broadcast(weight):
            if weight is None:
                return None
            if self._axes == [self._rank - 1]:
                return weight.value()
            return array_ops.reshape(weight.value(), shape)

        return normalize(
            inputs, mean, variance, broadcast(self.beta), broadcast(self.gamma), self.epsilon
        )

    def get_config(self):
        config = super().get_config()
        config.update(axis=self.axis, epsilon=self.epsilon, center=self.center, scale=self.scale)
        return config
