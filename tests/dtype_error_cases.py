"""Programs that give an op an input of a dtype it does not accept, for tests/test_hints.py.

scripts/record_tf_dtype_errors.py runs each on real TensorFlow 2.21 (eager, and building a graph)
into tests/data/tf_dtype_errors.json, with TF's own list of the dtypes each input of each
learntf op accepts (its OpDef); tests/test_hints.py runs them on learntf with the same code
(`evaluate`) and compares.  An expression sees `tf` (TF2's namespace) and these tensors, made
in the mode's context: `f` float32, `i` int32, `b` bool, `c` complex64, `s` string (vectors),
`f2`, `i2`, `b2` ([1, 1] matrices), `f4` and `i4` ([1, 1, 1, 1]).

Between them the cases give every kind of learntf hint: floats only, floats or integers,
numbers, bool only, string only, one or a few integer types, and the
conversions from bool, string and complex.
"""

import numpy as np

MODES = ("eager", "graph")

EXPRESSIONS = [
    # floating-point only
    "tf.sqrt(i)",
    "tf.exp(i)",
    "tf.sigmoid(b)",
    "tf.math.is_finite(i)",
    "tf.nn.softmax(i2)",
    "tf.nn.elu(i)",
    "tf.nn.l2_loss(i)",
    "tf.linalg.inv(i2)",
    "tf.nn.softmax_cross_entropy_with_logits(labels=i2, logits=i2)",
    "tf.nn.avg_pool(i4, 1, 1, 'SAME')",
    "tf.nn.max_pool(f4 > 0, 1, 1, 'SAME')",
    "tf.sqrt(s)",
    "tf.floor(c)",
    # floating-point or integer (no unsigned for Abs)
    "tf.nn.relu(b)",
    "tf.maximum(b, b)",
    "tf.less(b, b)",
    "tf.math.floormod(c, c)",
    "tf.abs(b)",
    "tf.nn.relu(c)",
    "tf.nn.relu(s)",
    # numbers
    "tf.add(b, b)",
    "tf.negative(b)",
    "tf.sign(b)",
    "tf.square(b)",
    "tf.pow(b, b)",
    "tf.matmul(b2, b2)",
    "tf.matmul(tf.cast(i2, tf.int8), tf.cast(i2, tf.int8))",
    "tf.math.squared_difference(b, b)",
    "tf.cumsum(b)",
    "tf.subtract(s, s)",
    # bool only (an input of one fixed dtype)
    "tf.logical_and(f, f)",
    "tf.logical_or(i, i)",
    "tf.logical_not(f)",
    # string only
    "tf.strings.length(i)",
    "tf.strings.upper(f)",
    "tf.strings.to_number(f)",
    # integer shapes, axes and indices
    "tf.reshape(f, f)",
    "tf.gather(f, f)",
    "tf.transpose(f2, f)",
    "tf.tile(f, f)",
    "tf.one_hot(f, 2)",
    "tf.random.normal(f)",  # a shape of floats ([2.5]) is refused, never rounded
    "tf.random.uniform(f, maxval=3, dtype=tf.int32)",
    "tf.cumsum(f, f[0])",
    "tf.nn.sparse_softmax_cross_entropy_with_logits(labels=f, logits=f2)",
]


def tensors(tf):
    """The tensors an expression may use, made in the current mode."""
    return {
        "f": tf.constant([1.0]),
        "i": tf.constant([1]),
        "b": tf.constant([True]),
        "c": tf.constant([1 + 1j], tf.complex64),
        "s": tf.constant(["1"]),
        "f2": tf.constant([[1.0]]),
        "i2": tf.constant([[1]]),
        "b2": tf.constant([[True]]),
        "f4": tf.ones([1, 1, 1, 1]),
        "i4": tf.ones([1, 1, 1, 1], tf.int32),
    }


def evaluate(expression, mode, tf):
    """{"error": class name, "message": the whole message (eager's trailing ' name: ' removed)},
    or {"value": "ok"} if TF (or learntf) accepts the program."""
    namespace = {"tf": tf, "np": np}
    try:
        if mode == "eager":
            namespace.update(tensors(tf))
            eval(expression, namespace)  # the cases above
        else:
            with tf.Graph().as_default():
                namespace.update(tensors(tf))
                eval(expression, namespace)  # the cases above
    except Exception as error:  # the error is the recorded outcome
        message = str(error)
        if message.endswith(" name: "):
            message = message[: -len(" name: ")]
        return {"error": type(error).__name__, "message": message}
    return {"value": "ok"}
