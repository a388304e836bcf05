"""Random small TensorFlow programs from a seed, for differential testing against real TF.

Each program is the text of a short `import tensorflow as tf` program that fills a dict `out`
with what it computed (tensors, numpy arrays, shapes, dtypes, gradients). The same text runs
under TensorFlow and under learntf (tests/differential/runner.py); the two `out`s, or the two
error classes, must agree. The programs cover element-wise maths, comparisons, reductions,
matmul, shape ops, gather, one_hot, where, cast, softmax and cross-entropies, slicing and
broadcasting, over every dtype (legal or not), in eager mode, under a GradientTape, inside a
tf.function, and in graph mode (a `tf.Graph().as_default()` block run by a v1 Session, with
placeholders whose shapes are partly unknown, so static shape inference is compared too).

    python tests/differential/generator.py --seed 0 -n 3     # print three programs

A program is {"id", "category", "mode", "text"}; the same seed always gives the same programs.
Functions learntf does not have yet are left out rather than counted as disagreements (issue
20 adds them elsewhere): tf.math's expm1, tan, sinh, cosh, asin, acos, atan, atan2, erf, xdivy,
is_nan, is_inf, is_finite, real, conj, reduce_std, reduce_variance, count_nonzero,
reduce_euclidean_norm, l2_normalize, top_k; tf.reverse, tf.eye, tf.linspace, tf.norm,
tf.clip_by_norm, tf.dtypes.saturate_cast; tf.nn's selu, softsign, moments and
weighted_cross_entropy_with_logits.
"""

import argparse
import random

import numpy as np

FLOATS = ["float16", "float32", "float64"]
INTS = ["int8", "int16", "int32", "int64", "uint8"]
ALL_DTYPES = FLOATS + INTS + ["bool", "complex64"]
MODES = ["eager", "eager", "tape", "tape", "function", "graph", "graph_grad", "placeholder"]

# name: (expression with {x}, value domain); "any" draws from every dtype
UNARY = {
    "abs": "tf.abs({x})",
    "negative": "tf.negative({x})",
    "neg_op": "-{x}",
    "sign": "tf.sign({x})",
    "square": "tf.square({x})",
    "sqrt": "tf.sqrt({x})",
    "rsqrt": "tf.math.rsqrt({x})",
    "exp": "tf.exp({x})",
    "log": "tf.math.log({x})",
    "log1p": "tf.math.log1p({x})",
    "sin": "tf.sin({x})",
    "cos": "tf.cos({x})",
    "tanh": "tf.tanh({x})",
    "sigmoid": "tf.sigmoid({x})",
    "relu": "tf.nn.relu({x})",
    "relu6": "tf.nn.relu6({x})",
    "elu": "tf.nn.elu({x})",
    "softplus": "tf.nn.softplus({x})",
    "leaky_relu": "tf.nn.leaky_relu({x}, alpha=0.1)",
    "floor": "tf.floor({x})",
    "ceil": "tf.math.ceil({x})",
    "round": "tf.round({x})",
    "reciprocal": "tf.math.reciprocal({x})",
    "logical_not": "tf.logical_not({x})",
    "invert_op": "~{x}",
    "is_finite": "tf.math.is_finite({x})",
    "identity": "tf.identity({x})",
    "zeros_like": "tf.zeros_like({x})",
    "ones_like": "tf.ones_like({x})",
    "stop_gradient": "tf.stop_gradient({x})",
    "clip": "tf.clip_by_value({x}, -1, 2)",
    "softmax": "tf.nn.softmax({x})",
    "log_softmax": "tf.nn.log_softmax({x})",
    "math_softmax": "tf.math.softmax({x})",
    "math_log_softmax": "tf.math.log_softmax({x})",
    "softmax_axis0": "tf.nn.softmax({x}, axis=0)",
    "shape": "tf.shape({x})",
    "size": "tf.size({x})",
    "rank": "tf.rank({x})",
    "square_op": "{x} ** 2",
}
POSITIVE = {"sqrt", "rsqrt", "log", "log1p", "reciprocal"}
UNIT = {"asin", "acos"}

