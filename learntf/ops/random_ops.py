"""Random tensors as TensorFlow 2.21 draws them: the same seeds, the same bits, the same numbers.

Seeds.  A random op carries two seeds, `seed` and `seed2`, chosen when it is created by
`get_seed(op_seed)` with TF's rules:

* a graph-level (or, eagerly, global) seed set by `tf.random.set_seed(s)` /
  `tf.compat.v1.set_random_seed(s)` gives (s, op seed); an op without a seed of its own takes
  the next number of its graph's counter (0, 1, 2, ... per graph), or, eagerly, the next number
  of Python's `random.Random(s)`;
* an op seed alone gives (87654321, op seed);
* neither gives (0, 0): "draw fresh seeds", other numbers every run.

Generators.  Each op's kernel holds a Philox generator (learntf/ops/philox.py) started from its
seeds, and every run moves it 256 blocks per output element: in a Session, each `sess.run` of
the op gives the next numbers, and a new Session starts again.  Eagerly, TF keeps one kernel per
op type and attrs, so repeating `tf.random.uniform([3], seed=1)` continues one stream; inside a
tf.function each call continues the function's own.  `tf.random.set_seed` restarts both.

Stateless ops (`tf.random.stateless_uniform(shape, seed=[a, b])`) hold no generator: the seed
pair alone gives key and counter, so the same seed always gives the same tensor.  Keras 3 draws
its initial weights this way.

Lesson 03 initialises weights with random_uniform; lessons 12 and 13 draw with random_normal.
"""

import math
import random as python_random
import weakref

import numpy as np

from learntf import dtypes, errors
from learntf.framework import context, memory
from learntf.framework.apply import apply_op
from learntf.framework.constant_op import convert_to_tensor
from learntf.framework.execute import eager_state
from learntf.framework.graph import get_default_graph, name_scope
from learntf.framework.op_registry import no_gradient_in_tensorflow, not_differentiable, register_op
from learntf.framework.tensor_shape import TensorShape
from learntf.framework.tensor_util import constant_value, constant_value_as_shape
from learntf.ops import math_ops, philox
from learntf.ops.shape_inference import check_dtype

DEFAULT_GRAPH_SEED = 87654321
_MAXINT32 = 2**31 - 1

# The number of unseeded random ops created so far in each graph (TF's _graph_to_seed_dict).
_op_seed_counts = weakref.WeakKeyDictionary()


# -- seeds -------------------------------------------------------------------------------------
def get_seed(op_seed):
    """TF's `get_seed`: the (seed, seed2) pair for a new random op, or (None, None)."""
    eager = context.executing_eagerly()
    global_seed = eager_state.global_seed if eager else get_default_graph().seed
    if global_seed is not None:
        if op_seed is None:
            op_seed = eager_state.op_seeds.randint(0, _MAXINT32) if eager else _next_op_seed()
        seeds = int(global_seed) % _MAXINT32, int(op_seed) % _MAXINT32
    elif op_seed is not None:
        seeds = DEFAULT_GRAPH_SEED, int(op_seed) % _MAXINT32
    else:
        seeds = None, None
    if seeds == (0, 0):  # (0, 0) tells a kernel "no seed": keep the program deterministic
        return 0, _MAXINT32
    return seeds


def _next_op_seed():
    graph = get_default_graph()
    if not context.context.control_flow_v2:
        # TF 1 builds a cond's branches into the graph itself (Switch/Merge), so their random
        # ops count with the graph's; learntf's branch graphs count with the outermost graph
        while getattr(graph, "outer_graph", None) is not None:
            graph = graph.outer_graph
    count = _op_seed_counts.get(graph, 0)
    _op_seed_counts[graph] = count + 1
    return count


def set_random_seed(seed):
    """Set the graph-level seed of the default graph, or eagerly the global seed: random ops
    created afterwards repeat their numbers from run to run."""
    if context.executing_eagerly():
        _set_global_seed(seed)
    else:
        get_default_graph().seed = seed


set_seed = set_random_seed  # TF2's name for the same function


