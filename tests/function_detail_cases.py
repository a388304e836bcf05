"""The programs of the tf.function detail tests: printed signatures, function_spec,
reduce_retracing, NumPy scalars, the frequent-retracing warning and a tf.function called while
building a TF 1 graph, as TensorFlow 2.21 gives them.

scripts/record_tf_function_details.py runs each case on real TensorFlow and writes what it
bound to tests/data/tf_function_details.json; tests/test_function_details.py runs the same text
on learntf and compares.  A program sees `tf`, `np` and `warnings_of(f)` (the messages
TensorFlow's logger, "tensorflow", got while `f()` ran) and binds `result`, any structure of
strings, numbers, lists and dicts; `tf` is TF 2's API ("eager") or tf.compat.v1 after
disable_v2_behavior() ("v1", in a fresh graph).  Object addresses are written as 0x....
"""

import collections
import logging
import re
import textwrap

import numpy as np

Case = collections.namedtuple("Case", "name mode source")
MODES = ("eager", "v1")


def _case(name, source, mode="eager"):
    return Case(name, mode, textwrap.dedent(source).strip() + "\n")


CASES = [
    _case(
        "printed_signatures",
        """
        @tf.function
        def f(x, y=2, *, z=None):
            return {'out': x * 2, 'pair': (x, y)}
        f(tf.constant([1.0, 2.0]))
        f(tf.constant(1, tf.int32), y=3)
        concrete = f.get_concrete_function(tf.constant([1.0, 2.0]))
        result = {
            'all': f.pretty_printed_concrete_signatures(),
            'all_short': f.pretty_printed_concrete_signatures(verbose=False),
            'one': concrete.pretty_printed_signature(),
            'one_short': concrete.pretty_printed_signature(verbose=False),
            'str': str(concrete),
        }
        """,
    ),
    _case(
        "printed_signature_of_no_arguments",
        """
        @tf.function
        def f():
            return 1
        f()
        result = f.pretty_printed_concrete_signatures()
        """,
    ),
    _case(
        "function_spec",
        """
        @tf.function(input_signature=[tf.TensorSpec([None], tf.float32)])
        def f(x, scale=2.0):
            return x * scale
        spec = f.function_spec
        result = {
            'fullargspec': repr(spec.fullargspec),
            'input_signature': repr(spec.input_signature),
            'default_values': repr(spec.default_values),
            'arg_names': list(spec.arg_names),
        }
        """,
    ),
    _case(
        "reduce_retracing",
        """
        @tf.function(reduce_retracing=True)
        def f(x):
            return x + 1
        for n in [1, 2, 3, 4]:
            f(tf.ones([n]))
        f(tf.ones([2, 2]))
        f(tf.ones([3, 2]))
        f(tf.ones([3, 5]))
        result = {'traces': f.experimental_get_tracing_count(),
                  'signatures': f.pretty_printed_concrete_signatures(verbose=False)}
        """,
    ),
    _case(
        "experimental_relax_shapes",
        """
        @tf.function(experimental_relax_shapes=True)
        def f(x, y):
            return x + y
        for n in [1, 2, 3]:
            f(tf.ones([n, 2]), 1.0)
        f(tf.ones([1, 2]), 2.0)
        result = {'traces': f.experimental_get_tracing_count(),
                  'signatures': f.pretty_printed_concrete_signatures(verbose=False)}
        """,
    ),
    _case(
        "without_reduce_retracing_each_shape_traces",
        """
        @tf.function
        def f(x):
            return x + 1
        for n in [1, 2, 3, 4]:
            f(tf.ones([n]))
        result = f.experimental_get_tracing_count()
        """,
    ),
    _case(
        "numpy_scalars_are_tensors",
        """
        @tf.function
        def f(x):
            return x + 1
        values = [np.float32(1), np.float32(2), np.float32(3), np.int64(3), np.int64(4),
                  np.array(5.0), 4.0, 5.0]
        outputs = [f(v).numpy().item() for v in values]
        result = {'outputs': outputs, 'traces': f.experimental_get_tracing_count(),
                  'signatures': f.pretty_printed_concrete_signatures(verbose=False)}
        """,
    ),
    _case(
        "frequent_retracing_warning",
        """
        def f(x):
            return x + 1
        g = tf.function(f, autograph=False)
        def calls():
            for i in range(12):
                g(i)
        result = warnings_of(calls)
        """,
    ),
    _case(
        "frequent_retracing_warning_in_a_loop",
        """
        def f(x):
            return x * 2
        def calls():
            for i in range(6):
                tf.function(f, autograph=False)(tf.constant(i))
        result = warnings_of(calls)
        """,
    ),
    _case(
        "v1_tf_function_in_a_graph",
        """
        @tf.function
        def double(x):
            return x * 2.0
        @tf.function
        def show(x):
            tf.print(x)
            return x + 1.0
        x = tf.placeholder(tf.float32, [2], name='x')
        y = double(x)
        z = show(y)
        graph = tf.get_default_graph()
        with tf.Session() as sess:
            value = sess.run(z, {x: [1.0, 2.0]})
        result = {
            'ops': [(op.name, op.type, [t.name for t in op.inputs])
                    for op in graph.get_operations()],
            'y': repr(y),
            'z': repr(z),
            'value': value.tolist(),
        }
        """,
        "v1",
    ),
]


class _Messages(logging.Handler):
    def __init__(self):
        super().__init__()
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def warnings_of(function):
    """The messages that TensorFlow's logger got while `function()` ran."""
    handler = _Messages()
    logger = logging.getLogger("tensorflow")
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.WARNING)
    try:
        function()
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
    return handler.messages


def run_case(case, tf):
    """Run one case's program; {"result": what it bound (addresses hidden), "error"}."""
    namespace = {"tf": tf, "np": np, "warnings_of": warnings_of}
    record = {"result": None, "error": None}
    try:
        exec(compile(case.source, "<case %s>" % case.name, "exec"), namespace)
    except Exception as exc:  # (the error is what the case records)
        record["error"] = "%s: %s" % (type(exc).__name__, _hide(str(exc).splitlines()[0]))
        return record
    record["result"] = _plain(namespace.get("result"))
    return record


def _hide(text):
    return re.sub(r" at 0x[0-9a-f]+", " at 0x...", text)


def _plain(value):
    if isinstance(value, str):
        return _hide(value)
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value
