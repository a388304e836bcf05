"""Graphs as files: as_graph_def / import_graph_def (text .pbtxt and binary .pb), meta graphs
(import_meta_graph, collections, training on), and seed 003's stop_gradient fine-tuning."""

import os

import numpy as np
import pytest
from google.protobuf.message import DecodeError
from google.protobuf.text_format import ParseError
from hypothesis import given, settings
from hypothesis import strategies as st

import learntf.compat.v1 as tf
from learntf.serialization import graph_io, meta_graph
from learntf.serialization.graph_io import AttrValue, attr_value, python_value
from learntf.serialization.tf_protos import parse_text

tf.disable_v2_behavior()  # TF1 programs on TensorFlow 2 start so: graphs and sessions


@pytest.fixture(autouse=True)
def fresh_graph(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    tf.reset_default_graph()
    yield
    tf.reset_default_graph()


def build_many_ops():
    """A graph using most op types and attribute kinds (slices, None, dtypes, shapes, arrays)."""
    x = tf.placeholder(tf.float32, (None, 3), name="x")
    w = tf.Variable(tf.random_uniform([3, 2], -1, 1, seed=1), name="w")
    b = tf.Variable(tf.zeros([2]), name="b")
    y = tf.matmul(x, w) + b
    s = y[:, 1:] + y[..., 0:1] + y[tf.newaxis, :, -1:][0]
    parts = tf.unstack(tf.stack([y, y]), axis=0)
    loss = (
        tf.reduce_mean(tf.square(y), axis=[0, 1])
        + tf.reduce_sum(tf.transpose(s))
        + tf.reduce_sum(tf.concat(parts, axis=1))
        + tf.reduce_max(tf.nn.softmax(y))
        + tf.reduce_sum(tf.squeeze(tf.expand_dims(y, 0)))
        + tf.reduce_sum(tf.one_hot([1, 2], 3, on_value=0.5))
        + tf.cast(tf.argmax(y[0]), tf.float32)
    )
    text = tf.constant(["a", "b\u00e9"], name="text")
    big = tf.constant(np.arange(40, dtype=np.float64).reshape(8, 5), name="big")
    train = tf.train.AdamOptimizer(0.1).minimize(loss)
    return x, loss, train, text, big


def same_value(a, b):
    if isinstance(a, np.ndarray):
        return (
            isinstance(b, np.ndarray)
            and a.dtype == b.dtype
            and a.shape == b.shape
            and np.array_equal(a, b)
            and not b.flags.writeable
        )
    if isinstance(a, tuple):
        return isinstance(b, tuple) and len(a) == len(b) and all(map(same_value, a, b))
    return type(a) is type(b) and (a == b if not isinstance(a, tf.DType) else a is b)


# Ops whose shape TF's Python sets after making them, which a GraphDef does not carry: the sum
# over all axes of the squeezed tensor (rank unknown) is () only by reduce_sum's set_shape, so
# the import infers it, and the adds after it, as unknown -- as TF 2.21 does.
SHAPES_REINFERRED_UNKNOWN = {"Sum_2", "add_6", "add_7", "add_8"}


def assert_same_graph(original, imported, prefix="", unknown_after_import=()):
    for op in original.get_operations():
        copy = imported.get_operation_by_name(prefix + op.name)
        assert copy.type == op.type
        assert set(copy.attrs) == set(op.attrs)
        for key in op.attrs:
            assert same_value(op.attrs[key], copy.attrs[key]), (op.name, key)
        assert [t.name for t in copy.inputs] == [prefix + t.name for t in op.inputs]
        assert [c.name for c in copy.control_inputs] == [prefix + c.name for c in op.control_inputs]
        expected_shapes = [
            None if op.name in unknown_after_import else t.shape.as_tuple() for t in op.outputs
        ]
        assert [(t.dtype, t.shape.as_tuple()) for t in copy.outputs] == [
            (t.dtype, shape) for t, shape in zip(op.outputs, expected_shapes)
        ], op.name
    assert len(imported.get_operations()) == len(original.get_operations())


@pytest.mark.parametrize("form", ["binary", "text"])
def test_a_graph_def_rebuilds_every_op_with_its_name_attrs_and_inputs(form):
    build_many_ops()
    original = tf.get_default_graph()
    graph_def = original.as_graph_def()
    if form == "binary":
        copy = tf.GraphDef()
        copy.ParseFromString(graph_def.SerializeToString())
    else:
        copy = parse_text(str(graph_def), tf.GraphDef())
    assert copy == graph_def
    with tf.Graph().as_default() as imported:
        assert tf.import_graph_def(copy, name="") is None
    assert_same_graph(original, imported, unknown_after_import=SHAPES_REINFERRED_UNKNOWN)


def test_an_imported_graph_computes_what_the_original_computes():
    x, loss, train, text, big = build_many_ops()
    feed = np.array([[1.0, 2.0, 3.0], [-1.0, 0.5, 2.0]], np.float32)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        expected = sess.run([loss, text, big], {x: feed})
    graph_def = tf.get_default_graph().as_graph_def()
    with tf.Graph().as_default():
        loss2, text2, big2, x2, init = tf.import_graph_def(
            graph_def, return_elements=[loss.name, "text:0", "big:0", "x:0", "init"]
        )
        assert loss2.name == "import/" + loss.name
        with tf.Session() as sess:
            sess.run(init)
            got = sess.run([loss2, text2, big2], {x2: feed})
    assert got[0] == pytest.approx(expected[0])  # same seed: same random initial weights
    assert list(got[1]) == [b"a", "b\u00e9".encode("utf-8")]
    np.testing.assert_array_equal(got[2], expected[2])


def test_seed_003_text_pbtxt_is_larger_than_binary_pb_and_imports_under_import():
    a = tf.placeholder(tf.float32, shape=(), name="a")
    b = tf.constant(3.0, name="b")
    tf.multiply(a, b, name="c")
    graph_def = tf.get_default_graph().as_graph_def()
    assert [(node.name, node.op) for node in graph_def.node] == [
        ("a", "Placeholder"),
        ("b", "Const"),
        ("c", "Mul"),
    ]
    assert tf.train.write_graph(graph_def, "out", "graph.pbtxt") == "out/graph.pbtxt"
    tf.train.write_graph(graph_def, "out", "graph.pb", as_text=False)
    text = open("out/graph.pbtxt").read()
    assert text.startswith('node {\n  name: "a"\n  op: "Placeholder"\n')
    assert (
        "      tensor {\n        dtype: DT_FLOAT\n        tensor_shape {\n        }\n"
        "        float_val: 3.0\n" in text
    )
    assert os.path.getsize("out/graph.pbtxt") > 2 * os.path.getsize("out/graph.pb")
    with tf.Graph().as_default() as g2:
        gd = tf.GraphDef()
        with open("out/graph.pb", "rb") as fh:
            gd.ParseFromString(fh.read())
        tf.import_graph_def(gd)
        tf.import_graph_def(gd)  # a second import gets the next free prefix
        c2 = g2.get_tensor_by_name("import/c:0")
        assert str(c2) == 'Tensor("import/c:0", shape=(), dtype=float32)'
        assert g2.get_tensor_by_name("import_1/c:0") is not None
        with tf.Session(graph=g2) as sess:
            assert sess.run(c2, feed_dict={"import/a:0": 4.0}) == 12.0


def test_seed_003_the_pbtxt_file_is_larger_than_the_meta_file():
    theta = tf.Variable(tf.zeros([9, 1]), name="theta")
    loss = tf.reduce_mean(tf.square(theta - 1.0))
    tf.train.MomentumOptimizer(0.1, 0.9).minimize(loss)
    saver = tf.train.Saver(max_to_keep=3)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        tf.train.write_graph(sess.graph_def, ".", "model.pbtxt")
        saver.save(sess, "model.ckpt")
    assert os.path.getsize("model.pbtxt") > os.path.getsize("model.ckpt.meta")
    tf.reset_default_graph()
    saver = tf.train.import_meta_graph("model.ckpt.meta")  # keeps max_to_keep=3
    with tf.Session() as sess:
        saver.restore(sess, "model.ckpt")
        for step in range(5):
            saver.save(sess, "model.ckpt", global_step=step)
    assert sorted(f for f in os.listdir(".") if f.endswith(".index")) == [
        "model.ckpt-2.index",
        "model.ckpt-3.index",
        "model.ckpt-4.index",
        "model.ckpt.index",
    ]


def test_input_map_replaces_an_input_of_the_imported_graph():
    a = tf.placeholder(tf.float32, shape=(), name="a")
    tf.multiply(a, 3.0, name="c")
    graph_def = tf.get_default_graph().as_graph_def()
    with tf.Graph().as_default():
        five = tf.constant(5.0)
        (c,) = tf.import_graph_def(graph_def, input_map={"a:0": five}, return_elements=["c:0"])
        with tf.Session() as sess:
            assert sess.run(c) == 15.0


def test_import_errors_name_the_node():
    graph_def = tf.GraphDef(node=[graph_io.NodeDef(name="n", op="NoSuchOp")])
    with pytest.raises(tf.errors.NotFoundError, match="Op type not registered 'NoSuchOp'"):
        tf.import_graph_def(graph_def)  # (TF 2.21's class too)
    tf.constant(1.0, name="k")
    with pytest.raises(ValueError, match="Duplicate node name in graph: 'k'"):
        tf.import_graph_def(tf.get_default_graph().as_graph_def(), name="")
    newer = tf.GraphDef(versions=graph_io.VersionDef(producer=99))
    with pytest.raises(ValueError, match="layout version 99"):
        tf.import_graph_def(newer)
    with pytest.raises(DecodeError):
        tf.GraphDef().ParseFromString(b"\x0a\x05ab")  # a length running past the end
    with pytest.raises(ParseError, match='has no field named "nodes"'):
        parse_text('nodes { name: "x" }', tf.GraphDef())


def test_a_damaged_attribute_names_its_node():
    graph_def = tf.GraphDef()
    node = graph_def.node.add(name="c", op="Const")
    node.attr["dtype"].type = 999  # a DataType number TF does not have
    node.attr["value"].tensor.dtype = 1
    with pytest.raises(ValueError, match="NodeDef 'c': attribute 'dtype' is not valid"):
        tf.import_graph_def(graph_def)
    node.attr["dtype"].type = 1
    node.attr["value"].tensor.tensor_content = b"\x00" * 5  # not a whole float32
    with pytest.raises(ValueError, match="attribute 'value' is not valid"):
        tf.import_graph_def(graph_def)
    node.attr["value"].tensor.tensor_content = b""
    node.attr["value"].tensor.tensor_shape.dim.add(size=2**40)  # crafted: 4 TB of zeros
    with pytest.raises(ValueError, match="does not fill in more than"):
        tf.import_graph_def(graph_def)


def test_nodes_listed_out_of_order_still_import():
    a = tf.constant(2.0, name="a")
    tf.square(a, name="sq")
    graph_def = tf.get_default_graph().as_graph_def()
    graph_def.node.reverse()
    with tf.Graph().as_default():
        (sq,) = tf.import_graph_def(graph_def, return_elements=["sq:0"])
        with tf.Session() as sess:
            assert sess.run(sq) == 4.0


# -- meta graphs ----------------------------------------------------------------------------------
def trained_model(optimizer):
    """Seed 003's setup: w fitted to y = 2x, a global step, a hyperparameters collection."""
    x = tf.placeholder(tf.float32, shape=(None,), name="x")
    w = tf.Variable(0.5, name="w")
    learning_rate = tf.constant(0.01, name="learning_rate")
    tf.add_to_collection("hyperparameters", learning_rate)
    tf.add_to_collection("notes", "fit y = 2x")
    tf.add_to_collection("numbers", 3)
    with tf.name_scope("loss"):
        global_step = tf.Variable(0, trainable=False, name="global_step")
        loss = tf.reduce_mean(tf.square(w * x - 2.0 * x))
        train_op = optimizer(learning_rate).minimize(loss, global_step=global_step, name="train_op")
    tf.add_to_collection("train_op", train_op)
    return x, w, global_step, train_op


@pytest.mark.parametrize(
    "optimizer",
    [
        tf.train.GradientDescentOptimizer,
        lambda lr: tf.train.MomentumOptimizer(lr, 0.9),
        tf.train.AdamOptimizer,
    ],
    ids=["sgd", "momentum", "adam"],
)
def test_training_continues_after_import_meta_graph_exactly_as_without_saving(optimizer):
    x, w, global_step, train_op = trained_model(optimizer)
    feed = [1.0, 2.0, 3.0]
    os.makedirs("results")
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for _ in range(20):
            sess.run(train_op, {x: feed})
        path = tf.train.Saver().save(sess, "results/model.ckpt", global_step=global_step)
        for _ in range(20):
            sess.run(train_op, {x: feed})
        expected = sess.run(w)
    assert path == "results/model.ckpt-20"
    tf.reset_default_graph()

    saver = tf.train.import_meta_graph("results/model.ckpt-20.meta")
    graph = tf.get_default_graph()
    train_op = tf.get_collection("train_op")[0]
    (w,) = tf.trainable_variables()
    step = [v for v in tf.global_variables() if v.op.name == "loss/global_step"][0]
    with tf.Session() as sess:
        saver.restore(sess, "results/model.ckpt-20")  # the slots come back too
        assert sess.run(step) == 20
        for _ in range(20):
            sess.run(train_op, {graph.get_tensor_by_name("x:0"): feed})
        assert sess.run(step) == 40
        assert sess.run(w) == pytest.approx(expected, rel=1e-6)


def test_import_meta_graph_restores_collections_and_one_variable_object_per_variable():
    trained_model(tf.train.GradientDescentOptimizer)
    original_names = [v.name for v in tf.global_variables()]
    tf.train.export_meta_graph("m.meta")
    tf.reset_default_graph()
    assert tf.train.import_meta_graph("m.meta") is not None  # no saver_def: a Saver for all
    assert [v.name for v in tf.global_variables()] == original_names
    assert tf.trainable_variables()[0] is tf.global_variables()[0]
    assert tf.get_collection("hyperparameters")[0].name == "learning_rate:0"
    assert tf.get_collection("notes") == ["fit y = 2x"]
    assert tf.get_collection("numbers") == [3]
    handle = tf.get_default_graph().get_tensor_by_name("loss/global_step:0")
    assert str(handle) == 'Tensor("loss/global_step:0", shape=(), dtype=int32_ref)'
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())  # the initializers came back as well
        assert sess.run(tf.trainable_variables()[0]) == 0.5


