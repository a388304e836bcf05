"""Dropout, Reshape and Embedding: layers without convolution or normalization maths.

Dropout follows Keras 3 (TF backend) exactly: each layer owns a seed generator - an int64
state [seed, 0] that advances by [0, 1] per training call - and drops with
`tf.nn.experimental.stateless_dropout`'s rule (keep where a stateless uniform draw >= rate,
scale kept values by 1 / (1 - rate)).  So the same seed gives the same masks as TensorFlow.
"""

import numpy as np

from learntf import dtypes
from learntf.eager.func_graph import init_scope
from learntf.keras import initializers
from learntf.keras.layers import Layer
from learntf.ops import array_ops, math_ops, random_ops
from learntf.ops.variables import Variable


class SeedGenerator:
    """Keras 3's SeedGenerator: a state variable [seed, 0]; `next()` returns the state and
    advances it by [0, 1]."""

    def __init__(self, seed=None):
        if seed is None:
            seed = initializers.make_default_seed()
        with init_scope():
            self.state = Variable(
                np.array([seed, 0], np.int64), trainable=False, name="seed_generator_state"
            )

    def next(self):
        value = math_ops.multiply(self.state.value(), np.int64(1))  # a copy, as Keras's `* 1`
        self.state.assign_add(np.array([0, 1], np.int64), read_value=False)
        return math_ops.cast(math_ops.floormod(value, np.int64(2**31 - 2)), dtypes.int32)


def stateless_dropout(inputs, rate, noise_shape, seed):
    scale = 1.0 / (1.0 - rate)
    kept = math_ops.multiply(inputs, math_ops.cast(scale, inputs.dtype))
    draws = random_ops.stateless_random_uniform(noise_shape, seed=seed, dtype=inputs.dtype)
    keep = math_ops.greater_equal(draws, math_ops.cast(rate, inputs.dtype))
    return array_ops.where_v2(keep, kept, array_ops.zeros_like(inputs))


class Dropout(Layer):
    """While training, zero a `rate` fraction of the inputs at random and scale the rest by
    1 / (1 - rate); at inference (training=False, the default), pass inputs through."""

    def __init__(self, rate, noise_shape=None, seed=None, **kwargs):
        super().__init__(**kwargs)
        if not 0 <= rate <= 1:
            raise ValueError(
                "Invalid value received for argument `rate`. Expected a float value "
                "between 0 and 1. Received: rate=%s" % (rate,)
            )
        self.rate = rate
        self.seed = seed
        self.noise_shape = noise_shape
        if rate > 0:
            self.seed_generator = SeedGenerator(seed)
        self.built = True

    def call(self, inputs, training=False):
        if not training or self.rate == 0:
            return inputs
        if self.rate == 1.0:
            return array_ops.zeros_like(inputs)
        shape = array_ops.shape(inputs)
        if self.noise_shape is not None:
            shape = [shape[i] if d is None else d for i, d in enumerate(self.noise_shape)]
            shape = array_ops.stack(shape)
        return stateless_dropout(inputs, self.rate, shape, self.seed_generator.next())

    def get_config(self):
        config = super().get_config()
        config.update(rate=self.rate, seed=self.seed, noise_shape=self.noise_shape)
        return config


class Reshape(Layer):
    """Reshape each example to `target_shape` (the batch dimension is kept; one -1 allowed)."""

    def __init__(self, target_shape, **kwargs):
        super().__init__(**kwargs)
        self.target_shape = tuple(target_shape)

    def call(self, inputs):
        target = list(self.target_shape)
        example = inputs.shape.as_list()[1:]
        if -1 not in target and None not in example and np.prod(example) != np.prod(target):
            raise ValueError(  # (Keras 3's words)
                "The total size of the tensor must be unchanged. Received: input_shape=%s, "
                "target_shape=%s\n(learntf: an example of %d values cannot take the shape "
                "%s; put -1 in the target shape for the size to be worked out.)"
                % (tuple(example), tuple(target), int(np.prod(example)), tuple(target))
            )
        if -1 in target:  # resolved from the known size of an example, as Keras 3 does
            size = int(np.prod(inputs.shape.as_list()[1:]))
            known = int(np.prod([d for d in target if d != -1]))
            target[target.index(-1)] = size // known
        return array_ops.reshape(inputs, [-1] + target)

    def get_config(self):
        config = super().get_config()
        config.update(target_shape=self.target_shape)
        return config


class Embedding(Layer):
    """A lookup table: row `i` of `embeddings` (input_dim, output_dim) for each index i."""

    def __init__(
        self,
        input_dim,
        output_dim,
        embeddings_initializer="uniform",
        embeddings_regularizer=None,
        embeddings_constraint=None,
        mask_zero=False,
        **kwargs,
    ):
        kwargs.pop("input_length", None)
        super().__init__(**kwargs)
        self.input_dim, self.output_dim = int(input_dim), int(output_dim)
        self.embeddings_initializer = initializers.get(embeddings_initializer)
        self.embeddings_regularizer = embeddings_regularizer
        self.embeddings_constraint = embeddings_constraint
        self.mask_zero = mask_zero

    def build(self, input_shape=None):
        self._embeddings = self.add_weight(
            name="embeddings",
            shape=(self.input_dim, self.output_dim),
            initializer=self.embeddings_initializer,
            regularizer=self.embeddings_regularizer,
            constraint=self.embeddings_constraint,
        )
        self.built = True

    @property
    def embeddings(self):
        return self._embeddings

    def call(self, inputs):
        if inputs.dtype not in (dtypes.int32, dtypes.int64):
            inputs = math_ops.cast(inputs, dtypes.int32)
        return array_ops.gather(self.embeddings, inputs, axis=0)

    def get_config(self):
        config = super().get_config()
        config.update(input_dim=self.input_dim, output_dim=self.output_dim)
        return config