def _set_global_seed(seed):
    """The eager global seed: op seeds restart their sequence, every kernel its generator."""
    eager_state.global_seed = seed
    try:
        eager_state.op_seeds = python_random.Random(seed)
    except TypeError:  # an unhashable seed such as a NumPy array: TF takes int() of it
        eager_state.op_seeds = python_random.Random(int(np.array(seed)))
    eager_state.kernel_states.clear()
    eager_state.kernel_epoch += 1


def _seed_attrs(op_seed):
    seed, seed2 = get_seed(op_seed)
    return {"seed": seed or 0, "seed2": seed2 or 0}


# -- the generators the kernels hold -------------------------------------------------------------
class _FunctionKernelGenerator(philox.GuardedPhilox):
    """The generator of a random op inside a tf.function: `tf.random.set_seed` clears TF's
    kernels, so the function's stream starts again afterwards."""

    def __init__(self, seed, seed2):
        super().__init__(seed, seed2)
        self.seeds = (seed, seed2)
        self.epoch = _kernel_epoch()

    def reserve(self, blocks):
        if self.epoch != _kernel_epoch():
            self.generator = philox.GuardedPhilox(*self.seeds).generator
            self.epoch = _kernel_epoch()
        return super().reserve(blocks)


def _kernel_epoch():
    return eager_state.kernel_epoch


def _make_generator(op, session):
    """One generator per op and Session (graph mode), per op in a tf.function, or, with
    `session` None, per op type and attrs in eager mode (learntf/framework/execute.py)."""
    seed, seed2 = op.attrs["seed"], op.attrs["seed2"]
    if session is None:
        return philox.GuardedPhilox(seed, seed2)
    # One per Session however many fetch lists run the op (TF shares stateful kernels).
    in_function = hasattr(getattr(session, "graph", None), "captures")
    return session._resource(
        op,
        lambda: (
            _FunctionKernelGenerator(seed, seed2)
            if in_function
            else philox.GuardedPhilox(seed, seed2)
        ),
    )


# -- shapes given as tensors ---------------------------------------------------------------------
def _shape_tensor(shape):
    """TF's shape_util.shape_tensor: a shape as an int32 tensor named "shape"."""
    if isinstance(shape, TensorShape):
        shape = shape.as_list()
    if isinstance(shape, (list, tuple)):
        return convert_to_tensor(
            list(shape), dtype=dtypes.int32 if not shape else None, name="shape"
        )
    return convert_to_tensor(shape, name="shape")


def _output_shape(shape):
    """The static shape an op makes from its shape input, as far as it is known while building
    (TF's constant_value_as_shape: None for dims known only when the graph runs)."""
    return constant_value_as_shape(shape)


def _dims(shape, dtype):
    """The output's dimensions, checked: none negative, and not too big to allocate."""
    dims = tuple(int(d) for d in np.reshape(shape, -1))
    if any(d < 0 for d in dims):
        raise errors.InvalidArgumentError(None, None, "Dimension %d must be >= 0" % min(dims))
    memory.check_allocation(dims, dtype.np)
    return dims


# -- stateful random ops ---------------------------------------------------------------------------
SHAPE_TYPES = (dtypes.int32, dtypes.int64)  # (TF's `T` of a random op's shape input)


def _random_infer(shape, dtype, seed, seed2):
    check_dtype("shape", shape, SHAPE_TYPES)  # [2.5] is no shape: TF refuses it, never rounds
    return [(dtype, _output_shape(shape))]


def _distribution_kernel(distribution):
    """A kernel filling its output from the op's generator, as TF's PhiloxRandomOp does: it
    reserves 256 blocks per output element, then `distribution` fills from the first."""

    def kernel(generator, shape, dtype, seed, seed2):
        dims = _dims(shape, dtype)
        count = math.prod(dims)
        start = generator.reserve_outputs(count)
        return distribution(start, count, dtype.np).reshape(dims)

    return kernel


for _name, _distribution in (
    ("RandomUniform", philox.uniform),
    ("RandomStandardNormal", philox.normal),
    ("TruncatedNormal", philox.truncated_normal),
):
    register_op(
        _name,
        ["shape"],
        _random_infer,
        _distribution_kernel(_distribution),
        stateful=True,
        make_state=_make_generator,
    )
    not_differentiable(_name)


