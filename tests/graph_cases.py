"""The programs of the graph-parity tests (issue 16): small TensorFlow programs whose graphs
learntf must build exactly as TensorFlow 2.21 does.

scripts/record_tf_graphs.py runs every case on real TensorFlow and writes the graph it built to
tests/data/tf_graphs.json; tests/test_graph_parity.py runs the same text on learntf and compares
the two node lists. A case is a name, a mode and a program's text. The program sees two names,
`tf` and `np` (NumPy), and `tf` is, by mode:

    "v1"        tensorflow.compat.v1 / learntf.compat.v1, after disable_v2_behavior(); the
                program builds in a fresh tf.Graph (its default graph), as a TF1 program does
    "graph"     tensorflow / learntf (TF2's API, v2 behaviour) inside a fresh tf.Graph's
                `as_default()` block, as lessons 14 and 16 do
    "function"  tensorflow / learntf, eager; the program binds `graph` to the graph of a
                tf.function's concrete function

The recorded node list comes from `node_records`, written against the API both engines share:
op.name, op.type, op.inputs, op.control_inputs and op.get_attr. The "lesson..." cases are the
graph-building code of the lesson cells that draw a graph or print its ops (sessions, prints and
files left out, `tf.reset_default_graph()` dropped since each case starts from a fresh graph,
and the lessons' data sets replaced by arrays of the same shape: their values are not recorded).
"""

import collections
import hashlib
import math
import textwrap

import numpy as np

GraphCase = collections.namedtuple("GraphCase", "name mode source")

MODES = ("v1", "graph", "function")

# The attributes recorded besides name, type and inputs: the ones that decide what a node
# computes (types, shapes, transpose flags, reduction and slicing options, seeds, constants).
KEY_ATTRS = (
    "T",
    "dtype",
    "out_type",
    "output_type",
    "DstT",
    "SrcT",
    "shape",
    "value",
    "transpose_a",
    "transpose_b",
    "adj_x",
    "adj_y",
    "keep_dims",
    "axis",
    "squeeze_dims",
    "begin_mask",
    "end_mask",
    "ellipsis_mask",
    "new_axis_mask",
    "shrink_axis_mask",
    "seed",
    "seed2",
    "strides",
    "ksize",
    "padding",
    "exclusive",
    "reverse",
    "num_split",
    "out_idx",
)
READABLE_SIZE = 16  # a Const's value is recorded when it has at most this many elements

CASES = []


def case(name, mode, source):
    """Add one case; `source` may be indented (it is dedented)."""
    if mode not in MODES:
        raise ValueError("mode must be one of %s, not %r" % (MODES, mode))
    if any(existing.name == name for existing in CASES):
        raise ValueError("two graph cases are named %r" % name)
    CASES.append(GraphCase(name, mode, textwrap.dedent(source).strip() + "\n"))


def source_digest(graph_case):
    """A short hash of the program, stored with its recording: a changed program needs a new one."""
    return hashlib.sha256(graph_case.source.encode("utf-8")).hexdigest()[:16]


# -- running a case and writing down its graph (the same code for both engines) -----------------
def build_graph(graph_case, v1_module, v2_module):
    """Run the case's program with `tf` bound as its mode says; return the graph it built.
    The caller has switched the engine to the mode's behaviour (v1 or v2) first."""
    namespace = {"np": np, "tf": v1_module if graph_case.mode == "v1" else v2_module}
    code = compile(graph_case.source, "<graph case %s>" % graph_case.name, "exec")
    if graph_case.mode == "function":
        exec(code, namespace)
        return namespace["graph"]
    graph = namespace["tf"].Graph()
    with graph.as_default():
        exec(code, namespace)
    return graph


def node_records(graph, convert=None):
    """Every node of `graph` in creation order, as plain JSON data:
    {"name", "op", "inputs" (tensor names as in a NodeDef: "x", "x:1", then "^x" for each
    control input, sorted), "attrs" (those of KEY_ATTRS the node has, see `plain`)}.
    `convert` turns an engine's own attr values (protocol buffers) into Python/NumPy first."""
    return [node_record(op, convert) for op in graph.get_operations()]


def node_record(op, convert=None):
    inputs = [tensor.op.name if tensor.value_index == 0 else tensor.name for tensor in op.inputs]
    # Control inputs are a set: TensorFlow's order of them varies from run to run (tf.group).
    inputs += sorted("^" + control.name for control in op.control_inputs)
    attrs = {}
    for key in KEY_ATTRS:
        try:
            value = op.get_attr(key)
        except ValueError:  # both engines: "Operation 'x' has no attr named 'key'."
            continue
        attrs[key] = plain(convert(value) if convert else value)
    return {"name": op.name, "op": op.type, "inputs": inputs, "attrs": attrs}


def plain(value):
    """An attr value as JSON: a dtype by its name ("float32"), a shape as a list (None for an
    unknown dimension; None for an unknown rank), an array as {dtype, shape, value (when it has
    at most READABLE_SIZE elements)}, strings as text, NaN and infinities as text."""
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        value = float(value)
        return value if math.isfinite(value) else repr(value)
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="backslashreplace")
    if isinstance(value, str):
        return str(value)
    if isinstance(value, np.ndarray):
        return _plain_array(value)
    if type(value).__name__ == "DType":
        return value.name
    if type(value).__name__ == "TensorShape":
        return None if value.rank is None else list(value.as_list())
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value]
    if value is None:
        return None
    return "<%s %s>" % (type(value).__name__, value)


def _plain_array(array):
    kind = array.dtype.kind
    record = {"dtype": "string" if kind in "OSU" else array.dtype.name, "shape": list(array.shape)}
    if array.size <= READABLE_SIZE:
        record["value"] = _plain_nested(array.tolist())
    return record


def _plain_nested(value):
    if isinstance(value, list):
        return [_plain_nested(item) for item in value]
    return plain(value)


# -- the small graphs -------------------------------------------------------------------------
# Arithmetic and broadcasting
case(
    "arith_scalar_and_matrix",
    "v1",
    """
    a = tf.constant([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    b = a + 1.0
    c = 2.0 * a
    d = a - tf.constant([1.0, 2.0, 3.0])
    e = a / 2.0
    f = -a
    g = 1.0 - a
""",
)
case(
    "arith_named_functions",
    "v1",
    """
    x = tf.placeholder(tf.float32, shape=(None, 3), name="x")
    y = tf.placeholder(tf.float32, shape=(3,), name="y")
    s = tf.add(x, y, name="sum")
    d = tf.subtract(x, y)
    p = tf.multiply(x, y, name="product")
    q = tf.divide(x, y)
    r = tf.truediv(x, 4.0)
    w = tf.pow(x, y)
    sq = tf.square(y)
    n = tf.negative(x, name="minus_x")
""",
)
case(
    "arith_integers",
    "v1",
    """
    i = tf.constant([7, 8, 9])
    j = tf.constant(2)
    fd = i // j
    md = i % j
    prod = i * 3
    div = i / j
    cast = tf.cast(i, tf.float32)
    back = tf.cast(cast, tf.int64)
""",
)
case(
    "arith_unary_math",
    "v1",
    """
    x = tf.placeholder(tf.float32, shape=(2, 2), name="x")
    ops = [tf.sqrt(x), tf.exp(x), tf.log(x), tf.abs(x), tf.sigmoid(x), tf.tanh(x),
           tf.square(x), x ** 3, tf.pow(x, 2.0), tf.rsqrt(x), tf.reciprocal(x), tf.sign(x)]
""",
)
case(
    "arith_compare_and_select",
    "v1",
    """
    x = tf.placeholder(tf.float32, shape=(3,), name="x")
    y = tf.constant([1.0, 0.0, -1.0])
    bigger = tf.greater(x, y)
    smaller = x < y
    same = tf.equal(x, y)
    both = tf.logical_and(bigger, tf.logical_not(same))
    chosen = tf.where(both, x, y)
    hi = tf.maximum(x, 0.0)
    lo = tf.minimum(x, y)
    clipped = tf.clip_by_value(x, -1.0, 1.0)
    as_float = tf.cast(bigger, tf.float32)
""",
)
case(
    "matmul_transpose_flags",
    "v1",
    """
    a = tf.placeholder(tf.float32, shape=(3, 2), name="a")
    b = tf.placeholder(tf.float32, shape=(3, 4), name="b")
    ab = tf.matmul(a, b, transpose_a=True)
    ba = tf.matmul(b, a, transpose_a=True, name="ba")
    c = tf.matmul(ab, ab, transpose_b=True)
    d = a @ tf.ones([2, 5])
""",
)
case(
    "reductions_axes",
    "v1",
    """
    x = tf.placeholder(tf.float32, shape=(2, 3, 4), name="x")
    total = tf.reduce_sum(x)
    over_rows = tf.reduce_sum(x, axis=0)
    means = tf.reduce_mean(x, axis=1, keepdims=True)
    biggest = tf.reduce_max(x, axis=[0, 2])
    smallest = tf.reduce_min(x, axis=-1)
    product = tf.reduce_prod(x, 2, name="product")
    mean_all = tf.reduce_mean(x, name="mean_all")
    flags = x > 0.0
    every = tf.reduce_all(flags, axis=1)
    some = tf.reduce_any(flags)
""",
)
case(
    "argmax_argmin",
    "v1",
    """
    x = tf.placeholder(tf.float32, shape=(4, 3), name="x")
    best = tf.argmax(x, axis=1)
    worst = tf.argmin(x, 0)
    best32 = tf.argmax(x, axis=1, output_type=tf.int32)
""",
)
case(
    "reshape_and_transpose",
    "v1",
    """
    x = tf.placeholder(tf.float32, shape=(2, 3, 4), name="x")
    flat = tf.reshape(x, [-1])
    mat = tf.reshape(x, [6, 4], name="mat")
    t = tf.transpose(mat)
    perm = tf.transpose(x, perm=[1, 0, 2])
    back = tf.reshape(perm, tf.shape(x))
""",
)
case(
    "expand_dims_and_squeeze",
    "v1",
    """
    x = tf.placeholder(tf.float32, shape=(3,), name="x")
    row = tf.expand_dims(x, 0)
    col = tf.expand_dims(x, -1)
    y = tf.placeholder(tf.float32, shape=(1, 3, 1), name="y")
    all_ones = tf.squeeze(y)
    first = tf.squeeze(y, axis=[0])
""",
)
case(
    "concat_stack_unstack",
    "v1",
    """
    a = tf.constant([[1, 2], [3, 4]])
    b = tf.constant([[5, 6], [7, 8]])
    rows = tf.concat([a, b], 0)
    cols = tf.concat([a, b], axis=1, name="cols")
    stacked = tf.stack([a, b])
    side = tf.stack([a, b], axis=1)
    first, second = tf.unstack(a)
""",
)
case(
    "tile_fill_zeros_ones_range",
    "v1",
    """
    x = tf.constant([[1.0, 2.0]])
    tiled = tf.tile(x, [3, 2])
    filled = tf.fill([2, 3], 7.0)
    z = tf.zeros([2, 3])
    o = tf.ones([4], dtype=tf.int32)
    zl = tf.zeros_like(x)
    ol = tf.ones_like(tiled)
    r = tf.range(5)
    r2 = tf.range(1, 10, 2)
""",
)
case(
    "slicing",
    "v1",
    """
    x = tf.placeholder(tf.float32, shape=(4, 5), name="x")
    a = x[0]
    b = x[1:]
    c = x[:, 1]
    d = x[..., 0]
    e = x[::2]
    f = x[tf.newaxis]
    g = x[0, 1:3]
    h = x[-1, :-1]
""",
)
case(
    "shape_size_rank_gather_one_hot",
    "v1",
    """
    x = tf.placeholder(tf.float32, shape=(None, 3), name="x")
    s = tf.shape(x)
    n = tf.size(x)
    r = tf.rank(x)
    rows = tf.gather(x, [0, 2])
    cols = tf.gather(x, [1], axis=1)
    labels = tf.constant([0, 2, 1])
    hot = tf.one_hot(labels, 3)
""",
)
case(
    "placeholders",
    "v1",
    """
    a = tf.placeholder(tf.float32)
    b = tf.placeholder(tf.float32, shape=(None, 3))
    c = tf.placeholder(tf.int32, shape=[2, 3], name="c")
    d = tf.placeholder(tf.float64, shape=())
    e = tf.placeholder(tf.bool, shape=[None], name="mask")
    f = tf.placeholder_with_default(tf.constant([1.0, 2.0]), shape=[None], name="f")
""",
)
case(
    "constants",
    "v1",
    """
    a = tf.constant(3)
    b = tf.constant(2.5, name="b")
    c = tf.constant([1, 2, 3], dtype=tf.int64)
    d = tf.constant([[1.0, 2.0], [3.0, 4.0]], dtype=tf.float64)
    e = tf.constant(1.0, shape=[2, 3])
    f = tf.constant("hello")
    g = tf.constant([True, False])
    h = tf.constant(np.arange(20, dtype=np.float32).reshape(4, 5), name="big")
    i = tf.constant(0.1)
""",
)
case(
    "variables_and_assign",
    "v1",
    """
    x = tf.Variable(3, name="x")
    w = tf.Variable(tf.zeros([2, 3]), name="w")
    b = tf.Variable([1.0, 2.0, 3.0])
    steps = tf.Variable(0, trainable=False, name="steps")
    y = w * 2.0 + b
    set_x = tf.assign(x, 10)
    inc = tf.assign_add(steps, 1)
    dec = tf.assign_sub(b, [0.5, 0.5, 0.5])
    init = tf.global_variables_initializer()
""",
)
case(
    "variables_initializer_lists",
    "v1",
    """
    a = tf.Variable(1.0, name="a")
    b = tf.Variable(2.0, name="b")
    c = tf.Variable(3.0, name="c")
    some = tf.variables_initializer([a, c])
    every = tf.global_variables_initializer()
    local = tf.local_variables_initializer()
""",
)
case(
    "get_variable_scopes_and_reuse",
    "v1",
    """
    with tf.variable_scope("layer"):
        w = tf.get_variable("w", [2, 3], initializer=tf.zeros_initializer())
        b = tf.get_variable("b", [3], initializer=tf.constant_initializer(0.1))
    with tf.variable_scope("layer", reuse=True):
        w_again = tf.get_variable("w")
    with tf.variable_scope("other"):
        v = tf.get_variable("v", shape=(), initializer=tf.ones_initializer())
        y = v * w_again
    with tf.variable_scope("auto", reuse=tf.AUTO_REUSE):
        a1 = tf.get_variable("a", [1], initializer=tf.zeros_initializer())
    with tf.variable_scope("auto", reuse=tf.AUTO_REUSE):
        a2 = tf.get_variable("a", [1], initializer=tf.zeros_initializer())
""",
)
case(
    "get_variable_default_initializer",
    "v1",
    """
    w = tf.get_variable("weights", [3, 4])
    with tf.variable_scope("dense"):
        k = tf.get_variable("kernel", [4, 2], dtype=tf.float32)
        b = tf.get_variable("bias", [2], initializer=tf.zeros_initializer())
""",
)
case(
    "initializers",
    "v1",
    """
    a = tf.get_variable("a", [2, 3], initializer=tf.random_normal_initializer(stddev=0.5, seed=1))
    b = tf.get_variable("b", [2, 3],
                        initializer=tf.truncated_normal_initializer(stddev=0.02, seed=2))
    c = tf.get_variable("c", [4], initializer=tf.random_uniform_initializer(-1.0, 1.0, seed=3))
    d = tf.get_variable("d", [3, 3], initializer=tf.glorot_uniform_initializer(seed=4))
    e = tf.get_variable("e", [3, 3], initializer=tf.glorot_normal_initializer(seed=5))
    f = tf.get_variable("f", [2], initializer=tf.ones_initializer())
    g = tf.get_variable("g", [2], initializer=tf.constant_initializer([1.0, 2.0]))
""",
)
case(
    "random_ops_graph_seed",
    "v1",
    """
    tf.set_random_seed(7)
    u = tf.random_uniform([2, 3])
    n = tf.random_normal([3], mean=1.0, stddev=2.0)
    t = tf.truncated_normal([2, 2], stddev=0.1, seed=5)
    i = tf.random_uniform([4], minval=0, maxval=10, dtype=tf.int32)
    w = tf.Variable(tf.random_uniform([3, 1], -1.0, 1.0), name="w")
""",
)
case(
    "random_ops_op_seed_only",
    "v1",
    """
    u = tf.random_uniform([2, 3], seed=42)
    n = tf.random_normal([3], seed=1, name="noise")
    unseeded = tf.random_uniform([2])
    t = tf.truncated_normal([5])
""",
)
case(
    "name_scopes",
    "v1",
    """
    with tf.name_scope("outer"):
        a = tf.constant(1.0, name="a")
        with tf.name_scope("inner"):
            b = a + 1.0
        with tf.name_scope("inner"):
            c = a * 2.0
    with tf.name_scope("outer"):
        d = tf.add(b, c, name="d")
    with tf.name_scope("outer/"):
        e = tf.identity(d, name="e")
    f = tf.add(a, e, name="add")
    g = tf.add(a, e, name="add")
""",
)
case(
    "group_control_dependencies",
    "v1",
    """
    v = tf.Variable(0.0, name="v")
    inc = tf.assign_add(v, 1.0)
    with tf.control_dependencies([inc]):
        after = tf.identity(v, name="after")
        nothing = tf.no_op(name="nothing")
    both = tf.group(inc, after, name="both")
""",
)
case(
    "cond_v1",
    "v1",
    """
    x = tf.placeholder(tf.float32, shape=(), name="x")
    y = tf.constant(2.0, name="y")
    out = tf.cond(x < y, lambda: x + y, lambda: x * y)
""",
)
case(
    "nn_ops",
    "v1",
    """
    logits = tf.placeholder(tf.float32, shape=(None, 4), name="logits")
    labels = tf.placeholder(tf.float32, shape=(None, 4), name="labels")
    probs = tf.nn.softmax(logits)
    logp = tf.nn.log_softmax(logits)
    r = tf.nn.relu(logits)
    xent = tf.nn.softmax_cross_entropy_with_logits_v2(labels=labels, logits=logits)
    sig = tf.nn.sigmoid_cross_entropy_with_logits(labels=labels, logits=logits)
    ids = tf.placeholder(tf.int32, shape=(None,), name="ids")
    sparse = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=ids, logits=logits)
""",
)
case(
    "nn_conv_pool",
    "v1",
    """
    images = tf.placeholder(tf.float32, shape=(2, 8, 8, 3), name="images")
    kernel = tf.constant(np.ones((3, 3, 3, 4), np.float32), name="kernel")
    conv = tf.nn.conv2d(images, kernel, strides=[1, 1, 1, 1], padding="SAME")
    biased = tf.nn.bias_add(conv, tf.zeros([4]))
    pooled = tf.nn.max_pool(tf.nn.relu(biased), ksize=[1, 2, 2, 1], strides=[1, 2, 2, 1],
                            padding="VALID")
    averaged = tf.nn.avg_pool(pooled, ksize=[1, 2, 2, 1], strides=[1, 2, 2, 1], padding="SAME")
""",
)