def test_a_meta_graph_in_text_form_imports_under_a_scope():
    v = tf.Variable([1.0, 2.0], name="v")
    saver = tf.train.Saver()
    with tf.Session() as sess:
        sess.run(v.initializer)
        saver.save(sess, "model", write_meta_graph=False)
    saver.export_meta_graph("model.meta.txt", as_text=True)
    text = open("model.meta.txt").read()
    assert 'restore_op_name: "save/restore_all"' in text
    # TF keeps a variable collection as serialized VariableDefs: bytes, in the text form too
    (variable_def,) = (
        meta_graph.read_meta_graph_file("model.meta.txt")
        .collection_def["variables"]
        .bytes_list.value
    )
    assert meta_graph.VariableDef.FromString(variable_def).variable_name == "v:0"
    tf.reset_default_graph()
    saver = tf.train.import_meta_graph("model.meta.txt", import_scope="pretrained")
    (v,) = tf.global_variables()
    assert v.name == "pretrained/v:0"
    assert saver.saver_def.restore_op_name == "pretrained/save/restore_all"
    with tf.Session() as sess:
        saver.restore(sess, "model")
        np.testing.assert_array_equal(sess.run(v), [1.0, 2.0])


def test_a_collection_of_other_python_objects_is_left_out_with_a_warning():
    tf.add_to_collection("objects", object())
    tf.constant(1.0)
    with pytest.warns(UserWarning, match="Issue encountered when serializing objects"):
        meta = tf.train.export_meta_graph()
    assert "objects" not in meta.collection_def


