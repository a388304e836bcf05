"""Graphs: TensorFlow's names, name scopes, collections and static shapes."""

import pytest

import learntf.compat.v1 as tf

tf.disable_v2_behavior()  # TF1 programs on TensorFlow 2 start so: graphs and sessions


pytestmark = pytest.mark.usefixtures("fresh_graph")


def names():
    return [op.name for op in tf.get_default_graph().get_operations()]


def test_variable_creates_tf_named_ops():
    x = tf.Variable(3, name="x")
    # TF 2.21 after disable_v2_behavior(): a TF1 reference variable
    assert names() == ["x/initial_value", "x", "x/Assign", "x/read"]
    assert x.name == "x:0"
    assert x.initializer.name == "x/Assign"
    assert repr(x) == "<tf.Variable 'x:0' shape=() dtype=int32_ref>"


def test_operator_names_follow_tf():
    a = tf.constant(1.0, name="a")
    b = a + 2
    c = a + 2
    d = 3 * a
    assert (b.name, c.name, d.name) == ("add:0", "add_1:0", "mul:0")
    assert b.op.inputs[1].op.name == "add/y"
    assert d.op.inputs[0].op.name == "mul/x"
    assert tf.add(a, a).name == "Add_2:0"  # TF compares names case-insensitively


def test_unique_names_and_explicit_names():
    tf.constant(1, name="c")
    tf.constant(1, name="c")
    tf.constant(1, name="c_1")  # taken by the second one: becomes c_1_1
    assert names() == ["c", "c_1", "c_1_1"]


def test_name_scope_prefixes_and_reentering_makes_a_new_scope():
    with tf.name_scope("loss") as scope:
        error = tf.constant(1.0, name="error")
        mse = tf.reduce_mean(tf.square(error), name="mse")
    with tf.name_scope("loss"):
        other = tf.constant(2.0, name="error")
    assert scope == "loss/"
    assert error.op.name == "loss/error"
    assert mse.op.name == "loss/mse"
    assert other.op.name == "loss_1/error"


def test_nested_name_scopes():
    with tf.name_scope("outer"):
        with tf.name_scope("inner"):
            c = tf.constant(0, name="c")
        with tf.name_scope(None):
            top = tf.constant(0, name="top")
    assert c.op.name == "outer/inner/c"
    assert top.op.name == "top"


def test_get_by_name():
    x = tf.placeholder(tf.float32, shape=(None, 3), name="x")
    y = tf.identity(x, name="y")
    graph = tf.get_default_graph()
    assert graph.get_tensor_by_name("y:0") is y
    assert graph.get_operation_by_name("x") is x.op
    with pytest.raises(KeyError):
        graph.get_tensor_by_name("z:0")
    with pytest.raises(ValueError):
        graph.get_tensor_by_name("y")


def test_collections():
    a = tf.Variable(1.0, name="a")
    b = tf.Variable(2.0, name="b", trainable=False)
    assert tf.global_variables() == [a, b]
    assert tf.trainable_variables() == [a]
    tf.add_to_collection("mine", a)
    assert tf.get_collection("mine") == [a]
    assert tf.get_collection(tf.GraphKeys.GLOBAL_VARIABLES, scope="b") == [b]


def test_static_shapes_are_inferred_at_construction():
    x = tf.placeholder(tf.float32, shape=(None, 3))
    w = tf.ones([3, 1])
    y = tf.matmul(x, w)
    assert y.shape.as_list() == [None, 1]
    assert str(y.shape) == "(?, 1)"  # TF 1's view after disable_v2_behavior()
    assert tf.reduce_sum(x, axis=1).shape.as_list() == [None]
    assert tf.reduce_mean(x, axis=0, keepdims=True).shape.as_list() == [1, 3]
    assert (x + tf.ones([3])).shape.as_list() == [None, 3]
    assert tf.transpose(x).shape.as_list() == [3, None]
    assert tf.concat([x, x], axis=1).shape.as_list() == [None, 6]
    assert tf.stack([w, w]).shape.as_list() == [2, 3, 1]
    assert tf.reshape(w, [-1]).shape.as_list() == [3]
    assert x[:, 1:].shape.as_list() == [None, 2]
    assert x[..., 1].shape.as_list() == [None]
    assert x[0].shape.as_list() == [3]


def test_python_values_take_tf_default_dtypes():
    assert tf.constant(1.0).dtype == tf.float32
    assert tf.constant(1).dtype == tf.int32
    assert tf.constant([1, 2.5]).dtype == tf.float32
    import numpy as np

    assert tf.constant(np.array([1.0])).dtype == tf.float64
    assert tf.constant(True).dtype == tf.bool
    assert tf.constant("cafe").dtype == tf.string


def test_control_dependencies_record_control_inputs():
    a = tf.constant(1.0, name="a")
    with tf.control_dependencies([a]):
        b = tf.constant(2.0, name="b")
    assert b.op.control_inputs == [a.op]
    assert 'input: "^a"' in str(b.op)


def test_random_seeds_make_runs_repeatable():
    def sample():
        tf.reset_default_graph()
        tf.set_random_seed(42)
        r = tf.random_uniform([3])
        n = tf.random_normal([2], seed=7)
        with tf.Session() as sess:
            return sess.run([r, n])

    first, second = sample(), sample()
    assert (first[0] == second[0]).all() and (first[1] == second[1]).all()


def test_random_op_gives_new_numbers_each_run_and_restarts_with_a_session():
    r = tf.random_uniform([4], seed=1)
    with tf.Session() as sess:
        a, b = sess.run(r), sess.run(r)
    with tf.Session() as sess:
        c = sess.run(r)
    assert not (a == b).all()
    assert (a == c).all()


def test_random_ranges_and_truncation():
    u = tf.random_uniform([1000], minval=-2.0, maxval=3.0, seed=3)
    t = tf.truncated_normal([1000], mean=1.0, stddev=0.5, seed=3)
    i = tf.random_uniform([1000], minval=0, maxval=5, dtype=tf.int32, seed=3)
    with tf.Session() as sess:
        u_val, t_val, i_val = sess.run([u, t, i])
    assert u_val.min() >= -2.0 and u_val.max() < 3.0
    assert abs(t_val - 1.0).max() <= 1.0
    assert set(i_val.tolist()) == {0, 1, 2, 3, 4}
