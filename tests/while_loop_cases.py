"""The programs of the tf.while_loop tests (issue 19): loops whose values, gradients, graphs and
errors learntf must give as TensorFlow 2.21 does.

scripts/record_tf_while_loops.py runs every case on real TensorFlow and writes what happened to
tests/data/tf_while_loops.json; tests/test_while_loop.py runs the same text on learntf and
compares. A case is a name, a mode and a program's text; the program binds `result` (a nested
structure of tensors, or Python values) and sees `tf` and `np`.  By mode, `tf` is:

    "eager"     tensorflow / learntf, eager (TF 2): the loop runs as a Python loop
    "function"  tensorflow / learntf; the program binds `f` (a tf.function) and `args`, and
                `result` is `f(*args)`; the graph recorded is that of f's concrete function
    "graph"     tensorflow / learntf (TF 2's API, v2 control flow) in a fresh tf.Graph;
                `result` is fetched with a tf.compat.v1.Session
    "v1"        tensorflow.compat.v1 / learntf.compat.v1 after disable_v2_behavior(), in a fresh
                tf.Graph: TF builds TF 1's control flow (Enter, Merge, Switch, NextIteration,
                Exit...), learntf its While op, so only values and errors are compared

What is recorded (`run_case`): "values" (the result, arrays as nested lists, a structure's lists
and tuples as lists), or "error" ([class name, first line of the message]) when the program
raises; "ops" and "names" (the op types and names of the graph, in creation order: graph and
function modes) and "while" (per While/StatelessWhile op: its type, number of inputs and
outputs, and its attrs T, output_shapes, parallel_iterations and _num_original_outputs).
"""

import collections
import hashlib
import textwrap

import numpy as np

WhileCase = collections.namedtuple("WhileCase", "name mode source")

MODES = ("eager", "function", "graph", "v1")


def _case(name, mode, source):
    return WhileCase(name, mode, textwrap.dedent(source).strip() + "\n")


# The same loop, written once per mode where the mode matters.
_COUNT = """
    i = tf.constant(0)
    result = tf.while_loop(lambda i: i < 10, lambda i: i + 1, [i])
"""
_SUM_SQUARES = """
    i = tf.constant(0)
    s = tf.constant(0.0)
    result = tf.while_loop(
        lambda i, s: i < 5, lambda i, s: (i + 1, s + tf.cast(i * i, tf.float32)), (i, s)
    )
"""
_NESTED_STRUCTURE = """
    state = {"n": tf.constant(1), "pair": (tf.constant([1.0, 2.0]), tf.constant(3.0))}
    def body(state):
        a, b = state["pair"]
        return ({"n": state["n"] + 1, "pair": (a * b, b - 1.0)},)
    result = tf.while_loop(lambda state: state["n"] < 4, body, (state,))
"""
_POWER_GRAD = """
    x = tf.constant(1.5)
    y = tf.while_loop(lambda i, p: i < 3, lambda i, p: (i + 1, p * x), (tf.constant(0), x))[1]
    result = [y, tf.gradients(y, x)[0]]
"""
_NESTED_LOOPS = """
    def outer_body(i, total):
        inner = tf.while_loop(lambda j, t: j < i, lambda j, t: (j + 1, t + 1.0), (0, total))
        return i + 1, inner[1]
    result = tf.while_loop(lambda i, t: i < 4, outer_body, (tf.constant(0), tf.constant(0.0)))
"""
_MAX_ITERATIONS = """
    result = tf.while_loop(
        lambda i, x: i < 100, lambda i, x: (i + 1, x * 2.0), (tf.constant(0), tf.constant(1.0)),
        maximum_iterations=5,
    )
"""
_SHAPE_CHANGES = """
    x = tf.constant(1.0, name="x")
    result = tf.while_loop(lambda x: tf.reduce_sum(x) < 10.0, lambda x: (tf.stack([x, x]),), [x])
"""
_SHAPE_INVARIANT = """
    x = tf.constant([1.0], name="x")
    result = tf.while_loop(
        lambda x: tf.reduce_sum(x) < 10.0, lambda x: (tf.concat([x, x], 0),), [x],
        shape_invariants=[tf.TensorShape([None])],
    )
"""
_DTYPE_CHANGES = """
    x = tf.constant(1, name="x")
    result = tf.while_loop(lambda x: x < 10, lambda x: (tf.cast(x, tf.float32) + 1.0,), [x])
"""
_WRONG_COUNT = """
    result = tf.while_loop(
        lambda i, s: i < 3, lambda i, s: (i + 1,), (tf.constant(0), tf.constant(0.0))
    )
"""
_STRUCTURE_CHANGES = """
    result = tf.while_loop(
        lambda p: p[0] < 3,
        lambda p: ((p[0] + 1, {"b": p[1]}),),
        ((tf.constant(0), tf.constant(0.0)),),
    )
"""
_CAPTURED = """
    scale = tf.constant(3.0)
    result = tf.while_loop(lambda i, x: i < 4, lambda i, x: (i + 1, x * scale + 1.0), (0, 1.0))
"""