def test_reading_a_file_that_is_not_a_meta_graph():
    with open("junk.meta", "wb") as handle:
        handle.write(b"\xff\xfe not a protobuf")
    with pytest.raises(IOError, match="Cannot parse file junk.meta"):
        tf.train.import_meta_graph("junk.meta")
    with pytest.raises(IOError, match="File missing.meta does not exist."):
        meta_graph.read_meta_graph_file("missing.meta")


def test_crafted_deep_nesting_is_a_parse_error_not_a_recursion_error():
    # an AttrValue's function attribute holds AttrValues: text and bytes can nest without end
    depth = 5000
    text = 'node { attr { key: "a" value { ' + 'func { attr { key: "a" value { ' * depth
    text += "} } } " * depth + "} } }"
    with open("deep.meta", "w") as handle:
        handle.write("graph_def { " + text + " }")
    with pytest.raises(IOError, match="Cannot parse file deep.meta: .*nested deeper than 100"):
        tf.train.import_meta_graph("deep.meta")
    with pytest.raises(ParseError, match="nested deeper than 100"):
        parse_text(text, tf.GraphDef())
    value = b""  # the same in binary, innermost first:
    for _ in range(depth):  # AttrValue.func (10) > NameAttrList.attr (2) > map entry value (2)
        entry = b"\x12" + _varint(len(value)) + value
        name_attr_list = b"\x12" + _varint(len(entry)) + entry
        value = b"\x52" + _varint(len(name_attr_list)) + name_attr_list
    with pytest.raises(DecodeError):
        AttrValue.FromString(value)
    for key in (b"\x12", b"\x2a", b"\x0a", b"\x12"):  # in an attr, node, GraphDef, MetaGraphDef
        value = key + _varint(len(value)) + value
    with open("deep_binary.meta", "wb") as handle:
        handle.write(value)
    with pytest.raises(IOError, match="Cannot parse file deep_binary.meta"):
        tf.train.import_meta_graph("deep_binary.meta")