def _uniform_int_infer(shape, minval, maxval, seed, seed2, Tout):
    check_dtype("shape", shape, SHAPE_TYPES)
    for what, value in (("minval", minval), ("maxval", maxval)):
        if value.shape.rank not in (None, 0):
            raise ValueError(
                "Shape must be rank 0 but is rank %d for '%s'" % (value.shape.rank, what)
            )
    return [(Tout, _output_shape(shape))]


def _int_range(minval, maxval):
    """[low, high) of a uniform int op, as ints; TF's error when it is empty."""
    low, high = int(minval), int(maxval)
    if not low < high:
        raise errors.InvalidArgumentError(
            None, None, "Need minval < maxval, got %d >= %d" % (low, high)
        )
    return low, high


def _uniform_int(generator, shape, minval, maxval, seed, seed2, Tout):
    low, high = _int_range(minval, maxval)
    dims = _dims(shape, Tout)
    count = math.prod(dims)
    start = generator.reserve_outputs(count)
    return philox.uniform_int(start, count, low, high, Tout.np).reshape(dims)


register_op(
    "RandomUniformInt",
    ["shape", "minval", "maxval"],
    _uniform_int_infer,
    _uniform_int,
    stateful=True,
    make_state=_make_generator,
)
not_differentiable("RandomUniformInt")


def _shuffle(generator, value, seed, seed2):
    value = np.asarray(value)
    if value.size <= 1 or value.ndim == 0 or value.shape[0] <= 1:
        return value
    start = generator.reserve_words(value.shape[0] - 1)
    return value[philox.shuffle_permutation(start, value.shape[0])]


register_op(
    "RandomShuffle",
    ["value"],
    lambda value, seed, seed2: [(value.dtype, value.shape)],
    _shuffle,
    stateful=True,
    make_state=_make_generator,
)
not_differentiable("RandomShuffle")


def _multinomial_infer(logits, num_samples, seed, seed2, output_dtype):
    if logits.shape.rank not in (None, 2):
        raise ValueError("Shape must be rank 2 but is rank %d for 'logits'" % logits.shape.rank)
    samples = constant_value(num_samples)
    batch = logits.shape[0] if logits.shape.rank == 2 else None
    return [(output_dtype, TensorShape([batch, None if samples is None else int(samples)]))]