_TENSOR_ARRAY = """
    x = tf.constant([1.0, 2.0])
    ta = tf.TensorArray(tf.float32, size=4)
    def body(i, ta):
        return i + 1, ta.write(i, x * tf.cast(i, tf.float32) + tf.sin(x))
    _, ta = tf.while_loop(lambda i, ta: i < 4, body, (0, ta))
    y = ta.stack()
    result = [y, tf.gradients(tf.reduce_sum(y * y), x)[0]]
"""

_TUPLE_BECOMES_LIST = """
    pair = (tf.constant(0), tf.constant(1.0))
    result = tf.while_loop(lambda p: p[0] < 3, lambda p: ([p[0] + 1, p[1] * 2.0],), (pair,))
"""

_BARE_TENSOR = """
    result = [tf.while_loop(lambda x: x < 10, lambda x: x + 3, tf.constant(1))]  # (not in a list)
"""

CASES = [
    # -- values ---------------------------------------------------------------------------------
    _case("count_eager", "eager", _COUNT),  # (TF 2 eager: a lone var must come back in a tuple)
    _case(
        "count_tuple_eager",
        "eager",
        """
        result = tf.while_loop(lambda i: i < 10, lambda i: (i + 1,), [tf.constant(0)])
        """,
    ),
    _case("count_graph", "graph", _COUNT),
    _case("count_v1", "v1", _COUNT),
    _case(
        "count_v1_unwrapped",
        "v1",
        """
        i = tf.constant(0)
        result = [tf.while_loop(lambda i: i < 10, lambda i: i + 1, [i]) * 1]  # one var: a tensor
        """,
    ),
    _case(
        "count_function",
        "function",
        """
        @tf.function
        def f(n):
            return tf.while_loop(lambda i: i < n, lambda i: i + 1, [tf.constant(0)])
        args = (tf.constant(7),)
        """,
    ),
    _case("sum_squares_eager", "eager", _SUM_SQUARES),
    _case("sum_squares_graph", "graph", _SUM_SQUARES),
    _case("sum_squares_v1", "v1", _SUM_SQUARES),
    _case(
        "sum_squares_function",
        "function",
        """
        @tf.function
        def f(n):
            return tf.while_loop(
                lambda i, s: i < n, lambda i, s: (i + 1, s + tf.cast(i * i, tf.float32)),
                (tf.constant(0), tf.constant(0.0)),
            )
        args = (tf.constant(5),)
        """,
    ),
    _case("nested_structure_eager", "eager", _NESTED_STRUCTURE),
    _case("nested_structure_graph", "graph", _NESTED_STRUCTURE),
    _case("captured_graph", "graph", _CAPTURED),
    _case("captured_eager", "eager", _CAPTURED),
    _case(
        "captured_function",
        "function",
        """
        scale = tf.constant(np.arange(200.0, dtype=np.float32))  # (too big to copy: a capture)
        @tf.function
        def f(x):
            return tf.while_loop(lambda i, x: i < 3, lambda i, x: (i + 1, x * scale), (0, x))
        args = (tf.ones([200]),)
        """,
    ),
    _case(
        "python_values_eager",
        "eager",
        """
        result = tf.while_loop(lambda i, s: i < 4, lambda i, s: (i + 1, s + i), [0, 0])
        """,
    ),
    _case("nested_loops_graph", "graph", _NESTED_LOOPS),
    _case("nested_loops_eager", "eager", _NESTED_LOOPS),
    _case(
        "nested_loops_function",
        "function",
        """
        @tf.function
        def f(n):
            def outer_body(i, total):
                inner = tf.while_loop(lambda j, t: j < i, lambda j, t: (j + 1, t + 1.0), (0, total))
                return i + 1, inner[1]
            return tf.while_loop(lambda i, t: i < n, outer_body, (tf.constant(0), tf.constant(0.0)))
        args = (tf.constant(4),)
        """,
    ),
    _case("maximum_iterations_graph", "graph", _MAX_ITERATIONS),
    _case("maximum_iterations_eager", "eager", _MAX_ITERATIONS),
    _case(
        "maximum_iterations_function",
        "function",
        """
        @tf.function
        def f(x):
            return tf.while_loop(lambda x: x < 1000.0, lambda x: x * 2.0, [x], maximum_iterations=3)
        args = (tf.constant(1.0),)
        """,
    ),
    _case("shape_invariant_graph", "graph", _SHAPE_INVARIANT),
    _case("shape_invariant_eager", "eager", _SHAPE_INVARIANT),
    _case(
        "no_iterations_graph",
        "graph",
        """
        result = tf.while_loop(lambda x: x > 5.0, lambda x: x + 1.0, [tf.constant(1.0)])
        """,
    ),
    _case(
        "stateful_body_function",
        "function",
        """
        v = tf.Variable(0.0)
        @tf.function
        def f(n):
            def body(i):
                v.assign_add(tf.cast(i, tf.float32))
                return (i + 1,)
            i = tf.while_loop(lambda i: i < n, body, [tf.constant(0)])
            return i, v.read_value()
        args = (tf.constant(4),)
        """,
    ),
    # -- gradients ------------------------------------------------------------------------------
    _case("power_grad_graph", "graph", _POWER_GRAD),
    _case("power_grad_v1", "v1", _POWER_GRAD),
    _case(
        "power_grad_eager",
        "eager",
        """
        x = tf.constant(1.5)
        with tf.GradientTape() as tape:
            tape.watch(x)
            y = tf.while_loop(
                lambda i, p: i < 3, lambda i, p: (i + 1, p * x), (tf.constant(0), x)
            )[1]
        result = [y, tape.gradient(y, x)]
        """,
    ),
    _case(
        "power_grad_function",
        "function",
        """
        @tf.function
        def f(x):
            with tf.GradientTape() as tape:
                tape.watch(x)
                y = tf.while_loop(
                    lambda i, p: i < 3, lambda i, p: (i + 1, p * x), (tf.constant(0), x)
                )[1]
            return y, tape.gradient(y, x)
        args = (tf.constant(1.5),)
        """,
    ),
    _case(
        "sin_grad_graph",
        "graph",
        """
        x = tf.constant([0.3, -1.2])
        def body(i, y):
            return i + 1, tf.sin(y) * 2.0 + y * y
        y = tf.while_loop(lambda i, y: i < 3, body, (tf.constant(0), x))[1]
        result = [y, tf.gradients(tf.reduce_sum(y), x)[0]]
        """,
    ),
    _case(
        "second_order_graph",
        "graph",
        """
        x = tf.constant(0.7)
        y = tf.while_loop(lambda i, p: i < 3, lambda i, p: (i + 1, tf.sin(p) * x), (0, x))[1]
        g = tf.gradients(y, x)[0]
        result = [y, g, tf.gradients(g, x)[0]]
        """,
    ),
    _case(
        "variable_grad_graph",
        "graph",
        """
        w = tf.Variable(0.5)
        y = tf.while_loop(
            lambda i, y: i < 4, lambda i, y: (i + 1, y * w + 1.0), (0, tf.constant(1.0))
        )[1]
        init = tf.compat.v1.global_variables_initializer()
        result = [y, tf.gradients(y, w)[0]]
        """,
    ),
    _case(
        "variable_grad_function",
        "function",
        """
        w = tf.Variable(0.5)
        @tf.function
        def f(x):
            with tf.GradientTape() as tape:
                y = tf.while_loop(lambda i, y: i < 4, lambda i, y: (i + 1, y * w + x), (0, x))[1]
            return y, tape.gradient(y, w)
        args = (tf.constant(1.0),)
        """,
    ),
    _case(
        "ref_variable_grad_v1",
        "v1",
        """
        w = tf.Variable(0.5)  # (TF 1's reference variable)
        x = tf.constant(1.0)
        y = tf.while_loop(lambda i, y: i < 4, lambda i, y: (i + 1, y * w + x), (0, x))[1]
        init = tf.global_variables_initializer()
        result = [y] + tf.gradients(y, [w, x])
        """,
    ),
    _case(
        "nested_grad_graph",
        "graph",
        """
        x = tf.constant(1.1)
        def outer_body(i, y):
            inner = tf.while_loop(lambda j, z: j < 2, lambda j, z: (j + 1, z * x), (0, y))[1]
            return i + 1, inner + 1.0
        y = tf.while_loop(lambda i, y: i < 3, outer_body, (0, x))[1]
        result = [y, tf.gradients(y, x)[0]]
        """,
    ),
    _case(
        "maximum_iterations_grad_graph",
        "graph",
        """
        x = tf.constant(1.2)
        y = tf.while_loop(lambda y: y < 100.0, lambda y: y * y, [x], maximum_iterations=2)
        result = [y, tf.gradients(y, x)[0]]
        """,
    ),
    _case(
        "grad_function_ops",
        "function",
        """
        @tf.function
        def f(x):
            y = tf.while_loop(lambda i, y: i < 3, lambda i, y: (i + 1, tf.sin(y)), (0, x))[1]
            return y, tf.gradients(y, x)[0]
        args = (tf.constant(0.5),)
        """,
    ),
    _case(
        "tape_over_function_eager",
        "eager",
        """
        @tf.function
        def f(x):
            return tf.while_loop(
                lambda i, y: i < 3, lambda i, y: (i + 1, tf.sin(y) * x), (0, x)
            )[1]
        x = tf.constant(0.5)
        with tf.GradientTape() as tape:
            tape.watch(x)
            y = f(x)
        result = [y, tape.gradient(y, x)]
        """,
    ),
    _case(
        "cond_in_body_grad_graph",
        "graph",
        """
        x = tf.constant(0.5)
        def body(i, y):
            return i + 1, tf.cond(y > 0.3, lambda: tf.sin(y) * x, lambda: y * y)
        y = tf.while_loop(lambda i, y: i < 3, body, (0, x))[1]
        result = [y, tf.gradients(y, x)[0]]
        """,
    ),
    _case(
        "loop_in_cond_grad_function",
        "function",
        """
        @tf.function
        def f(x):
            def loop():
                return tf.while_loop(
                    lambda i, y: i < 3, lambda i, y: (i + 1, tf.sin(y) * x), (0, x)
                )[1]
            with tf.GradientTape() as tape:
                tape.watch(x)
                y = tf.cond(x > 0.0, loop, lambda: x)
            return y, tape.gradient(y, x)
        args = (tf.constant(0.5),)
        """,
    ),
    _case(
        "nested_second_order_function",
        "function",
        """
        @tf.function
        def f(x):
            with tf.GradientTape() as outer_tape:
                outer_tape.watch(x)
                with tf.GradientTape() as tape:
                    tape.watch(x)
                    def outer_body(i, y):
                        inner = tf.while_loop(
                            lambda j, z: j < i, lambda j, z: (j + 1, tf.sin(z) * x), (0, y)
                        )[1]
                        return i + 1, inner + x
                    y = tf.while_loop(lambda i, y: i < 3, outer_body, (0, x))[1]
                g = tape.gradient(y, x)
            return y, g, outer_tape.gradient(g, x)
        args = (tf.constant(0.9),)
        """,
    ),
    _case(
        "unknown_length_grad_function",
        "function",
        """
        @tf.function(
            input_signature=[tf.TensorSpec([None], tf.float32), tf.TensorSpec([], tf.int32)]
        )
        def f(x, n):
            with tf.GradientTape() as tape:
                tape.watch(x)
                y = tf.while_loop(
                    lambda i, y: i < n, lambda i, y: (i + 1, tf.sin(y) * x), (0, x)
                )[1]
                s = tf.reduce_sum(y)
            return y, tape.gradient(s, x)
        args = (tf.constant([0.5, 1.0, 2.0]), tf.constant(3))
        """,
    ),
    _case(
        "zero_iterations_grad_function",
        "function",
        """
        @tf.function
        def f(x, n):
            with tf.GradientTape() as tape:
                tape.watch(x)
                y = tf.while_loop(lambda i, y: i < n, lambda i, y: (i + 1, y * x), (0, x))[1]
            return y, tape.gradient(y, x)
        args = (tf.constant(2.0), tf.constant(0))
        """,
    ),
    _case(
        "random_in_body_function",
        "function",
        """
        tf.random.set_seed(3)
        @tf.function
        def f(n):
            return tf.while_loop(
                lambda i, s: i < n,
                lambda i, s: (i + 1, s + tf.random.uniform([], seed=1)),
                (0, 0.0),
            )
        args = (tf.constant(3),)
        """,
    ),
    # -- TensorArrays as loop variables (the loop carries their flow) ---------------------------
    _case("tensor_array_graph", "graph", _TENSOR_ARRAY),
    _case("tensor_array_v1", "v1", _TENSOR_ARRAY),
    _case(
        "tensor_array_eager",
        "eager",
        """
        x = tf.constant([1.0, 2.0])
        ta = tf.TensorArray(tf.float32, size=4)
        _, ta = tf.while_loop(
            lambda i, ta: i < 4, lambda i, ta: (i + 1, ta.write(i, x * tf.cast(i, tf.float32))),
            (0, ta),
        )
        result = ta.stack()
        """,
    ),
    _case(
        "tensor_array_function",
        "function",
        """
        @tf.function
        def f(x):
            with tf.GradientTape() as tape:
                tape.watch(x)
                ta = tf.TensorArray(tf.float32, size=0, dynamic_size=True)
                def body(i, y, ta):
                    y = tf.sin(y) * x
                    return i + 1, y, ta.write(i, y)
                _, _, ta = tf.while_loop(lambda i, y, ta: i < 3, body, (0, x, ta))
                total = tf.reduce_sum(ta.stack())
            return ta.stack(), tape.gradient(total, x)
        args = (tf.constant(0.8),)
        """,
    ),
    # -- more of tf.while_loop's arguments ------------------------------------------------------
    _case(
        "compat_v1_single_var_graph",
        "graph",
        """
        result = [tf.compat.v1.while_loop(lambda i: i < 10, lambda i: i + 2, [tf.constant(1)])]
        """,
    ),
    _case(
        "no_back_prop_graph",
        "graph",
        """
        x = tf.constant(2.0)
        y = tf.while_loop(lambda i, y: i < 2, lambda i, y: (i + 1, y * x), (0, x), back_prop=False)
        result = [y, tf.constant(tf.gradients(y[1], x)[0] is None)]
        """,
    ),
    _case(
        "variable_loop_var_graph",
        "graph",
        """
        v = tf.Variable(3.0)
        init = tf.compat.v1.global_variables_initializer()
        result = tf.while_loop(lambda x: x < 20.0, lambda x: (x * 2.0,), [v])
        """,
    ),
    _case("tuple_becomes_list_graph", "graph", _TUPLE_BECOMES_LIST),
    _case("tuple_becomes_list_eager", "eager", _TUPLE_BECOMES_LIST),
    _case("bare_tensor_graph", "graph", _BARE_TENSOR),
    _case("bare_tensor_eager", "eager", _BARE_TENSOR),
    _case(
        "named_loop_graph",
        "graph",
        """
        result = tf.while_loop(lambda x: x < 3, lambda x: (x + 1,), [0], name="counting")
        """,
    ),
    # -- errors ---------------------------------------------------------------------------------
    _case(
        "parallel_iterations_zero",
        "graph",
        """
        result = tf.while_loop(lambda x: x < 3, lambda x: (x + 1,), [0], parallel_iterations=0)
        """,
    ),
    _case(
        "body_not_callable",
        "eager",
        """
        result = tf.while_loop(lambda x: x < 3, 5, [0])
        """,
    ),
    _case(
        "maximum_iterations_not_scalar_eager",
        "eager",
        """
        result = tf.while_loop(lambda x: x < 3, lambda x: (x + 1,), [0], maximum_iterations=[2, 3])
        """,
    ),
    _case(
        "no_loop_vars_eager",
        "eager",
        """
        result = tf.while_loop(lambda: True, lambda: (), [])
        """,
    ),
    _case("shape_changes_graph", "graph", _SHAPE_CHANGES),
    _case("shape_changes_eager", "eager", _SHAPE_CHANGES),
    _case("dtype_changes_graph", "graph", _DTYPE_CHANGES),
    _case("dtype_changes_eager", "eager", _DTYPE_CHANGES),
    _case("wrong_count_graph", "graph", _WRONG_COUNT),
    _case("wrong_count_eager", "eager", _WRONG_COUNT),
    _case("structure_changes_graph", "graph", _STRUCTURE_CHANGES),
    _case("structure_changes_eager", "eager", _STRUCTURE_CHANGES),
    _case(
        "cond_not_callable",
        "graph",
        """
        result = tf.while_loop(True, lambda x: x, [tf.constant(1)])
        """,
    ),
    _case(
        "no_loop_vars",
        "graph",
        """
        result = tf.while_loop(lambda: True, lambda: (), [])
        """,
    ),
]


