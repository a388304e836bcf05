"""learntf.viz on real TensorFlow's objects (learntf/viz/from_tensorflow.py), tested without
TensorFlow.

A lesson opened with `python -m course open N --engine tensorflow` hands `viz.draw`,
`GraphWidget` and `TrainingCurves` TensorFlow's graphs, tensors and eager values.  Here small
stand-ins play TensorFlow: their classes live in a module named `tensorflow...` and a graph's
`as_graph_def()` returns the GraphDef TensorFlow would write, made by learntf's own writer from a
learntf graph (plus the `T` attribute TensorFlow puts on each op).  The drawing of the stand-in
must be the drawing of the learntf graph it came from.
"""

import shutil

import numpy as np
import pytest

import learntf.compat.v1 as tf
import learntf.viz as viz
from learntf.serialization.graph_io import (
    GraphDef,
    NodeDef,
    attr_value,
    import_graph_def,
)
from learntf.viz import from_tensorflow

tf.disable_v2_behavior()  # TF1 programs on TensorFlow 2 start so: graphs and sessions

needs_dot = pytest.mark.skipif(
    shutil.which("dot") is None, reason="Graphviz's `dot` program is not installed"
)
TF_MODULE = "tensorflow.python.framework.ops"


def tensorflow_class(cls):
    """`cls`, as if TensorFlow had defined it."""
    cls.__module__ = TF_MODULE
    return cls


@tensorflow_class
class SerializedGraphDef:
    def __init__(self, data):
        self.data = data

    def SerializeToString(self):  # protobuf's name
        return self.data


@tensorflow_class
class FakeGraph:
    """A tf.Graph: what viz needs of one is its GraphDef."""

    def __init__(self, graph_def):
        self.graph_def = graph_def
        self.asked_for_shapes = None

    def as_graph_def(self, from_version=None, add_shapes=False):
        self.asked_for_shapes = add_shapes
        return SerializedGraphDef(self.graph_def.SerializeToString())


@tensorflow_class
class FakeOperation:
    def __init__(self, graph, name):
        self.graph, self.name, self.control_inputs = graph, name, []


@tensorflow_class
class FakeTensor:
    """A graph tensor (or a tf.Variable of a TF1 graph: it has a name, an op and a graph)."""

    def __init__(self, graph, name):
        self.graph, self.name = graph, name
        self.op = FakeOperation(graph, name.split(":")[0])


@tensorflow_class
class FakeConcreteFunction:
    def __init__(self, graph):
        self.graph, self.name, self.structured_outputs = graph, "__inference_f_12", None


@tensorflow_class
class FakeEagerTensor:
    def __init__(self, value):
        self.value = np.asarray(value, np.float32)

    @property
    def graph(self):
        raise AttributeError("Tensor.graph is undefined when eager execution is enabled.")

    def numpy(self):
        return self.value


def as_tensorflow_writes_it(graph):
    """The GraphDef of a learntf graph as TensorFlow writes it: output shapes asked for, and each
    op that has outputs but no dtype attribute given TensorFlow's `T`."""
    graph_def = graph.as_graph_def(add_shapes=True)
    for node in graph_def.node:
        op = graph.get_operation_by_name(node.name)
        if op.outputs and not set(node.attr) & {"T", "dtype", "DstT", "out_type"}:
            node.attr["T"].CopyFrom(attr_value(op.outputs[0].dtype))
    return graph_def


class Program:
    """Lesson 01's graph, f = x*x*y + y + 2, and its TensorFlow stand-in."""

    def __init__(self):
        self.graph = tf.Graph()
        with self.graph.as_default():
            self.x = tf.Variable(3, name="x")
            self.y = tf.Variable(4, name="y")
            self.f = self.x * self.x * self.y + self.y + 2
            self.init = tf.global_variables_initializer()
        self.tf_graph = FakeGraph(as_tensorflow_writes_it(self.graph))
        self.tf_f = FakeTensor(self.tf_graph, self.f.name)


@pytest.fixture
def program():
    return Program()


# --- drawing ----------------------------------------------------------------------------------


def test_a_tensorflow_graph_is_described_as_the_learntf_graph_it_mirrors(program):
    assert str(viz.describe(program.tf_graph)) == str(viz.describe(program.graph))
    assert program.tf_graph.asked_for_shapes is True  # the arrows' shapes come from the GraphDef