# Gradients (tf.gradients: TF's gradient graphs, with Shape, BroadcastGradientArgs, Sum, ...)
case(
    "grad_broadcast_add_sub",
    "v1",
    """
    x = tf.placeholder(tf.float32, shape=(None, 3), name="x")
    b = tf.Variable(tf.zeros([3]), name="b")
    c = tf.constant(1.0, name="c")
    loss = tf.reduce_sum(x + b - c)
    grads = tf.gradients(loss, [x, b])
""",
)
case(
    "grad_broadcast_mul_div",
    "v1",
    """
    x = tf.placeholder(tf.float32, shape=(2, 3), name="x")
    y = tf.placeholder(tf.float32, shape=(3,), name="y")
    z = tf.placeholder(tf.float32, shape=(), name="z")
    out = (x * y) / z
    grads = tf.gradients(out, [x, y, z])
""",
)
case(
    "grad_scalar_times_matrix",
    "v1",
    """
    w = tf.Variable([[1.0, 2.0], [3.0, 4.0]], name="w")
    s = tf.Variable(2.0, name="s")
    loss = tf.reduce_mean(s * w - 1.0)
    grads = tf.gradients(loss, [w, s])
""",
)
case(
    "grad_reductions",
    "v1",
    """
    x = tf.placeholder(tf.float32, shape=(2, 3), name="x")
    m = tf.reduce_mean(x, axis=0)
    s = tf.reduce_sum(x, axis=1, keepdims=True)
    top = tf.reduce_max(x)
    g_mean = tf.gradients(m, x)
    g_sum = tf.gradients(s, x)
    g_max = tf.gradients(top, x)
    g_all = tf.gradients(tf.reduce_mean(x), x)
""",
)
case(
    "grad_matmul",
    "v1",
    """
    a = tf.placeholder(tf.float32, shape=(4, 3), name="a")
    w = tf.Variable(tf.ones([3, 2]), name="w")
    v = tf.Variable(tf.ones([5, 2]), name="v")
    h = tf.matmul(a, w)
    out = tf.matmul(h, v, transpose_b=True)
    grads = tf.gradients(out, [a, w, v])
""",
)
case(
    "grad_activations",
    "v1",
    """
    x = tf.placeholder(tf.float32, shape=(2, 4), name="x")
    y = tf.nn.softmax(x)
    s = tf.sigmoid(x)
    r = tf.nn.relu(x)
    t = tf.tanh(x)
    grads = tf.gradients([y, s, r, t], x)
""",
)
case(
    "grad_softmax_cross_entropy",
    "v1",
    """
    logits = tf.Variable(tf.zeros([2, 3]), name="logits")
    labels = tf.constant([[0.0, 1.0, 0.0], [1.0, 0.0, 0.0]])
    loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits_v2(labels=labels, logits=logits))
    grads = tf.gradients(loss, logits)
""",
)
case(
    "grad_addn_repeated_use",
    "v1",
    """
    x = tf.Variable(3.0, name="x")
    y = x * x + x
    z = y * x + tf.square(x)
    grads = tf.gradients(z, x)
    two = tf.gradients([y, z], [x])
""",
)
case(
    "grad_math_functions",
    "v1",
    """
    x = tf.placeholder(tf.float32, shape=(3,), name="x")
    f = tf.pow(x, 3.0) + tf.sqrt(x) + tf.exp(x) + tf.log(x) + tf.square(x) - tf.abs(x)
    grads = tf.gradients(f, x)
""",
)
case(
    "grad_shapes_and_slices",
    "v1",
    """
    x = tf.placeholder(tf.float32, shape=(2, 3), name="x")
    r = tf.reshape(x, [3, 2])
    t = tf.transpose(r)
    c = tf.concat([t, x], axis=0)
    s = c[1:3, ::2]
    e = tf.expand_dims(s, 0)
    grads = tf.gradients(tf.reduce_sum(e), x)
""",
)
case(
    "grad_ys_and_stop_gradient",
    "v1",
    """
    x = tf.placeholder(tf.float32, shape=(2,), name="x")
    y = x * tf.stop_gradient(x * 2.0)
    seed = tf.constant([1.0, 0.5], name="seed")
    grads = tf.gradients(y, x, grad_ys=seed)
    named = tf.gradients(y, x, name="my_gradients")
""",
)

# Optimizers
OPTIMIZER_PROBLEM = """
    x = tf.placeholder(tf.float32, shape=(None, 2), name="x")
    w = tf.Variable(tf.zeros([2, 1]), name="w")
    b = tf.Variable(0.0, name="b")
    loss = tf.reduce_mean(tf.square(tf.matmul(x, w) + b - 1.0))
"""
case(
    "opt_gradient_descent_minimize",
    "v1",
    OPTIMIZER_PROBLEM
    + """
    train = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
""",
)
case(
    "opt_momentum_minimize",
    "v1",
    OPTIMIZER_PROBLEM
    + """
    train = tf.train.MomentumOptimizer(0.01, momentum=0.9).minimize(loss)
""",
)
case(
    "opt_adam_minimize",
    "v1",
    OPTIMIZER_PROBLEM
    + """
    train = tf.train.AdamOptimizer(learning_rate=0.001).minimize(loss)
""",
)
case(
    "opt_compute_apply_global_step",
    "v1",
    OPTIMIZER_PROBLEM
    + """
    step = tf.train.get_or_create_global_step()
    optimizer = tf.train.GradientDescentOptimizer(learning_rate=0.5)
    grads_and_vars = optimizer.compute_gradients(loss, var_list=[w])
    train = optimizer.apply_gradients(grads_and_vars, global_step=step, name="train")
""",
)

