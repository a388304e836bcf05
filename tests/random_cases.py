"""The programs of the random-parity tests (issue 16): seeded programs whose random numbers
learntf must draw exactly as TensorFlow 2.21 does, to the last bit.

scripts/record_tf_random.py runs every case on real TensorFlow and writes what it drew to
tests/data/tf_random_values.json; tests/test_random_parity.py runs the same text on learntf and
compares bit patterns.  A case is a name, a mode and a program's text.  The program sees `tf`
and `np` (NumPy) and leaves what it drew in `result`: a tensor, variable or array, or a list
of them (nested lists too).  `tf` is, by mode:

    "v1"     tensorflow.compat.v1 / learntf.compat.v1, after disable_v2_behavior(); the program
             builds in a fresh tf.Graph, its default graph, and runs it in its own Sessions
    "eager"  tensorflow / learntf with TF2's behaviour: eager execution, tf.function, Keras

Before each case the runner calls tf.random.set_seed(None) (eager) so that no case sees the
seeds or the kernels (random streams) of another.
"""

import collections
import hashlib
import textwrap

import numpy as np

RandomCase = collections.namedtuple("RandomCase", "name mode source")

MODES = ("v1", "eager")

CASES = []


def case(name, mode, source):
    """Add one case; `source` may be indented (it is dedented)."""
    if mode not in MODES:
        raise ValueError("mode must be one of %s, not %r" % (MODES, mode))
    if any(existing.name == name for existing in CASES):
        raise ValueError("two random cases are named %r" % name)
    CASES.append(RandomCase(name, mode, textwrap.dedent(source).strip() + "\n"))


def source_digest(random_case):
    """A short hash of the program, stored with its recording: a changed program needs a new one."""
    return hashlib.sha256(random_case.source.encode("utf-8")).hexdigest()[:16]


# -- running a case and writing down its numbers (the same code for both engines) -------------
def run_case(random_case, v1_module, v2_module):
    """Run the case's program with `tf` bound as its mode says; return its `result`.  The
    caller has switched the engine to the mode's behaviour (v1 or v2) first."""
    tf = v1_module if random_case.mode == "v1" else v2_module
    namespace = {"np": np, "tf": tf}
    code = compile(random_case.source, "<random case %s>" % random_case.name, "exec")
    if random_case.mode == "v1":
        with tf.Graph().as_default():
            exec(code, namespace)
    else:
        v2_module.random.set_seed(None)
        exec(code, namespace)
    return namespace["result"]


def encode(result):
    """`result` as JSON data: a list (nested as the result is) of {"dtype", "shape", "bits"},
    floats by their IEEE bit patterns in hex ("3f800000" is 1.0 in float32), integers and
    booleans as numbers."""
    if isinstance(result, (list, tuple)):
        return [encode(item) for item in result]
    value = result.numpy() if hasattr(result, "numpy") else result
    array = np.asarray(value)
    if array.dtype.kind == "f":
        width = array.dtype.itemsize * 2
        bits = array.view("u%d" % array.dtype.itemsize).reshape(-1)
        values = ["%0*x" % (width, b) for b in bits.tolist()]
    elif array.dtype.kind in "iub":
        values = array.reshape(-1).tolist()
    else:
        raise TypeError("a random case's result holds %r, not numbers" % (array.dtype,))
    return {"dtype": array.dtype.name, "shape": list(array.shape), "bits": values}


def decode(record):
    """The NumPy array (or nested list of arrays) that `encode` wrote down."""
    if isinstance(record, list):
        return [decode(item) for item in record]
    dtype = np.dtype(record["dtype"])
    if dtype.kind == "f":
        bits = np.array([int(b, 16) for b in record["bits"]], dtype="u%d" % dtype.itemsize)
        return bits.view(dtype).reshape(record["shape"])
    return np.array(record["bits"], dtype=dtype).reshape(record["shape"])


