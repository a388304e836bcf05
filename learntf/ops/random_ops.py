"""Random tensors: uniform, normal and truncated normal, with TensorFlow's seed rules.

Each random op draws from its own generator, created per session: a new session restarts the
sequence.  Seeds follow TF: with `tf.set_random_seed(s)` (graph seed) and/or an op `seed=`,
the same program gives the same numbers on every run; with neither, every run differs.
(learntf's generator is NumPy's PCG64, so the numbers differ from TensorFlow's own.)
Lesson 03 initialises weights with random_uniform.
"""
import numpy as np

from learntf import dtypes
from learntf.framework import context
from learntf.framework.apply import apply_op
from learntf.framework.graph import get_default_graph, name_scope
from learntf.framework.op_registry import register_op
from learntf.framework.tensor_shape import TensorShape
from learntf.ops import math_ops
from learntf.ops.array_ops import _static_list

DEFAULT_GRAPH_SEED = 87654321


def get_seed(op_seed):
    """TF's rule: (graph seed, op seed) pair for a new random op, or (None, None)."""
    if context.executing_eagerly():
        from learntf.framework.eager import eager_state
        graph_seed = eager_state.global_seed
        if graph_seed is not None and op_seed is None:
            eager_state.op_seed_counter += 1  # each new random call: the next sequence
            op_seed = eager_state.op_seed_counter
    else:
        graph_seed = get_default_graph().seed
        if graph_seed is not None and op_seed is None:
            op_seed = get_default_graph()._last_id
    if graph_seed is not None:
        return graph_seed, op_seed
    if op_seed is not None:
        return DEFAULT_GRAPH_SEED, op_seed
    return None, None


def set_random_seed(seed):
    """Set the graph-level seed (in eager mode, the global seed): random ops created
    afterwards become reproducible."""
    if context.executing_eagerly():
        set_seed(seed)
    else:
        get_default_graph().seed = seed


def set_seed(seed):
    """TF2's global seed: eager random ops restart their sequences, and so does the graph."""
    from learntf.framework.eager import eager_state
    eager_state.global_seed = seed
    eager_state.generators.clear()
    eager_state.op_seed_counter = 0
    get_default_graph().seed = seed


def _make_generator(op, session):
    """A fresh generator per (session, op): rerunning a program repeats its numbers."""
    seed, seed2 = op.attrs["seed"], op.attrs["seed2"]
    if seed is None:
        return np.random.default_rng()
    return np.random.Generator(np.random.PCG64([seed & 0xFFFFFFFF, seed2 & 0xFFFFFFFF]))


def _random_infer(shape, dtype, seed, seed2):
    return [(dtype, TensorShape(shape))]


def _uniform(rng, shape, dtype, seed, seed2):
    return rng.random(shape, dtype=np.float64).astype(dtype.np)


def _standard_normal(rng, shape, dtype, seed, seed2):
    return rng.standard_normal(shape).astype(dtype.np)


def _truncated_normal(rng, shape, dtype, seed, seed2):
    # Values more than two standard deviations from the mean are drawn again.
    values = rng.standard_normal(shape)
    bad = np.abs(values) > 2
    while bad.any():
        values[bad] = rng.standard_normal(int(bad.sum()))
        bad = np.abs(values) > 2
    return values.astype(dtype.np)


def _uniform_int_infer(minval, maxval, shape, seed, seed2):
    return [(minval.dtype, TensorShape(shape))]


def _uniform_int(rng, minval, maxval, shape, seed, seed2):
    return rng.integers(minval, maxval, size=shape).astype(minval.dtype)


for _name, _kernel in (("RandomUniform", _uniform), ("RandomStandardNormal", _standard_normal),
                       ("TruncatedNormal", _truncated_normal)):
    register_op(_name, [], _random_infer, _kernel, stateful=True, make_state=_make_generator)
register_op("RandomUniformInt", ["minval", "maxval"], _uniform_int_infer, _uniform_int,
            stateful=True, make_state=_make_generator, same_dtype=True)


def _random_attrs(shape, dtype, seed):
    seed, seed2 = get_seed(seed)
    return {"shape": tuple(_static_list(shape, "shape")), "dtype": dtypes.as_dtype(dtype),
            "seed": seed, "seed2": seed2}


def random_uniform(shape, minval=0, maxval=None, dtype=dtypes.float32, seed=None, name=None):
    """Uniform values in [minval, maxval) (maxval defaults to 1 for floats)."""
    dtype = dtypes.as_dtype(dtype)
    with name_scope(name, "random_uniform") as scope:
        if dtype.is_integer:
            if maxval is None:
                raise ValueError("Must specify maxval for integer dtype %r" % dtype)
            attrs = _random_attrs(shape, dtype, seed)
            del attrs["dtype"]
            return apply_op("RandomUniformInt", [minval, maxval], attrs, scope)
        maxval = 1 if maxval is None else maxval
        minval_t = math_ops.cast(minval, dtype) if hasattr(minval, "op") else minval
        rnd = apply_op("RandomUniform", [], _random_attrs(shape, dtype, seed), "RandomUniform")
        span = math_ops.subtract(maxval, minval_t, name="sub") if not (
            isinstance(maxval, (int, float)) and isinstance(minval, (int, float))) else maxval - minval
        return math_ops.add(math_ops.multiply(rnd, span, name="mul"), minval_t, name=scope)


def random_normal(shape, mean=0.0, stddev=1.0, dtype=dtypes.float32, seed=None, name=None):
    """Normally distributed values with the given mean and standard deviation."""
    with name_scope(name, "random_normal") as scope:
        rnd = apply_op("RandomStandardNormal", [], _random_attrs(shape, dtype, seed),
                       "RandomStandardNormal")
        return math_ops.add(math_ops.multiply(rnd, stddev, name="mul"), mean, name=scope)


def truncated_normal(shape, mean=0.0, stddev=1.0, dtype=dtypes.float32, seed=None, name=None):
    """Like random_normal, but values beyond two standard deviations are redrawn."""
    with name_scope(name, "truncated_normal") as scope:
        rnd = apply_op("TruncatedNormal", [], _random_attrs(shape, dtype, seed), "TruncatedNormal")
        return math_ops.add(math_ops.multiply(rnd, stddev, name="mul"), mean, name=scope)