# Saver, summaries, initializers
case(
    "saver_default",
    "v1",
    """
    a = tf.Variable(tf.zeros([3]), name="a")
    b = tf.Variable(1, name="b")
    saver = tf.train.Saver()
""",
)
case(
    "saver_var_dict_and_second_saver",
    "v1",
    """
    a = tf.Variable(tf.zeros([3]), name="a")
    b = tf.Variable(1.0, name="b")
    all_saver = tf.train.Saver()
    b_saver = tf.train.Saver({"bee": b})
""",
)
case(
    "summaries",
    "v1",
    """
    x = tf.placeholder(tf.float32, shape=(None,), name="x")
    loss = tf.reduce_mean(tf.square(x), name="loss")
    s1 = tf.summary.scalar("loss", loss)
    with tf.name_scope("stats"):
        s2 = tf.summary.histogram("x", x)
    merged = tf.summary.merge_all()
""",
)

# Gradients of the remaining ops (issue 16): each gradient graph as TF's gradient function
# (math_grad.py, array_grad.py, nn_grad.py, sparse_grad.py) builds it
case(
    "grad_gather_axis0",
    "v1",
    """
    params = tf.placeholder(tf.float32, shape=(5, 3), name="params")
    rows = tf.gather(params, [0, 2, 2])
    grads = tf.gradients(tf.reduce_sum(rows * 2.0), params)
""",
)
case(
    "grad_gather_axis1_twice",
    "v1",
    """
    params = tf.placeholder(tf.float32, shape=(2, 4, 3), name="params")
    cols = tf.gather(params, tf.constant([3, 1]), axis=1)
    again = tf.gather(params, [[0], [2]], axis=-1, name="last_axis")
    grads = tf.gradients([cols, again], params)
""",
)
case(
    "grad_gather_nd",
    "v1",
    """
    params = tf.placeholder(tf.float32, shape=(3, 4), name="params")
    picked = tf.gather_nd(params, [[0, 1], [2, 3]])
    grads = tf.gradients(picked, params)
""",
)
case(
    "grad_unsorted_segment_sum",
    "v1",
    """
    data = tf.placeholder(tf.float32, shape=(4, 2), name="data")
    sums = tf.math.unsorted_segment_sum(data, [0, 1, 0, -1], 3)
    grads = tf.gradients(sums, data)
""",
)
case(
    "grad_unsorted_segment_mean",
    "v1",
    """
    data = tf.placeholder(tf.float32, shape=(4,), name="data")
    means = tf.math.unsorted_segment_mean(data, [0, 1, 0, 1], 2)
    grads = tf.gradients(means, data)
""",
)
case(
    "grad_unsorted_segment_max",
    "v1",
    """
    data = tf.placeholder(tf.float32, shape=(5, 2), name="data")
    biggest = tf.math.unsorted_segment_max(data, [1, 0, 1, 1, 0], 2)
    grads = tf.gradients(biggest, data)
""",
)
case(
    "grad_segment_sum",
    "v1",
    """
    data = tf.placeholder(tf.float32, shape=(4, 3), name="data")
    sums = tf.math.segment_sum(data, [0, 0, 1, 2])
    grads = tf.gradients(sums, data)
""",
)
case(
    "grad_conv2d_same",
    "v1",
    """
    images = tf.placeholder(tf.float32, shape=(2, 5, 5, 3), name="images")
    kernel = tf.Variable(tf.ones([3, 3, 3, 4]), name="kernel")
    conv = tf.nn.conv2d(images, kernel, strides=[1, 1, 1, 1], padding="SAME")
    grads = tf.gradients(tf.reduce_sum(conv), [images, kernel])
""",
)
case(
    "grad_conv2d_valid_strided",
    "v1",
    """
    images = tf.placeholder(tf.float32, shape=(None, 7, 7, 2), name="images")
    kernel = tf.placeholder(tf.float32, shape=(2, 2, 2, 3), name="kernel")
    conv = tf.nn.conv2d(images, kernel, strides=[1, 2, 2, 1], padding="VALID", name="conv")
    grads = tf.gradients(conv, [images, kernel])
""",
)
case(
    "grad_pools_and_bias_add",
    "v1",
    """
    x = tf.placeholder(tf.float32, shape=(1, 4, 4, 2), name="x")
    b = tf.Variable(tf.zeros([2]), name="b")
    biased = tf.nn.bias_add(x, b)
    mx = tf.nn.max_pool(biased, ksize=[1, 2, 2, 1], strides=[1, 2, 2, 1], padding="VALID")
    av = tf.nn.avg_pool(biased, ksize=[1, 3, 3, 1], strides=[1, 1, 1, 1], padding="SAME")
    grads = tf.gradients([mx, av], [x, b])
""",
)
case(
    "grad_softmax_log_softmax",
    "v1",
    """
    x = tf.placeholder(tf.float32, shape=(2, 3), name="x")
    p = tf.nn.softmax(x)
    lp = tf.nn.log_softmax(x, name="logp")
    g_p = tf.gradients(p * tf.constant([1.0, 2.0, 3.0]), x)
    g_lp = tf.gradients(lp, x)
""",
)
case(
    "grad_softmax_xent_v2_both",
    "v1",
    """
    logits = tf.placeholder(tf.float32, shape=(None, 3), name="logits")
    labels = tf.placeholder(tf.float32, shape=(None, 3), name="labels")
    loss = tf.nn.softmax_cross_entropy_with_logits_v2(labels=labels, logits=logits)
    grads = tf.gradients(tf.reduce_mean(loss), [logits, labels])
""",
)
case(
    "grad_sparse_softmax_xent",
    "v1",
    """
    logits = tf.placeholder(tf.float32, shape=(2, 4), name="logits")
    ids = tf.constant([1, 3])
    loss = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=ids, logits=logits)
    grads = tf.gradients(tf.reduce_sum(loss), logits)
""",
)
case(
    "grad_sigmoid_xent",
    "v1",
    """
    logits = tf.placeholder(tf.float32, shape=(2, 3), name="logits")
    labels = tf.placeholder(tf.float32, shape=(2, 3), name="labels")
    loss = tf.nn.sigmoid_cross_entropy_with_logits(labels=labels, logits=logits)
    grads = tf.gradients(loss, [logits, labels])
""",
)
case(
    "grad_sparse_dense_matmul",
    "v1",
    """
    sp = tf.SparseTensor(indices=[[0, 0], [1, 2]], values=tf.constant([1.0, 2.0]),
                         dense_shape=[2, 3])
    b = tf.placeholder(tf.float32, shape=(3, 4), name="b")
    out = tf.sparse.sparse_dense_matmul(sp, b)
    grads = tf.gradients(out, [sp.values, b])
""",
)
case(
    "grad_tile_and_pad",
    "v1",
    """
    x = tf.placeholder(tf.float32, shape=(2, 3), name="x")
    tiled = tf.tile(x, [2, 3])
    padded = tf.pad(x, [[1, 0], [2, 2]])
    g_tile = tf.gradients(tiled, x)
    g_pad = tf.gradients(padded, x)
""",
)
case(
    "grad_concat_axis1_unknown_rows",
    "v1",
    """
    a = tf.placeholder(tf.float32, shape=(None, 2), name="a")
    b = tf.placeholder(tf.float32, shape=(None, 3), name="b")
    c = tf.concat([a, b], axis=1)
    grads = tf.gradients(c * 3.0, [a, b])
""",
)
case(
    "grad_stack_unstack_transpose",
    "v1",
    """
    x = tf.placeholder(tf.float32, shape=(2, 3, 4), name="x")
    y = tf.placeholder(tf.float32, shape=(2, 3, 4), name="y")
    s = tf.stack([x, y], axis=1)
    t = tf.transpose(s, perm=[3, 0, 2, 1])
    parts = tf.unstack(t, axis=2)
    grads = tf.gradients(parts[0] + 2.0 * parts[2], [x, y])
""",
)
case(
    "grad_reduce_max_min_keepdims",
    "v1",
    """
    x = tf.placeholder(tf.float32, shape=(2, 3), name="x")
    hi = tf.reduce_max(x, axis=1, keepdims=True)
    lo = tf.reduce_min(x, axis=0)
    g_hi = tf.gradients(hi, x)
    g_lo = tf.gradients(lo, x)
""",
)
case(
    "grad_reduce_max_unknown_shape",
    "v1",
    """
    x = tf.placeholder(tf.float32, shape=(None, 3), name="x")
    hi = tf.reduce_max(x, axis=-1)
    lo = tf.reduce_min(x)
    grads = tf.gradients([hi, lo], x)
""",
)
case(
    "grad_expand_dims_squeeze_slice",
    "v1",
    """
    x = tf.placeholder(tf.float32, shape=(1, 4, 5), name="x")
    sq = tf.squeeze(x, axis=0)
    e = tf.expand_dims(sq, -1)
    t = e[1:, ::2]
    grads = tf.gradients(t, x)
""",
)
case(
    "grad_one_hot_and_cast",
    "v1",
    """
    ids = tf.placeholder(tf.int32, shape=(3,), name="ids")
    x = tf.placeholder(tf.float32, shape=(3, 4), name="x")
    hot = tf.one_hot(ids, 4)
    d = tf.cast(x, tf.float64)
    i = tf.cast(x, tf.int32)
    g_hot = tf.gradients(tf.reduce_sum(hot * x), [x, ids])
    g_cast = tf.gradients(d * 2.0 + tf.cast(i, tf.float64), x)
""",
)
case(
    "grad_clip_by_value",
    "v1",
    """
    x = tf.placeholder(tf.float32, shape=(2, 3), name="x")
    clipped = tf.clip_by_value(x, -1.0, 1.0)
    grads = tf.gradients(clipped, x)
""",
)
case(
    "grad_where_and_where_v2",
    "v1",
    """
    x = tf.placeholder(tf.float32, shape=(3,), name="x")
    y = tf.placeholder(tf.float32, shape=(3,), name="y")
    chosen = tf.where(x > y, x, y)
    broad = tf.where_v2(x > 0.0, x, 0.0)
    grads = tf.gradients([chosen, broad], [x, y])
""",
)
case(
    "grad_relu_family_and_softplus",
    "v1",
    """
    x = tf.placeholder(tf.float32, shape=(2, 3), name="x")
    outs = [tf.nn.leaky_relu(x, alpha=0.1), tf.nn.elu(x), tf.nn.relu6(x), tf.nn.softplus(x)]
    grads = [tf.gradients(out, x) for out in outs]
""",
)
case(
    "grad_second_order_sqrt_rsqrt_reciprocal",
    "v1",
    """
    x = tf.placeholder(tf.float32, shape=(3,), name="x")
    y = tf.sqrt(x) + tf.rsqrt(x) + tf.reciprocal(x)
    first = tf.gradients(y, x)[0]
    second = tf.gradients(first, x)
""",
)
case(
    "grad_second_order_chain",
    "v1",
    """
    x = tf.placeholder(tf.float32, shape=(), name="x")
    y = tf.reciprocal(tf.rsqrt(tf.sqrt(x)))
    first = tf.gradients(y, x)[0]
    second = tf.gradients(first, x)
""",
)
case(
    "grad_batch_matmul_broadcast",
    "v1",
    """
    a = tf.placeholder(tf.float32, shape=(2, 3, 4), name="a")
    b = tf.placeholder(tf.float32, shape=(4, 5), name="b")
    c = tf.placeholder(tf.float32, shape=(1, 5, 2), name="c")
    ab = tf.matmul(a, b)
    abc = tf.matmul(ab, c)
    grads = tf.gradients(abc, [a, b, c])
""",
)
case(
    "grad_l2_loss",
    "v1",
    """
    w = tf.Variable(tf.ones([3, 2]), name="w")
    loss = tf.nn.l2_loss(w) * 0.01
    grads = tf.gradients(loss, w)
""",
)
case(
    "grad_maximum_minimum",
    "v1",
    """
    x = tf.placeholder(tf.float32, shape=(2, 3), name="x")
    y = tf.placeholder(tf.float32, shape=(3,), name="y")
    hi = tf.maximum(x, y)
    lo = tf.minimum(x, 0.5)
    grads = tf.gradients([hi, lo], [x, y])
""",
)
case(
    "grad_second_order_activations",
    "v1",
    """
    x = tf.placeholder(tf.float32, shape=(3,), name="x")
    outs = [tf.sigmoid(x), tf.tanh(x), tf.nn.elu(x), tf.nn.relu6(x),
            tf.nn.leaky_relu(x, alpha=0.3), tf.nn.softplus(x)]
    firsts = [tf.gradients(out, x)[0] for out in outs]
    seconds = [tf.gradients(first, x) for first in firsts]
""",
)
case(
    "grad_softmax_other_axis_unknown_rows",
    "v1",
    """
    x = tf.placeholder(tf.float32, shape=(None, 3), name="x")
    p = tf.nn.softmax(x, axis=0)
    lp = tf.nn.log_softmax(x)
    grads = tf.gradients([p, lp], x)
""",
)
case(
    "grad_second_order_conv_bias_pool",
    "v1",
    """
    x = tf.placeholder(tf.float32, shape=(1, 4, 4, 1), name="x")
    k = tf.placeholder(tf.float32, shape=(2, 2, 1, 2), name="k")
    b = tf.placeholder(tf.float32, shape=(2,), name="b")
    y = tf.nn.avg_pool(tf.nn.bias_add(tf.nn.conv2d(x, k, [1, 1, 1, 1], "SAME"), b),
                       [1, 2, 2, 1], [1, 2, 2, 1], "VALID")
    gx, gk, gb = tf.gradients(tf.reduce_sum(y * y), [x, k, b])
    second = tf.gradients(tf.reduce_sum(gx) + tf.reduce_sum(gb), [x, k, b])
""",
)
case(
    "grad_unknown_shapes_tile_pad_concat_bmm",
    "v1",
    """
    x = tf.placeholder(tf.float32, shape=(None, 2), name="x")
    y = tf.placeholder(tf.float32, shape=(None, 4, 2), name="y")
    t = tf.tile(x, [2, 1])
    p = tf.pad(x, [[0, 1], [1, 1]])
    c = tf.concat([x, x * 2.0], axis=-1)
    m = tf.matmul(y, tf.expand_dims(x, 1), adjoint_b=True)
    grads = tf.gradients([tf.reduce_sum(t), tf.reduce_mean(p), tf.reduce_max(c), m], [x, y])
""",
)
case(
    "function_tape_index_and_nn_ops",
    "function",
    """
    w = tf.Variable(tf.ones([3, 4]), name="w")

    @tf.function
    def grad(x, ids):
        with tf.GradientTape() as tape:
            h = tf.maximum(tf.gather(w, ids, axis=1), x)
            loss = tf.reduce_sum(tf.nn.softmax(h) * tf.nn.elu(h))
        return tape.gradient(loss, [w, x])

    graph = grad.get_concrete_function(tf.TensorSpec([3, 2], tf.float32),
                                       tf.TensorSpec([2], tf.int32)).graph
""",
)

