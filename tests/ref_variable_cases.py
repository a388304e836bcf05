"""The programs of the TF1 reference-variable tests (issue 16, and issue 20's two bugs).

scripts/record_tf_ref_variables.py runs every case on real TensorFlow 2.21 after
`tf.compat.v1.disable_v2_behavior()` and writes what it built and printed to
tests/data/tf_ref_variables.json; tests/test_ref_variables.py runs the same text on learntf and
compares. A case is a name, a program, and whether its node list is compared ("nodes") or only
what it shows ("values": a graph whose other parts, such as gradients or tf.cond, other work
builds). The program runs in a fresh tf.Graph (its default graph) and sees:

    tf        tensorflow.compat.v1 / learntf.compat.v1 (TF1 behaviour)
    np        NumPy
    show      show(label, value): record a value (arrays as numbers, other objects by repr)
    error     error(label, fn): call fn() and record the exception's class and message
    tmp_dir   a fresh directory for checkpoint files

Both engines record with the code below, so the recording and the test agree on the format.
"""

import collections
import hashlib
import math
import re
import textwrap

import numpy as np

RefCase = collections.namedtuple("RefCase", "name compare source")

# The attributes recorded besides a node's name, type and inputs.
KEY_ATTRS = (
    "T",
    "dtype",
    "dtypes",
    "shape",
    "container",
    "shared_name",
    "validate_shape",
    "use_locking",
    "use_nesterov",
    "update_slots",
)

CASES = []


def case(name, compare, source):
    if compare not in ("nodes", "values"):
        raise ValueError("compare must be 'nodes' or 'values', not %r" % compare)
    if any(existing.name == name for existing in CASES):
        raise ValueError("two cases are named %r" % name)
    CASES.append(RefCase(name, compare, textwrap.dedent(source).strip() + "\n"))


def source_digest(ref_case):
    return hashlib.sha256(ref_case.source.encode("utf-8")).hexdigest()[:16]


# -- running a case (the same code for both engines) -----------------------------------------------
def run_case(ref_case, tf, tmp_dir, convert=None):
    """Run the program in a fresh graph; return {"nodes": [...], "shown": [[label, value]]}."""
    shown = []

    def show(label, value):
        shown.append([label, plain(value)])

    def error(label, fn):
        try:
            fn()
        except Exception as exc:  # the class and words are what is recorded
            shown.append([label, {"error": type(exc).__name__, "message": error_text(exc)}])
        else:
            shown.append([label, {"error": None}])

    namespace = {"tf": tf, "np": np, "show": show, "error": error, "tmp_dir": tmp_dir}
    graph = tf.Graph()
    with graph.as_default():
        exec(compile(ref_case.source, "<ref case %s>" % ref_case.name, "exec"), namespace)
    return {"nodes": [node_record(op, convert) for op in graph.get_operations()], "shown": shown}


def node_record(op, convert=None):
    inputs = [t.op.name if t.value_index == 0 else t.name for t in op.inputs]
    inputs += sorted("^" + control.name for control in op.control_inputs)
    attrs = {}
    for key in KEY_ATTRS:
        try:
            value = op.get_attr(key)
        except ValueError:
            continue
        attrs[key] = plain(convert(value) if convert else value)
    return {"name": op.name, "op": op.type, "inputs": inputs, "attrs": attrs}


def error_text(exc):
    """An error's message without what only one engine says: Python file lines and TF's
    "Original stack trace" (both engines), learntf's own hint lines ("learntf: ...")."""
    message = str(getattr(exc, "message", None) or exc)
    message = message.split("\n\nOriginal stack trace")[0]
    message = re.split(r"\n\(?learntf: ", message)[0]
    lines = [line for line in message.split("\n") if not line.lstrip().startswith("File ")]
    return "\n".join(lines)