def test_a_tensorflow_tensor_draws_what_it_needs_with_the_same_dot_source(program):
    assert viz.draw(program.tf_f).source == viz.draw(program.f).source
    assert viz.describe(program.tf_f).splitlines()[0].startswith("Subgraph for add_1:0: 7 nodes")


def test_tensorflow_operations_variables_and_lists_of_them(program):
    init = FakeOperation(program.tf_graph, "init")
    assert str(viz.describe(init)) == str(viz.describe(program.init))
    both = [program.tf_f, FakeTensor(program.tf_graph, "x:0")]
    assert str(viz.describe(both)) == str(viz.describe([program.f, program.x]))


def test_a_concrete_function_draws_its_graph(program):
    concrete = FakeConcreteFunction(program.tf_graph)
    assert str(viz.describe(concrete)) == str(viz.describe(program.graph))


@needs_dot
def test_a_tensorflow_graph_shows_as_a_picture(program):
    svg = viz.render_svg(program.tf_graph)
    assert svg.count('class="node"') == 8 and "<title>mul_1</title>" in svg
    bundle = viz.graph_mimebundle(program.tf_f)
    assert set(bundle) == {"image/svg+xml", "text/plain"}


def test_without_a_dtype_attribute_an_arrow_says_only_the_shape(program):
    learntf_style = FakeGraph(program.graph.as_graph_def(add_shapes=True))  # no `T` on Mul
    rows = {line.split()[0]: line for line in str(viz.describe(learntf_style)).splitlines()[2:]}
    assert rows["mul"].split()[3:] == ["()", "x,", "x"]
    assert "() int32 = 2" in rows["add_1/y"]  # a Const says its dtype


def test_an_op_learntf_does_not_have_is_drawn_as_a_plain_node():
    """A concrete function calling another is a StatefulPartitionedCall: import_graph_def
    refuses it without the function it calls, the drawing keeps it with its type, its outputs
    and its inputs."""

    def node(name, op, inputs=(), **attrs):
        return NodeDef(
            name=name,
            op=op,
            input=list(inputs),
            attr={key: attr_value(value) for key, value in attrs.items()},
        )

    graph_def = GraphDef(
        node=[
            node(
                "a",
                "Placeholder",
                dtype=tf.float32,
                shape=tf.TensorShape([2]),
                _output_shapes=(tf.TensorShape([2]),),
            ),
            node("init", "NoOp"),
            node(
                "call",
                "StatefulPartitionedCall",
                ["a", "^init"],
                Tout=(tf.float32, tf.int32),
                _output_shapes=(tf.TensorShape([2]), tf.TensorShape([])),
            ),
            node("out", "Identity", ["call:1"], T=tf.int32, _output_shapes=(tf.TensorShape([]),)),
        ]
    )
    with tf.Graph().as_default(), pytest.raises(ValueError, match="NodeDef missing attr 'f'"):
        import_graph_def(graph_def)
    rows = [line.split() for line in str(viz.describe(FakeGraph(graph_def))).splitlines()[2:]]
    assert [
        "call",
        "op",
        "StatefulPartitionedCall",
        "(2,)",
        "float32,",
        "()",
        "int32",
        "a,",
        "^init",
    ] in rows
    assert ["out", "op", "Identity", "()", "int32", "call:1"] in rows


def test_a_tf1_while_loop_with_its_cycle_is_drawn():
    """TF1's while_loop feeds NextIteration back into Merge: the GraphDef has a cycle."""
    graph_def = GraphDef(
        node=[
            NodeDef(
                name="start",
                op="Const",
                attr={"dtype": attr_value(tf.int32), "value": attr_value(np.array(0, np.int32))},
            ),
            NodeDef(
                name="while/Merge",
                op="Merge",
                input=["start", "while/NextIteration"],
                attr={"T": attr_value(tf.int32)},
            ),
            NodeDef(
                name="while/NextIteration",
                op="NextIteration",
                input=["while/Merge"],
                attr={"T": attr_value(tf.int32)},
            ),
        ]
    )
    rows = [line.split() for line in str(viz.describe(FakeGraph(graph_def))).splitlines()[2:]]
    # (no _output_shapes in this GraphDef: the shapes are unknown)
    assert ["Merge", "op", "Merge", "<unknown>", "int32", "start,", "while/NextIteration"] in rows
    assert ["NextIteration", "op", "NextIteration", "<unknown>", "int32", "while/Merge"] in rows
    assert viz.draw(FakeGraph(graph_def)).source.count("->") == 3