# Gradients that are ops of their own, and their gradients (MirrorPadGrad, MaxPoolGradGrad)
case(
    "grad_mirror_pad_and_pad_v2",
    "v1",
    """
    x = tf.placeholder(tf.float32, [3, 4], name="x")
    reflect = tf.pad(x, [[1, 2], [2, 1]], mode="REFLECT")
    symmetric = tf.pad(x, [[0, 1], [1, 0]], mode="SYMMETRIC")
    filled = tf.pad(x, [[1, 0], [0, 2]], constant_values=3.0)
    loss = tf.reduce_sum(tf.square(reflect)) + tf.reduce_sum(symmetric) + tf.reduce_sum(filled)
    dx = tf.gradients(loss, x)
    upstream = tf.placeholder(tf.float32, [6, 7], name="upstream")
    d2 = tf.gradients(tf.gradients(reflect, x, grad_ys=upstream)[0] ** 2, upstream)
""",
)
case(
    "grad_max_pool_second_and_third_order",
    "v1",
    """
    x = tf.placeholder(tf.float32, [1, 4, 4, 2], name="x")
    g = tf.placeholder(tf.float32, [1, 3, 2, 2], name="g")
    pooled = tf.nn.max_pool(x, ksize=[1, 2, 2, 1], strides=[1, 1, 2, 1], padding="VALID")
    first = tf.gradients(pooled, x, grad_ys=g)[0]
    second = tf.gradients(tf.reduce_sum(first * first), g)[0]
    third = tf.gradients(tf.reduce_sum(second * second), g)
""",
)

# TF1's readiness check: which variables have no value yet
case(
    "report_uninitialized_variables",
    "v1",
    """
    w = tf.Variable(tf.zeros([2]), name="w")
    with tf.variable_scope("layer"):
        b = tf.get_variable("b", [3], initializer=tf.ones_initializer())
    uninitialized = tf.report_uninitialized_variables()
    just_w = tf.report_uninitialized_variables([w], name="just_w")
""",
)

case(
    "sliced_assignment_v1",
    "v1",
    """
    v = tf.Variable([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], name="v")
    first_row = v[0].assign([7.0, 8.0, 9.0])
    corner = v[1:, ::2].assign([[0.5, 0.25]])
    last = v[:, -1].assign(tf.zeros([2]))
""",
)

# TF2's API inside a tf.Graph, and tf.function traces
case(
    "graph_mode_tf2_variables",
    "graph",
    """
    v = tf.Variable(1.0, name="v")
    w = tf.Variable(tf.zeros([2]), name="w")
    y = v * w + 1.0
    inc = v.assign_add(2.0)
""",
)
case(
    "sliced_assignment_graph",
    "graph",
    """
    v = tf.Variable([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], name="v")
    first_row = v[0].assign([7.0, 8.0, 9.0])
    corner = v[1:, ::2].assign([[0.5, 0.25]])
""",
)
case(
    "sliced_assignment_function",
    "function",
    """
    v = tf.Variable([1.0, 2.0, 3.0], name="v")

    @tf.function
    def f(x):
        v[1:].assign(x)
        return v[0] * 2.0

    graph = f.get_concrete_function(tf.TensorSpec([2], tf.float32)).graph
""",
)
case(
    "function_basic_trace",
    "function",
    """
    @tf.function
    def f(x, y):
        return tf.reduce_sum(x * y + 1.0, axis=0)

    graph = f.get_concrete_function(tf.TensorSpec([2, 3], tf.float32),
                                    tf.TensorSpec([3], tf.float32)).graph
""",
)
case(
    "function_variable_capture",
    "function",
    """
    v = tf.Variable([1.0, 2.0], name="v")

    @tf.function
    def step(x):
        v.assign_add(x)
        return v * 2.0

    graph = step.get_concrete_function(tf.constant([1.0, 1.0])).graph
""",
)
case(
    "function_gradient_tape",
    "function",
    """
    w = tf.Variable([[1.0], [2.0]], name="w")

    @tf.function
    def grad(x):
        with tf.GradientTape() as tape:
            loss = tf.reduce_mean(tf.square(tf.matmul(x, w)))
        return tape.gradient(loss, w)

    graph = grad.get_concrete_function(tf.TensorSpec([None, 2], tf.float32)).graph
""",
)
case(
    "function_tape_dense_layer",
    "function",
    """
    w = tf.Variable([[1.0, -1.0], [2.0, 0.5]], name="w")
    b = tf.Variable([0.1, 0.2], name="b")

    @tf.function
    def grads(x, t):
        with tf.GradientTape() as tape:
            with tf.name_scope("dense"):
                y = tf.nn.relu(tf.matmul(x, w) + b)
            loss = tf.reduce_sum(tf.square(y - t))
        return tape.gradient(loss, [w, b])

    graph = grads.get_concrete_function(tf.TensorSpec([4, 2], tf.float32),
                                        tf.TensorSpec([4, 2], tf.float32)).graph
""",
)
case(
    "function_tape_watch_input",
    "function",
    """
    @tf.function
    def dy_dx(x):
        with tf.GradientTape() as tape:
            tape.watch(x)
            with tf.name_scope("poly"):
                y = x * x + 3.0 * x
        return tape.gradient(y, x)

    graph = dy_dx.get_concrete_function(tf.TensorSpec([None], tf.float32)).graph
""",
)
case(
    "function_tape_persistent",
    "function",
    """
    @tf.function
    def two(x):
        with tf.GradientTape(persistent=True) as tape:
            tape.watch(x)
            y = tf.sin(x)
            z = tf.exp(y) / x
        return tape.gradient(y, x), tape.gradient(z, x), tape.gradient(z, y)

    graph = two.get_concrete_function(tf.TensorSpec([3], tf.float32)).graph
""",
)
case(
    "function_tape_options",
    "function",
    """
    v = tf.Variable([1.0, 2.0], name="v")
    u = tf.Variable(3.0, name="u")

    @tf.function
    def g(x):
        with tf.GradientTape() as tape:
            y = v * x - tf.reduce_max(x)
        return tape.gradient(y, [v, u], output_gradients=tf.ones([2]) * 2.0,
                             unconnected_gradients=tf.UnconnectedGradients.ZERO)

    graph = g.get_concrete_function(tf.TensorSpec([2], tf.float32)).graph
""",
)
case(
    "function_tape_second_order",
    "function",
    """
    @tf.function
    def d2(x):
        with tf.GradientTape() as outer:
            outer.watch(x)
            with tf.GradientTape() as inner:
                inner.watch(x)
                y = x * x * x
            dy = inner.gradient(y, x)
        return outer.gradient(dy, x)

    graph = d2.get_concrete_function(tf.TensorSpec([], tf.float32)).graph
""",
)
case(
    "function_tape_many_ops",
    "function",
    """
    w = tf.Variable([[0.5, -0.5, 1.0], [1.5, 0.25, -1.0]], name="w")
    b = tf.Variable([0.1, -0.2, 0.3], name="b")

    @tf.function
    def grads(x, labels):
        with tf.GradientTape() as tape:
            h = tf.nn.bias_add(tf.matmul(x, w), b)
            h = tf.add(tf.abs(h), tf.pow(h, 2.0)) - tf.math.log_sigmoid(h)
            h = tf.nn.leaky_relu(tf.transpose(tf.clip_by_value(h, -3.0, 3.0)))
            h = tf.transpose(h)
            h = tf.tanh(h) * tf.exp(-tf.sqrt(tf.square(h) + 1.0))
            h = tf.concat([h, tf.reshape(tf.reduce_sum(h, axis=1), [-1, 1])], axis=1)
            probs = tf.nn.softmax(h)
            loss = (tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(
                        labels=labels, logits=h))
                    + tf.nn.l2_loss(w) * 0.01
                    + tf.reduce_sum(tf.nn.sigmoid_cross_entropy_with_logits(
                        labels=tf.ones_like(h), logits=h))
                    + tf.reduce_max(probs) + tf.add_n([tf.reduce_min(h), tf.reduce_sum(b)]))
        return tape.gradient(loss, [w, b])

    graph = grads.get_concrete_function(tf.TensorSpec([5, 2], tf.float32),
                                        tf.TensorSpec([5], tf.int32)).graph
""",
)
case(
    "function_tape_sigmoid_mse",
    "function",
    """
    w = tf.Variable([[0.5], [-0.5], [1.0]], name="w")

    @tf.function
    def step(x, t):
        with tf.GradientTape() as tape:
            p = tf.sigmoid(tf.matmul(x, w))
            loss = tf.reduce_mean(tf.math.squared_difference(p, t))
        g = tape.gradient(loss, w)
        w.assign_sub(0.1 * g)
        return loss

    graph = step.get_concrete_function(tf.TensorSpec([None, 3], tf.float32),
                                       tf.TensorSpec([None, 1], tf.float32)).graph
""",
)
case(
    "function_cond",
    "function",
    """
    @tf.function
    def f(x):
        return tf.cond(x > 0.0, lambda: x * 2.0, lambda: -x)

    graph = f.get_concrete_function(tf.TensorSpec([], tf.float32)).graph
""",
)
case(
    "function_random_seeded",
    "function",
    """
    tf.random.set_seed(1)

    @tf.function
    def noise(x):
        return x + tf.random.uniform([3]) + tf.random.normal([3], seed=2)

    graph = noise.get_concrete_function(tf.TensorSpec([3], tf.float32)).graph
""",
)

# Ops that take shapes, axes, permutations and slice bounds as tensors (Const inputs named
# after the argument, `Sum/reduction_indices`), and the Python functions that build them.
FORWARD_INPUTS = """
    x = tf.placeholder(tf.float32, [2, 3], name="x")
    u = tf.placeholder(tf.float32, [None, 3], name="u")
    i = tf.placeholder(tf.int32, [4], name="i")
"""