def plain(value):
    """A value as JSON: numbers and arrays as {"dtype", "value"}, text as text, lists as
    lists, anything else by its repr."""
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (np.ndarray, np.generic)):
        array = np.asarray(value)
        if array.dtype.kind in "OSU":
            return {
                "dtype": "string",
                "value": [_text(v) for v in array.reshape(-1).tolist()],
                "shape": list(array.shape),
            }
        return {
            "dtype": array.dtype.name,
            "shape": list(array.shape),
            "value": _finite(array.tolist()),
        }
    if isinstance(value, (int, float, str)) or value is None:
        return value
    if type(value).__name__ == "DType":
        return {"dtype": value.name}
    if type(value).__name__ == "TensorShape":
        return {"shape": None if value.rank is None else list(value.as_list())}
    if isinstance(value, bytes):
        return _text(value)
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value]
    return {"repr": repr(value)}


def _text(value):
    return value.decode("utf-8", errors="backslashreplace") if isinstance(value, bytes) else value


def _finite(value):
    if isinstance(value, list):
        return [_finite(item) for item in value]
    if isinstance(value, float) and not math.isfinite(value):
        return repr(value)
    return value


# -- the cases -------------------------------------------------------------------------------------
case(
    "tf_variable_ops_and_reprs",
    "nodes",
    """
    x = tf.placeholder(tf.float32, shape=(None, 3), name="x")
    w = tf.Variable(tf.zeros([3, 1]), name="w")
    b = tf.Variable(0.0, name="b")
    y = tf.matmul(x, w) + b
    n = tf.Variable([1, 2], name="n")
    d = tf.Variable(np.array([1.5, 2.5]), name="d")
    u1 = tf.Variable(1.0)
    u2 = tf.Variable(2.0, trainable=False)
    for label, value in [("w", w), ("b", b), ("n", n), ("d", d), ("u1", u1), ("u2", u2),
                         ("w.dtype", w.dtype), ("n.dtype", n.dtype), ("w.op", w.op),
                         ("w.initializer", w.initializer), ("w.initial_value", w.initial_value),
                         ("w.value()", w.value()), ("w._ref()", w._ref()),
                         ("convert_to_tensor(w)", tf.convert_to_tensor(w)), ("w + 1", w + 1),
                         ("tf.identity(w)", tf.identity(w))]:
        show(label, value)
    show("w.name", w.name)
    show("w.shape", str(w.shape))
    show("w.dtype.name", w.dtype.name)
    show("w.dtype.base_dtype", w.dtype.base_dtype)
    show("w.dtype.is_floating", w.dtype.is_floating)
    show("w.dtype == tf.float32", w.dtype == tf.float32)
    show("is_compatible_with", [tf.float32.is_compatible_with(w.dtype),
                                w.dtype.is_compatible_with(tf.float32)])
    show("type", type(w).__name__)
    show("isinstance Variable", isinstance(w, tf.Variable))
    show("bool(w)", bool(w))
    show("graph", w.graph is tf.get_default_graph())
    show("global", [v.name for v in tf.global_variables()])
    show("trainable", [v.name for v in tf.trainable_variables()])
""",
)

case(
    "assign_ops",
    "nodes",
    """
    w = tf.Variable([1.0, 2.0], name="w")
    n = tf.Variable(0, name="n")
    results = [w.assign([3.0, 4.0]), w.assign_add([1.0, 1.0]), w.assign_sub([0.5, 0.5]),
               tf.assign(w, [5.0, 6.0]), tf.assign_add(n, 1), tf.assign_sub(n, 2),
               w.assign([7.0, 8.0], name="set_w"), w.assign([9.0, 9.0], read_value=False),
               w.assign([0.0, 0.0], use_locking=True), tf.assign(w, [1.0, 1.0], use_locking=False),
               tf.assign(w._ref(), [2.0, 2.0]), n.assign_add(5, read_value=False),
               tf.assign(w, [3.0, 3.0], validate_shape=False)]
    for index, result in enumerate(results):
        show("result %d" % index, result)
    with tf.name_scope("step"):
        inc = n.assign_add(1)
    show("inc", inc)
    init = tf.global_variables_initializer()
    with tf.Session() as sess:
        sess.run(init)
        show("after assign", sess.run(results[0]))
        show("assign_add", sess.run(results[1]))
        show("assign_sub", sess.run(results[2]))
        show("n", [sess.run(results[4]), sess.run(results[4]), sess.run(results[5])])
        show("op run", sess.run(results[7]))
        show("w", sess.run(w))
        show("inc twice", [sess.run(inc), sess.run(inc)])
        show("fetch w:0", sess.run("w:0"))
        show("fetch Assign:0", sess.run("Assign:0"))
        show("eval", w.eval())
""",
)

