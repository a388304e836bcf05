"""The programs of the tf.print tests: what TensorFlow 2.21 writes, and the ops it builds.

scripts/record_tf_print.py runs each case on real TensorFlow, in a process of its own, and
records what it wrote to stdout and stderr (TensorFlow's kernels write to the process's own
streams, so only a child process can catch them) into tests/data/tf_print.json;
tests/test_print.py runs the same text on learntf and compares.  A case is a name, a mode and
a program's text; the program sees `tf`, `np` and `sys`, and `tf` is, by mode:

    "eager"     tensorflow / learntf (TF 2's defaults)
    "v1"        tensorflow.compat.v1 / learntf.compat.v1 after disable_v2_behavior(), building
                in a fresh tf.Graph, run with tf.Session

A program may bind `graph`: its print ops are recorded too (`op_records`); and `result`:
its str() is recorded.  An exception is recorded as its class and first line.
"""

import collections
import re
import textwrap

Case = collections.namedtuple("Case", "name mode source")
MODES = ("eager", "v1")

# The attrs of the printing ops, as recorded.
PRINT_OPS = ("StringFormat", "PrintV2", "Print")


def _case(name, source, mode="eager"):
    return Case(name, mode, textwrap.dedent(source).strip() + "\n")


CASES = [
    # -- a tensor's text: brackets, summarize, ..., numbers --------------------------------
    _case("range10", "tf.print(tf.range(10))"),
    _case("range6_all_shown", "tf.print(tf.range(6))"),
    _case("range7_elided", "tf.print(tf.range(7))"),
    _case("float_matrix", "tf.print(tf.constant([[1.5, 2.0], [3.0, 4.0]]))"),
    _case("float32_third", "tf.print(tf.constant(1 / 3))"),
    _case("float64_third", "tf.print(tf.constant(1 / 3, tf.float64))"),
    _case(
        "float_specials",
        "tf.print(tf.constant([1e10, 1e-7, 0.1, -2.5, np.nan, np.inf, -np.inf, -0.0]))",
    ),
    _case(
        "float64_digits", "tf.print(tf.constant([0.1, 1e100, 2.0 / 3, 123456789.125], tf.float64))"
    ),
    _case("float16", "tf.print(tf.constant([1 / 3, 65504, 0.1], tf.float16))"),
    _case(
        "ints",
        "tf.print(tf.constant([1, -2], tf.int8), tf.constant([250], tf.uint8),\n"
        "         tf.constant(2**40, tf.int64))",
    ),
    _case("bools", "tf.print(tf.constant([True, False]), tf.constant(True))"),
    _case(
        "strings",
        "tf.print(tf.constant(['a', 'b c', 'new\\nline', 'tab\\t', 'q\"\\'\\\\', '\\x01', 'é']))",
    ),
    _case("string_scalar_alone", "tf.print(tf.constant('just me, {}'))"),
    _case("string_scalar_among_others", "tf.print('x', tf.constant('s'), tf.constant(1))"),
    _case("complex", "tf.print(tf.constant([1 + 2j]))"),
    _case("matrix_summarize2", "tf.print(tf.reshape(tf.range(25), [5, 5]), summarize=2)"),
    _case("rank3", "tf.print(tf.reshape(tf.range(2 * 3 * 8), [2, 3, 8]))"),
    _case("rank3_summarize1", "tf.print(tf.reshape(tf.range(7 * 2 * 2), [7, 2, 2]), summarize=1)"),
    _case("rank4", "tf.print(tf.reshape(tf.range(16), [2, 2, 2, 2]))"),
    _case("summarize_all", "tf.print(tf.range(10), summarize=-1)"),
    _case("summarize0", "tf.print(tf.range(10), summarize=0)"),
    _case("summarize1", "tf.print(tf.range(10), summarize=1)"),
    _case("empty", "tf.print(tf.zeros([0]), tf.zeros([2, 0]), tf.zeros([0, 3]))"),
    _case("scalar", "tf.print(tf.constant(5), tf.constant(2.5))"),
    # -- Python values and structures -------------------------------------------------------
    _case(
        "python_values",
        "tf.print('hello', 3, [1, tf.constant(2)], {'b': tf.constant(1), 'a': 2.5})",
    ),
    _case(
        "nested",
        "tf.print({'b': [tf.constant(1), 's'], 'a': (2, tf.constant([1.5]))}, [], (1,), None)",
    ),
    _case(
        "ordered_dict",
        """
        import collections
        tf.print(collections.OrderedDict([('z', tf.constant(1)), ('a', tf.constant(2))]))
        """,
    ),
    _case("numpy_values_are_python_objects", "tf.print(np.array([1, 2]), np.float32(1.5))"),
    _case("variable", "tf.print(tf.Variable([1.0, 2.0]))"),
    _case(
        "sparse_tensor",
        "tf.print('sparse:', tf.sparse.SparseTensor([[0, 0], [1, 2]], [1, 2], [3, 4]))\n"
        "tf.print([tf.sparse.SparseTensor([[1]], [5.0], [4])])",
    ),
    _case("placeholder_in_text", "tf.print('{}', tf.constant(7), '{}1')"),
    _case("long_structure_wraps", "tf.print({'key%d' % i: tf.constant(i) for i in range(12)})"),
    # -- sep, end, streams ----------------------------------------------------------------
    _case("sep_end", "tf.print(1, tf.constant(2), sep=',', end='!\\n')\ntf.print('next')"),
    _case("stdout", "tf.print('to stdout', tf.range(3), output_stream=sys.stdout)"),
    _case(
        "file",
        """
        import os, tempfile
        path = os.path.join(tempfile.mkdtemp(), 'out.txt')
        tf.print(5, output_stream='file://' + path)
        tf.print(tf.range(3), output_stream='file://' + path)
        result = repr(open(path).read())
        """,
    ),
    _case(
        "log_levels",
        """
        import logging
        tf.print(tf.range(4), output_stream=logging.INFO)
        tf.print('warn', output_stream=logging.WARNING)
        tf.print('err', output_stream=logging.ERROR)
        tf.print('a function of Python logging is no stream', output_stream=logging.info)
        """,
    ),
    _case(
        "tf_logging_functions",
        """
        tf.print('info', tf.range(2), output_stream=tf.compat.v1.logging.info)
        tf.print('warning', output_stream=tf.compat.v1.logging.warning)
        tf.print('warn', output_stream=tf.compat.v1.logging.warn)
        tf.print('error', output_stream=tf.compat.v1.logging.error, end='')
        tf.print('debug is none', output_stream=tf.compat.v1.logging.debug)
        """,
    ),
    _case("unknown_keyword", "tf.print(1, foo=2)"),
    _case("unsupported_stream", "tf.print(1, output_stream=3)"),
    _case("returns_none_eagerly", "result = tf.print(1)"),
    # -- tf.strings.format ------------------------------------------------------------------
    _case(
        "strings_format",
        "result = tf.strings.format('x={}, y={}', [tf.range(8), tf.constant(2.5)], summarize=2)"
        ".numpy()",
    ),
    _case(
        "strings_format_one_tensor",
        "result = tf.strings.format('{}!', tf.constant([1, 2])).numpy()",
    ),
    _case("strings_format_mismatch", "tf.strings.format('{} {}', [tf.constant(1)])"),
    # -- tf.function: every call prints, in program order -----------------------------------
    _case(
        "function_every_call",
        """
        @tf.function
        def f(x):
            tf.print('x:', x)
            return x * 2
        f(tf.constant([1.0, 2.0]))
        f(tf.constant([3.0, 4.0]))
        graph = f.get_concrete_function(tf.constant([1.0, 2.0])).graph
        """,
    ),
    _case(
        "function_program_order",
        """
        @tf.function
        def f(x):
            tf.print('first', x)
            y = x * 2
            tf.print(y, name='second')
            tf.print(tf.constant('third'))
            return y
        f(tf.constant(1.0))
        graph = f.get_concrete_function(tf.constant(1.0)).graph
        """,
    ),
    _case(
        "function_returning_nothing",
        """
        @tf.function
        def f(x):
            tf.print('got', x)
        f(tf.constant(1))
        f(tf.constant(2))
        """,
    ),
    _case(
        "function_loop_of_calls",
        """
        @tf.function
        def step(i):
            tf.print('step', i, output_stream=sys.stdout)
            return i + 1
        i = tf.constant(0)
        for _ in range(3):
            i = step(i)
        """,
    ),
    _case(
        "v1_print_in_eager",
        """
        data = [tf.constant([1, 2, 3, 4, 5]), tf.constant(2.5)]
        y = tf.compat.v1.Print(tf.constant([1.0, 2.0]), data, 'msg: ', summarize=2)
        result = y.numpy()
        """,
    ),
    # -- TF 1 graphs: printing when Session.run runs the op ---------------------------------
    _case(
        "v1_print_op_runs_when_fetched",
        """
        x = tf.placeholder(tf.float32, [None], name='x')
        p = tf.print('x is', x)
        y = x + 1
        with tf.control_dependencies([p]):
            z = x * 3
        with tf.Session() as sess:
            sess.run(y, {x: [1.0]})
            sess.run(p, {x: [2.0]})
            sess.run(z, {x: [3.0]})
        graph = tf.get_default_graph()
        """,
        "v1",
    ),
    _case(
        "v1_Print",
        """
        x = tf.constant([[1, 2], [3, 4]])
        y = tf.Print(x, [x, tf.constant(['a', 'b']), tf.range(10)], 'm ')
        z = tf.Print(tf.constant(1.0), [tf.reshape(tf.range(24), [2, 3, 4])], summarize=-1)
        data = [tf.constant(0.1), tf.zeros([0]), tf.constant([True])]
        w = tf.Print(tf.constant(1.0), data, first_n=2)
        with tf.Session() as sess:
            result = sess.run(y)
            sess.run(z)
            for _ in range(3):
                sess.run(w)
        graph = tf.get_default_graph()
        """,
        "v1",
    ),
    _case(
        "v1_Print_summarize",
        """
        data = [tf.constant([[1, 2, 3], [3, 4, 5]]), tf.range(10)]
        y = tf.Print(tf.constant(1.0), data, summarize=4)
        with tf.Session() as sess:
            sess.run(y)
        """,
        "v1",
    ),
]