case(
    "fwd_reductions",
    "v1",
    FORWARD_INPUTS
    + """
    tf.reduce_mean(x)
    tf.reduce_sum(x, axis=1)
    tf.reduce_sum(x, axis=[0, 1], keepdims=True)
    tf.reduce_max(u)
    tf.reduce_prod(x, 0)
    tf.reduce_min(x, -1, name="smallest")
    tf.reduce_all(tf.placeholder(tf.bool, [3]), reduction_indices=0)
    tf.reduce_any(tf.placeholder(tf.bool, [2, 2]), keep_dims=True)
    tf.reduce_sum(tf.constant(3.0))
    tf.reduce_sum(tf.placeholder(tf.float32))
    tf.reduce_sum(x, axis=i[:1])
    tf.reduce_mean(u, axis=tf.constant(1), keep_dims=True)
""",
)
case(
    "fwd_argmax_range_cast",
    "v1",
    FORWARD_INPUTS
    + """
    tf.argmax(x, 1)
    tf.argmax(x)
    tf.argmin(x, axis=0, output_type=tf.int32)
    tf.range(5)
    tf.range(1, 5, 2)
    tf.range(0.0, 1.0, 0.25)
    tf.range(3, dtype=tf.float32)
    tf.range(tf.size(u))
    tf.range(i[0], 3.0)
    tf.cast(x, tf.int32)
    tf.cast(3, tf.float32)
    tf.cast(x, tf.float32)
""",
)
case(
    "fwd_reshape_shape_size_rank",
    "v1",
    FORWARD_INPUTS
    + """
    tf.reshape(x, [3, 2])
    tf.reshape(u, [-1])
    tf.reshape(x, tf.shape(u))
    tf.reshape(x, tf.shape(x) * 1)
    tf.reshape(u, tf.shape(u) * 1)
    tf.reshape(u, [tf.shape(u)[0], -1])
    tf.shape(x)
    tf.shape(u)
    tf.shape(u, out_type=tf.int64)
    tf.size(x)
    tf.size(u)
    tf.rank(x)
    tf.rank(tf.placeholder(tf.float32))
    tf.shape_n([x, u])
""",
)
case(
    "fwd_fill_zeros_ones",
    "v1",
    FORWARD_INPUTS
    + """
    tf.zeros([2, 3])
    tf.ones([2, 3], tf.int32)
    tf.zeros([100, 100])
    tf.ones([100, 100])
    tf.zeros(5)
    tf.zeros([])
    tf.zeros([2], tf.bool)
    tf.zeros([2, 3], name="z")
    tf.zeros(tf.shape(u))
    tf.zeros([tf.shape(u)[0], 3])
    tf.zeros([2000, tf.shape(u)[0]])
    tf.fill([2, 3], 5.0)
    tf.fill([tf.shape(u)[0], 2], 1.0)
    tf.zeros_like(x)
    tf.zeros_like(u)
    tf.zeros_like(x, dtype=tf.int32)
    tf.ones_like(x)
    tf.ones_like(u)
    tf.ones_like(u, dtype=tf.int32)
""",
)
case(
    "fwd_transpose_expand_squeeze_tile",
    "v1",
    FORWARD_INPUTS
    + """
    tf.transpose(x)
    tf.transpose(x, [1, 0])
    tf.transpose(tf.placeholder(tf.float32))
    tf.expand_dims(x, 1)
    tf.expand_dims(x, -1)
    tf.expand_dims(x, i[0])
    tf.squeeze(tf.reshape(x, [1, 6]))
    tf.squeeze(tf.placeholder(tf.float32, [2, 1, 3]), axis=[1])
    tf.tile(x, [2, 1])
    tf.tile(u, tf.shape(u))
    tf.broadcast_to(u, [4, 2, 3])
    tf.broadcast_to(x, tf.shape(u))
""",
)
case(
    "fwd_concat_stack_pad",
    "v1",
    FORWARD_INPUTS
    + """
    tf.concat([x, x], 0)
    tf.concat([x, u], 0)
    tf.concat([x, x], -1, name="c")
    tf.concat([x], 1)
    tf.stack([x, x])
    tf.stack([x, x], axis=1)
    tf.stack([1, 2])
    tf.stack([i[0], 3])
    tf.unstack(x)
    tf.pad(x, [[1, 0], [0, 2]])
    tf.pad(x, [[1, 0], [0, 2]], constant_values=1.5)
    tf.pad(u, [[1, 1], [2, 2]], mode="REFLECT")
""",
)
case(
    "fwd_getitem",
    "v1",
    FORWARD_INPUTS
    + """
    x[0]
    x[-1]
    x[1:, ::-1]
    x[..., 1]
    x[:, None]
    x[tf.newaxis, ..., 0]
    x[0, 1]
    u[:, 2]
    u[1:]
    x[1:2, 0:3:2]
    x[i[0]]
    x[:i[0]]
    x[:, i[1]]
    u[tf.shape(u)[0] - 1]
    x[tf.constant(1, tf.int64)]
    tf.strided_slice(x, [0, 0], [1, 2])
    tf.slice(x, [0, 1], [2, -1])
""",
)
case(
    "fwd_where_gather_one_hot",
    "v1",
    FORWARD_INPUTS
    + """
    tf.where(x > 0, x, x)
    tf.where(x > 0)
    tf.gather(x, i)
    tf.gather(x, [0, 1], axis=1)
    tf.one_hot(i, 5)
    tf.one_hot(i, 5, on_value=2.0, axis=0)
    tf.one_hot(i, 3, dtype=tf.int32)
""",
)
case(
    "fwd_softmax_losses_activations",
    "v1",
    FORWARD_INPUTS
    + """
    tf.nn.softmax(x)
    tf.nn.softmax(x, axis=0)
    tf.nn.log_softmax(x)
    tf.nn.softmax(tf.placeholder(tf.float32, [2, 3, 4]), axis=-2, name="sm")
    tf.nn.softmax_cross_entropy_with_logits_v2(labels=x, logits=x)
    tf.nn.softmax_cross_entropy_with_logits(labels=x, logits=x)
    tf.nn.softmax_cross_entropy_with_logits_v2(labels=u, logits=u, axis=0)
    tf.nn.sparse_softmax_cross_entropy_with_logits(labels=i[:2], logits=x)
    tf.nn.sparse_softmax_cross_entropy_with_logits(
        labels=tf.placeholder(tf.int32, [2, 5]), logits=tf.placeholder(tf.float32, [2, 5, 3]))
    tf.nn.sigmoid_cross_entropy_with_logits(labels=x, logits=x)
    tf.nn.leaky_relu(x)
    tf.nn.relu6(x)
    tf.clip_by_value(x, 0.0, 1.0)
""",
)
case(
    "fwd_conv_pool_bias",
    "v1",
    """
    img = tf.placeholder(tf.float32, [2, 5, 5, 3])
    f = tf.placeholder(tf.float32, [3, 3, 3, 4])
    c = tf.nn.conv2d(img, f, [1, 2, 2, 1], "SAME")
    tf.nn.max_pool(c, [1, 2, 2, 1], [1, 2, 2, 1], "VALID")
    tf.nn.avg_pool(c, [1, 2, 2, 1], [1, 1, 1, 1], "SAME")
    tf.nn.bias_add(c, tf.zeros([4]))
""",
)
case(
    "fwd_operators_and_matmul",
    "v1",
    FORWARD_INPUTS
    + """
    a = tf.placeholder(tf.float32, [4, 2, 3])
    x + 1
    1 + x
    x * x
    -x
    x / x
    1 / x
    x ** 2
    2 ** x
    i / 2
    i // 2
    i % 3
    (x > 0) & (x < 1)
    (x > 0) | (x < 1)
    ~(x > 0)
    abs(x)
    x @ tf.transpose(x)
    tf.matmul(x, x, transpose_b=True)
    tf.matmul(a, a, transpose_b=True)
    tf.matmul(a, x, transpose_b=True)
    tf.add_n([x, x, x])
    tf.equal(x, 1)
    tf.not_equal(x, x)
""",
)
case(
    "fwd_tf2_graph_where",
    "graph",
    """
    x = tf.compat.v1.placeholder(tf.float32, [2, 3], name="x")
    tf.where(x > 0, x, 1.0)
    tf.reduce_sum(x, axis=-1)
    tf.nn.softmax(x, axis=0)
""",
)
case(
    "fwd_function_shapes",
    "function",
    """
    @tf.function
    def f(x, n):
        a = tf.reshape(x, [tf.shape(x)[0], -1])
        b = tf.reduce_sum(a, axis=1) + tf.reduce_mean(x)
        c = x[:, n, ::-1]
        d = tf.tile(c, [1, n + 1])
        e = tf.zeros_like(d) + tf.ones(tf.shape(d))
        g = tf.gather(tf.reshape(x, [-1]), tf.range(0, 24, 5))
        return b, c, d, e, g, tf.argmax(x, axis=n)

    graph = f.get_concrete_function(tf.TensorSpec([None, 3, 4], tf.float32),
                                    tf.TensorSpec([], tf.int32)).graph
""",
)

# Products, cumulative sums and products, set difference, split, logsumexp (issue 16): TF's
# Prod gradient multiplies two exclusive Cumprods (no division, so zeros are fine).
case(
    "gradients_prod",
    "v1",
    """
    x = tf.placeholder(tf.float32, [2, 3], name="x")
    p = tf.reduce_prod(x, axis=1)
    g = tf.gradients(p, x)
    g_all = tf.gradients(tf.reduce_prod(x), x)
""",
)
case(
    "gradients_prod_axis_keepdims",
    "v1",
    """
    u = tf.placeholder(tf.float32, [None, 3, 4], name="u")
    p = tf.reduce_prod(u, [0, -1], keepdims=True)
    g = tf.gradients(p, u)
    a = tf.placeholder(tf.int32, [], name="a")
    g_dynamic = tf.gradients(tf.reduce_prod(u, a), u)
""",
)
case(
    "cumsum_exclusive_reverse",
    "v1",
    """
    x = tf.placeholder(tf.float32, [2, 3], name="x")
    tf.cumsum(x)
    tf.cumsum(x, axis=1, exclusive=True)
    tf.math.cumsum(x, -1, reverse=True, name="c")
    tf.cumsum(x, tf.constant(1, tf.int64), exclusive=True, reverse=True)
    tf.cumprod(x)
    tf.math.cumprod(x, 1, exclusive=True, reverse=True)
    tf.cumsum([1, 2, 3])
""",
)
case(
    "gradients_cumsum",
    "v1",
    """
    x = tf.placeholder(tf.float32, [2, 3], name="x")
    y = tf.cumsum(x, axis=1) + tf.cumsum(x, exclusive=True, reverse=True)
    g = tf.gradients(y, x)
""",
)
case(
    "gradients_cumprod",
    "v1",
    """
    x = tf.placeholder(tf.float32, [2, 3], name="x")
    y = tf.math.cumprod(x, axis=1, exclusive=True) * tf.cumprod(x, reverse=True)
    g = tf.gradients(y, x)
""",
)
case(
    "setdiff1d",
    "v1",
    """
    a = tf.placeholder(tf.int32, [None], name="a")
    out, idx = tf.setdiff1d(a, [1, 3])
    tf.setdiff1d([4, 5, 6], a, index_dtype=tf.int64, name="diff")
    tf.setdiff1d(tf.range(4), tf.constant([2]))
""",
)
case(
    "split",
    "v1",
    """
    x = tf.placeholder(tf.float32, [4, 6], name="x")
    a, b = tf.split(x, 2)
    tf.split(x, 3, axis=1)
    tf.split(x, [1, 2, 3], -1, name="parts")
    tf.split(x, tf.constant([3, 1]), num=2)
""",
)
case(
    "gradients_split",
    "v1",
    """
    x = tf.placeholder(tf.float32, [4, 6], name="x")
    a, b, c = tf.split(x, 3, axis=1)
    d, e = tf.split(x, [1, 3], 0)
    g = tf.gradients([a * 2.0, c, e], x)
""",
)
case(
    "reduce_logsumexp",
    "v1",
    """
    x = tf.placeholder(tf.float32, [2, 3], name="x")
    s = tf.reduce_logsumexp(x)
    r = tf.math.reduce_logsumexp(x, axis=1, keepdims=True)
    t = tf.reduce_logsumexp(x, 0, name="lse")
    g = tf.gradients([s, t], x)
""",
)
case(
    "gradients_prod_cumsum_function",
    "function",
    """
    @tf.function
    def f(x):
        y = tf.reduce_prod(x, axis=0) + tf.math.cumsum(x, axis=1, exclusive=True)
        return tf.gradients(y, x)[0], tf.split(x, [1, 1], axis=1), tf.reduce_logsumexp(x)

    graph = f.get_concrete_function(tf.TensorSpec([None, 2], tf.float32)).graph
""",
)

# -- the lessons' graphs ----------------------------------------------------------------------
# The housing data of lessons 03-07 (20640 rows, 8 features): the shapes are what matters.
HOUSING = """
    m, n = 20640, 8
    housing_data_plus_bias = np.ones((m, n + 1))
    scaled_housing_data_plus_bias = np.ones((m, n + 1))
    housing_target = np.ones(m)
"""