def _varint(number):
    out = bytearray()
    while number >= 0x80:
        out.append(number & 0x7F | 0x80)
        number >>= 7
    return bytes(out + bytes([number]))


def test_seed_003_stop_gradient_fine_tunes_only_the_new_layer():
    # A "pre-trained network": one dense layer, trained and saved.
    inputs = tf.placeholder(tf.float32, shape=(None, 4), name="input")
    kernel = tf.Variable(np.linspace(-1, 1, 12).reshape(4, 3).astype(np.float32), name="kernel")
    tf.nn.relu(tf.matmul(inputs, kernel), name="features")
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        tf.train.Saver().save(sess, "pretrained")
        pretrained_kernel = sess.run(kernel)
    tf.reset_default_graph()

    saver = tf.train.import_meta_graph("pretrained.meta")
    graph = tf.get_default_graph()
    x = graph.get_tensor_by_name("input:0")
    features = tf.stop_gradient(graph.get_tensor_by_name("features:0"))  # an identity for values
    w_new = tf.Variable(tf.zeros([3, 1]), name="w_new")
    prediction = tf.matmul(features, w_new)
    target = tf.placeholder(tf.float32, shape=(None, 1), name="target")
    loss = tf.reduce_mean(tf.square(prediction - target))
    kernel = [v for v in tf.trainable_variables() if v.op.name == "kernel"][0]
    assert tf.gradients(loss, [kernel, w_new])[0] is None
    train = tf.train.GradientDescentOptimizer(0.5).minimize(loss)
    rng = np.random.RandomState(0)
    batch = rng.uniform(-1, 1, (32, 4)).astype(np.float32)
    goal = batch.sum(axis=1, keepdims=True)
    with tf.Session() as sess:
        sess.run(w_new.initializer)
        saver.restore(sess, "pretrained")
        for _ in range(1000):
            sess.run(train, {x: batch, target: goal})
        trained_loss = sess.run(loss, {x: batch, target: goal})
        np.testing.assert_array_equal(sess.run(kernel), pretrained_kernel)
    # Only w_new learned: the loss reached the least-squares optimum over w_new alone.
    fixed_features = np.maximum(batch @ pretrained_kernel, 0)
    best_w = np.linalg.lstsq(fixed_features, goal, rcond=None)[0]
    best_loss = np.mean((fixed_features @ best_w - goal) ** 2)
    assert trained_loss == pytest.approx(best_loss, rel=1e-3)