def source_digest(case):
    return hashlib.sha256(case.source.encode("utf-8")).hexdigest()


def plain(value):
    """A result as JSON: arrays as {dtype, value} (value a nested list), structures as lists,
    dicts with sorted keys."""
    if isinstance(value, dict):
        return {str(k): plain(value[k]) for k in sorted(value)}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if value is None:
        return None
    array = np.asarray(value)
    data = array.tolist()
    if array.dtype.kind == "f":
        data = np.round(array.astype(np.float64), 5).tolist()
    return {"dtype": str(array.dtype), "value": data}


def _graph_records(graph):
    ops = graph.get_operations()
    loops = []
    for op in ops:
        if op.type in ("While", "StatelessWhile"):
            loops.append(
                {
                    "type": op.type,
                    "inputs": len(op.inputs),
                    "outputs": len(op.outputs),
                    "T": [dtype.name for dtype in op.get_attr("T")],
                    "output_shapes": [_shape_list(s) for s in op.get_attr("output_shapes")],
                    "parallel_iterations": op.get_attr("parallel_iterations"),
                    "_num_original_outputs": op.get_attr("_num_original_outputs"),
                }
            )
    return [op.type for op in ops], [op.name for op in ops], loops


def _shape_list(shape):
    """A shape as a list (None for an unknown dimension), None for an unknown rank: from TF's
    TensorShapeProto or learntf's TensorShape."""
    if hasattr(shape, "unknown_rank"):  # (a TensorShapeProto)
        if shape.unknown_rank:
            return None
        return [d.size if d.size >= 0 else None for d in shape.dim]
    return None if shape.rank is None else shape.as_list()


