"""The programs of the TF 2 summary tests (issue 18): what `tf.summary` writes, event by event.

scripts/record_tf_summaries.py runs every case on real TensorFlow 2.21 (eager, TF 2
behaviour) and writes the events it wrote to tests/data/tf_summaries.json;
tests/test_summary_v2.py runs the same text on learntf and compares them field by field.
A program sees:

    tf        tensorflow / learntf
    np        NumPy
    logdir    a fresh directory for the event files
    show      show(label, value): record a returned value (a tensor as its Python value)
    error     error(label, fn): call fn() and record the exception's class and message

Both engines record with the code below, so the recording and the test agree on the format.
Left out as they differ between runs: wall times, file names beyond their shape, and a PNG's
bytes (TensorFlow's libpng and learntf's encoder compress differently), which are compared as
decoded pixels.  `trace_export` graphs are compared as (node, op, inputs) of each function graph;
a graph TensorFlow's runtime makes for itself (converting the step with `_EagerConst`) is left
out.
"""

import collections
import glob
import hashlib
import io
import os
import re
import sys
import textwrap

import numpy as np

SummaryCase = collections.namedtuple("SummaryCase", "name source")
CASES = []


def case(name, source):
    if any(existing.name == name for existing in CASES):
        raise ValueError("two cases are named %r" % name)
    CASES.append(SummaryCase(name, textwrap.dedent(source).strip() + "\n"))


def source_digest(summary_case):
    return hashlib.sha256(summary_case.source.encode("utf-8")).hexdigest()[:16]


# -- running a case (the same code for both engines) -----------------------------------------------
def run_case(summary_case, tf, logdir):
    """Run the program; return {"files": [...], "events": [...], "shown": [[label, value]]}."""
    shown = []

    def show(label, value):
        shown.append([label, _plain(value)])

    def error(label, fn):
        try:
            fn()
        except Exception as exc:  # (what is recorded is the class and TF's words)
            message = str(exc).split("\n(learntf:")[0]
            message = re.sub(r"<[\w.]+ object at 0x[0-9a-f]+>", "<writer>", message)
            shown.append([label, "%s: %s" % (type(exc).__name__, message)])
        else:
            shown.append([label, "no error"])

    namespace = {"tf": tf, "np": np, "logdir": logdir, "show": show, "error": error}
    try:
        exec(compile(summary_case.source, summary_case.name, "exec"), namespace)
    finally:
        _reset_summary_state()
    files = sorted(glob.glob(os.path.join(logdir, "**", "events.out.tfevents.*"), recursive=True))
    events = [event for path in files for event in read_events(path)]
    names = [
        re.sub(r"^events\.out\.tfevents\.\d+\.[^.]+\.\d+\.\d+", "<name>", os.path.basename(p))
        for p in files
    ]
    return {"files": names, "events": events, "shown": shown}


def _reset_summary_state():
    """No default writer and no default step for the next case (a program may have called
    `writer.set_as_default()`, which nothing undoes): each engine's own state is cleared."""
    for module_name, state_name in (
        ("tensorflow.python.ops.summary_ops_v2", "_summary_state"),
        ("learntf.summary.summary_ops_v2", "_state"),
    ):
        module = sys.modules.get(module_name)
        if module is not None:
            state = getattr(module, state_name)
            state.writer, state.step, state.is_recording = None, None, None


def _plain(value):
    if hasattr(value, "numpy"):
        value = value.numpy()
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, np.generic):
        return value.item()
    return value if value is None or isinstance(value, (bool, int, float, str)) else repr(value)


def read_events(path):
    """Each event of one file, with TensorBoard's own reader, as plain data."""
    from tensorboard.backend.event_processing.event_file_loader import LegacyEventFileLoader

    return [_event(event) for event in LegacyEventFileLoader(path).Load()]


def _event(event):
    out = {"step": event.step}
    if event.HasField("file_version"):
        out["file_version"] = event.file_version
        out["writer"] = event.source_metadata.writer
    if event.graph_def:
        out["graph_def"] = _nodes(_graph_def_class().FromString(event.graph_def))
    if event.HasField("summary"):
        out["values"] = [_value(value) for value in event.summary.value]
    return out