# == graph mode (TF1): stateful ops in Sessions ===============================================
case(
    "v1_uniform_op_seed_runs_continue",
    "v1",
    """
    u = tf.random_uniform([5], seed=42)
    with tf.Session() as sess:
        result = [sess.run(u), sess.run(u), sess.run(u)]
""",
)
case(
    "v1_uniform_new_session_restarts",
    "v1",
    """
    u = tf.random_uniform([3], seed=1)
    with tf.Session() as sess:
        first = sess.run(u)
    with tf.Session() as sess:
        result = [first, sess.run(u)]
""",
)
case(
    "v1_uniform_min_max",
    "v1",
    """
    u = tf.random_uniform([2, 3], -1.0, 1.0, seed=7)
    with tf.Session() as sess:
        result = sess.run(u)
""",
)
case(
    "v1_uniform_maxval_only",
    "v1",
    """
    u = tf.random_uniform([4], maxval=10.0, seed=3)
    with tf.Session() as sess:
        result = sess.run(u)
""",
)
case(
    "v1_uniform_float64",
    "v1",
    """
    u = tf.random_uniform([7], dtype=tf.float64, seed=11)
    with tf.Session() as sess:
        result = [sess.run(u), sess.run(u)]
""",
)
case(
    "v1_uniform_int32",
    "v1",
    """
    u = tf.random_uniform([10], minval=0, maxval=10, dtype=tf.int32, seed=3)
    with tf.Session() as sess:
        result = [sess.run(u), sess.run(u)]
""",
)
case(
    "v1_uniform_int32_negative_range",
    "v1",
    """
    u = tf.random_uniform([9], minval=-5, maxval=5, dtype=tf.int32, seed=8)
    with tf.Session() as sess:
        result = sess.run(u)
""",
)
case(
    "v1_uniform_int64_wide_range",
    "v1",
    """
    u = tf.random_uniform([5], minval=-2**40, maxval=2**40, dtype=tf.int64, seed=9)
    with tf.Session() as sess:
        result = sess.run(u)
""",
)
case(
    "v1_normal_mean_stddev",
    "v1",
    """
    n = tf.random_normal([3, 1], mean=2.0, stddev=0.5, seed=1)
    with tf.Session() as sess:
        result = [sess.run(n), sess.run(n)]
""",
)
case(
    "v1_normal_odd_count",
    "v1",
    """
    n = tf.random_normal([5], seed=4)
    with tf.Session() as sess:
        result = sess.run(n)
""",
)
case(
    "v1_normal_float64",
    "v1",
    """
    n = tf.random_normal([5], dtype=tf.float64, seed=4)
    with tf.Session() as sess:
        result = [sess.run(n), sess.run(n)]
""",
)
case(
    "v1_normal_many",
    "v1",
    """
    n = tf.random_normal([40, 25], seed=12)
    with tf.Session() as sess:
        result = sess.run(n)
""",
)
case(
    "v1_truncated_normal",
    "v1",
    """
    t = tf.truncated_normal([2, 3], stddev=0.1, seed=2)
    with tf.Session() as sess:
        result = [sess.run(t), sess.run(t)]
""",
)
case(
    "v1_truncated_normal_float64",
    "v1",
    """
    t = tf.truncated_normal([5], dtype=tf.float64, seed=2)
    with tf.Session() as sess:
        result = sess.run(t)
""",
)
case(
    "v1_truncated_normal_many",
    "v1",
    """
    t = tf.truncated_normal([30, 20], seed=21)
    with tf.Session() as sess:
        result = sess.run(t)
""",
)
case(
    "v1_graph_seed_counts_unseeded_ops",
    "v1",
    """
    tf.set_random_seed(42)
    a = tf.random_uniform([2])
    b = tf.random_normal([2])
    c = tf.random_uniform([2], seed=5)
    d = tf.truncated_normal([2])
    with tf.Session() as sess:
        result = sess.run([a, b, c, d])
""",
)
case(
    "v1_graph_seed_zero",
    "v1",
    """
    tf.set_random_seed(0)
    u = tf.random_uniform([3])
    with tf.Session() as sess:
        result = sess.run(u)
""",
)
case(
    "v1_seeds_are_truncated",
    "v1",
    """
    tf.set_random_seed(-7)
    a = tf.random_uniform([3], seed=2**31 + 5)
    with tf.Session() as sess:
        result = sess.run(a)
""",
)
case(
    "v1_graph_seed_and_op_seed",
    "v1",
    """
    tf.set_random_seed(3)
    n = tf.random_normal([4], seed=5)
    with tf.Session() as sess:
        result = sess.run(n)
""",
)
case(
    "v1_random_shuffle_runs",
    "v1",
    """
    s = tf.random_shuffle(tf.range(10), seed=4)
    with tf.Session() as sess:
        result = [sess.run(s), sess.run(s)]
""",
)
case(
    "v1_random_shuffle_rows",
    "v1",
    """
    s = tf.random_shuffle(np.arange(12.0, dtype=np.float32).reshape(6, 2), seed=6)
    with tf.Session() as sess:
        result = sess.run(s)
""",
)
case(
    "v1_multinomial",
    "v1",
    """
    m = tf.multinomial(tf.log([[0.1, 0.2, 0.7]]), 8, seed=5)
    with tf.Session() as sess:
        result = [sess.run(m), sess.run(m)]
""",
)
case(
    "v1_categorical_two_rows_int32",
    "v1",
    """
    m = tf.random.categorical([[0.0, 1.0, 2.0], [3.0, 0.0, -1.0]], 6, dtype=tf.int32, seed=9)
    with tf.Session() as sess:
        result = sess.run(m)
""",
)
case(
    "v1_dropout",
    "v1",
    """
    x = tf.ones([12])
    d = tf.nn.dropout(x, rate=0.3, seed=2)
    with tf.Session() as sess:
        result = [sess.run(d), sess.run(d)]
""",
)
case(
    "v1_get_variable_glorot_default",
    "v1",
    """
    tf.set_random_seed(1)
    w = tf.get_variable("w", [3, 4])
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        result = sess.run(w)
""",
)
case(
    "v1_get_variable_initializers",
    "v1",
    """
    a = tf.get_variable("a", [2, 3], initializer=tf.random_normal_initializer(stddev=0.5, seed=1))
    b = tf.get_variable("b", [2, 3],
                        initializer=tf.truncated_normal_initializer(stddev=0.02, seed=2))
    c = tf.get_variable("c", [4], initializer=tf.random_uniform_initializer(-1.0, 1.0, seed=3))
    d = tf.get_variable("d", [3, 3], initializer=tf.glorot_uniform_initializer(seed=4))
    e = tf.get_variable("e", [3, 3], initializer=tf.glorot_normal_initializer(seed=5))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        result = sess.run([a, b, c, d, e])
""",
)
case(
    "v1_variance_scaling_initializers",
    "v1",
    """
    tf.set_random_seed(8)
    a = tf.get_variable("a", [4, 3], initializer=tf.variance_scaling_initializer())
    b = tf.get_variable("b", [4, 3], initializer=tf.variance_scaling_initializer(
        scale=2.0, mode="fan_avg", distribution="uniform"))
    c = tf.get_variable("c", [2, 2, 3, 2], initializer=tf.variance_scaling_initializer(
        mode="fan_out", distribution="untruncated_normal"))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        result = sess.run([a, b, c])
""",
)
case(
    "v1_random_uniform_initializer_default",
    "v1",
    """
    w = tf.get_variable("w", [5], initializer=tf.random_uniform_initializer(seed=13))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        result = sess.run(w)
""",
)
case(
    "v1_lesson_03_theta",
    "v1",
    """
    tf.set_random_seed(42)
    n = 8
    theta = tf.Variable(tf.random_uniform([n + 1, 1], -1.0, 1.0), name="theta")
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        result = sess.run(theta)
""",
)
case(
    "v1_lesson_08_relu_weights",
    "v1",
    """
    tf.set_random_seed(42)
    n_features = 3
    X = tf.placeholder(tf.float32, shape=(None, n_features), name="X")
    relus = []
    for i in range(5):
        with tf.name_scope("relu"):
            w = tf.Variable(tf.random_normal((n_features, 1)), name="weights")
            b = tf.Variable(0.0, name="bias")
            relus.append(tf.maximum(tf.add(tf.matmul(X, w), b), 0.0))
    output = tf.add_n(relus, name="output")
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        result = sess.run(output, feed_dict={X: [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]})
""",
)
case(
    "v1_variable_initializer_reruns_draw_again",
    "v1",
    """
    v = tf.Variable(tf.random_normal([3], seed=3))
    with tf.Session() as sess:
        sess.run(v.initializer)
        first = sess.run(v)
        sess.run(v.initializer)
        result = [first, sess.run(v)]
""",
)
case(
    "v1_stateless_uniform",
    "v1",
    """
    s = tf.random.stateless_uniform([3, 2], seed=[1, 2])
    with tf.Session() as sess:
        result = [sess.run(s), sess.run(s)]
""",
)
case(
    "v1_uniform_empty_shape_then_more",
    "v1",
    """
    e = tf.random_uniform([0], seed=5)
    u = tf.random_uniform([3], seed=5)
    with tf.Session() as sess:
        result = [sess.run(e), sess.run(u)]
""",
)