case(
    "lesson01_f_and_initializer",
    "v1",
    """
    x = tf.Variable(3, name="x")
    y = tf.Variable(4, name="y")
    f = x*x*y + y + 2
    init = tf.global_variables_initializer()
""",
)

case(
    "lesson02_cell_run_twice",
    "v1",
    """
    a = tf.Variable(2, name="a")
    b = a * 3
    a = tf.Variable(2, name="a")
    b = a * 3
""",
)
case(
    "lesson02_constant_chain",
    "v1",
    """
    w = tf.constant(3)
    x = w + 2
    y = x + 5
    z = x * 3
""",
)
case(
    "lesson02_named_ops",
    "v1",
    """
    w = tf.Variable(3, name="w")
    x = tf.add(w, 2, name="x")
    y = tf.add(x, 5, name="y")
    z = tf.multiply(x, 3, name="z")
""",
)
case(
    "lesson02_assign_add_counter",
    "v1",
    """
    counter = tf.Variable(0, name="counter")
    step = tf.assign_add(counter, 1)
    a = step + 0
    b = step * 10
""",
)
case(
    "lesson02_assign",
    "v1",
    """
    w = tf.Variable(1, name="w")
    set_w = tf.assign(w, 10)
""",
)

case(
    "lesson03_normal_equation",
    "v1",
    HOUSING
    + """
    X = tf.constant(housing_data_plus_bias, dtype=tf.float32, name="X")
    y = tf.constant(housing_target.reshape(-1, 1), dtype=tf.float32, name="y")
    XT = tf.transpose(X)
    theta = tf.matmul(tf.matmul(tf.matrix_inverse(tf.matmul(XT, X)), XT), y)
""",
)
case(
    "lesson03_gradients_by_hand",
    "v1",
    HOUSING
    + """
    tf.set_random_seed(42)
    n_epochs = 1000
    learning_rate = 0.01
    X = tf.constant(scaled_housing_data_plus_bias, dtype=tf.float32, name="X")
    y = tf.constant(housing_target.reshape(-1, 1), dtype=tf.float32, name="y")
    theta = tf.Variable(tf.random_uniform([n+1, 1], -1.0, 1.0), name="theta")
    y_pred = tf.matmul(X, theta, name="perdictions")
    error = y_pred - y
    mse = tf.reduce_mean(tf.square(error), name="mse")
    gradients = 2/m * tf.matmul(tf.transpose(X), error)
    training_op = tf.assign(theta, theta - learning_rate * gradients)
    init = tf.global_variables_initializer()
""",
)

case(
    "lesson04_tf_gradients_vs_by_hand",
    "v1",
    HOUSING
    + """
    tf.set_random_seed(42)
    X = tf.constant(scaled_housing_data_plus_bias, dtype=tf.float32, name="X")
    y = tf.constant(housing_target.reshape(-1, 1), dtype=tf.float32, name="y")
    theta = tf.Variable(tf.random_uniform([n+1, 1], -1.0, 1.0), name="theta")
    y_pred = tf.matmul(X, theta, name="predictions")
    error = y_pred - y
    mse = tf.reduce_mean(tf.square(error), name="mse")
    gradients_by_hand = 2/m * tf.matmul(tf.transpose(X), error)
    gradients = tf.gradients(mse, [theta])[0]
""",
)
case(
    "lesson04_training_with_tf_gradients",
    "v1",
    HOUSING
    + """
    tf.set_random_seed(42)
    n_epochs = 1000
    learning_rate = 0.01
    X = tf.constant(scaled_housing_data_plus_bias, dtype=tf.float32, name="X")
    y = tf.constant(housing_target.reshape(-1, 1), dtype=tf.float32, name="y")
    theta = tf.Variable(tf.random_uniform([n+1, 1], -1.0, 1.0), name="theta")
    y_pred = tf.matmul(X, theta, name="perdictions")
    error = y_pred - y
    mse = tf.reduce_mean(tf.square(error), name="mse")
    gradients = tf.gradients(mse, [theta])[0]
    training_op = tf.assign(theta, theta - learning_rate * gradients)
    init = tf.global_variables_initializer()
""",
)
case(
    "lesson04_finite_differences",
    "v1",
    """
    def f(x, y):
        return x*x*y + y + 2

    x = tf.Variable(3.0, dtype=tf.float64, name="x")
    y = tf.Variable(4.0, dtype=tf.float64, name="y")
    init = tf.global_variables_initializer()
    f_xy = f(x, y)
    h = 1e-6
    runs = [f(x, y), f(x + h, y), f(x, y + h)]
    for h in (1e-1, 1e-4, 1e-7, 1e-10, 1e-13):
        shifted = f(x + h, y)
    dfdx = 2 * x * y
    dfdy = x * x + 1
""",
)
case(
    "lesson04_tf_gradients_of_f",
    "v1",
    """
    def f(x, y):
        return x*x*y + y + 2

    x = tf.Variable(3.0, dtype=tf.float64, name="x")
    y = tf.Variable(4.0, dtype=tf.float64, name="y")
    init = tf.global_variables_initializer()
    grads = tf.gradients(f(x, y), [x, y])
""",
)
case(
    "lesson04_reverse_mode_bill",
    "v1",
    """
    def cost(ws):
        total = 0.0
        for i, w in enumerate(ws):
            total = total + (w - i) * (w - i)
        return total

    n = 2
    ws = [tf.Variable(0.5, dtype=tf.float64, name=f"w{i}") for i in range(n)]
    init = tf.global_variables_initializer()
    h = 1e-6
    numerical = [cost(ws)] + [cost(ws[:i] + [ws[i] + h] + ws[i + 1:]) for i in range(n)]
    reverse = tf.gradients(cost(ws), ws)
""",
)
LESSON04_TRAIN = (
    HOUSING
    + """
    def train(make_optimizer):
        tf.set_random_seed(42)
        X = tf.constant(scaled_housing_data_plus_bias, dtype=tf.float32, name="X")
        y = tf.constant(housing_target.reshape(-1, 1), dtype=tf.float32, name="y")
        theta = tf.Variable(tf.random_uniform([n+1, 1], -1.0, 1.0), name="theta")
        y_pred = tf.matmul(X, theta, name="predictions")
        error = y_pred - y
        mse = tf.reduce_mean(tf.square(error), name="mse")
        optimizer = make_optimizer()
        training_op = optimizer.minimize(mse)
        init = tf.global_variables_initializer()
"""
)
case(
    "lesson04_train_gradient_descent",
    "v1",
    LESSON04_TRAIN
    + """
    train(lambda: tf.train.GradientDescentOptimizer(learning_rate=0.01))
""",
)
case(
    "lesson04_train_momentum",
    "v1",
    LESSON04_TRAIN
    + """
    train(lambda: tf.train.MomentumOptimizer(learning_rate=0.01, momentum=0.9))
""",
)
case(
    "lesson04_train_adam",
    "v1",
    LESSON04_TRAIN
    + """
    train(lambda: tf.train.AdamOptimizer(learning_rate=0.1))
""",
)
case(
    "lesson04_compute_and_apply_gradients",
    "v1",
    """
    theta = tf.Variable([[1.0], [2.0]], name="theta")
    loss = tf.reduce_sum(tf.square(theta))
    optimizer = tf.train.GradientDescentOptimizer(learning_rate=0.1)
    grads_and_vars = optimizer.compute_gradients(loss)
    training_op = optimizer.apply_gradients(grads_and_vars)
""",
)
case(
    "lesson04_momentum_slots",
    "v1",
    """
    n = 8
    theta = tf.Variable(tf.zeros([n+1, 1]), name="theta")
    tf.train.MomentumOptimizer(0.01, momentum=0.9).minimize(tf.reduce_sum(tf.square(theta)))
""",
)
case(
    "lesson04_adam_slots",
    "v1",
    """
    n = 8
    theta = tf.Variable(tf.zeros([n+1, 1]), name="theta")
    tf.train.AdamOptimizer(learning_rate=0.1).minimize(tf.reduce_sum(tf.square(theta)))
""",
)

case(
    "lesson05_placeholder_plus_5",
    "v1",
    """
    A = tf.placeholder(tf.float32, shape=(None, 3))
    B = A + 5
""",
)
case(
    "lesson05_assign_from_placeholder",
    "v1",
    """
    x = tf.Variable(tf.random_uniform(shape=(), minval=0.0, maxval=1.0))
    x_new_val = tf.placeholder(shape=(), dtype=tf.float32)
    x_assign = tf.assign(x, x_new_val)
""",
)
case(
    "lesson05_minibatch_gradient_descent",
    "v1",
    HOUSING
    + """
    learning_rate = 0.01
    X = tf.placeholder(tf.float32, shape=(None, n + 1), name="X")
    y = tf.placeholder(tf.float32, shape=(None, 1), name="y")
    theta = tf.Variable(tf.random_uniform([n + 1, 1], -1.0, 1.0, seed=42), name="theta")
    y_pred = tf.matmul(X, theta, name="predictions")
    error = y_pred - y
    mse = tf.reduce_mean(tf.square(error), name="mse")
    optimizer = tf.train.GradientDescentOptimizer(learning_rate=learning_rate)
    training_op = optimizer.minimize(mse)
    init = tf.global_variables_initializer()
""",
)
LESSON05_POINTS = """
    xs = [0.00, 1.00, 2.00, 3.00, 4.00, 5.00, 6.00, 7.00]
    ys = [-0.82, -0.94, -0.12, 0.26, 0.39, 0.64, 1.02, 1.00]
"""
case(
    "lesson05_serial_error",
    "v1",
    LESSON05_POINTS
    + """
    m = tf.Variable(-0.5, name="m")
    b = tf.Variable(1.0, name="b")
    error = 0.0
    for x, y in zip(xs, ys):
        y_model = m * x + b
        error += (y - y_model) ** 2
    operation = tf.train.GradientDescentOptimizer(learning_rate=0.001).minimize(error)
    init = tf.global_variables_initializer()
""",
)
case(
    "lesson05_tensor_error",
    "v1",
    LESSON05_POINTS
    + """
    m = tf.Variable(-0.5, name="m")
    b = tf.Variable(1.0, name="b")
    xs_tensor = tf.constant(xs)
    ys_tensor = tf.constant(ys)
    ys_model = m * xs_tensor + b
    error = tf.reduce_sum(tf.square(ys_tensor - ys_model))
    operation = tf.train.GradientDescentOptimizer(learning_rate=0.001).minimize(error)
    init = tf.global_variables_initializer()
""",
)
case(
    "lesson05_placeholder_sgd",
    "v1",
    """
    m = tf.Variable(-0.5, name="m")
    b = tf.Variable(1.0, name="b")
    x = tf.placeholder(tf.float32, shape=(None,), name="x")
    y = tf.placeholder(tf.float32, shape=(None,), name="y")
    y_model = m * x + b
    error = tf.reduce_mean(tf.square(y - y_model))
    operation = tf.train.GradientDescentOptimizer(learning_rate=0.01).minimize(error)
    init = tf.global_variables_initializer()
""",
)