case(
    "assign_errors",
    "values",
    """
    w = tf.Variable([1.0, 2.0], name="w")
    error("assign wrong shape", lambda: w.assign([1.0, 2.0, 3.0]))
    error("assign_add wrong shape", lambda: w.assign_add([1.0, 2.0, 3.0]))
    error("assign wrong dtype", lambda: w.assign(np.array([1, 2], dtype=np.int64)))
    def set_item():
        w[0] = 1.0
    error("item assignment", set_item)
    error("numpy", lambda: w.numpy())
    error("placeholder initial value", lambda: tf.Variable(tf.placeholder(tf.float32)))
    u = tf.Variable(tf.placeholder(tf.float32), validate_shape=False, name="u")
    show("u", u)
    show("u.shape", str(u.shape))
""",
)

case(
    "sessions_and_uninitialized_reads",
    "values",
    """
    w = tf.Variable([1.0, 2.0], name="w")
    with tf.variable_scope("outer"):
        c = tf.Variable(3.0, name="c")
    y = w * 2.0
    inc = w.assign_add([1.0, 1.0])
    init = tf.global_variables_initializer()
    first, second = tf.Session(), tf.Session()
    error("read before init", lambda: first.run(y))
    error("fetch the variable", lambda: first.run(w))
    error("fetch by name", lambda: first.run("outer/c:0"))
    error("assign_add before init", lambda: first.run(inc))
    show("initialized?", first.run(tf.is_variable_initialized(w)))
    first.run(init)
    show("initialized after init", first.run(tf.is_variable_initialized(w)))
    show("first", first.run(inc))
    error("second session is separate", lambda: second.run(w))
    second.run(init)
    show("second", second.run(w))
    show("first again", first.run(inc))
    show("both", [first.run(w), second.run(w)])
    first.close()
    second.close()
""",
)

case(
    "initializers_and_groups",
    "nodes",
    """
    a = tf.Variable(1.0, name="a")
    b = tf.Variable(2.0, name="b")
    c = tf.Variable(3.0, name="c", collections=[tf.GraphKeys.LOCAL_VARIABLES])
    some = tf.variables_initializer([a, b], name="some")
    every = tf.global_variables_initializer()
    local = tf.local_variables_initializer()
    empty = tf.variables_initializer([])
    check = tf.is_variable_initialized(a)
    for label, value in [("some", some), ("every", every), ("local", local), ("empty", empty)]:
        show(label, value)
    show("check", check.name)
    show("local variables", [v.name for v in tf.local_variables()])
    with tf.Session() as sess:
        sess.run(some)
        show("a, b", sess.run([a, b]))
        show("c initialized?", sess.run(tf.is_variable_initialized(c)))
        sess.run(local)
        show("c", sess.run(c))
""",
)

case(
    "read_value_and_initialized_value",
    "values",
    """
    w = tf.Variable([1.0, 2.0], name="w")
    with tf.name_scope("inside"):
        read = w.read_value()
    twice = tf.Variable(w.initialized_value() * 2.0, name="twice")
    show("read", read)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(w.assign([5.0, 6.0]))
        show("read value", sess.run(read))
        show("twice", sess.run(twice))
""",
)

case(
    "get_variable_tensor_initializer",
    "nodes",
    """
    a = tf.get_variable("a", initializer=tf.constant(0.0))
    b = tf.get_variable("b", initializer=tf.constant([1.0, 2.0]), dtype=tf.float32)
    c = tf.get_variable("c", initializer=3)
    d = tf.get_variable("d", initializer=[1.0, 2.0, 3.0])
    e = tf.get_variable("e", initializer=lambda: tf.constant(4.0))
    f = tf.get_variable("f", initializer=np.zeros((2, 2), dtype=np.float32))
    error("shape with a tensor initializer",
          lambda: tf.get_variable("g", initializer=tf.constant([1.0]), shape=[1]))
    error("dtype that does not match",
          lambda: tf.get_variable("h", initializer=tf.constant(1.0), dtype=tf.float64))
    for label, value in [("a", a), ("b", b), ("c", c), ("d", d), ("e", e), ("f", f)]:
        show(label, value)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        show("values", sess.run([a, b, c, d, e, f]))
""",
)