# == eager (TF2): streams per kernel, tf.function, stateless ops, Keras =========================
case(
    "eager_uniform_repeat_continues",
    "eager",
    """
    result = [tf.random.uniform([3], seed=1), tf.random.uniform([3], seed=1),
              tf.random.uniform([5], seed=1)]
""",
)
case(
    "eager_float64_is_another_kernel",
    "eager",
    """
    result = [tf.random.uniform([2], seed=1), tf.random.uniform([2], seed=1, dtype=tf.float64),
              tf.random.uniform([2], seed=1)]
""",
)
case(
    "eager_set_seed_unseeded_sequence",
    "eager",
    """
    tf.random.set_seed(1)
    result = [tf.random.uniform([2]), tf.random.normal([3]), tf.random.uniform([2]),
              tf.random.truncated_normal([2])]
""",
)
case(
    "eager_set_seed_and_op_seed",
    "eager",
    """
    tf.random.set_seed(1)
    result = [tf.random.uniform([2], seed=3), tf.random.uniform([2], seed=3)]
""",
)
case(
    "eager_set_seed_again_restarts",
    "eager",
    """
    tf.random.set_seed(7)
    a = [tf.random.normal([2]), tf.random.normal([2], seed=1), tf.random.normal([2], seed=1)]
    tf.random.set_seed(7)
    b = [tf.random.normal([2]), tf.random.normal([2], seed=1)]
    result = a + b
""",
)
case(
    "eager_normal_op_seed",
    "eager",
    """
    result = tf.random.normal([7], seed=5)
""",
)
case(
    "eager_normal_mean_stddev_float64",
    "eager",
    """
    result = tf.random.normal([2, 3], mean=-1.0, stddev=3.0, dtype=tf.float64, seed=5)
""",
)
case(
    "eager_truncated_normal",
    "eager",
    """
    result = [tf.random.truncated_normal([9], seed=6), tf.random.truncated_normal([9], seed=6)]
""",
)
case(
    "eager_uniform_int",
    "eager",
    """
    result = [tf.random.uniform([6], minval=3, maxval=17, dtype=tf.int32, seed=2),
              tf.random.uniform([4], minval=-100, maxval=100, dtype=tf.int64, seed=2)]
""",
)
case(
    "eager_set_seed_zero",
    "eager",
    """
    tf.random.set_seed(0)
    result = [tf.random.uniform([3]), tf.random.uniform([3], seed=0)]
""",
)
case(
    "eager_numpy_integer_seed",
    "eager",
    """
    tf.random.set_seed(np.int64(123))
    result = tf.random.uniform([3], seed=np.int32(4))
""",
)
case(
    "eager_function_calls_continue",
    "eager",
    """
    @tf.function
    def draw():
        return tf.random.uniform([2], seed=4)
    result = [draw(), draw()]
""",
)
case(
    "eager_function_reset_by_set_seed",
    "eager",
    """
    tf.random.set_seed(1)
    @tf.function
    def draw():
        return tf.random.uniform([2], seed=4)
    first = [draw(), draw()]
    tf.random.set_seed(1)
    result = first + [draw()]
""",
)
case(
    "eager_function_unseeded_with_global_seed",
    "eager",
    """
    tf.random.set_seed(5)
    @tf.function
    def draw(x):
        return x + tf.random.uniform([3]) + tf.random.normal([3])
    result = [draw(tf.zeros([3])), draw(tf.zeros([3]))]
""",
)
case(
    "eager_stateless_uniform",
    "eager",
    """
    result = [tf.random.stateless_uniform([2, 3], seed=[1, 2]),
              tf.random.stateless_uniform([2, 3], seed=[1, 2])]
""",
)
case(
    "eager_stateless_uniform_min_max",
    "eager",
    """
    result = tf.random.stateless_uniform([5], seed=[3, 4], minval=-2.0, maxval=6.0)
""",
)
case(
    "eager_stateless_uniform_int",
    "eager",
    """
    result = [tf.random.stateless_uniform([7], seed=[7, 8], minval=0, maxval=100, dtype=tf.int32),
              tf.random.stateless_uniform([3], seed=[7, 8], minval=-9, maxval=9, dtype=tf.int64)]
""",
)
case(
    "eager_stateless_normal_float64",
    "eager",
    """
    result = tf.random.stateless_normal([5], seed=[3, 4], dtype=tf.float64)
""",
)
case(
    "eager_stateless_normal",
    "eager",
    """
    result = tf.random.stateless_normal([3, 3], seed=[-1, 2**40], mean=1.0, stddev=0.1)
""",
)
case(
    "eager_stateless_truncated_normal",
    "eager",
    """
    result = tf.random.stateless_truncated_normal([11], seed=[5, 6])
""",
)
case(
    "eager_stateless_int64_seed_tensor",
    "eager",
    """
    result = tf.random.stateless_uniform([4], seed=tf.constant([2**35, -3], dtype=tf.int64))
""",
)
case(
    "eager_stateless_philox_alg",
    "eager",
    """
    result = tf.random.stateless_normal([4], seed=[9, 9], alg="philox")
""",
)
case(
    "eager_shuffle",
    "eager",
    """
    result = [tf.random.shuffle(tf.range(8), seed=3), tf.random.shuffle(tf.range(8), seed=3)]
""",
)
case(
    "eager_categorical",
    "eager",
    """
    result = tf.random.categorical(tf.math.log([[0.5, 0.25, 0.25], [0.1, 0.1, 0.8]]), 10, seed=2)
""",
)
case(
    "eager_dropout",
    "eager",
    """
    x = tf.reshape(tf.range(1.0, 13.0), [3, 4])
    result = [tf.nn.dropout(x, rate=0.5, seed=1), tf.nn.dropout(x, rate=0.25, seed=1)]
""",
)
case(
    "eager_generator_from_seed",
    "eager",
    """
    g = tf.random.Generator.from_seed(1)
    result = [g.uniform([3]), g.normal([5]), g.state, g.truncated_normal([3]),
              g.uniform([4], minval=0, maxval=10, dtype=tf.int32), g.state]
""",
)
case(
    "eager_generator_big_and_negative_seeds",
    "eager",
    """
    a = tf.random.Generator.from_seed(2**40 + 7)
    b = tf.random.Generator.from_seed(-1)
    result = [a.state, a.normal([2], dtype=tf.float64), b.state, b.uniform([3], -1.0, 1.0)]
""",
)
case(
    "eager_uniform_int_kernel_ignores_the_range",
    "eager",
    """
    result = [tf.random.uniform([3], 0, 10, dtype=tf.int32, seed=1),
              tf.random.uniform([3], 0, 5, dtype=tf.int32, seed=1)]
""",
)
case(
    "eager_graph_block_set_seed",
    "eager",
    """
    graph = tf.Graph()
    with graph.as_default():
        tf.random.set_seed(0)
        x = tf.random.uniform([2, 2])
        y = tf.random.normal([2])
    with tf.compat.v1.Session(graph=graph) as sess:
        result = [sess.run(x), sess.run([x, y])]
""",
)
case(
    "eager_generator_in_a_function",
    "eager",
    """
    g = tf.random.Generator.from_seed(5)
    @tf.function
    def draw():
        return g.normal([3])
    result = [draw(), draw(), g.state]
""",
)
case(
    "eager_shuffle_big_and_categorical_batch",
    "eager",
    """
    logits = tf.math.log(tf.ones([20, 7]) / 7.0)
    result = [tf.random.shuffle(tf.range(300), seed=8),
              tf.random.categorical(logits, 15, seed=3)]
""",
)
case(
    "eager_truncated_normal_float64_many",
    "eager",
    """
    result = tf.random.truncated_normal([401], dtype=tf.float64, seed=17)
""",
)
case(
    "eager_large_uniform",
    "eager",
    """
    result = tf.random.uniform([50, 40], seed=99)
""",
)
case(
    "eager_large_normal",
    "eager",
    """
    result = tf.random.normal([30, 30], seed=98)
""",
)
case(
    "keras_dense_weights_after_set_random_seed",
    "eager",
    """
    tf.keras.utils.set_random_seed(42)
    model = tf.keras.Sequential([tf.keras.Input(shape=(3,)),
                                 tf.keras.layers.Dense(4, activation="relu"),
                                 tf.keras.layers.Dense(2, kernel_initializer="he_normal")])
    result = [w for w in model.weights]
""",
)
case(
    "keras_seeded_initializers",
    "eager",
    """
    inits = tf.keras.initializers
    result = [inits.RandomNormal(seed=3)((2, 2)), inits.TruncatedNormal(seed=3)((2, 2)),
              inits.RandomUniform(seed=3)((2, 2)), inits.GlorotNormal(seed=4)((3, 5)),
              inits.HeUniform(seed=5)((4, 2)), inits.LecunNormal(seed=6)((6, 1)),
              inits.VarianceScaling(0.5, "fan_out", "untruncated_normal", seed=7)((2, 3)),
              inits.GlorotUniform(seed=8)((2, 3, 4, 5))]
""",
)
case(
    "keras_unseeded_initializers_follow_python_random",
    "eager",
    """
    tf.keras.utils.set_random_seed(3)
    a = tf.keras.initializers.GlorotUniform()
    b = tf.keras.initializers.RandomNormal(stddev=1.0)
    result = [a((2, 2)), b((3,)), a((2, 2))]
""",
)
case(
    "keras_set_random_seed_also_seeds_tf",
    "eager",
    """
    tf.keras.utils.set_random_seed(11)
    result = [tf.random.uniform([3]), tf.random.normal([2], seed=1)]
""",
)
case(
    "keras_float64_initializer",
    "eager",
    """
    result = [tf.keras.initializers.RandomUniform(seed=2)((3,), dtype="float64"),
              tf.keras.initializers.TruncatedNormal(seed=2)((3,), dtype="float64")]
""",
)