def test_an_attribute_learntf_cannot_read_is_left_out_not_fatal():
    """TensorFlow stores a config proto's raw bytes in a string attribute (not UTF-8), and may
    use a dtype learntf does not have."""
    graph_def = GraphDef()
    node = graph_def.node.add(name="call", op="PartitionedCall")
    node.attr["config_proto"].s = b"\x12\x03\xff\xfe\x00"
    node.attr["Tout"].CopyFrom(attr_value((tf.float32,)))
    node.attr["Tnew"].type = 999  # a DataType number learntf does not know
    graph = from_tensorflow.graph_from_graph_def(graph_def.SerializeToString())
    op = graph.get_operation_by_name("call")
    assert op.type == "PartitionedCall" and set(op.attrs) == {"config_proto", "Tout"}
    assert op.attrs["config_proto"] == b"\x12\x03\xff\xfe\x00"  # bytes: not UTF-8 text
    assert op.outputs[0].dtype == tf.float32


def test_eager_tensors_and_mixed_lists_are_refused_with_what_to_do(program):
    with pytest.raises(TypeError, match="Eager tensors have no graph to draw"):
        viz.draw(FakeEagerTensor(1.0))
    with pytest.raises(ValueError, match="TensorFlow objects and learntf objects together"):
        viz.describe([program.tf_f, program.f])


def test_learntf_objects_are_drawn_as_they_are(program):
    assert from_tensorflow.to_learntf(program.f) is program.f
    assert from_tensorflow.to_learntf(program.graph) is program.graph
    assert not from_tensorflow.is_tensorflow(program.graph)
    assert from_tensorflow.is_tensorflow(program.tf_graph)


# --- GraphWidget ------------------------------------------------------------------------------


@tensorflow_class
class FakeSession:
    """A tf.Session over the stand-in graph: runs by name in a learntf session of the graph the
    GraphDef came from (TensorFlow's Session.run takes names too)."""

    def __init__(self, graph):
        self.graph = graph
        self.learntf = tf.Session(graph=graph)

    def run(self, fetches, feed_dict=None):
        feeds = {self._element(key): value for key, value in (feed_dict or {}).items()}
        return self.learntf.run(self._map(fetches), feeds)

    def _map(self, fetches):
        if isinstance(fetches, dict):
            return {key: self._map(value) for key, value in fetches.items()}
        if isinstance(fetches, (list, tuple)):
            return type(fetches)(self._map(item) for item in fetches)
        return self._element(fetches)

    def _element(self, item):
        return self.graph.as_graph_element(item if isinstance(item, str) else item.name)


class Regression:
    """Placeholders, a variable, a loss in a name scope and a training op; the stand-ins."""

    def __init__(self):
        self.graph = tf.Graph()
        with self.graph.as_default():
            self.X = tf.placeholder(tf.float32, shape=(None, 3), name="X")
            self.y = tf.placeholder(tf.float32, shape=(None, 1), name="y")
            theta = tf.Variable(np.ones((3, 1), np.float32), name="theta")
            with tf.name_scope("loss"):
                self.mse = tf.reduce_mean(tf.square(tf.matmul(self.X, theta) - self.y), name="mse")
            self.training_op = tf.train.GradientDescentOptimizer(0.01).minimize(self.mse)
            self.init = tf.global_variables_initializer()
        self.tf_graph = FakeGraph(as_tensorflow_writes_it(self.graph))
        self.tf = {name: FakeTensor(self.tf_graph, name) for name in ("X:0", "y:0", "loss/mse:0")}
        self.feed = {self.X: np.ones((2, 3), np.float32), self.y: np.zeros((2, 1), np.float32)}
        self.tf_feed = {self.tf["X:0"]: self.feed[self.X], self.tf["y:0"]: self.feed[self.y]}


@pytest.fixture
def regression():
    return Regression()


def test_a_widget_on_a_tensorflow_graph_lights_what_a_run_executes(regression):
    learntf_widget = viz.GraphWidget(regression.graph).highlight_run(
        regression.mse, regression.feed
    )
    tf_widget = viz.GraphWidget(regression.tf_graph).highlight_run(
        regression.tf["loss/mse:0"], regression.tf_feed
    )
    assert tf_widget.highlighted == learntf_widget.highlighted
    assert tf_widget.fed == learntf_widget.fed == {"X", "y"}
    assert tf_widget.visible_nodes == learntf_widget.visible_nodes
    assert str(tf_widget.summary()) == str(learntf_widget.summary())