BINARY = {
    "add": "tf.add({x}, {y})",
    "add_op": "{x} + {y}",
    "subtract": "tf.subtract({x}, {y})",
    "sub_op": "{x} - {y}",
    "multiply": "tf.multiply({x}, {y})",
    "mul_op": "{x} * {y}",
    "divide": "tf.divide({x}, {y})",
    "truediv_op": "{x} / {y}",
    "floordiv": "tf.math.floordiv({x}, {y})",
    "floordiv_op": "{x} // {y}",
    "floormod": "tf.math.floormod({x}, {y})",
    "mod": "tf.math.mod({x}, {y})",
    "mod_op": "{x} % {y}",
    "maximum": "tf.maximum({x}, {y})",
    "minimum": "tf.minimum({x}, {y})",
    "pow": "tf.pow({x}, {y})",
    "pow_op": "{x} ** {y}",
    "squared_difference": "tf.math.squared_difference({x}, {y})",
    "logical_and": "tf.logical_and({x}, {y})",
    "logical_or": "tf.logical_or({x}, {y})",
    "logical_xor": "tf.math.logical_xor({x}, {y})",
    "and_op": "{x} & {y}",
    "or_op": "{x} | {y}",
    "xor_op": "{x} ^ {y}",
    "equal": "tf.equal({x}, {y})",
    "not_equal": "tf.not_equal({x}, {y})",
    "less": "tf.less({x}, {y})",
    "less_equal": "tf.less_equal({x}, {y})",
    "greater": "tf.greater({x}, {y})",
    "greater_equal": "tf.greater_equal({x}, {y})",
    "lt_op": "{x} < {y}",
    "ge_op": "{x} >= {y}",
    "eq_op": "{x} == {y}",
    "div_no_nan": "tf.math.divide_no_nan({x}, {y})",
    "add_n": "tf.math.add_n([{x}, {y}])",
    "where3": "tf.where({x} > {y}, {x}, {y})",
}
NONZERO_RIGHT = {"floordiv", "floordiv_op", "floormod", "mod", "mod_op", "divide", "truediv_op"}
POSITIVE_LEFT = {"pow", "pow_op"}

REDUCTIONS = [
    "tf.reduce_sum",
    "tf.reduce_mean",
    "tf.reduce_max",
    "tf.reduce_min",
    "tf.reduce_prod",
    "tf.reduce_any",
    "tf.reduce_all",
    "tf.reduce_logsumexp",
]
SHAPES = [(), (3,), (4,), (2, 3), (3, 2), (2, 1, 3), (1, 3), (2, 2, 2)]


class Builder:
    """One program's inputs and lines, rendered for one mode."""

    def __init__(self, rng):
        self.rng = rng
        self.inputs = []  # (name, dtype, shape, values) -- all differentiable candidates
        self.consts = []  # extra inputs that are never differentiated (indices, labels)

    def values(self, dtype, shape, domain="any"):
        r = self.rng
        n = int(np.prod(shape)) if shape else 1
        if dtype == "bool":
            flat = [r.choice([True, False]) for _ in range(n)]
        elif dtype in FLOATS:
            pool = {
                "any": [-2.5, -1.5, -1.0, -0.5, 0.0, 0.25, 0.5, 1.0, 2.0, 3.0],
                "positive": [0.25, 0.5, 1.0, 1.5, 2.0, 3.0],
                "unit": [-0.75, -0.5, 0.0, 0.25, 0.5],
                "nonzero": [-2.0, -1.5, -0.5, 0.5, 1.0, 2.5],
            }[domain]
            flat = [r.choice(pool) for _ in range(n)]
        elif dtype == "complex64":
            parts = [-1.0, 0.0, 0.5, 2.0]
            flat = [complex(r.choice(parts), r.choice(parts)) for _ in range(n)]
            if domain in ("positive", "nonzero"):
                flat = [v if v != 0 else complex(1.0, 0.5) for v in flat]
        else:
            low = 0 if dtype == "uint8" or domain in ("positive", "unit") else -3
            flat = [r.randint(low, 4) for _ in range(n)]
            if domain in ("positive", "nonzero"):
                flat = [v if v != 0 else 2 for v in flat]
        if not shape:
            return flat[0]
        return np.array(flat, dtype=object).reshape(shape).tolist()

    def add_input(self, dtype, shape, domain="any"):
        name = "x%d" % len(self.inputs)
        self.inputs.append((name, dtype, tuple(shape), self.values(dtype, shape, domain)))
        return name

    def add_const(self, literal):
        name = "c%d" % len(self.consts)
        self.consts.append((name, literal))
        return name