# -- attribute values survive both forms (a property over random values) ---------------------------

# The values an AttrValue holds, as in TF: one scalar, or a flat list of one kind; floats are
# 32-bit (TF's AttrValue.f is a float).
single_values = [
    st.booleans(),
    st.integers(-(2**63), 2**63 - 1),
    st.floats(allow_nan=False, width=32),
    st.text(max_size=5),
    st.sampled_from([tf.float32, tf.int64, tf.string, tf.bool, tf.resource]),
    st.lists(st.one_of(st.none(), st.integers(0, 9)), max_size=3).map(tf.TensorShape),
    st.just(tf.TensorShape(None)),
    st.lists(st.floats(width=32, allow_nan=False), max_size=20).map(
        lambda xs: np.array(xs, dtype=np.float32)
    ),
]
attribute_values = st.one_of(
    st.none(), *single_values, *[st.lists(one, max_size=4).map(tuple) for one in single_values]
)


@settings(max_examples=200, deadline=None)
@given(attribute_values)
def test_any_attribute_value_round_trips_through_binary_and_text(value):
    message = attr_value(value)
    from_binary = AttrValue.FromString(message.SerializeToString())
    from_text = parse_text(str(message), AttrValue())
    for copy in (from_binary, from_text):
        assert equal(python_value(copy), value)