def _multinomial(generator, logits, num_samples, seed, seed2, output_dtype):
    logits = np.asarray(logits)
    if logits.ndim != 2:
        raise errors.InvalidArgumentError(
            None,
            None,
            "logits should be a matrix, got shape %s" % TensorShape(logits.shape).proto_str(),
        )
    samples = int(num_samples)
    if samples < 0:
        raise errors.InvalidArgumentError(
            None, None, "num_samples should be non-negative, got %d" % samples
        )
    batch = logits.shape[0]
    if batch * samples == 0:
        return np.zeros((batch, samples), dtype=output_dtype.np)
    # TF's CPU kernel reserves room for two words (one double) per sample, samples rounded up
    # to a multiple of 4.
    start = generator.reserve_outputs(batch * (samples + 3) // 4 * 4 * 2)
    return philox.multinomial(start, logits, samples).astype(output_dtype.np)


register_op(
    "Multinomial",
    ["logits", "num_samples"],
    _multinomial_infer,
    _multinomial,
    stateful=True,
    make_state=_make_generator,
)
not_differentiable("Multinomial")


# -- stateless random ops: key and counter from the seed ------------------------------------------
def _key_counter_infer(seed, Tseed):
    return [(dtypes.int64, TensorShape([1])), (dtypes.int64, TensorShape([2]))]


def _key_counter(seed, Tseed):
    """StatelessRandomGetKeyCounter.  learntf holds TF's uint64 key and counter as int64 (the
    same 64 bits)."""
    seed = np.asarray(seed).astype(np.int64).reshape(-1)
    if seed.shape != (2,):
        raise errors.InvalidArgumentError(
            None, None, "seed must have shape [2], not %s" % TensorShape(np.shape(seed)).proto_str()
        )
    key, counter = philox.stateless_key_counter(int(seed[0]), int(seed[1]))
    as_int64 = np.array([key, counter & philox.MASK_64, counter >> 64], dtype=np.uint64)
    return as_int64[:1].view(np.int64), as_int64[1:].view(np.int64)


register_op(
    "StatelessRandomGetKeyCounter",
    ["seed"],
    _key_counter_infer,
    _key_counter,
    num_outputs=2,
    type_attr=None,
)
no_gradient_in_tensorflow("StatelessRandomGetKeyCounter")


def _generator_from(key, counter, alg):
    alg = int(alg)
    if alg not in (1, 3):  # Philox, or auto-select (Philox on CPU)
        raise errors.InvalidArgumentError(
            None, None, "Unsupported algorithm id: %d (learntf: only Philox is implemented)" % alg
        )
    key = int(np.asarray(key).view(np.uint64).reshape(-1)[0])
    words = np.asarray(counter).view(np.uint64).reshape(-1)
    return philox.Philox(key, int(words[0]) | (int(words[1]) << 64))


def _stateless_infer(shape, key, counter, alg, dtype, Tshape):
    return [(dtype, _output_shape(shape))]


def _stateless_kernel(distribution):
    def kernel(shape, key, counter, alg, dtype, Tshape):
        dims = _dims(shape, dtype)
        count = math.prod(dims)
        return distribution(_generator_from(key, counter, alg), count, dtype.np).reshape(dims)

    return kernel


for _name, _distribution in (
    ("StatelessRandomUniformV2", philox.uniform),
    ("StatelessRandomNormalV2", philox.normal),
    ("StatelessTruncatedNormalV2", philox.truncated_normal),
):
    register_op(
        _name,
        ["shape", "key", "counter", "alg"],
        _stateless_infer,
        _stateless_kernel(_distribution),
        type_attr=None,
    )
    not_differentiable(_name)


def _stateless_int(shape, key, counter, alg, minval, maxval, dtype, Tshape):
    low, high = _int_range(minval, maxval)
    dims = _dims(shape, dtype)
    count = math.prod(dims)
    generator = _generator_from(key, counter, alg)
    return philox.uniform_int(generator, count, low, high, dtype.np).reshape(dims)


register_op(
    "StatelessRandomUniformIntV2",
    ["shape", "key", "counter", "alg", "minval", "maxval"],
    lambda shape, key, counter, alg, minval, maxval, dtype, Tshape: [(dtype, _output_shape(shape))],
    _stateless_int,
    type_attr=None,
)
register_op(
    "StatelessRandomUniformFullIntV2",
    ["shape", "key", "counter", "alg"],
    _stateless_infer,
    _stateless_kernel(philox.uniform_full_int),
    type_attr=None,
)
not_differentiable("StatelessRandomUniformIntV2")
not_differentiable("StatelessRandomUniformFullIntV2")


# -- the Python API --------------------------------------------------------------------------------
_UNIFORM_DTYPES = ("float16", "bfloat16", "float32", "float64", "int32", "int64")


def random_uniform(shape, minval=0, maxval=None, dtype=dtypes.float32, seed=None, name=None):
    """Uniform values in [minval, maxval) (maxval defaults to 1 for floats).

    As in TF, the graph is RandomUniform alone for [0, 1), RandomUniform * max for [0, max),
    and RandomUniform * (max - min) + min otherwise; integers come from RandomUniformInt."""
    dtype = dtypes.as_dtype(dtype)
    if dtype.name not in _UNIFORM_DTYPES:
        raise ValueError(
            "Argument `dtype` got invalid value %s. Accepted dtypes are (%s)."
            % (dtype, ", ".join("tf.%s" % n for n in _UNIFORM_DTYPES))
        )
    if maxval is None:
        if dtype.is_integer:
            raise ValueError("Must specify maxval for integer dtype %r" % dtype)
        maxval = 1
    with name_scope(name, "random_uniform", [shape, minval, maxval]) as scope:
        shape = _shape_tensor(shape)
        minval_is_zero = isinstance(minval, int) and minval == 0
        maxval_is_one = isinstance(maxval, int) and maxval == 1
        if not minval_is_zero or not maxval_is_one or dtype.is_integer:
            minval = convert_to_tensor(minval, dtype=dtype, name="min")
            maxval = convert_to_tensor(maxval, dtype=dtype, name="max")
        attrs = _seed_attrs(seed)
        if dtype.is_integer:
            attrs["Tout"] = dtype
            return apply_op("RandomUniformInt", [shape, minval, maxval], attrs, scope)
        attrs["dtype"] = dtype
        result = apply_op("RandomUniform", [shape], attrs, "RandomUniform")
        if minval_is_zero:
            return result if maxval_is_one else math_ops.multiply(result, maxval)
        span = math_ops.subtract(maxval, minval, name="sub")
        return math_ops.add(math_ops.multiply(result, span, name="mul"), minval, name=scope)


def _scaled(op_type, default_name, shape, mean, stddev, dtype, seed, name):
    """random_normal and truncated_normal: op(shape) * stddev + mean, TF's sub-graph."""
    dtype = dtypes.as_dtype(dtype)
    with name_scope(name, default_name, [shape, mean, stddev]) as scope:
        shape = _shape_tensor(shape)
        mean = convert_to_tensor(mean, dtype=dtype, name="mean")
        stddev = convert_to_tensor(stddev, dtype=dtype, name="stddev")
        attrs = _seed_attrs(seed)
        attrs["dtype"] = dtype
        samples = apply_op(op_type, [shape], attrs, op_type)
        return math_ops.add(math_ops.multiply(samples, stddev, name="mul"), mean, name=scope)


def random_normal(shape, mean=0.0, stddev=1.0, dtype=dtypes.float32, seed=None, name=None):
    """Normally distributed values with the given mean and standard deviation."""
    return _scaled("RandomStandardNormal", "random_normal", shape, mean, stddev, dtype, seed, name)


def truncated_normal(shape, mean=0.0, stddev=1.0, dtype=dtypes.float32, seed=None, name=None):
    """Like random_normal, but values two standard deviations or more from the mean are drawn
    again."""
    return _scaled("TruncatedNormal", "truncated_normal", shape, mean, stddev, dtype, seed, name)


def random_shuffle(value, seed=None, name=None):
    """The rows of `value` (its first dimension) in a random order."""
    return apply_op("RandomShuffle", [value], _seed_attrs(seed), name or "RandomShuffle")


def categorical(logits, num_samples, dtype=None, seed=None, name=None):
    """`num_samples` class indices per row of `logits` (unnormalised log-probabilities)."""
    with name_scope(name, "categorical", [logits]):
        return _multinomial_op(logits, num_samples, dtype, seed)


def multinomial(logits, num_samples, seed=None, name=None, output_dtype=None):
    """TF1's name for `categorical`."""
    with name_scope(name, "multinomial", [logits]):
        return _multinomial_op(logits, num_samples, output_dtype, seed)


def _multinomial_op(logits, num_samples, dtype, seed):
    logits = convert_to_tensor(logits, name="logits")
    dtype = dtypes.as_dtype(dtype) if dtype else dtypes.int64
    if dtype not in (dtypes.int32, dtypes.int64):
        raise ValueError(
            "Argument `dtype` got invalid value %r. Accepted dtypes are "
            "(tf.int32, tf.int64)." % dtype
        )
    attrs = _seed_attrs(seed)
    attrs["output_dtype"] = dtype
    return apply_op("Multinomial", [logits, num_samples], attrs, "Multinomial")


# -- stateless API ---------------------------------------------------------------------------------
def _key_counter_alg(seed, alg):
    """TF's get_key_counter_alg: the key and counter ops for a [2] seed.  "philox" gives the
    same key and counter as "auto_select" (TF builds them with other ops)."""
    alg = _algorithm_id(alg)
    if alg == 2:
        raise NotImplementedError("learntf implements the Philox algorithm only, not ThreeFry.")
    key, counter = apply_op(
        "StatelessRandomGetKeyCounter",
        [seed],
        {"Tseed": _seed_dtype(seed)},
        "StatelessRandomGetKeyCounter",
    )
    return key, counter, alg


def _algorithm_id(alg):
    if alg is None:
        return 3
    if isinstance(alg, int):
        return alg
    if hasattr(alg, "value"):
        return alg.value
    canonical = str(alg).strip().lower().replace("-", "").replace("_", "")
    ids = {"philox": 1, "threefry": 2, "autoselect": 3}
    if canonical not in ids:
        raise ValueError(
            "Argument `alg` got unsupported value %s. Supported values are philox "
            "for the Philox algorithm, threefry for the ThreeFry algorithm, and "
            "auto_select for auto-selection." % alg
        )
    return ids[canonical]


def _seed_dtype(seed):
    """The dtype the seed converts to: a tensor's or array's own; Python ints are int32 unless
    one needs 64 bits."""
    dtype = getattr(seed, "dtype", None)
    if isinstance(dtype, dtypes.DType):
        return dtype.base_dtype
    if isinstance(seed, np.ndarray):
        return dtypes.as_dtype(seed.dtype)
    values = np.asarray(seed, dtype=object).reshape(-1)
    fits = all(-(2**31) <= int(v) < 2**31 for v in values)
    return dtypes.int32 if fits else dtypes.int64


def stateless_random_uniform(
    shape, seed, minval=0, maxval=None, dtype=dtypes.float32, name=None, alg="auto_select"
):
    """Uniform values that depend only on `seed` (a pair of ints)."""
    dtype = dtypes.as_dtype(dtype)
    if dtype.is_integer and (minval is None) != (maxval is None):
        raise ValueError(
            "For integer `dtype` argument %s, argument `minval` and `maxval` must "
            "be both None or not None. Got `minval`=%s and `maxval`=%s." % (dtype, minval, maxval)
        )
    if not dtype.is_integer and maxval is None:
        maxval = 1
    with name_scope(name, "stateless_random_uniform", [shape, seed, minval, maxval]) as scope:
        shape = _shape_tensor(shape)
        if dtype.is_integer and minval is None:
            key, counter, alg = _key_counter_alg(seed, alg)
            return apply_op(
                "StatelessRandomUniformFullIntV2",
                [shape, key, counter, alg],
                {"dtype": dtype, "Tshape": shape.dtype},
                scope,
            )
        minval = convert_to_tensor(minval, dtype=dtype, name="min")
        maxval = convert_to_tensor(maxval, dtype=dtype, name="max")
        key, counter, alg = _key_counter_alg(seed, alg)
        if dtype.is_integer:
            return apply_op(
                "StatelessRandomUniformIntV2",
                [shape, key, counter, alg, minval, maxval],
                {"dtype": dtype, "Tshape": shape.dtype},
                scope,
            )
        samples = apply_op(
            "StatelessRandomUniformV2",
            [shape, key, counter, alg],
            {"dtype": dtype, "Tshape": shape.dtype},
            "StatelessRandomUniformV2",
        )
        span = math_ops.subtract(maxval, minval, name="sub")
        return math_ops.add(math_ops.multiply(samples, span, name="mul"), minval, name=scope)


def _stateless_scaled(op_type, default_name, shape, seed, mean, stddev, dtype, name, alg):
    dtype = dtypes.as_dtype(dtype)
    with name_scope(name, default_name, [shape, seed, mean, stddev]) as scope:
        shape = _shape_tensor(shape)
        mean = convert_to_tensor(mean, dtype=dtype, name="mean")
        stddev = convert_to_tensor(stddev, dtype=dtype, name="stddev")
        key, counter, alg = _key_counter_alg(seed, alg)
        samples = apply_op(
            op_type, [shape, key, counter, alg], {"dtype": dtype, "Tshape": shape.dtype}, op_type
        )
        return math_ops.add(math_ops.multiply(samples, stddev, name="mul"), mean, name=scope)


def stateless_random_normal(
    shape, seed, mean=0.0, stddev=1.0, dtype=dtypes.float32, name=None, alg="auto_select"
):
    """Normal values that depend only on `seed` (a pair of ints)."""
    return _stateless_scaled(
        "StatelessRandomNormalV2",
        "stateless_random_normal",
        shape,
        seed,
        mean,
        stddev,
        dtype,
        name,
        alg,
    )


def stateless_truncated_normal(
    shape, seed, mean=0.0, stddev=1.0, dtype=dtypes.float32, name=None, alg="auto_select"
):
    """Truncated normal values that depend only on `seed` (a pair of ints)."""
    return _stateless_scaled(
        "StatelessTruncatedNormalV2",
        "stateless_truncated_normal",
        shape,
        seed,
        mean,
        stddev,
        dtype,
        name,
        alg,
    )