def _graph_def_class():
    from tensorboard.compat.proto.graph_pb2 import GraphDef

    return GraphDef


def _value(value):
    metadata = value.metadata
    out = {
        "tag": value.tag,
        "plugin_name": metadata.plugin_data.plugin_name,
        "plugin_content": metadata.plugin_data.content.hex(),
        "display_name": metadata.display_name,
        "description": metadata.summary_description,
        "kind": value.WhichOneof("value"),
    }
    if out["kind"] == "tensor":
        out.update(_tensor(value.tensor, out["plugin_name"]))
    return out


def _tensor(tensor, plugin_name):
    from tensorboard.util import tensor_util

    array = tensor_util.make_ndarray(tensor)
    out = {"dtype": tensor.dtype, "shape": [d.size for d in tensor.tensor_shape.dim]}
    out["packed"] = bool(tensor.tensor_content)  # numbers packed, as TF's kernel writes them
    if plugin_name == "images":
        items = list(array.ravel())
        out["value"] = [item.decode() for item in items[:2]] + [_pixels(p) for p in items[2:]]
    elif plugin_name == "graph_run_metadata_graph":
        out["value"] = _function_graphs(array.ravel()[0])
    elif array.dtype == object:
        out["value"] = [item.decode("utf-8") for item in array.ravel()]
    else:
        out["value"] = [float(x) for x in array.ravel()]
    return out


def _pixels(png):
    from PIL import Image

    return np.array(Image.open(io.BytesIO(png))).tolist()


def _function_graphs(serialized):
    from tensorboard.compat.proto.config_pb2 import RunMetadata

    run_metadata = RunMetadata.FromString(serialized)
    graphs = [g.pre_optimization_graph for g in run_metadata.function_graphs]
    return [_nodes(g) for g in graphs if not any(n.op == "_EagerConst" for n in g.node)]


def _nodes(graph_def):
    return sorted([node.name, node.op, sorted(node.input)] for node in graph_def.node)