def pick_dtype(rng, prefer="float32"):
    roll = rng.random()
    if roll < 0.45:
        return prefer
    if roll < 0.6:
        return "int32"
    return rng.choice(ALL_DTYPES)


def literal(values, dtype):
    return "tf.constant(%r, dtype=tf.%s)" % (values, dtype)


# ---------------------------------------------------------------- templates: (builder) -> expr


def t_unary(b):
    name = b.rng.choice(sorted(UNARY))
    domain = "positive" if name in POSITIVE else "unit" if name in UNIT else "any"
    dtype = pick_dtype(b.rng, "bool" if name in ("logical_not", "invert_op") else "float32")
    x = b.add_input(dtype, b.rng.choice(SHAPES), domain)
    return "unary/" + name, UNARY[name].format(x=x)


def broadcast_pair(rng):
    pairs = [
        ((3,), (3,)),
        ((2, 3), (2, 3)),
        ((2, 3), (3,)),
        ((2, 1), (1, 3)),
        ((), (2, 3)),
        ((2, 3), ()),
        ((2, 1, 3), (2, 1)),
        ((3, 1), (1,)),
    ]
    if rng.random() < 0.05:
        return (2, 3), (2,)  # deliberately incompatible
    return rng.choice(pairs)


def t_binary(b):
    name = b.rng.choice(sorted(BINARY))
    logical = name in ("logical_and", "logical_or", "logical_xor", "and_op", "or_op", "xor_op")
    dtype = pick_dtype(b.rng, "bool" if logical else "float32")
    other = dtype if b.rng.random() < 0.93 else b.rng.choice(ALL_DTYPES)  # mixed: invalid
    sx, sy = broadcast_pair(b.rng)
    x = b.add_input(dtype, sx, "positive" if name in POSITIVE_LEFT else "any")
    roll = b.rng.random()
    if roll < 0.12 and not logical:  # a Python number on the right
        y = repr(b.rng.choice([2, 3, 0.5, -1.5]))
    else:
        y = b.add_input(other, sy, "nonzero" if name in NONZERO_RIGHT else "any")
    if name == "pow" and dtype in INTS:
        y = y if not y.startswith("x") else "tf.abs(%s)" % y
    return "binary/" + name, BINARY[name].format(x=x, y=y)


def t_reduce(b):
    fn = b.rng.choice(REDUCTIONS)
    bool_fn = fn in ("tf.reduce_any", "tf.reduce_all")
    dtype = pick_dtype(b.rng, "bool" if bool_fn else "float32")
    shape = b.rng.choice([(3,), (2, 3), (2, 1, 3), (2, 2, 2), (), (0, 3)])
    x = b.add_input(dtype, shape) if 0 not in shape else None
    if x is None:
        x = b.add_const("tf.zeros([0, 3], dtype=tf.%s)" % dtype)
    rank = len(shape)
    axes = [None]
    if rank:
        axes += list(range(-rank, rank)) + [[0, rank - 1], rank]  # rank: out of range
    axis = b.rng.choice(axes)
    kw = "" if axis is None else ", axis=%r" % (axis,)
    if b.rng.random() < 0.3:
        kw += ", keepdims=True"
    return "reduce/" + fn.split(".")[-1], "%s(%s%s)" % (fn, x, kw)


