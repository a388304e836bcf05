"""The programs of the custom-gradient tests: tf.custom_gradient, tf.stop_gradient and
GradientTape.batch_jacobian, as TensorFlow 2.21 computes them.

scripts/record_tf_gradients.py runs each case on real TensorFlow and writes what it bound to
tests/data/tf_gradients.json; tests/test_custom_gradient.py runs the same text on learntf and
compares.  A program sees `tf` and `np` and binds `result`, a dict of named values (tensors,
arrays, numbers); `tf` is TF 2's API ("eager") or tf.compat.v1 after disable_v2_behavior()
("v1", in a fresh graph; the program may also bind `graph`, whose op types are recorded).
An exception is recorded as its class and first line.
"""

import collections
import math
import textwrap

import numpy as np

Case = collections.namedtuple("Case", "name mode source")
MODES = ("eager", "v1")

_LOG1PEXP = """
@tf.custom_gradient
def log1pexp(x):
    e = tf.exp(x)
    def grad(upstream):
        return upstream * (1 - 1 / (1 + e))
    return tf.math.log(1 + e), grad
"""


def _case(name, source, mode="eager", prelude=""):
    return Case(name, mode, (textwrap.dedent(prelude) + textwrap.dedent(source)).strip() + "\n")


CASES = [
    _case(
        "log1pexp_stable_gradient",
        """
        x = tf.constant([0.0, 1.0, 100.0])
        with tf.GradientTape() as tape:
            tape.watch(x)
            y = log1pexp(x)
        result = {'y': y, 'dy_dx': tape.gradient(y, x)}
        """,
        prelude=_LOG1PEXP,
    ),
    _case(
        "log1pexp_without_custom_gradient_is_nan",
        """
        x = tf.constant(100.0)
        with tf.GradientTape() as tape:
            tape.watch(x)
            y = tf.math.log(1 + tf.exp(x))
        result = {'y': y, 'dy_dx': tape.gradient(y, x)}
        """,
    ),
    _case(
        "two_inputs_two_outputs",
        """
        @tf.custom_gradient
        def f(x, y):
            def grad(da, db):
                return da * 10.0 + db, da * 100.0 - db
            return (x * y, x - y), grad
        x, y = tf.constant([1.0, 2.0]), tf.constant([3.0, 4.0])
        with tf.GradientTape() as tape:
            tape.watch([x, y])
            a, b = f(x, y)
            loss = tf.reduce_sum(a * 2.0 + b)
        dx, dy = tape.gradient(loss, [x, y])
        result = {'a': a, 'b': b, 'dx': dx, 'dy': dy}
        """,
    ),
    _case(
        "clip_gradient_by_value",
        """
        @tf.custom_gradient
        def clip_gradient_by_value(x, norm):
            y = tf.identity(x)
            def grad_fn(dresult):
                return [tf.clip_by_value(dresult, -norm, norm), None]
            return y, grad_fn
        x = tf.constant([3.0, 4.0])
        with tf.GradientTape() as tape:
            tape.watch(x)
            y = clip_gradient_by_value(x, 1.0) * 10.0
        result = {'y': y, 'dx': tape.gradient(y, x)}
        """,
    ),
    _case(
        "variables",
        """
        v = tf.Variable(2.0)
        @tf.custom_gradient
        def scale(x):
            def grad(dy, variables=None):
                return dy * v * 3.0, [tf.reduce_sum(dy * x) * 7.0]
            return x * v, grad
        x = tf.constant([1.0, 2.0])
        with tf.GradientTape() as tape:
            tape.watch(x)
            y = scale(x)
        dx, dv = tape.gradient(y, [x, v])
        result = {'y': y, 'dx': dx, 'dv': dv}
        """,
    ),
    _case(
        "variables_need_the_keyword",
        """
        v = tf.Variable(2.0)
        @tf.custom_gradient
        def scale(x):
            def grad(dy):
                return dy * v
            return x * v, grad
        scale(tf.constant(1.0))
        """,
    ),
    _case(
        "wrong_number_of_gradients",
        """
        @tf.custom_gradient
        def f(x):
            def grad(dy):
                return dy, dy
            return x * 2.0, grad
        x = tf.constant(1.0)
        with tf.GradientTape() as tape:
            tape.watch(x)
            y = f(x)
        tape.gradient(y, x)
        """,
    ),
    _case(
        "nested",
        """
        @tf.custom_gradient
        def inner(x):
            def grad(dy):
                return dy * 3.0
            return x * 2.0, grad
        @tf.custom_gradient
        def outer(x):
            with tf.GradientTape() as t:
                t.watch(x)
                y = inner(x) * x
            def grad(dy):
                return dy * t.gradient(y, x) * 10.0
            return y, grad
        x = tf.constant(5.0)
        with tf.GradientTape() as tape:
            tape.watch(x)
            z = outer(x) + inner(x)
        result = {'z': z, 'dz_dx': tape.gradient(z, x)}
        """,
    ),
    _case(
        "second_derivative",
        """
        @tf.custom_gradient
        def cube(x):
            def grad(dy):
                return dy * 3.0 * x * x
            return x * x * x, grad
        x = tf.constant(2.0)
        with tf.GradientTape() as outer:
            outer.watch(x)
            with tf.GradientTape() as inner:
                inner.watch(x)
                y = cube(x)
            dy = inner.gradient(y, x)
        result = {'y': y, 'dy': dy, 'd2y': outer.gradient(dy, x)}
        """,
    ),
    _case(
        "in_tf_function",
        """
        @tf.function
        def f(x):
            with tf.GradientTape() as tape:
                tape.watch(x)
                y = log1pexp(x)
            return y, tape.gradient(y, x)
        y, dy = f(tf.constant([1.0, 100.0]))
        graph = f.get_concrete_function(tf.constant([1.0, 100.0])).graph
        result = {'y': y, 'dy': dy}
        """,
        prelude=_LOG1PEXP,
    ),
    _case(
        "tape_through_tf_function",
        """
        @tf.function
        def f(x):
            return log1pexp(x) * 2.0
        x = tf.constant([1.0, 100.0])
        with tf.GradientTape() as tape:
            tape.watch(x)
            y = f(x)
        result = {'y': y, 'dy': tape.gradient(y, x)}
        """,
        prelude=_LOG1PEXP,
    ),
    _case(
        "variables_in_tf_function",
        """
        v = tf.Variable(2.0)
        @tf.custom_gradient
        def scale(x):
            def grad(dy, variables=None):
                return dy * 5.0, [tf.reduce_sum(dy) * 7.0]
            return x * v, grad
        @tf.function
        def f(x):
            with tf.GradientTape() as tape:
                tape.watch(x)
                y = scale(x)
            return tape.gradient(y, [x, v])
        dx, dv = f(tf.constant([1.0, 2.0]))
        result = {'dx': dx, 'dv': dv}
        """,
    ),
    _case(
        "stop_gradient_eager_and_function",
        """
        x = tf.constant(3.0)
        with tf.GradientTape() as tape:
            tape.watch(x)
            y = x * tf.stop_gradient(x * x)
        @tf.function
        def f(x):
            with tf.GradientTape() as tape:
                tape.watch(x)
                y = x * tf.stop_gradient(x * x)
            return tape.gradient(y, x)
        result = {'eager': tape.gradient(y, x), 'function': f(x)}
        """,
    ),
    _case(
        "batch_jacobian",
        """
        x = tf.constant([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
        w = tf.constant([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
        with tf.GradientTape(persistent=True) as tape:
            tape.watch(x)
            y = tf.matmul(x * x, w)
            z = tf.reshape(y, [3, 3, 1]) * 2.0
        result = {'jy': tape.batch_jacobian(y, x), 'jz': tape.batch_jacobian(z, x),
                  'unconnected': tape.batch_jacobian(tf.ones([3, 2]) * 1.0, x)}
        """,
    ),
    _case(
        "batch_jacobian_in_tf_function",
        """
        @tf.function
        def f(x):
            with tf.GradientTape() as tape:
                tape.watch(x)
                y = tf.tanh(x) * tf.reduce_sum(x, axis=1, keepdims=True)
            return tape.batch_jacobian(y, x)
        result = {'j': f(tf.constant([[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]]))}
        """,
    ),
    _case(
        "batch_jacobian_rank1_target",
        """
        x = tf.constant([[1.0, 2.0]])
        with tf.GradientTape() as tape:
            tape.watch(x)
            y = tf.reduce_sum(x, axis=1)
        tape.batch_jacobian(y, x)
        """,
    ),
    _case(
        "batch_jacobian_batch_mismatch",
        """
        x = tf.constant([[1.0, 2.0]])
        with tf.GradientTape() as tape:
            tape.watch(x)
            y = tf.concat([x, x], axis=0)
        tape.batch_jacobian(y, x)
        """,
    ),
    # -- TF 1 graphs: tf.gradients through an IdentityN with the custom gradient -------------
    _case(
        "v1_graph",
        """
        x = tf.placeholder(tf.float32, [3], name='x')
        y = log1pexp(x)
        dy = tf.gradients(y, x)[0]
        with tf.Session() as sess:
            values = sess.run({'y': y, 'dy': dy}, {x: [0.0, 1.0, 100.0]})
        result = values
        graph = tf.get_default_graph()
        """,
        "v1",
        prelude=_LOG1PEXP,
    ),
    _case(
        "v1_keywords_refused",
        """
        @tf.custom_gradient
        def f(x):
            return x * 2.0, lambda dy: dy
        f(x=tf.constant(1.0))
        """,
        "v1",
    ),
    _case(
        "v1_stop_gradient",
        """
        x = tf.placeholder(tf.float32, [], name='x')
        y = x * tf.stop_gradient(x * x)
        dy = tf.gradients(y, x)[0]
        with tf.Session() as sess:
            result = {'dy': sess.run(dy, {x: 3.0})}
        """,
        "v1",
    ),
]


def run_case(case, tf):
    """Run one case's program; {"result": {name: encoded value}, "ops": [types], "error"}."""
    namespace = {"tf": tf, "np": np}
    record = {"result": None, "ops": None, "error": None}
    try:
        exec(compile(case.source, "<case %s>" % case.name, "exec"), namespace)
    except Exception as exc:  # (the error is what the case records)
        record["error"] = "%s: %s" % (type(exc).__name__, str(exc).splitlines()[0])
        return record
    if "result" in namespace:
        record["result"] = {k: encode(v) for k, v in sorted(namespace["result"].items())}
    if "graph" in namespace:
        record["ops"] = [op.type for op in namespace["graph"].get_operations()]
    return record


def encode(value):
    """A value as JSON: {"dtype", "shape", "values" (NaN and infinities as text)}."""
    if value is None:
        return None
    array = np.asarray(value.numpy() if hasattr(value, "numpy") else value)
    flat = [v if math.isfinite(v) else repr(v) for v in array.astype(float).reshape(-1).tolist()]
    return {"dtype": str(array.dtype), "shape": list(array.shape), "values": flat}


def decode(encoded):
    return np.array([float(v) for v in encoded["values"]]).reshape(encoded["shape"])