case(
    "lesson06_gradient_descent_and_saver",
    "v1",
    HOUSING
    + """
    n_epochs = 1000
    learning_rate = 0.01
    X = tf.constant(scaled_housing_data_plus_bias, dtype=tf.float32, name="X")
    y = tf.constant(housing_target.reshape(-1, 1), dtype=tf.float32, name="y")
    theta = tf.Variable(tf.random_uniform([n + 1, 1], -1.0, 1.0, seed=42), name="theta")
    y_pred = tf.matmul(X, theta, name="predictions")
    error = y_pred - y
    mse = tf.reduce_mean(tf.square(error), name="mse")
    optimizer = tf.train.GradientDescentOptimizer(learning_rate=learning_rate)
    training_op = optimizer.minimize(mse)
    init = tf.global_variables_initializer()
    saver = tf.train.Saver()
""",
)
case(
    "lesson06_restore_into_new_graph",
    "v1",
    """
    v1 = tf.Variable(tf.constant(1.0, shape=[5]), name="v1")
    v2 = tf.Variable(tf.truncated_normal(shape=[3, 2], stddev=0.02), name="v2")
    init_op = tf.global_variables_initializer()
    saver = tf.train.Saver()
""",
)
case(
    "lesson06_saver_with_keys",
    "v1",
    HOUSING
    + """
    X = tf.constant(scaled_housing_data_plus_bias, dtype=tf.float32, name="X")
    y = tf.constant(housing_target.reshape(-1, 1), dtype=tf.float32, name="y")
    theta = tf.Variable(tf.random_uniform([n + 1, 1], -1.0, 1.0, seed=42), name="theta")
    mse = tf.reduce_mean(tf.square(tf.matmul(X, theta) - y), name="mse")
    training_op = tf.train.GradientDescentOptimizer(learning_rate=0.01).minimize(mse)
    saver = tf.train.Saver({"weights": theta})
    init = tf.global_variables_initializer()
""",
)
case(
    "lesson06_two_savers",
    "v1",
    """
    v1 = tf.Variable(1., name="v1")
    v2 = tf.Variable(2., name="v2")
    a = tf.add(v1, v2)
    all_saver = tf.train.Saver()
    v2_saver = tf.train.Saver({"v2": v2})
    init = tf.global_variables_initializer()
""",
)
case(
    "lesson06_global_step_saver",
    "v1",
    """
    w = tf.Variable(tf.zeros([3]), name="w")
    global_step = tf.Variable(0, trainable=False, name="global_step")
    step = tf.assign_add(global_step, 1)
    saver = tf.train.Saver()
    init = tf.global_variables_initializer()
""",
)
case(
    "lesson06_build_model",
    "v1",
    HOUSING
    + """
    X = tf.constant(scaled_housing_data_plus_bias, dtype=tf.float32, name="X")
    y = tf.constant(housing_target.reshape(-1, 1), dtype=tf.float32, name="y")
    theta = tf.Variable(tf.random_uniform([n + 1, 1], -1.0, 1.0, seed=42), name="theta")
    mse = tf.reduce_mean(tf.square(tf.matmul(X, theta) - y), name="mse")
    global_step = tf.Variable(0, trainable=False, name="global_step")
    optimizer = tf.train.GradientDescentOptimizer(learning_rate=0.01)
    training_op = optimizer.minimize(mse, global_step=global_step)
    saver = tf.train.Saver(max_to_keep=3)
    init = tf.global_variables_initializer()
""",
)
case(
    "lesson06_loss_scope_train_op",
    "v1",
    """
    x = tf.placeholder(tf.float32, shape=(None,), name="x")
    w = tf.Variable(0.5, name="w")
    learning_rate = tf.constant(0.01, name="learning_rate")
    tf.add_to_collection("hyperparameters", learning_rate)
    with tf.name_scope("loss"):
        global_step = tf.Variable(0, trainable=False, name="global_step")
        loss = tf.reduce_mean(tf.square(w * x - 2.0 * x))
        train_op = tf.train.GradientDescentOptimizer(learning_rate).minimize(
            loss, global_step=global_step, name="train_op")
    init = tf.global_variables_initializer()
    saver = tf.train.Saver()
""",
)
case(
    "lesson06_vgg_transfer",
    "v1",
    """
    inp = tf.placeholder(tf.float32, shape=(None, 8, 8, 3), name="input")
    kernel = tf.Variable(tf.ones([3, 3, 3, 16]) * 0.01, name="conv1_1_kernel")
    output_conv = tf.nn.relu(tf.nn.conv2d(inp, kernel, strides=[1, 1, 1, 1], padding="SAME"),
                             name="conv1_2")
    vgg_saver = tf.train.Saver()
    output_conv_sg = tf.stop_gradient(output_conv)
    output_conv_shape = output_conv_sg.get_shape().as_list()
    W1 = tf.get_variable("W1", shape=[1, 1, output_conv_shape[3], 32],
                         initializer=tf.random_normal_initializer(stddev=1e-1))
    b1 = tf.get_variable("b1", shape=[32], initializer=tf.constant_initializer(0.1))
    z1 = tf.nn.conv2d(output_conv_sg, W1, strides=[1, 1, 1, 1], padding="SAME") + b1
    a = tf.nn.relu(z1)
    variables = tf.trainable_variables()
    grads = tf.gradients(tf.reduce_sum(a), variables)
""",
)
case(
    "lesson06_graph_def",
    "v1",
    """
    a = tf.placeholder(tf.float32, shape=(), name="a")
    b = tf.constant(3.0, name="b")
    c = tf.multiply(a, b, name="c")
""",
)

LESSON07_GRAPH = (
    HOUSING
    + """
    n_epochs = 1000
    learning_rate = 0.01
    X = tf.placeholder(tf.float32, shape=(None, n + 1), name="X")
    y = tf.placeholder(tf.float32, shape=(None, 1), name="y")
    theta = tf.Variable(tf.random_uniform([n + 1, 1], -1.0, 1.0, seed=42), name="theta")
    y_pred = tf.matmul(X, theta, name="predictions")
"""
)
case(
    "lesson07_mse_summary",
    "v1",
    LESSON07_GRAPH
    + """
    error = y_pred - y
    mse = tf.reduce_mean(tf.square(error), name="mse")
    optimizer = tf.train.GradientDescentOptimizer(learning_rate=learning_rate)
    training_op = optimizer.minimize(mse)
    init = tf.global_variables_initializer()
    mse_summary = tf.summary.scalar('MSE', mse)
""",
)
case(
    "lesson07_loss_scope_summary",
    "v1",
    LESSON07_GRAPH
    + """
    with tf.name_scope("loss") as scope:
        error = y_pred - y
        mse = tf.reduce_mean(tf.square(error), name="mse")
    optimizer = tf.train.GradientDescentOptimizer(learning_rate=learning_rate)
    training_op = optimizer.minimize(mse)
    init = tf.global_variables_initializer()
    mse_summary = tf.summary.scalar('MSE', mse)
""",
)
case(
    "lesson07_train_function",
    "v1",
    HOUSING
    + """
    learning_rate = 0.01
    X = tf.placeholder(tf.float32, shape=(None, n + 1), name="X")
    y = tf.placeholder(tf.float32, shape=(None, 1), name="y")
    theta = tf.Variable(tf.random_uniform([n + 1, 1], -1.0, 1.0, seed=42), name="theta")
    y_pred = tf.matmul(X, theta, name="predictions")
    with tf.name_scope("loss"):
        mse = tf.reduce_mean(tf.square(y_pred - y), name="mse")
    training_op = tf.train.GradientDescentOptimizer(learning_rate=learning_rate).minimize(mse)
    mse_summary = tf.summary.scalar("MSE", mse)
    init = tf.global_variables_initializer()
""",
)
case(
    "lesson07_placeholder_summary",
    "v1",
    """
    loss = tf.placeholder(tf.float32, shape=(), name="loss_value")
    loss_sum = tf.summary.scalar("loss", loss)
""",
)
case(
    "lesson07_gan_summaries",
    "v1",
    """
    d_loss_real = tf.constant(0.75, name="d_loss_real_value")
    d_loss_fake = tf.constant(0.25, name="d_loss_fake_value")
    d_loss = d_loss_real + d_loss_fake
    g_loss = tf.constant(1.5, name="g_loss_value")
    G = tf.ones([5, 4, 6, 1]) * 0.5
    d_loss_real_sum = tf.summary.scalar("d_loss_real", d_loss_real)
    d_loss_fake_sum = tf.summary.scalar("d_loss_fake", d_loss_fake)
    d_loss_sum = tf.summary.scalar("d_loss", d_loss)
    g_loss_sum = tf.summary.scalar("g_loss", g_loss)
    G_sum = tf.summary.image("G", G)
""",
)

case(
    "lesson08_two_relus",
    "v1",
    """
    n_features = 3
    X = tf.placeholder(tf.float32, shape=(None, n_features), name="X")
    w1 = tf.Variable(tf.random_normal((n_features, 1)), name="weights1")
    w2 = tf.Variable(tf.random_normal((n_features, 1)), name="weights2")
    b1 = tf.Variable(0.0, name="bias1")
    b2 = tf.Variable(0.0, name="bias2")
    z1 = tf.add(tf.matmul(X, w1), b1, name="z1")
    z2 = tf.add(tf.matmul(X, w2), b2, name="z2")
    relu1 = tf.maximum(z1, 0., name="relu1")
    relu2 = tf.maximum(z1, 0., name="relu2")
    output = tf.add(relu1, relu2, name="output")
""",
)
case(
    "lesson08_relu_name_scope",
    "v1",
    """
    tf.set_random_seed(42)

    def relu(X):
        with tf.name_scope("relu"):
            w_shape = (int(X.get_shape()[1]), 1)
            w = tf.Variable(tf.random_normal(w_shape), name="weights")
            b = tf.Variable(0.0, name="bias")
            z = tf.add(tf.matmul(X, w), b, name="z")
            return tf.maximum(z, 0., name="relu")

    n_features = 3
    X = tf.placeholder(tf.float32, shape=(None, n_features), name="X")
    relus = [relu(X) for i in range(5)]
    output = tf.add_n(relus, name="output")
    init = tf.global_variables_initializer()
""",
)
case(
    "lesson08_threshold_parameter",
    "v1",
    """
    tf.set_random_seed(42)

    def relu(X, threshold):
        with tf.name_scope("relu"):
            w_shape = (int(X.get_shape()[1]), 1)
            w = tf.Variable(tf.random_normal(w_shape), name="weights")
            b = tf.Variable(0.0, name="bias")
            z = tf.add(tf.matmul(X, w), b, name="z")
            return tf.maximum(z, threshold, name="max")

    n_features = 3
    threshold = tf.Variable(0.0, name="threshold")
    X = tf.placeholder(tf.float32, shape=(None, n_features), name="X")
    relus = [relu(X, threshold) for i in range(5)]
    output = tf.add_n(relus, name="output")
    init = tf.global_variables_initializer()
""",
)
case(
    "lesson08_threshold_attribute",
    "v1",
    """
    tf.set_random_seed(42)

    def relu(X):
        with tf.name_scope("relu"):
            if not hasattr(relu, "threshold"):
                relu.threshold = tf.Variable(0.0, name="threshold")
            w_shape = int(X.get_shape()[1]), 1
            w = tf.Variable(tf.random_normal(w_shape), name="weights")
            b = tf.Variable(0.0, name="bias")
            z = tf.add(tf.matmul(X, w), b, name="z")
            return tf.maximum(z, relu.threshold, name="max")

    n_features = 3
    X = tf.placeholder(tf.float32, shape=(None, n_features), name="X")
    relus = [relu(X) for i in range(5)]
    output = tf.add_n(relus, name="output")
    init = tf.global_variables_initializer()
""",
)
case(
    "lesson08_get_variable_threshold",
    "v1",
    """
    with tf.variable_scope("relu"):
        threshold = tf.get_variable("threshold", shape=(),
                                    initializer=tf.constant_initializer(0.0))
""",
)
case(
    "lesson08_reuse_true_inside",
    "v1",
    """
    tf.set_random_seed(42)

    def relu(X):
        with tf.variable_scope("relu", reuse=True):
            threshold = tf.get_variable("threshold")
            w_shape = int(X.get_shape()[1]), 1
            w = tf.Variable(tf.random_normal(w_shape), name="weights")
            b = tf.Variable(0.0, name="bias")
            z = tf.add(tf.matmul(X, w), b, name="z")
            return tf.maximum(z, threshold, name="max")

    n_features = 3
    X = tf.placeholder(tf.float32, shape=(None, n_features), name="X")
    with tf.variable_scope("relu"):
        threshold = tf.get_variable("threshold", shape=(),
                                    initializer=tf.constant_initializer(0.0))
    relus = [relu(X) for relu_index in range(5)]
    output = tf.add_n(relus, name="output")
    init = tf.global_variables_initializer()
""",
)
case(
    "lesson08_reuse_variables",
    "v1",
    """
    tf.set_random_seed(42)

    def relu(X):
        with tf.variable_scope("relu"):
            threshold = tf.get_variable("threshold", shape=(),
                                        initializer=tf.constant_initializer(0.0))
            w_shape = (int(X.get_shape()[1]), 1)
            w = tf.Variable(tf.random_normal(w_shape), name="weights")
            b = tf.Variable(0.0, name="bias")
            z = tf.add(tf.matmul(X, w), b, name="z")
            return tf.maximum(z, threshold, name="max")

    n_features = 3
    X = tf.placeholder(tf.float32, shape=(None, n_features), name="X")
    with tf.variable_scope("", default_name="") as scope:
        first_relu = relu(X)
        scope.reuse_variables()
        relus = [first_relu] + [relu(X) for i in range(4)]
    output = tf.add_n(relus, name="output")
    init = tf.global_variables_initializer()
""",
)
case(
    "lesson08_reuse_from_index_1",
    "v1",
    """
    tf.set_random_seed(42)

    def relu(X):
        threshold = tf.get_variable("threshold", shape=(),
                                    initializer=tf.constant_initializer(0.0))
        w_shape = (int(X.get_shape()[1]), 1)
        w = tf.Variable(tf.random_normal(w_shape), name="weights")
        b = tf.Variable(0.0, name="bias")
        z = tf.add(tf.matmul(X, w), b, name="z")
        return tf.maximum(z, threshold, name="max")

    n_features = 3
    X = tf.placeholder(tf.float32, shape=(None, n_features), name="X")
    relus = []
    for relu_index in range(5):
        with tf.variable_scope("relu", reuse=(relu_index >= 1)) as scope:
            relus.append(relu(X))
    output = tf.add_n(relus, name="output")
    init = tf.global_variables_initializer()
""",
)
case(
    "lesson08_image_filters",
    "v1",
    """
    def conv_relu(input, kernel_shape, bias_shape):
        weights = tf.get_variable("weights", kernel_shape,
                                  initializer=tf.random_normal_initializer())
        biases = tf.get_variable("biases", bias_shape,
                                 initializer=tf.constant_initializer(0.0))
        conv = tf.nn.conv2d(input, weights, strides=[1, 1, 1, 1], padding="SAME")
        return tf.nn.relu(conv + biases)

    def my_image_filter(input_images):
        with tf.variable_scope("conv1"):
            relu1 = conv_relu(input_images, [5, 5, 32, 32], [32])
        with tf.variable_scope("conv2"):
            return conv_relu(relu1, [5, 5, 32, 32], [32])

    image1 = tf.placeholder(tf.float32, [1, 8, 8, 32], name="image1")
    image2 = tf.placeholder(tf.float32, [1, 8, 8, 32], name="image2")
    result1 = my_image_filter(image1)
    try:
        result2 = my_image_filter(image2)
    except ValueError:
        pass
""",
)
case(
    "lesson08_build_layer",
    "v1",
    """
    def build_layer():
        with tf.variable_scope("layer1"):
            return tf.get_variable("weights", [3, 2],
                                   initializer=tf.truncated_normal_initializer(stddev=0.02))

    w = build_layer()
    try:
        build_layer()
    except ValueError:
        pass
    init = tf.global_variables_initializer()
    w_shape = tf.shape(w)
""",
)
case(
    "lesson08_auto_reuse",
    "v1",
    """
    def build_layer_auto():
        with tf.variable_scope("layer1", reuse=tf.AUTO_REUSE):
            return tf.get_variable("weights", [3, 2],
                                   initializer=tf.truncated_normal_initializer(stddev=0.02))

    first_run, second_run = build_layer_auto(), build_layer_auto()
""",
)
case(
    "lesson08_conv2d_retry_with_reuse",
    "v1",
    """
    def conv2d(value, output_dim, k_h=5, k_w=5, strides=[1, 2, 2, 1], name="conv2d"):
        with tf.variable_scope(name):
            try:
                weights = tf.get_variable("weights",
                                          [k_h, k_w, value.get_shape()[-1], output_dim],
                                          initializer=tf.truncated_normal_initializer(stddev=0.02))
                biases = tf.get_variable("biases",
                                         [output_dim], initializer=tf.constant_initializer(0.0))
            except ValueError:
                tf.get_variable_scope().reuse_variables()
                weights = tf.get_variable("weights",
                                          [k_h, k_w, value.get_shape()[-1], output_dim],
                                          initializer=tf.truncated_normal_initializer(stddev=0.02))
                biases = tf.get_variable("biases",
                                         [output_dim], initializer=tf.constant_initializer(0.0))
            conv = tf.nn.conv2d(value, weights, strides=strides, padding="SAME")
            conv = conv + biases
            return conv

    images = tf.placeholder(tf.float32, [2, 28, 28, 3], name="images")
    c1 = conv2d(images, 64)
    c2 = conv2d(images, 64)
    init = tf.global_variables_initializer()
""",
)