case(
    "get_variable_scopes_and_reuse",
    "nodes",
    """
    with tf.variable_scope("layer"):
        w = tf.get_variable("w", [2, 3], initializer=tf.zeros_initializer())
        b = tf.get_variable("b", [3], initializer=tf.constant_initializer(0.1))
    with tf.variable_scope("layer", reuse=True):
        w_again = tf.get_variable("w")
        w_float = tf.get_variable("w", dtype=tf.float32)
    with tf.variable_scope("auto", reuse=tf.AUTO_REUSE):
        a1 = tf.get_variable("a", [1], initializer=tf.ones_initializer())
    with tf.variable_scope("auto", reuse=tf.AUTO_REUSE):
        a2 = tf.get_variable("a", [1], initializer=tf.ones_initializer())
    with tf.name_scope("ignored"):
        k = tf.get_variable("k", [2], initializer=tf.zeros_initializer(), dtype=tf.int32)
    show("same", [w is w_again, w is w_float, a1 is a2])
    for label, value in [("w", w), ("b", b), ("a1", a1), ("k", k)]:
        show(label, value)
    error("exists", lambda: tf.get_variable("layer/w", [2, 3]))
    def share(**kwargs):
        with tf.variable_scope("layer", reuse=True):
            tf.get_variable("w", **kwargs)
    error("other shape", lambda: share(shape=[3]))
    error("other dtype", lambda: share(dtype=tf.float64))
    with tf.variable_scope("layer", reuse=True):
        error("does not exist", lambda: tf.get_variable("zz", [1]))
    error("no shape, no initializer", lambda: tf.get_variable("q"))
    error("partly known shape",
          lambda: tf.get_variable("p", shape=[None, 2], initializer=tf.zeros_initializer()))
""",
)

case(
    "resource_variables_where_tf_uses_them",
    "nodes",
    """
    show("enabled at start", tf.resource_variables_enabled())
    r1 = tf.Variable(1.0, name="r1", use_resource=True)
    r2 = tf.get_variable("r2", [2], initializer=tf.zeros_initializer(), use_resource=True)
    with tf.variable_scope("res", use_resource=True):
        r3 = tf.get_variable("r3", [2], initializer=tf.zeros_initializer())
        with tf.variable_scope("inner"):
            r4 = tf.get_variable("r4", [1], initializer=tf.zeros_initializer())
    tf.enable_resource_variables()
    show("enabled", tf.resource_variables_enabled())
    r5 = tf.Variable(2.0, name="r5")
    tf.disable_resource_variables()
    show("enabled again", tf.resource_variables_enabled())
    v = tf.Variable(3.0, name="v")
    show("kinds", [v.dtype.name for v in (r1, r2, r3, r4, r5, v)])
    show("reprs", [repr(x) for x in (r1, r3, r5, v)])
""",
)

OPTIMIZER_SETUP = """
    w = tf.Variable([[1.0], [2.0]], name="w")
    b = tf.Variable(0.5, name="b")
    grads = [(tf.constant([[0.5], [-1.0]]), w), (tf.constant(2.0), b)]
"""

OPTIMIZER_RUN = """
    show("train", train)
    show("slot names", optimizer.get_slot_names())
    show("optimizer variables", [v.name for v in optimizer.variables()])
    show("global variables", [v.name for v in tf.global_variables()])
    show("train ops", tf.get_collection(tf.GraphKeys.TRAIN_OP))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for _ in range(3):
            sess.run(train)
        show("w, b", sess.run([w, b]))
        show("slots", [sess.run(optimizer.get_slot(var, name))
                       for name in optimizer.get_slot_names() for var in (w, b)])
"""