def t_arg(b):
    fn = b.rng.choice(["tf.argmax", "tf.argmin", "tf.math.cumsum", "tf.math.cumprod", "tf.cumsum"])
    dtype = pick_dtype(b.rng)
    shape = b.rng.choice([(3,), (2, 3), (2, 1, 3)])
    x = b.add_input(dtype, shape)
    axis = b.rng.choice(list(range(-len(shape), len(shape))))
    extra = ""
    if "cum" in fn and b.rng.random() < 0.5:
        extra = b.rng.choice(
            [", exclusive=True", ", reverse=True", ", exclusive=True, reverse=True"]
        )
    if "arg" in fn and b.rng.random() < 0.3:
        extra = ", output_type=tf.int32"
    return "reduce/" + fn.split(".")[-1], "%s(%s, axis=%d%s)" % (fn, x, axis, extra)


def t_matmul(b):
    dtype = pick_dtype(b.rng)
    cases = [
        ((2, 3), (3, 4), ""),
        ((3, 2), (3, 4), ", transpose_a=True"),
        ((2, 3), (4, 3), ", transpose_b=True"),
        ((2, 2, 3), (2, 3, 2), ""),
        ((2, 2, 3), (3, 2), ""),
        ((2, 3), (2, 3), ""),  # invalid inner dims
        ((3,), (3, 2), ""),  # rank 1: invalid
    ]
    sa, sb, kw = b.rng.choice(cases)
    x = b.add_input(dtype, sa)
    y = b.add_input(dtype, sb)
    if b.rng.random() < 0.3 and not kw:
        return "matmul/op", "%s @ %s" % (x, y)
    return "matmul/matmul", "tf.matmul(%s, %s%s)" % (x, y, kw)


def t_shape_op(b):
    dtype = pick_dtype(b.rng)
    r = b.rng
    which = r.choice(
        [
            "reshape", "transpose", "expand_dims", "squeeze", "concat", "stack", "unstack",
            "tile", "pad", "slice", "split", "broadcast_to", "fill", "range", "getitem",
            "getitem2",
        ]
    )  # fmt: skip
    if which == "reshape":
        x = b.add_input(dtype, (2, 3))
        shape = r.choice([[3, 2], [-1], [6, 1], [-1, 2], [4, -1], [2, 2], [1, -1, 3]])
        return "shape/reshape", "tf.reshape(%s, %r)" % (x, shape)
    if which == "transpose":
        x = b.add_input(dtype, (2, 1, 3))
        perm = r.choice([None, [2, 0, 1], [0, 2, 1], [1, 0]])
        return "shape/transpose", "tf.transpose(%s%s)" % (
            x,
            "" if perm is None else ", perm=%r" % perm,
        )
    if which == "expand_dims":
        x = b.add_input(dtype, (2, 3))
        return "shape/expand_dims", "tf.expand_dims(%s, %d)" % (x, r.choice([0, 1, 2, -1, -3, 3]))
    if which == "squeeze":
        x = b.add_input(dtype, (1, 2, 1))
        axis = r.choice([None, 0, 2, -1, 1, [0, 2]])
        return "shape/squeeze", "tf.squeeze(%s%s)" % (
            x,
            "" if axis is None else ", axis=%r" % (axis,),
        )
    if which in ("concat", "stack"):
        x = b.add_input(dtype, (2, 3))
        y = b.add_input(dtype if r.random() < 0.9 else "int32", r.choice([(2, 3), (2, 3), (1, 3)]))
        axis = r.choice([0, 1, -1, 2])
        return "shape/" + which, "tf.%s([%s, %s], axis=%d)" % (which, x, y, axis)
    if which == "unstack":
        x = b.add_input(dtype, (2, 3))
        return "shape/unstack", "tf.unstack(%s, axis=%d)" % (x, r.choice([0, 1, -1]))
    if which == "tile":
        x = b.add_input(dtype, (2, 3))
        return "shape/tile", "tf.tile(%s, %r)" % (x, r.choice([[2, 1], [1, 3], [2, 2], [2]]))
    if which == "pad":
        x = b.add_input(dtype, (2, 3))
        mode = r.choice(["", ", mode='REFLECT'", ", mode='SYMMETRIC'", ", constant_values=1"])
        return "shape/pad", "tf.pad(%s, [[1, 0], [0, 1]]%s)" % (x, mode)
    if which == "slice":
        x = b.add_input(dtype, (3, 4))
        begin, size = r.choice([([0, 1], [2, 2]), ([1, 0], [-1, 3]), ([2, 2], [2, 2])])
        return "shape/slice", "tf.slice(%s, %r, %r)" % (x, begin, size)
    if which == "split":
        x = b.add_input(dtype, (4, 3))
        n = r.choice(["2", "[1, 3]", "3", "[1, -1]"])
        return "shape/split", "tf.split(%s, %s, axis=0)" % (x, n)
    if which == "broadcast_to":
        x = b.add_input(dtype, r.choice([(3,), (1, 3), (2,)]))
        return "shape/broadcast_to", "tf.broadcast_to(%s, [2, 3])" % x
    if which == "fill":
        return "shape/fill", "tf.fill([2, 3], %s)" % r.choice(
            ["1.5", "2", "True", "tf.constant(3, tf.int64)"]
        )
    if which == "range":
        args = r.choice(
            [
                "5",
                "1, 7, 2",
                "0.0, 1.0, 0.25",
                "5, delta=-1",
                "3, dtype=tf.float32",
                "1, 4, dtype=tf.int64",
            ]
        )
        return "shape/range", "tf.range(%s)" % args
    x = b.add_input(dtype, (3, 4) if which == "getitem" else (2, 3, 2))
    index = r.choice(
        ["[0]", "[1:]", "[:, 1]", "[::-1]", "[:, ::2]", "[-1, -2]", "[..., 0]", "[tf.newaxis, 1]",
         "[1:3, 1:3]", "[5]", "[:, None]", "[0, ..., 1]", "[::2, -1:]"]
    )  # fmt: skip
    return "slice/getitem", "%s%s" % (x, index)


