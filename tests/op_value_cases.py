"""Expressions whose values (and errors) learntf must compute as TensorFlow 2.21 does, in eager
mode and in a graph run by a Session: the ops that take shapes, axes, permutations and slice
bounds as tensors, computed from Python values, constants and tensors known only at run time.

scripts/record_tf_op_values.py evaluates each on real TensorFlow into tests/data/tf_op_values.json;
tests/test_op_value_parity.py evaluates them on learntf with the same code (`evaluate`) and
compares. An expression sees `tf` (compat.v1's namespace), `tf2` (TF2's), `np`, and `x` and `u`:
X below, as a constant in eager mode, fed to placeholders of shape [2, 3, 4] and [None, 3, 4]
in graph mode (so shapes are static for x, partly unknown for u). X holds one zero (x[0, 1, 1]).
`gradient(f, v)` is the gradient of sum(f(v)) with respect to v: by GradientTape in eager mode,
by tf.gradients in graph mode, so the gradient functions are checked in both.
"""

import re

import numpy as np

X = np.arange(24, dtype=np.float32).reshape(2, 3, 4) - 5

MODES = ("eager", "graph")

EXPRESSIONS = [
    "x[0]",
    "x[0].assign(1.0)",
    "x[-1, ::-1]",
    "x[..., 1]",
    "x[:, None, 1:3, ::2]",
    "x[1:, :, -2]",
    "x[tf.newaxis, ..., 0, tf.newaxis]",
    "x[0, 1, 2]",
    "x[5]",
    "x[:, 10:]",
    "x[:, -10:2]",
    "x[::-2, ::-1, 3:0:-1]",
    "x[tf.constant(1)]",
    "x[:tf.constant(2), tf.constant(1, tf.int64)]",
    "tf.strided_slice(x, [0, 1], [2, 3], [1, 1])",
    "tf.strided_slice(x, [0, 1], [2, 3], shrink_axis_mask=1)",
    "tf.slice(x, [0, 1, 1], [2, -1, 2])",
    "tf.reduce_sum(x)",
    "tf.reduce_sum(x, 1)",
    "tf.reduce_mean(x, [0, 2], keepdims=True)",
    "tf.reduce_max(x, -1)",
    "tf.reduce_min(x, axis=tf.constant([1]))",
    "tf.reduce_prod(x[0, 0])",
    "tf.reduce_any(x > 3, 1)",
    "tf.reduce_sum(x, 3)",
    "tf.reduce_sum(tf.constant(3.0), 0)",
    "tf.argmax(x, 2)",
    "tf.argmin(x)",
    "tf.reshape(x, [4, -1])",
    "tf.reshape(x, tf.shape(x)[::-1])",
    "tf.reshape(x, [5, -1])",
    "tf.reshape(x, [-1, -1])",
    "tf.shape(u)",
    "tf.size(u)",
    "tf.rank(u)",
    "tf.range(5)",
    "tf.range(1, 2, 0.25)",
    "tf.range(5, 1, -2)",
    "tf.range(0, 5, 0)",
    "tf.transpose(x)",
    "tf.transpose(x, [1, 0, 2])",
    "tf.expand_dims(x, -1)",
    "tf.expand_dims(x, 4)",
    "tf.squeeze(x[:1])",
    "tf.squeeze(tf.reshape(x, [1, 2, 1, 12]), [2])",
    "tf.tile(x[0], [2, 1])",
    "tf.tile(x[0], tf.shape(x[0]))",
    "tf.concat([x, x], 1)",
    "tf.concat([x, x], -1)",
    "tf.concat([x, x[:, :2]], 1)",
    "tf.stack([x[0], x[1]], 2)",
    "tf.unstack(x, axis=1)",
    "tf.fill([2, 3], 7.0)",
    "tf.fill(tf.shape(x[0]), 2)",
    "tf.zeros([2, 2], tf.int32)",
    "tf.ones(tf.shape(x[0]))",
    "tf.zeros_like(x[0])",
    "tf.ones_like(x[0], dtype=tf.int32)",
    "tf.broadcast_to(x[0, 0], [2, 4])",
    "tf.broadcast_to(x[0], [3, 3])",
    "tf.where(x > 0, x, -x)",
    "tf2.where(x > 0, x, 0.0)",
    "tf.where(x[0, 0] > 0)",
    "tf.cast(x, tf.int32)",
    "tf.gather(x, [1, 0])",
    "tf.gather(x, [2, 0], axis=1)",
    "tf.gather(x, [[0, 1], [1, 1]], axis=-1)",
    "tf.one_hot([0, 2, 1], 3)",
    "tf.one_hot([0, 2], 3, on_value=5, off_value=-1, axis=0)",
    "tf.nn.softmax(x)",
    "tf.nn.softmax(x, axis=1)",
    "tf.nn.log_softmax(x, axis=0)",
    "tf.nn.softmax_cross_entropy_with_logits_v2(labels=tf.nn.softmax(x), logits=x)",
    "tf.nn.softmax_cross_entropy_with_logits_v2(labels=tf.nn.softmax(x, axis=1), logits=x, axis=1)",
    "tf.nn.sparse_softmax_cross_entropy_with_logits(labels=[[0, 1, 2], [3, 0, 1]], logits=x)",
    "tf.nn.sparse_softmax_cross_entropy_with_logits(labels=[0, 5], logits=x[:, 0])",
    "tf.nn.sigmoid_cross_entropy_with_logits(labels=tf.nn.sigmoid(x), logits=x)",
    "tf.nn.leaky_relu(x, 0.1)",
    "tf.nn.relu6(x)",
    "tf.clip_by_value(x, 0.0, 4.0)",
    "tf.size(tf.shape(u))",
    "tf.rank(tf.shape(u))",
    "tf.fill(tf.shape(u)[:2], 3)",
    "tf.zeros_like(tf.shape(u))",
    "tf.ones_like(tf.shape(u))",
    "tf.math.floormod(tf.shape(u) - 7, tf.size(tf.shape(u)))",
    "tf.maximum(tf.shape(u), 3)",
    "tf.reduce_prod(tf.shape(u))",
    "tf.cast(tf.shape(u), tf.float32)",
    "tf.shape(u, out_type=tf.int64)",
    "tf.reduce_prod(tf.gather(tf.shape(u), [0, 2]))",
    "tf.range(0, tf.size(tf.shape(u)), 2)",
    "tf.reshape(tf.transpose(tf.stack([tf.shape(u), tf.shape(u)])), [-1])",
    "tf.reduce_sum(tf.reshape(u, [2, 1, 3, 1, 4, 1]), tf.range(1, 6, 2))",
    "tf.tile(u, tf.maximum(tf.shape(u) - 1, 1))",
    "tf.ones(tf.shape(tf.shape(u)), dtype=tf.int32)",
    "(tf.shape(u) + tf.rank(u)) % tf.rank(u)",
    "tf.broadcast_to(u[0:1, 0:1, 0:1], tf.shape(u))",
    "tf.reduce_mean(u, tf.constant([0, 2]), keepdims=True)",
    "tf.expand_dims(u, tf.rank(u))",
    "tf.transpose(u, tf.range(tf.rank(u) - 1, -1, -1))",
    "tf.concat([u, u], tf.rank(u) - 1)",
    "tf.one_hot(tf.shape(u), tf.reduce_max(tf.shape(u)) + 1)",
    "tf.pad(x, [[1, 0], [0, 2], [1, 1]])",
    "tf.pad(x, [[1, 0], [0, 2], [0, 0]], constant_values=1.5)",
    "tf.pad(x, [[1, 1], [2, 2], [0, 0]], mode='REFLECT')",
    "tf.pad(x, [[1, 1], [2, 2], [0, 0]], mode='SYMMETRIC')",
    "tf.shape_n([x, x[0]])",
    "tf.nn.conv2d(tf.reshape(x, [1, 2, 3, 4]), tf.ones([2, 2, 4, 3]), [1, 1, 1, 1], 'SAME')",
    "tf.nn.conv2d(tf.reshape(x, [1, 2, 3, 4]), tf.ones([2, 2, 4, 3]), 1, 'VALID')",
    "tf.nn.max_pool(tf.reshape(x, [1, 2, 3, 4]), [1, 2, 2, 1], [1, 1, 1, 1], 'SAME')",
    "tf.nn.avg_pool(tf.reshape(x, [1, 2, 3, 4]), 2, 1, 'SAME')",
    "tf.nn.bias_add(x, [1.0, 2.0, 3.0, 4.0])",
    # Prod's gradient where x has zeros (one, two in a row, two in the whole tensor)
    "gradient(lambda v: tf.reduce_prod(v, 2), x)",
    "gradient(lambda v: tf.reduce_prod(v[0]), x)",
    "gradient(lambda v: tf.reduce_prod(v, [0, 2], keepdims=True), u)",
    "gradient(lambda v: tf.reduce_prod(v, 1), tf.constant([[0.0, 2.0, 0.0], [1.0, 0.0, 3.0]]))",
    "gradient(tf.reduce_prod, tf.constant([[0.0, 2.0, 0.0], [1.0, 4.0, 3.0]]))",
    "gradient(lambda v: tf.reduce_prod(v, -1), tf.constant([[2.0, 3.0], [0.5, -4.0]]))",
    # cumulative sums and products, and their gradients
    "tf.cumsum(x, 1)",
    "tf.cumsum(x, -1, exclusive=True, reverse=True)",
    "tf.cumsum(u, tf.rank(u) - 1, reverse=True)",
    "tf.cumsum([1, 2, 3])",
    "tf.cumprod(x, 2, exclusive=True)",
    "tf.math.cumprod(x[0], reverse=True)",
    "tf.cumsum(x, 3)",
    "tf.cumprod(x, -4)",
    "gradient(lambda v: tf.cumsum(v, 1, exclusive=True), x)",
    "gradient(lambda v: tf.cumsum(v, 2, reverse=True), u)",
    "gradient(lambda v: tf.cumprod(v, 2, reverse=True), x)",
    "gradient(lambda v: tf.cumprod(v, 1, exclusive=True), x + 6.0)",
    "gradient(lambda v: tf.cumprod(v), tf.constant([2.0, 0.0, 3.0]))",
    # set difference, split, logsumexp
    "tf.setdiff1d([4, 1, 3, 1, 7], [1, 7])",
    "tf.setdiff1d(tf.range(6), tf.shape(u), index_dtype=tf.int64)",
    "tf.split(x, 2, 2)",
    "tf.split(x, [1, -1], 1)",
    "tf.split(u, [3, 1], axis=-1)",
    "tf.split(u, 2)",
    "tf.split(x, 3, 2)",
    "tf.split(x, [1, 1], 1)",
    "tf.split(x, [1, 2], 1, num=3)",
    "gradient(lambda v: tf.split(v, [1, 3], 2)[1] * 2.0, x)",
    "gradient(lambda v: tf.split(v, 3, 1)[2], u)",
    "tf.reduce_logsumexp(x)",
    "tf.reduce_logsumexp(x, 1, keepdims=True)",
    "tf.reduce_logsumexp(u, [0, 2])",
    "gradient(lambda v: tf.reduce_logsumexp(v, [0, 2]), u)",
    # bad inputs (issue 23): integers too big for their dtype wrap around as TF stores them;
    # negative and overflowing dimensions, a negative depth
    "tf2.constant(2**31, tf2.int32)",
    "tf2.constant([2**31, -2**31 - 1, 2**40], tf2.int32)",
    "tf2.constant(300, tf2.uint8)",
    "tf2.constant(2**63, tf2.int64)",
    "tf.zeros([-1])",
    "tf.fill([2, -2], 1.0)",
    "tf.ones([2**32, 2**32])",
    "tf.one_hot([0, 1], -1)",
    "tf.gather(x, [[0, 5]])",
    "tf.gather(x, 5)",
]