# -- the cases --------------------------------------------------------------------------------
case(
    "scalars",
    """
    writer = tf.summary.create_file_writer(logdir)
    show("no writer", tf.summary.scalar("ignored", 1.0, step=0))
    with writer.as_default():
        show("scalar", tf.summary.scalar("loss", 0.25, step=1))
        tf.summary.scalar("loss", 2, step=2)
        tf.summary.scalar("int64", tf.constant(7, tf.int64), step=3)
        tf.summary.scalar("described", np.float64(1.5), step=4, description="the *loss*")
        tf.summary.scalar("bad name!", 3.0, step=5)
        error("no step", lambda: tf.summary.scalar("loss", 1.0))
        error("not a scalar", lambda: tf.summary.scalar("loss", [1.0, 2.0], step=1))
        error("step not scalar", lambda: tf.summary.scalar("loss", 1.0, step=[1, 2]))
    writer.close()
    error("closed", lambda: writer.as_default())
    """,
)
case(
    "default_step_and_record_if",
    """
    writer = tf.summary.create_file_writer(logdir)
    show("get_step before", tf.summary.experimental.get_step())
    show("should_record without writer", tf.summary.should_record_summaries())
    with writer.as_default(step=10):
        show("as_default step", tf.summary.experimental.get_step())
        tf.summary.scalar("a", 1.0)
        show("should_record", tf.summary.should_record_summaries())
        with tf.summary.record_if(False):
            show("record_if False", tf.summary.scalar("a", 2.0))
            show("should_record False", tf.summary.should_record_summaries())
            show("record_if False, no step", tf.summary.scalar("a", 2.0, step=None))
        with tf.summary.record_if(lambda: True):
            tf.summary.scalar("a", 3.0, step=11)
    tf.summary.experimental.set_step(20)
    writer.set_as_default()
    tf.summary.scalar("b", 4.0)
    tf.summary.flush()
    noop = tf.summary.create_noop_writer()
    with noop.as_default():
        show("noop writer", tf.summary.scalar("c", 5.0, step=1))
    """,
)
case(
    "histograms",
    """
    writer = tf.summary.create_file_writer(logdir)
    with writer.as_default(step=1):
        tf.summary.histogram("several", [1.0, 2.0, 3.0, 10.0])
        tf.summary.histogram("normal", np.random.RandomState(0).normal(size=1000))
        tf.summary.histogram("ints", tf.constant([[3, 1], [4, 1], [5, 9]]))
        tf.summary.histogram("empty", tf.zeros([0]))
        tf.summary.histogram("constant", [5.0] * 4)
        tf.summary.histogram("one", [-2.5])
        tf.summary.histogram("few_buckets", [0.0, 0.1, 0.5, 0.9, 1.0], buckets=4)
        tf.summary.histogram("thirds", np.linspace(0.0, 1.0, 7), buckets=3)
    """,
)
case(
    "images_and_text",
    """
    writer = tf.summary.create_file_writer(logdir)
    grey = np.linspace(0.0, 1.0, 5 * 2 * 3).reshape(5, 2, 3, 1).astype(np.float32)
    rgb = np.arange(2 * 3 * 2 * 3, dtype=np.uint8).reshape(2, 3, 2, 3) * 7
    with writer.as_default(step=2):
        tf.summary.image("grey", grey)
        tf.summary.image("rgb", rgb, max_outputs=1)
        tf.summary.image("clipped", grey * 3.0 - 1.0, max_outputs=5)
        grey_alpha = (np.arange(12, dtype=np.int16).reshape(1, 2, 3, 2) - 2) * 3000
        tf.summary.image("int16_grey_alpha", grey_alpha)
        tf.summary.image("float64", np.full([1, 1, 2, 3], 0.999), max_outputs=0)
        tf.summary.text("hello", "hello *world*")
        tf.summary.text("table", [["a", "b"], ["c", "d"]])
        error("image rank 3", lambda: tf.summary.image("x", tf.zeros([2, 2, 1])))
        error("text of ints", lambda: tf.summary.text("x", 3))
    """,
)
case(
    "in_tf_function",
    """
    writer = tf.summary.create_file_writer(logdir)
    step = tf.Variable(0, dtype=tf.int64)
    scale = tf.Variable(3.0)

    @tf.function
    def train(x):
        with writer.as_default():
            tf.summary.histogram("x", x, step=step)
            return tf.summary.scalar("scaled", x[0] * scale, step=step)

    for value in [1.0, 2.0, 4.0]:
        show("call", train(tf.constant([value, -value])))
        step.assign_add(1)

    @tf.function
    def every_other(x, s):
        with writer.as_default(), tf.summary.record_if(tf.equal(s % 2, 0)):
            return tf.summary.scalar("every_other", x, step=s)

    for s in range(4):
        show("every_other", every_other(tf.constant(float(s)), tf.constant(s, tf.int64)))

    @tf.function
    def no_writer(x):
        return tf.summary.scalar("never", x, step=1)

    show("traced without a writer", no_writer(tf.constant(1.0)))
    with writer.as_default():
        show("run under a writer", no_writer(tf.constant(2.0)))
    """,
)
case(
    "trace_export",
    """
    writer = tf.summary.create_file_writer(logdir)

    @tf.function
    def affine(x, y):
        return tf.matmul(x, y) + 1.0

    @tf.function
    def ran_before(x):
        return tf.nn.relu(x) * 2.0

    x = tf.ones([2, 2])
    ran_before(x)
    tf.summary.trace_on(graph=True, profiler=False)
    affine(x, x)
    ran_before(x)
    affine(x, x)
    with writer.as_default():
        show("trace_export", tf.summary.trace_export("my_trace", step=0))
    error("export again", lambda: tf.summary.trace_export("again", step=1))
    """,
)
case(
    "eager_name_scopes",
    """
    writer = tf.summary.create_file_writer(logdir)
    with writer.as_default(step=3):
        with tf.name_scope("train"):
            tf.summary.scalar("loss", 0.5)
            with tf.name_scope("layer"):
                tf.summary.histogram("weights", [1.0, 2.0])
                show("variable in nested scopes", tf.Variable(1.0, name="w").name)
            show("absolute scope", tf.Variable(1.0, name="top/").name)
        tf.summary.scalar("loss", 0.25)
    """,
)