def t_gather(b):
    r = b.rng
    dtype = pick_dtype(b.rng)
    which = r.choice(["gather", "gather", "gather_nd", "batch"])
    if which == "gather_nd":
        x = b.add_input(dtype, (2, 3))
        idx = b.add_const(r.choice(["[[0, 1], [1, 2]]", "[[1], [0]]", "[[0, 3]]"]))
        return "gather/gather_nd", "tf.gather_nd(%s, tf.constant(%s))" % (x, dict(b.consts)[idx])
    if which == "batch":
        x = b.add_input(dtype, (2, 3))
        return "gather/batch_dims", "tf.gather(%s, [[0, 2], [1, 1]], batch_dims=1)" % x
    x = b.add_input(dtype, r.choice([(4,), (3, 2), (2, 3, 2)]))
    idx = r.choice(["[0, 2]", "[[1, 0], [0, 0]]", "1", "[2, 2, 0]", "[3]", "[-1]"])
    idt = r.choice(["tf.int32", "tf.int64"])
    axis = r.choice([0, 0, 1, -1])
    return "gather/gather", "tf.gather(%s, tf.constant(%s, dtype=%s), axis=%d)" % (
        x,
        idx,
        idt,
        axis,
    )


def t_one_hot(b):
    r = b.rng
    idx = r.choice(["[0, 2, 1]", "[[0, 1], [2, -1]]", "[3, 0]", "2"])
    idt = r.choice(["tf.int32", "tf.int64", "tf.uint8"])
    if (
        "-1" in idx and idt == "tf.uint8"
    ):  # (TF wraps -1 to 255 in a uint8 constant; learntf refuses)
        idt = "tf.int64"
    kw = ""
    if r.random() < 0.5:
        on, off = r.choice([("5.0", "-1.0"), ("1", "0"), ("True", "False"), ("2.5", "0.5")])
        kw += ", on_value=%s, off_value=%s" % (on, off)
    if r.random() < 0.3:
        kw += ", on_value=tf.constant(%s, tf.%s)" % (
            r.choice(["1", "2"]),
            r.choice(["int64", "float64", "int32"]),
        )
    if r.random() < 0.4:
        kw += ", dtype=tf.%s" % r.choice(["float32", "int32", "float64", "bool", "int64"])
    if r.random() < 0.3:
        kw += ", axis=%d" % r.choice([0, -1, 1])
    return "one_hot/one_hot", "tf.one_hot(tf.constant(%s, dtype=%s), %d%s)" % (
        idx,
        idt,
        r.choice([3, 4]),
        kw,
    )