# BroadcastGradientArgs(s0, s1): the reduction axes of two broadcast shapes (int32 inputs).
BROADCAST_SHAPES = [
    ([2, 3], [3]),
    ([2, 3], [2, 1]),
    ([1], [1]),
    ([], [2, 3]),
    ([2, 1, 3], [4, 1]),
    ([1, 1], [1]),
    ([5], [5]),
    ([2, 3], [4]),
    ([1, 2, 1], [1, 1]),
    ([0, 3], [1, 3]),
    ([3, 1], []),
]


def evaluate(expression, mode, tf1, tf2):
    """The value of `expression` on one engine (plain JSON, see `plain`), or its error as
    {"error": class name, "message": the message's first line, engine decorations removed}."""
    namespace = {"tf": tf1, "tf2": tf2, "np": np, "gradient": _gradient(mode, tf1, tf2)}
    try:
        if mode == "eager":
            namespace["x"] = namespace["u"] = tf2.constant(X)
            result = eval(expression, namespace)  # the cases above
            return plain(_numpy(result))
        graph = tf1.Graph()
        with graph.as_default():
            x = tf1.placeholder(tf1.float32, [2, 3, 4])
            u = tf1.placeholder(tf1.float32, [None, 3, 4])
            namespace.update(x=x, u=u)
            result = eval(expression, namespace)  # the cases above
            with tf1.Session(graph=graph) as session:
                return plain(session.run(result, {x: X, u: X}))
    except Exception as error:  # the error is the recorded outcome
        return {"error": type(error).__name__, "message": first_line(error)}