def test_a_tensorflow_half_constant_reads_from_its_half_val_bits():
    # TF writes a float16 scalar as the 16 bits of the half in `half_val` (1.5 is 0x3E00)
    proto = graph_io.TensorProto(dtype=19, half_val=[0x3E00])
    value = graph_io.array_of(proto)
    assert value.dtype == np.float16 and value.shape == () and value == 1.5


def test_attribute_values_with_no_attr_value_form():
    # TF's AttrValue.f is 32 bits: a float attribute reads back rounded to float32, as in TF
    assert python_value(AttrValue.FromString(attr_value(0.1).SerializeToString())) == float(
        np.float32(0.1)
    )
    for value in [(1, "a"), ((1, 2), (3,)), (None,), (1.0, True)]:  # no list of those in TF
        with pytest.raises(TypeError, match="holds values of one kind"):
            attr_value(value)
    with pytest.raises(TypeError, match="of type object"):
        attr_value(object())


def equal(a, b):
    if isinstance(b, np.ndarray):
        return a.dtype == b.dtype and a.shape == b.shape and np.array_equal(a, b)
    if isinstance(b, tuple):
        return type(a) is tuple and len(a) == len(b) and all(map(equal, a, b))
    if isinstance(b, tf.TensorShape):
        return type(a) is tf.TensorShape and a.as_tuple() == b.as_tuple()
    return type(a) is type(b) and a == b