def t_where(b):
    r = b.rng
    dtype = pick_dtype(b.rng)
    if r.random() < 0.3:
        x = b.add_input(dtype, r.choice([(3,), (2, 3)]))
        return "where/where1", "tf.where(%s)" % x
    sx, sy = broadcast_pair(r)
    x = b.add_input(dtype, sx)
    y = b.add_input(dtype if r.random() < 0.9 else "int32", sy)
    cond_shape = r.choice([sx, sy, (3,)])
    cond = b.add_const(repr(b.values("bool", cond_shape)))
    return "where/where3", "tf.where(tf.constant(%s), %s, %s)" % (dict(b.consts)[cond], x, y)


def t_cast(b):
    src = b.rng.choice(ALL_DTYPES)
    dst = b.rng.choice(ALL_DTYPES)
    x = b.add_input(src, b.rng.choice([(3,), (2, 3), ()]))
    return "cast/cast", "tf.cast(%s, tf.%s)" % (x, dst)


def t_xent(b):
    r = b.rng
    dtype = r.choice(["float32", "float32", "float64", "float16", "int32"])
    which = r.choice(["softmax", "softmax", "sparse", "sigmoid", "log_softmax_ce"])
    logits = b.add_input(dtype, (2, 3))
    if which == "sparse":
        labels = r.choice(["[0, 2]", "[1, 1]", "[3, 0]"])
        ldt = r.choice(["int32", "int64"])
        return "xent/sparse", (
            "tf.nn.sparse_softmax_cross_entropy_with_logits("
            "labels=tf.constant(%s, tf.%s), logits=%s)" % (labels, ldt, logits)
        )
    rows = r.choice(
        ["[[0.0, 1.0, 0.0], [0.5, 0.5, 0.0]]", "[[1.0, 1.0, 0.0], [0.2, 0.3, 0.1]]",
         "[[0.0, 0.0, 1.0], [1.0, 0.0, 0.0]]", "[[2.0, -1.0, 0.5], [0.0, 0.0, 0.0]]"]
    )  # fmt: skip
    labels = "tf.constant(%s, dtype=tf.%s)" % (rows, dtype if r.random() < 0.9 else "float64")
    if which == "softmax":
        axis = ", axis=0" if r.random() < 0.2 else ""
        return "xent/softmax", "tf.nn.softmax_cross_entropy_with_logits(labels=%s, logits=%s%s)" % (
            labels, logits, axis)  # fmt: skip
    if which == "sigmoid":
        return "xent/sigmoid", "tf.nn.sigmoid_cross_entropy_with_logits(labels=%s, logits=%s)" % (
            labels,
            logits,
        )
    if which == "weighted":
        return "xent/weighted", (
            "tf.nn.weighted_cross_entropy_with_logits(labels=%s, logits=%s, pos_weight=2.0)"
            % (labels, logits)
        )
    return "xent/log_softmax", "-tf.reduce_sum(%s * tf.nn.log_softmax(%s), axis=1)" % (
        labels,
        logits,
    )


def t_misc(b):
    r = b.rng
    dtype = pick_dtype(b.rng)
    which = r.choice(["bias_add", "dropout0", "zeros", "zeros", "ones"])
    if which == "bias_add":
        x = b.add_input(dtype, (2, 3))
        y = b.add_input(dtype, r.choice([(3,), (2,)]))
        return "misc/bias_add", "tf.nn.bias_add(%s, %s)" % (x, y)
    if which in ("zeros", "ones"):
        shape = r.choice(["[2, 3]", "3", "[]", "(2,)"])
        return "misc/" + which, "tf.%s(%s, dtype=tf.%s)" % (which, shape, dtype)
    x = b.add_input(dtype, (2, 3))
    return "misc/dropout", "tf.nn.dropout(%s, rate=0.0)" % x


