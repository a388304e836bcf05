"""Seed 000 (Hands-On ML ch. 9) up to "the lifecycle of a node value", and seed 001 section 1.

Each test is a snippet from the seed; the expected values are the ones the seed prints
(and real TensorFlow prints them too: see ../shared/conformance)."""

import numpy as np
import pytest

import learntf.compat.v1 as tf

tf.disable_v2_behavior()  # TF1 programs on TensorFlow 2 start so: graphs and sessions


pytestmark = pytest.mark.usefixtures("fresh_graph")


def build_f():
    x = tf.Variable(3, name="x")
    y = tf.Variable(4, name="y")
    f = x * x * y + y + 2
    return x, y, f


def test_create_graph_and_run_in_session_prints_42():
    x, y, f = build_f()
    sess = tf.Session()
    sess.run(x.initializer)
    sess.run(y.initializer)
    result = sess.run(f)
    sess.close()
    assert result == 42
    assert isinstance(result, np.int32)  # TF returns NumPy scalars of the tensor's dtype


def test_with_block_makes_the_session_default_and_closes_it():
    x, y, f = build_f()
    with tf.Session() as sess:
        x.initializer.run()
        y.initializer.run()
        result = f.eval()
        assert tf.get_default_session() is sess
    assert result == 42
    assert tf.get_default_session() is None
    with pytest.raises(RuntimeError, match="closed Session"):
        sess.run(f)


def test_global_variables_initializer_is_one_node():
    x, y, f = build_f()
    init = tf.global_variables_initializer()
    assert init.name == "init"
    assert init.type == "NoOp"
    assert set(init.control_inputs) == {x.initializer, y.initializer}
    with tf.Session():
        init.run()
        assert f.eval() == 42
    assert [v.name for v in tf.global_variables()] == ["x:0", "y:0"]


def test_interactive_session_installs_itself_as_default():
    x, y, f = build_f()
    init = tf.global_variables_initializer()
    sess = tf.InteractiveSession()
    init.run()
    assert f.eval() == 42
    assert tf.get_default_session() is sess
    sess.close()
    assert tf.get_default_session() is None


def test_seed001_interactive_session_run_init_returns_none():
    sess = tf.InteractiveSession()
    init = tf.global_variables_initializer()
    assert sess.run(init) is None
    sess.close()


def test_nodes_go_to_the_default_graph_and_graphs_can_be_switched():
    x1 = tf.Variable(1)
    assert x1.graph is tf.get_default_graph()
    graph = tf.Graph()
    with graph.as_default():
        x2 = tf.Variable(2)
    assert x2.graph is graph
    assert x2.graph is not tf.get_default_graph()
    tf.reset_default_graph()
    assert x1.graph is not tf.get_default_graph()
    assert tf.get_default_graph().get_operations() == []


def test_node_values_are_recomputed_by_each_eval_but_shared_within_one_run():
    w = tf.constant(3)
    x = w + 2
    y = x + 5
    z = x * 3
    trace = tf.RunMetadata()
    options = tf.RunOptions(trace_level=tf.RunOptions.FULL_TRACE)
    with tf.Session() as sess:
        assert y.eval() == 10
        assert z.eval() == 15
        # eval() twice: x's op "add" runs once per run, so twice in all
        sess.run(y, options=options, run_metadata=trace)
        runs_of_x = trace.executed_ops.count("add")
        sess.run(z, options=options, run_metadata=trace)
        runs_of_x += trace.executed_ops.count("add")
        assert runs_of_x == 2
        y_val, z_val = sess.run([y, z], options=options, run_metadata=trace)
        assert (y_val, z_val) == (10, 15)
        assert trace.executed_ops.count("add") == 1  # one run computes x once for both
        assert trace.executed_ops.count("Const") == 1  # ... and w once


def test_each_session_has_its_own_copy_of_every_variable():
    w = tf.Variable(1.0, name="w")
    add_one = tf.assign_add(w, 1.0)
    sess1, sess2 = tf.Session(), tf.Session()
    sess1.run(w.initializer)
    sess2.run(w.initializer)
    sess1.run(add_one)
    sess1.run(add_one)
    assert sess1.run(w) == 3.0
    assert sess2.run(w) == 1.0


def test_placeholder_with_none_dimension_accepts_any_number_of_rows():
    A = tf.placeholder(tf.float32, shape=(None, 3))
    B = A + 5
    with tf.Session():
        B_val_1 = B.eval(feed_dict={A: [[1, 2, 3]]})
        B_val_2 = B.eval(feed_dict={A: [[4, 5, 6], [7, 8, 9]]})
    np.testing.assert_array_equal(B_val_1, [[6, 7, 8]])
    np.testing.assert_array_equal(B_val_2, [[9, 10, 11], [12, 13, 14]])
    assert B_val_1.dtype == np.float32


def test_eval_twice_runs_side_effects_twice_but_run_once():
    counter = tf.Variable(0, name="counter")
    a = tf.assign_add(counter, 1)
    b = a * 10
    with tf.Session() as sess:
        sess.run(counter.initializer)
        a_val, b_val = a.eval(session=sess), b.eval(session=sess)
        assert (a_val, b_val) == (1, 20)
        a_val, b_val = sess.run([a, b])
        assert (a_val, b_val) == (3, 30)
        assert counter.eval(session=sess) == 3


def test_assign_a_placeholder_value_to_a_variable():
    x = tf.Variable(tf.random_uniform(shape=(), minval=0.0, maxval=1.0))
    x_new_val = tf.placeholder(shape=(), dtype=tf.float32)
    x_assign = tf.assign(x, x_new_val)
    with tf.Session():
        x.initializer.run()
        assert 0.0 <= x.eval() < 1.0
        tf.get_default_session().run(x_assign, feed_dict={x_new_val: 5.0})
        assert x.eval() == 5.0
        tf.get_default_session().run(x_assign, feed_dict={x_new_val: -1.5})
        assert x.eval() == -1.5


def test_seed002_graph_tensor_prints_its_name_and_needs_a_session():
    x = tf.placeholder(tf.float32, shape=[1, 1])
    m = tf.matmul(x, x)
    assert str(m) == 'Tensor("MatMul:0", shape=(1, 1), dtype=float32)'
    with tf.Session() as sess:
        np.testing.assert_array_equal(sess.run(m, feed_dict={x: [[2.0]]}), [[4.0]])


def test_seed002_indexing_a_random_tensor_in_a_loop_adds_ops():
    x = tf.random_uniform([2, 2])
    before = len(tf.get_default_graph().get_operations())
    with tf.Session() as sess:
        values = [sess.run(x[i, j]) for i in range(x.shape[0]) for j in range(x.shape[1])]
    assert all(0 <= v < 1 for v in values)
    # each x[i, j] adds a StridedSlice and its three bounds (stack, stack_1, stack_2), as in TF
    assert len(tf.get_default_graph().get_operations()) == before + 16