def run_case(case, tf, np, sys_module):
    """Run one case's program; what it binds: {"result", "ops", "error"} (None when not)."""
    namespace = {"tf": tf, "np": np, "sys": sys_module}
    record = {"result": None, "ops": None, "error": None}
    try:
        exec(compile(case.source, "<case %s>" % case.name, "exec"), namespace)
    except Exception as exc:  # (the error is what the case records)
        first_line = re.sub(r" at 0x[0-9a-f]+", " at 0x...", str(exc).splitlines()[0])
        record["error"] = "%s: %s" % (type(exc).__name__, first_line)
        return record
    if "result" in namespace:
        record["result"] = str(namespace["result"])
    if "graph" in namespace:
        record["ops"] = op_records(namespace["graph"])
    return record


def op_records(graph):
    """Every op of `graph`: name, type, inputs (then "^" control inputs, sorted), and the attrs
    of the printing ops."""
    records = []
    for op in graph.get_operations():
        inputs = [t.op.name if t.value_index == 0 else t.name for t in op.inputs]
        inputs += sorted("^" + c.name for c in op.control_inputs)
        entry = {"name": op.name, "op": op.type, "inputs": inputs}
        if op.type in PRINT_OPS:
            entry["attrs"] = {
                key: _plain(op.get_attr(key))
                for key in (
                    "T",
                    "U",
                    "template",
                    "placeholder",
                    "summarize",
                    "output_stream",
                    "end",
                    "message",
                    "first_n",
                )
                if _has_attr(op, key)
            }
        records.append(entry)
    return records