for _name, _make in [
    ("gradient_descent", "tf.train.GradientDescentOptimizer(0.1)"),
    ("momentum", "tf.train.MomentumOptimizer(0.1, momentum=0.9)"),
    ("momentum_nesterov", "tf.train.MomentumOptimizer(0.1, 0.9, use_nesterov=True)"),
    ("adam", "tf.train.AdamOptimizer(0.01)"),
    ("adagrad", "tf.train.AdagradOptimizer(0.1)"),
    ("rmsprop", "tf.train.RMSPropOptimizer(0.01)"),
    ("rmsprop_centered_momentum", "tf.train.RMSPropOptimizer(0.01, momentum=0.5, centered=True)"),
    ("adadelta", "tf.train.AdadeltaOptimizer(1.0)"),
]:
    case(
        "optimizer_%s" % _name,
        "nodes",
        OPTIMIZER_SETUP
        + """
    optimizer = %s
    train = optimizer.apply_gradients(grads)
"""
        % _make
        + OPTIMIZER_RUN,
    )

case(
    "optimizer_global_step_and_name",
    "nodes",
    OPTIMIZER_SETUP
    + """
    step = tf.train.get_or_create_global_step()
    show("step", step)
    optimizer = tf.train.AdamOptimizer(0.1)
    train = optimizer.apply_gradients(grads, global_step=step, name="train")
    show("again", tf.train.get_global_step() is step)
"""
    + OPTIMIZER_RUN
    + """
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(train)
        show("step value", [sess.run(step), tf.train.global_step(sess, step)])
""",
)

case(
    "optimizer_two_optimizers_one_variable",
    "nodes",
    OPTIMIZER_SETUP
    + """
    first = tf.train.MomentumOptimizer(0.1, 0.9).apply_gradients(grads)
    optimizer = tf.train.MomentumOptimizer(0.2, 0.5)
    train = optimizer.apply_gradients(grads)
    with tf.variable_scope("scoped"):
        second = tf.train.AdamOptimizer(0.1, name="MyAdam").apply_gradients(grads[:1])
"""
    + OPTIMIZER_RUN,
)

case(
    "optimizer_resource_variables",
    "nodes",
    """
    w = tf.Variable([[1.0], [2.0]], name="w", use_resource=True)
    b = tf.get_variable("b", [], initializer=tf.constant_initializer(0.5), use_resource=True)
    grads = [(tf.constant([[0.5], [-1.0]]), w), (tf.constant(2.0), b)]
    optimizer = tf.train.AdamOptimizer(0.01)
    train = optimizer.apply_gradients(grads)
"""
    + OPTIMIZER_RUN,
)

case(
    "optimizer_minimize",
    "values",
    """
    x = tf.constant([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
    target = tf.constant([[1.0], [0.0], [2.0]])
    results = {}
    for name, make in [("gd", lambda: tf.train.GradientDescentOptimizer(0.01)),
                       ("momentum", lambda: tf.train.MomentumOptimizer(0.01, 0.9)),
                       ("adam", lambda: tf.train.AdamOptimizer(0.1)),
                       ("adagrad", lambda: tf.train.AdagradOptimizer(0.1)),
                       ("rmsprop", lambda: tf.train.RMSPropOptimizer(0.01)),
                       ("adadelta", lambda: tf.train.AdadeltaOptimizer(1.0))]:
        with tf.variable_scope(name):
            w = tf.Variable([[0.5], [-0.5]], name="w")
            b = tf.Variable(0.0, name="b")
        loss = tf.reduce_mean(tf.square(tf.matmul(x, w) + b - target))
        train = make().minimize(loss, var_list=[w, b])
        results[name] = (train, loss, w, b)
        show(name + " train", train)
        updates = sorted(train.control_inputs, key=lambda op: op.name)
        show(name + " updates", [(op.name, op.type, op.inputs[0].name) for op in updates])
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for name, (train, loss, w, b) in sorted(results.items()):
            losses = [sess.run(train) or sess.run(loss) for _ in range(5)]
            show(name + " losses", np.array(losses))
            show(name + " w, b", sess.run([w, b]))
""",
)