def run_case(case, tf, tf1, concrete_graph):
    """Run `case` with the engine's `tf` (TF 2's API) and `tf1` (compat.v1); the caller has
    switched the engine to v1 behaviour for "v1" cases.  `concrete_graph(f, args)` is the graph
    of f's concrete function for args.  Returns the case's record."""
    namespace = {"np": np, "tf": tf1 if case.mode == "v1" else tf}
    code = compile(case.source, "<while case %s>" % case.name, "exec")
    record = {"mode": case.mode, "source_sha256": source_digest(case)}
    try:
        if case.mode == "eager":
            exec(code, namespace)
            values = tf.nest.map_structure(_numpy, namespace["result"])
        elif case.mode == "function":
            exec(code, namespace)
            f, args = namespace["f"], namespace["args"]
            values = tf.nest.map_structure(_numpy, f(*args))
            graph = concrete_graph(f, args)
            record["ops"], record["names"], record["while"] = _graph_records(graph)
        else:
            graph = namespace["tf"].Graph()
            with graph.as_default():
                exec(code, namespace)
                with tf1.Session() as sess:
                    if "init" in namespace:
                        sess.run(namespace["init"])
                    values = sess.run(namespace["result"])
            if case.mode == "graph":
                record["ops"], record["names"], record["while"] = _graph_records(graph)
            else:
                record["ops"] = sorted({op.type for op in graph.get_operations()})
    except Exception as exc:  # (what each engine raises is what we record)
        record["error"] = [type(exc).__name__, str(exc).split("\n")[0]]
        return record
    record["values"] = plain(values)
    return record


def _numpy(value):
    return value.numpy() if hasattr(value, "numpy") else value