def test_a_widget_runs_fetches_in_a_tensorflow_session_by_name(regression):
    session = FakeSession(regression.graph)
    session.run(FakeOperation(regression.tf_graph, "init"))
    widget = viz.GraphWidget(regression.tf_graph, session=session)
    assert widget.run(regression.tf["loss/mse:0"], regression.tf_feed) == pytest.approx(9.0)
    assert widget.values["loss/mse:0"] == pytest.approx(9.0)
    np.testing.assert_array_equal(widget.values["X:0"], np.ones((2, 3)))
    widget.select("theta")
    assert "now [[1.]" in widget.details.value
    widget.highlight_gradients()
    assert widget.highlighted and all(name.startswith("gradients/") for name in widget.highlighted)


# --- TrainingCurves ---------------------------------------------------------------------------


def test_curves_take_python_numpy_and_eager_tensor_values():
    curves = viz.TrainingCurves()
    curves.add(0, train=FakeEagerTensor(0.5), valid=np.float32(0.75))
    curves.add(FakeStep(1), train=np.array([0.25]), valid=1)
    curves.add("train", 2, FakeEagerTensor([[0.125]]))
    assert curves.series["train"].values == [0.5, 0.25, 0.125]
    assert curves.series["valid"].values == [0.75, 1.0]
    steps = curves.series["train"].steps
    assert steps == [0, 1, 2] and type(steps[1]) is int  # a tensor step: a plain int
    with pytest.raises(TypeError, match=r"one number; got ndarray of shape \(3,\)"):
        curves.add(3, train=FakeEagerTensor([1.0, 2.0, 3.0]))


class FakeStep:
    """An eager int64 tensor, such as an optimizer's `iterations`."""

    def __init__(self, value):
        self.value = value

    def numpy(self):
        return np.int64(self.value)


def test_the_keras_callback_takes_logs_holding_tensors():
    curves = viz.TrainingCurves()
    callback = curves.keras_callback()
    callback.on_epoch_end(
        0, {"loss": FakeEagerTensor(2.0), "val_loss": np.float64(3.0), "note": "text"}
    )
    assert {name: series.values for name, series in curves.series.items()} == {
        "loss": [2.0],
        "val_loss": [3.0],
    }


# --- viz.scalars: TensorFlow 2's tensor summaries ---------------------------------------------


def test_read_scalars_reads_tensorflow_2_scalar_summaries(tmp_path):
    """TF2's tf.summary.scalar writes a 0-d tensor for TensorBoard's scalars plugin, not a
    simple_value as TF1's summary op does; both kinds are read."""
    pytest.importorskip("tensorboard")
    from tensorboard.compat.proto import event_pb2, summary_pb2, tensor_pb2, types_pb2
    from tensorboard.summary.writer.event_file_writer import EventFileWriter

    writer = EventFileWriter(str(tmp_path / "run-tf2"))
    for step, value in enumerate([1.0, 0.5, 0.25]):
        tensor = tensor_pb2.TensorProto(dtype=types_pb2.DT_FLOAT, float_val=[value])
        metadata = summary_pb2.SummaryMetadata(
            plugin_data=summary_pb2.SummaryMetadata.PluginData(plugin_name="scalars")
        )
        image = summary_pb2.SummaryMetadata(
            plugin_data=summary_pb2.SummaryMetadata.PluginData(plugin_name="images")
        )
        summary = summary_pb2.Summary(
            value=[
                summary_pb2.Summary.Value(tag="loss", tensor=tensor, metadata=metadata),
                summary_pb2.Summary.Value(tag="picture", tensor=tensor, metadata=image),
                summary_pb2.Summary.Value(tag="tf1_mse", simple_value=value * 2),
            ]
        )
        writer.add_event(event_pb2.Event(step=step, wall_time=1.0 + step, summary=summary))
    writer.close()
    run = viz.read_scalars(tmp_path)["run-tf2"]
    assert sorted(run) == ["loss", "tf1_mse"]
    np.testing.assert_array_equal(run["loss"][0], [0, 1, 2])
    np.testing.assert_allclose(run["loss"][1], [1.0, 0.5, 0.25])
    np.testing.assert_allclose(run["tf1_mse"][1], [2.0, 1.0, 0.5])