case(
    "gradients_with_respect_to_ref_variables",
    "values",
    """
    w = tf.Variable([1.0, 2.0, 3.0], name="w")
    b = tf.Variable(0.5, name="b")
    loss = tf.reduce_sum(w * w) + 3.0 * b
    by_variable = tf.gradients(loss, [w, b])
    by_reference = tf.gradients(loss, [w._ref(), b._ref()])
    through_read = tf.gradients(w.value(), w)
    show("dtype of the source", w._ref().dtype)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        show("by variable", sess.run(by_variable))
        show("by reference", sess.run(by_reference))
        show("through read", sess.run(through_read))
""",
)

case(
    "global_step",
    "nodes",
    """
    step = tf.train.get_or_create_global_step()
    show("step", step)
    show("collection", tf.get_collection(tf.GraphKeys.GLOBAL_STEP))
    show("trainable", [v.name for v in tf.trainable_variables()])
    error("twice", lambda: tf.train.create_global_step())
    bump = tf.assign_add(step, 1)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(bump)
        show("value", [sess.run(step), sess.run("global_step:0"),
                       tf.train.global_step(sess, step)])
""",
)

case(
    "saver_graph",
    "nodes",
    """
    theta = tf.Variable([[1.0], [2.0]], name="theta")
    b = tf.Variable(3, name="b")
    saver = tf.train.Saver()
    keyed = tf.train.Saver({"bee": b})
    show("saver_def", [saver.saver_def.filename_tensor_name, saver.saver_def.save_tensor_name,
                       saver.saver_def.restore_op_name])
    show("keyed", [keyed.saver_def.filename_tensor_name, keyed.saver_def.restore_op_name])
""",
)

case(
    "saver_save_import_restore",
    "values",
    """
    import os
    theta = tf.Variable([[1.0], [2.0]], name="theta")
    b = tf.Variable(3, name="b")
    step = tf.Variable(0, name="step", trainable=False)
    saver = tf.train.Saver()
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run([theta.assign([[5.0], [6.0]]), step.assign(7)])
        path = saver.save(sess, os.path.join(tmp_dir, "model"))
    show("saved", os.path.basename(path))
    with tf.Session() as sess:
        saver.restore(sess, path)
        show("restored", sess.run([theta, b, step]))
    with tf.Graph().as_default() as graph:
        loader = tf.train.import_meta_graph(path + ".meta")
        show("variables", [(v.name, v.dtype.name) for v in tf.global_variables()])
        show("trainable", [v.name for v in tf.trainable_variables()])
        with tf.Session() as sess:
            loader.restore(sess, path)
            show("theta:0", sess.run(graph.get_tensor_by_name("theta:0")))
            show("theta/read:0", sess.run("theta/read:0"))
            show("step:0", sess.run("step:0"))
            show("variable", sess.run(tf.global_variables()[0]))
            show("tensor", graph.get_tensor_by_name("theta:0"))
""",
)

case(
    "slices_load_and_eval",
    "values",
    """
    v = tf.Variable([1.0, 2.0, 3.0], name="v")
    middle = v[1]
    put = v[1].assign(5.0)
    show("slice", middle)
    with tf.Session() as sess:
        sess.run(v.initializer)
        show("slice value", sess.run(middle))
        show("after slice assign", sess.run(put))
        v.load([7.0, 8.0, 9.0], sess)
        show("loaded", v.eval(sess))
        show("read", sess.run(v.value()))
""",
)
case(
    "report_uninitialized_variables",
    "values",
    """
    w = tf.Variable(tf.zeros([2]), name="w")
    with tf.variable_scope("layer"):
        b = tf.get_variable("b", [3], initializer=tf.ones_initializer())
    report = tf.report_uninitialized_variables()
    with tf.Session() as sess:
        show("before init", sess.run(report))
        sess.run(w.initializer)
        show("after w", sess.run(report))
        sess.run(tf.global_variables_initializer())
        show("after all", sess.run(report))
        show("none given", sess.run(tf.report_uninitialized_variables([])))
""",
)
case(
    "sliced_assignment_values",
    "values",
    """
    v = tf.Variable([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], name="v")
    row = v[0].assign([7.0, 8.0, 9.0])
    broadcast = v[1, 1:].assign(0.5)
    with tf.Session() as sess:
        sess.run(v.initializer)
        show("row", sess.run(row))
        show("broadcast", sess.run(broadcast))
        show("after", sess.run(v))
""",
)