case(
    "lesson09_placeholder_matmul",
    "graph",
    """
    x = tf.compat.v1.placeholder(tf.float32, shape=[1, 1])
    m = tf.matmul(x, x)
""",
)
case(
    "lesson09_slices_in_a_loop",
    "graph",
    """
    tf.random.set_seed(0)
    x = tf.random.uniform([2, 2])
    for i in range(x.shape[0]):
        for j in range(x.shape[1]):
            element = x[i, j]
""",
)

case(
    "lesson10_ragged_reduce_sum",
    "graph",
    """
    r_in_graph = tf.ragged.constant([[11, 22], [21, 22, 23], [], [41]])
    row_sums = tf.reduce_sum(r_in_graph, axis=1)
""",
)
RAGGED_FLOATS = """
    rt = tf.ragged.constant([[1., 2.], [3., 4., 5.], [], [6.]])
"""
case(
    "ragged_reduce_mean_axis1",
    "graph",
    RAGGED_FLOATS
    + """
    row_means = tf.reduce_mean(rt, axis=1)
""",
)
case(
    "ragged_reduce_max_axis1",
    "graph",
    RAGGED_FLOATS
    + """
    row_maxes = tf.reduce_max(rt, axis=1)
""",
)
case(
    "ragged_to_tensor",
    "graph",
    RAGGED_FLOATS
    + """
    padded = rt.to_tensor(default_value=-1.)
""",
)
case(
    "ragged_from_row_splits",
    "graph",
    """
    rt = tf.RaggedTensor.from_row_splits(values=[3, 1, 4, 1, 5, 9, 2],
                                         row_splits=[0, 4, 4, 6, 7])
""",
)
case(
    "ragged_row_partition_views",
    "graph",
    RAGGED_FLOATS
    + """
    ids = rt.value_rowids()
    lengths = rt.row_lengths()
    count = rt.nrows()
""",
)
case(
    "ragged_elementwise",
    "graph",
    RAGGED_FLOATS
    + """
    doubled = rt * 2.
    squared = tf.square(rt)
    shifted = 1. - rt
""",
)
case(
    "ragged_reduce_sum_gradient",
    "graph",
    """
    values = tf.constant([1., 2., 3., 4., 5., 6.])
    rt = tf.RaggedTensor.from_row_splits(values, [0, 2, 5, 5, 6], validate=False)
    row_sums = tf.reduce_sum(rt, axis=1)
    grads = tf.gradients(row_sums, values)
""",
)
case(
    "ragged_to_tensor_gradient",
    "graph",
    """
    values = tf.constant([1., 2., 3., 4., 5., 6.])
    rt = tf.RaggedTensor.from_row_splits(values, [0, 2, 5, 5, 6], validate=False)
    grads = tf.gradients(rt.to_tensor(), values)
""",
)
# Ragged builders that make their row partitions with ops (issue 16, second part): TF's
# RowPartition recipes, DenseBincount for row ids, RaggedRange for tf.ragged.range.  validate=False
# where TF would add Assert ops (learntf checks known partitions while building instead).
case(
    "ragged_from_value_rowids",
    "graph",
    """
    rt = tf.RaggedTensor.from_value_rowids(values=[3, 1, 4, 1, 5, 9, 2, 6],
                                           value_rowids=[0, 0, 0, 0, 2, 2, 2, 3], nrows=5,
                                           validate=False)
    ids = tf.compat.v1.placeholder(tf.int64, [None])
    run_time = tf.RaggedTensor.from_value_rowids(tf.ones([4]), ids, validate=False)
""",
)
case(
    "ragged_segment_ids_to_row_splits",
    "graph",
    """
    splits = tf.ragged.segment_ids_to_row_splits([0, 0, 2, 2, 3])
    with_count = tf.ragged.segment_ids_to_row_splits(tf.constant([0, 1, 1], tf.int64), 4)
    counts = tf.math.bincount([1, 3, 3], minlength=6)
""",
)
case(
    "ragged_from_row_lengths_starts_limits",
    "graph",
    """
    values = [3, 1, 4, 1, 5, 9, 2, 6]
    by_lengths = tf.RaggedTensor.from_row_lengths(values, [4, 0, 3, 1, 0], validate=False)
    by_starts = tf.RaggedTensor.from_row_starts(values, [0, 4, 4, 7, 8], validate=False)
    by_limits = tf.RaggedTensor.from_row_limits(values, [4, 4, 7, 8, 8], validate=False)
""",
)
case(
    "ragged_from_tensor",
    "graph",
    """
    dense = tf.RaggedTensor.from_tensor([[1., 2.], [3., 4.], [5., 6.]])
    trimmed = tf.RaggedTensor.from_tensor([[1, 2, 0], [3, 0, 0]], lengths=[1, 3])
    x = tf.compat.v1.placeholder(tf.float32, [None, None, 2])
    unknown = tf.RaggedTensor.from_tensor(x)
    nested = tf.RaggedTensor.from_tensor(tf.zeros([2, 3, 4]), ragged_rank=2)
""",
)
case(
    "ragged_range",
    "graph",
    """
    rows = tf.ragged.range([0, 2, 5], [3, 3, 8])
    mixed = tf.ragged.range([3, 2.5])
    steps = tf.ragged.range(tf.constant([1, 2], tf.int64), 10, 3, row_splits_dtype=tf.int32)
""",
)
case(
    "ragged_reduce_axis0",
    "graph",
    RAGGED_FLOATS
    + """
    column_sums = tf.reduce_sum(rt, axis=0)
    column_means = tf.reduce_mean(rt, axis=0)
    overall_max = tf.reduce_max(rt, axis=[0, 1])
""",
)
case(
    "ragged_builders_in_function",
    "function",
    """
    @tf.function
    def column_totals(values, ids, lengths):
        by_ids = tf.RaggedTensor.from_value_rowids(values, ids, nrows=3, validate=False)
        by_lengths = tf.RaggedTensor.from_row_lengths(values, lengths, validate=False)
        counting = tf.ragged.range(lengths)
        return (tf.reduce_sum(by_ids, axis=0), tf.reduce_max(by_lengths, axis=0),
                counting.to_tensor())

    graph = column_totals.get_concrete_function(tf.TensorSpec([None], tf.float32),
                                                tf.TensorSpec([None], tf.int64),
                                                tf.TensorSpec([None], tf.int64)).graph
""",
)
case(
    "lesson10_sparse_dense_matmul",
    "graph",
    """
    s_in_graph = tf.SparseTensor(indices=[[0, 1], [1, 0], [2, 3]], values=[1., 2., 3.],
                                 dense_shape=[3, 4])
    product = tf.sparse.sparse_dense_matmul(s_in_graph, tf.ones([4, 2]))
""",
)

case(
    "lesson12_scaled_elu",
    "function",
    """
    def scaled_elu(z, scale=1.0, alpha=1.0):
        is_positive = tf.greater_equal(z, 0.0)
        return scale * tf.where(is_positive, z, alpha * tf.nn.elu(z))

    scaled_elu_tf = tf.function(scaled_elu)
    graph = scaled_elu_tf.get_concrete_function(tf.constant([-3., -2.5])).graph
""",
)
case(
    "lesson12_converge_to_2",
    "function",
    """
    @tf.function
    def converge_to_2(n_iters):
        total = tf.constant(0.)
        increment = tf.constant(1.)
        for _ in range(n_iters):
            total += increment
            increment /= 2.0
        return total

    graph = converge_to_2.get_concrete_function(3).graph
""",
)
case(
    "lesson12_absolute_with_cond",
    "function",
    """
    @tf.function
    def absolute(x):
        def if_positive():
            return x

        def if_not_positive():
            return -x

        return tf.cond(x > 0, if_positive, if_not_positive)

    graph = absolute.get_concrete_function(tf.constant(1.0)).graph
""",
)
case(
    "lesson12_add_21_captures_variable",
    "function",
    """
    var = tf.Variable(0.)

    @tf.function
    def add_21():
        return var.assign_add(21)

    graph = add_21.get_concrete_function().graph
""",
)
case(
    "lesson12_cube_input_signature",
    "function",
    """
    @tf.function(input_signature=[tf.TensorSpec([None], tf.int32, name='x')])
    def cube(z):
        return tf.pow(z, 3)

    graph = cube.get_concrete_function(tf.TensorSpec([None], tf.int32)).graph
""",
)
case(
    "lesson12_many_small_ops",
    "function",
    """
    def many_small_ops(x):
        for _ in range(50):
            x = tf.tanh(x) * 0.9 + 0.1
        return x

    many_small_ops_tf = tf.function(many_small_ops)
    x = tf.constant([0.5, -0.5])
    graph = many_small_ops_tf.get_concrete_function(x).graph
""",
)