def _has_attr(op, key):
    try:
        op.get_attr(key)
        return True
    except ValueError:
        return False


def _plain(value):
    if isinstance(value, bytes):
        return value.decode("utf-8")
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if hasattr(value, "name") and type(value).__name__ == "DType":
        return value.name
    return value


# TensorFlow's own lines on stderr that are no part of a case (CPU features, oneDNN, absl).
_NOISE = re.compile(
    r"^(WARNING: All log messages before absl|.*cpu_feature_guard|.*oneDNN custom operations"
    r"|To enable the following instructions|.*rebuild TensorFlow with the appropriate"
    r"|.*computation_placer|.*port.cc:|.*mlir_graph_optimization_pass"
    r"|.*oneDNN supports DT_HALF only on platforms with AVX-512)"  # (on some CPUs only)
)
# A C++ log line's prefix: its level letter, a date and time, the thread.
_LOG_PREFIX = re.compile(r"^([IWE])0000 00:00:\d+\.\d+ +\d+ ")


def clean_stderr(text):
    """A case's stderr without TensorFlow's start-up lines, and with each log line's time and
    thread replaced by `<time>`."""
    lines = [line for line in text.split("\n") if not _NOISE.match(line)]
    return "\n".join(_LOG_PREFIX.sub(r"\g<1><time> ", line) for line in lines)
