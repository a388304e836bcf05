"""`tf.random.Generator`: a Philox generator whose state is a variable you can see.

The state is three int64 numbers, [counter low, counter high, key].  Each draw reads it, moves
the counter on by 256 per output element (op RngReadAndSkip) and hands the old key and counter
to a stateless op (learntf/ops/random_ops.py): a Generator is stateless random numbers plus a
counter kept in a tf.Variable, so it can be saved, copied and reset.
"""

import numpy as np

from learntf import dtypes
from learntf.framework.apply import apply_op
from learntf.framework.constant_op import convert_to_tensor
from learntf.framework.graph import name_scope
from learntf.framework.op_registry import no_gradient_in_tensorflow, register_op
from learntf.framework.tensor_shape import TensorShape
from learntf.ops import math_ops, philox, random_ops
from learntf.ops.variables import Variable

PHILOX = 1
_STATE_SIZE = 3  # Philox: a 128-bit counter and a 64-bit key


def _read_and_skip(resource, alg, delta):
    """RngReadAndSkip: the state as it was; the variable's counter moves by 256 * delta."""
    state = np.asarray(resource.read(), dtype=np.int64)
    words = state.view(np.uint64)
    counter = (int(words[0]) | (int(words[1]) << 64)) + int(
        delta
    ) * philox.RESERVED_BLOCKS_PER_OUTPUT
    counter &= philox.MASK_128
    new = np.array([counter & philox.MASK_64, counter >> 64, int(words[2])], dtype=np.uint64)
    resource.write(new.view(np.int64))
    return state


register_op(
    "RngReadAndSkip",
    ["resource", "alg", "delta"],
    lambda resource, alg, delta: [(dtypes.int64, TensorShape([_STATE_SIZE]))],
    _read_and_skip,
    stateful=True,
    type_attr=None,
)
no_gradient_in_tensorflow("RngReadAndSkip")


def _state_from_seed(seed):
    """TF's create_rng_state for Philox: an int seed is cut into 64-bit words, lowest first;
    a list of ints is taken as the state's last words (zeros in front)."""
    if isinstance(seed, (int, np.integer)):
        seed = int(seed)
        words = [(seed >> (64 * i)) & philox.MASK_64 for i in range(_STATE_SIZE)]
    else:
        values = [int(v) & philox.MASK_64 for v in np.asarray(seed).reshape(-1)][:_STATE_SIZE]
        words = [0] * (_STATE_SIZE - len(values)) + values
    return np.array(words, dtype=np.uint64).view(np.int64)


def _algorithm(alg):
    alg = random_ops._algorithm_id(PHILOX if alg is None else alg)
    if alg not in (PHILOX, 3):
        raise NotImplementedError("learntf implements the Philox algorithm only, not ThreeFry.")
    return PHILOX


class Generator:
    """A random number generator with its state in a variable (`tf.random.Generator`)."""

    def __init__(self, copy_from=None, state=None, alg=None):
        if copy_from is not None:
            state, alg = copy_from.state.read_value(), copy_from.algorithm
        self._alg = _algorithm(alg)
        with name_scope("random_generator"):
            self._state_var = Variable(
                np.asarray(state, dtype=np.int64),
                trainable=False,
                name="StateVar",
                dtype=dtypes.int64,
            )

    @classmethod
    def from_seed(cls, seed, alg=None):
        return cls(state=_state_from_seed(seed), alg=alg)

    @classmethod
    def from_state(cls, state, alg):
        return cls(state=state, alg=alg)

    @classmethod
    def from_non_deterministic_state(cls, alg=None):
        return cls(state=np.frombuffer(np.random.bytes(8 * _STATE_SIZE), dtype=np.int64), alg=alg)

    @property
    def state(self):
        return self._state_var

    @property
    def algorithm(self):
        return self._alg

    def reset_from_seed(self, seed):
        self._state_var.assign(_state_from_seed(seed))

    def _key_counter(self, shape):
        """Read the state and move it past the numbers about to be drawn."""
        old = apply_op(
            "RngReadAndSkip",
            [self._state_var.handle, self._alg, math_ops.reduce_prod(shape)],
            {},
            "RngReadAndSkip",
        )
        return old[2:3], old[:2]

    def _draw(self, op_type, shape, dtype):
        key, counter = self._key_counter(shape)
        return apply_op(
            op_type,
            [shape, key, counter, self._alg],
            {"dtype": dtype, "Tshape": shape.dtype},
            op_type,
        )

    def normal(self, shape, mean=0.0, stddev=1.0, dtype=dtypes.float32, name=None):
        return self._scaled(
            "StatelessRandomNormalV2", "stateful_normal", shape, mean, stddev, dtype, name
        )

    def truncated_normal(self, shape, mean=0.0, stddev=1.0, dtype=dtypes.float32, name=None):
        return self._scaled(
            "StatelessTruncatedNormalV2", "truncated_normal", shape, mean, stddev, dtype, name
        )

    def _scaled(self, op_type, default_name, shape, mean, stddev, dtype, name):
        dtype = dtypes.as_dtype(dtype)
        with name_scope(name, default_name) as scope:
            shape = random_ops._shape_tensor(shape)
            mean = convert_to_tensor(mean, dtype=dtype, name="mean")
            stddev = convert_to_tensor(stddev, dtype=dtype, name="stddev")
            samples = self._draw(op_type, shape, dtype)
            return math_ops.add(math_ops.multiply(samples, stddev, name="mul"), mean, name=scope)

    def uniform(self, shape, minval=0, maxval=None, dtype=dtypes.float32, name=None):
        dtype = dtypes.as_dtype(dtype)
        if dtype.is_integer and (minval is None) != (maxval is None):
            raise ValueError(
                "For integer dtype %s, minval and maxval must be both `None` or "
                "both non-`None`; got minval=%s and maxval=%s" % (dtype, minval, maxval)
            )
        if not dtype.is_integer and maxval is None:
            maxval = 1
        with name_scope(name, "stateful_uniform") as scope:
            shape = random_ops._shape_tensor(shape)
            if dtype.is_integer and minval is None:
                key, counter = self._key_counter(shape)
                return apply_op(
                    "StatelessRandomUniformFullIntV2",
                    [shape, key, counter, self._alg],
                    {"dtype": dtype, "Tshape": shape.dtype},
                    scope,
                )
            minval = convert_to_tensor(minval, dtype=dtype, name="min")
            maxval = convert_to_tensor(maxval, dtype=dtype, name="max")
            if dtype.is_integer:
                key, counter = self._key_counter(shape)
                return apply_op(
                    "StatelessRandomUniformIntV2",
                    [shape, key, counter, self._alg, minval, maxval],
                    {"dtype": dtype, "Tshape": shape.dtype},
                    scope,
                )
            samples = self._draw("StatelessRandomUniformV2", shape, dtype)
            span = math_ops.subtract(maxval, minval, name="sub")
            return math_ops.add(math_ops.multiply(samples, span, name="mul"), minval, name=scope)