TEMPLATES = [
    (t_unary, 22),
    (t_binary, 22),
    (t_reduce, 10),
    (t_arg, 4),
    (t_matmul, 6),
    (t_shape_op, 12),
    (t_gather, 6),
    (t_one_hot, 4),
    (t_where, 4),
    (t_cast, 5),
    (t_xent, 6),
    (t_misc, 4),
]


# ---------------------------------------------------------------- rendering per mode


def render(builder, expr, mode):
    lines = ["import tensorflow as tf", "", "out = {}"]
    ins = builder.inputs
    names = ", ".join(n for n, *_ in ins)
    if mode in ("eager", "tape", "function"):
        for name, dtype, _, values in ins:
            lines.append("%s = %s" % (name, literal(values, dtype)))
        if mode == "eager":
            lines.append("y = %s" % expr)
        elif mode == "function":
            lines += ["", "@tf.function", "def f(%s):" % names, "    return %s" % expr, ""]
            lines.append("y = f(%s)" % names)
        else:
            lines.append("with tf.GradientTape(persistent=True) as tape:")
            for name, *_ in ins:
                lines.append("    tape.watch(%s)" % name)
            lines.append("    y = %s" % expr)
            lines.append("out['grads'] = tape.gradient(y, [%s])" % names)
        lines.append("out['y'] = y")
        return "\n".join(lines) + "\n"
    # graph modes: build a graph, run it in a v1 Session
    lines.append("with tf.Graph().as_default():")
    feeds = []
    for name, dtype, shape, values in ins:
        if mode == "placeholder" and shape:
            dims = [
                None if i == 0 or builder.rng.random() < 0.3 else d for i, d in enumerate(shape)
            ]
            if builder.rng.random() < 0.15:
                dims = None
            lines.append("    %s = tf.compat.v1.placeholder(tf.%s, shape=%r)" % (name, dtype, dims))
            feeds.append("%s: %r" % (name, values))
        else:
            lines.append("    %s = %s" % (name, literal(values, dtype)))
    lines.append("    y = %s" % expr)
    lines.append(
        "    out['static'] = [t.shape for t in y] if isinstance(y, (list, tuple)) else y.shape"
    )
    if mode == "graph_grad":
        lines.append("    grads = tf.gradients(y, [%s])" % names)
    lines.append("    with tf.compat.v1.Session() as sess:")
    feed = ", feed_dict={%s}" % ", ".join(feeds) if feeds else ""
    lines.append("        out['y'] = sess.run(y%s)" % feed)
    if mode == "graph_grad":
        lines.append("        out['grads'] = [None if g is None else sess.run(g) for g in grads]")
    return "\n".join(lines) + "\n"


def generate(seed, n):
    """`n` programs from `seed`: [{"id", "category", "mode", "text"}]."""
    rng = random.Random(seed)
    funcs = [f for f, w in TEMPLATES for _ in range(w)]
    programs = []
    for i in range(n):
        b = Builder(rng)
        category, expr = rng.choice(funcs)(b)
        for name, text in b.consts:  # constants are inlined literals
            expr = expr.replace(name, text)
        mode = rng.choice(MODES)
        if mode in ("tape", "graph_grad") and any(i[1] == "complex64" for i in b.inputs):
            mode = "eager"  # complex gradients (TF conjugates them) are left out
        if not b.inputs and mode in ("tape", "graph_grad", "function"):
            mode = "eager"
        programs.append(
            {
                "id": "s%d-%04d" % (seed, i),
                "category": category,
                "mode": mode,
                "text": render(b, expr, mode),
            }
        )
    return programs


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("-n", type=int, default=3)
    args = parser.parse_args()
    for program in generate(args.seed, args.n):
        print(
            "# %s  %s  %s\n%s"
            % (program["id"], program["category"], program["mode"], program["text"])
        )