def _gradient(mode, tf1, tf2):
    """`gradient(f, v)`: d(sum(f(v)))/dv, by the tape in eager mode, else tf.gradients."""

    def gradient(f, v):
        if mode == "eager":
            with tf2.GradientTape() as tape:
                tape.watch(v)
                y = f(v)
            return tape.gradient(y, v)
        return tf1.gradients(f(v), v)[0]

    return gradient


def broadcast_gradient_args(s0, s1, tf2, apply_op):
    """BroadcastGradientArgs on two int32 shapes, eagerly; `apply_op(s0, s1)` makes the op."""
    try:
        r0, r1 = apply_op(tf2.constant(s0, tf2.int32), tf2.constant(s1, tf2.int32))
        return [plain(r0.numpy()), plain(r1.numpy())]
    except Exception as error:  # the error is the recorded outcome
        return {"error": type(error).__name__, "message": first_line(error)}


def _numpy(result):
    if isinstance(result, (list, tuple)):
        return [_numpy(item) for item in result]
    return result.numpy()


def first_line(error):
    """An error's message line without TF's `{{function_node ...}}` prefix, its `[Op:...]`
    suffix, or the `for '{{node ...}}'` part that names the graph node; for an error of a
    Session run, the line above `[[{{node ...}}]]` (TF's first line is 'Graph execution
    error:')."""
    lines = str(error).strip().splitlines() or [""]
    marked = [i for i, line in enumerate(lines) if line.strip().startswith("[[{{node ")]
    text = lines[marked[0] - 1] if marked and marked[0] > 0 else lines[0]
    text = re.sub(r"^\{\{function_node [^}]*\}\}\s*", "", text)
    text = text.split(" [Op:")[0]
    return text.split(" for '{{node ")[0].strip()


def plain(value):
    """A value as JSON: {"dtype", "shape", "value"} (NaN and infinities as text), lists of them
    for several tensors."""
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value]
    array = np.asarray(value)
    return {"dtype": array.dtype.name, "shape": list(array.shape), "value": _nested(array.tolist())}


def _nested(value):
    if isinstance(value, list):
        return [_nested(item) for item in value]
    if isinstance(value, float) and not np.isfinite(value):
        return repr(value)
    return value