def test_a_node_with_an_attr_its_op_does_not_take_imports_and_one_it_lacks_is_a_value_error():
    """TF 2.21's importer keeps an attr its op does not declare (learntf drops it), and refuses
    a node that lacks a required one: 'NodeDef missing attr'."""
    with tf.Graph().as_default() as graph:
        tf.placeholder(tf.float32, [2], name="x")
    written = graph.as_graph_def()
    extra = graph_io.GraphDef.FromString(written.SerializeToString())
    extra.node[0].attr["colour"].s = b"red"
    with tf.Graph().as_default() as imported:
        tf.import_graph_def(extra, name="")
    assert imported.get_operation_by_name("x").outputs[0].shape.as_list() == [2]
    missing = graph_io.GraphDef.FromString(written.SerializeToString())
    del missing.node[0].attr["dtype"]
    with tf.Graph().as_default(), pytest.raises(ValueError, match="NodeDef missing attr 'dtype'"):
        tf.import_graph_def(missing, name="")


# -- GraphDefs as TensorFlow writes them, and damaged ones (issue 23) ------------------------------
# The words are TF 2.21's for the same GraphDef text (tf.compat.v1.import_graph_def).
CONST_TEXT = (
    'node { name: "c" op: "Const" attr { key: "dtype" value { type: DT_FLOAT } } '
    'attr { key: "value" value { tensor { dtype: DT_FLOAT tensor_shape {} float_val: 2.0 } } } }'
)


def _graph_def(text):
    from google.protobuf import text_format

    import learntf.compat.v1 as tf1

    return text_format.Parse(text, tf1.GraphDef())


@pytest.mark.parametrize(
    "text, error, words",
    [
        (
            CONST_TEXT + ' node { name: "i" op: "Identity" input: "c:-1" '
            'attr { key: "T" value { type: DT_FLOAT } } }',
            ValueError,
            "Node 'i': Unknown input node 'c:-1'",
        ),
        (
            CONST_TEXT + ' node { name: "i" op: "Identity" input: "c:5" '
            'attr { key: "T" value { type: DT_FLOAT } } }',
            ValueError,
            "Node 'i': Connecting to invalid output 5 of source node c which has 1 outputs.",
        ),
        (
            CONST_TEXT + ' node { name: "a" op: "AddV2" input: "c" input: "c" '
            'attr { key: "T" value { type: DT_INT32 } } }',
            ValueError,
            "Input 0 of node a was passed float from c:0 incompatible with expected int32.",
        ),
        (
            'node { name: "c" op: "Const" attr { key: "dtype" value { type: DT_INT32 } } attr { '
            'key: "value" value { tensor { dtype: DT_FLOAT tensor_shape {} float_val: 2.5 } } } }',
            ValueError,
            "Type mismatch between value (float) and dtype (int32)",
        ),
        ('node { name: "u" op: "NoSuchOp" }', "NotFoundError", "Op type not registered 'NoSuchOp'"),
        ('node { name: "a b" op: "NoOp" }', ValueError, "Node 'a b': Node name contains invalid"),
    ],
)
def test_a_damaged_graph_def_is_refused_in_tf_words(text, error, words):
    import learntf.compat.v1 as tf1

    if isinstance(error, str):
        error = getattr(tf1.errors, error)
    with tf1.Graph().as_default():
        with pytest.raises(error) as caught:
            tf1.import_graph_def(_graph_def(text), name="")
    assert words in str(caught.value)


def test_a_graph_def_as_tf_writes_it_with_type_attrs_imports_and_runs():
    """TF writes `T` on AddV2 and Identity; learntf works it out from the inputs."""
    import learntf.compat.v1 as tf1

    text = CONST_TEXT + (
        ' node { name: "a" op: "AddV2" input: "c" input: "c" '
        'attr { key: "T" value { type: DT_FLOAT } } }'
        ' node { name: "i" op: "Identity" input: "a" attr { key: "T" value { type: DT_FLOAT } } }'
    )
    with tf1.Graph().as_default() as graph:
        tf1.import_graph_def(_graph_def(text), name="")
        with tf1.Session() as sess:
            assert sess.run("i:0") == 4.0
        assert graph.get_operation_by_name("a").get_attr("T") == tf1.float32
