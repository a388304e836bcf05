"""Session.run: fetch structures, feeds, pruning and plan caching."""

import collections
import time

import numpy as np
import pytest

import learntf.compat.v1 as tf

tf.disable_v2_behavior()  # TF1 programs on TensorFlow 2 start so: graphs and sessions


pytestmark = pytest.mark.usefixtures("fresh_graph")


def test_nested_fetches_keep_their_structure():
    a = tf.constant(1, name="a")
    b = tf.constant(2, name="b")
    c = a + b
    Pair = collections.namedtuple("Pair", "left right")
    with tf.Session() as sess:
        result = sess.run({"sum": c, "parts": [a, (b, "a:0")], "pair": Pair(a, b)})
    assert result["sum"] == 3
    assert result["parts"] == [1, (2, 1)]
    assert isinstance(result["parts"][1], tuple)
    assert result["pair"] == Pair(1, 2)


def test_fetch_by_name_and_operation_fetch_returns_none():
    x = tf.Variable(5.0, name="x")
    init = tf.global_variables_initializer()
    with tf.Session() as sess:
        assert sess.run("init") is None
        assert sess.run(init) is None
        assert sess.run("x/read:0") == sess.run("x:0") == 5.0
        assert sess.run(x) == 5.0
        assert sess.run([init, x]) == [None, 5.0]


def test_feed_by_name_and_feeding_an_intermediate_tensor():
    a = tf.placeholder(tf.float32, shape=(), name="a")
    b = a * 2
    c = b + 1
    with tf.Session() as sess:
        assert sess.run(c, feed_dict={"a:0": 3.0}) == 7.0
        # feeding b overrides it: a is not needed any more (pruned), so no feed error
        assert sess.run(c, feed_dict={b: 10.0}) == 11.0


def test_pruning_runs_only_what_the_fetch_needs():
    p = tf.placeholder(tf.float32, name="p")
    unused = p * 2  # noqa: F841 - depends on an unfed placeholder but is not fetched
    used = tf.constant(3.0) * 2
    trace = tf.RunMetadata()
    with tf.Session() as sess:
        value = sess.run(
            used, options=tf.RunOptions(trace_level=tf.RunOptions.FULL_TRACE), run_metadata=trace
        )
    assert value == 6.0
    assert trace.executed_ops == ["Const", "mul_1/y", "mul_1"]  # nothing from p * 2


def test_plans_are_cached_per_fetch_and_feed_set():
    a = tf.placeholder(tf.float32, name="a")
    b = a + 1
    with tf.Session() as sess:
        for value in range(5):
            assert sess.run(b, feed_dict={a: value}) == value + 1
        assert len(sess._plans) == 1
        sess.run([b], feed_dict={a: 1.0})  # same elements: same plan
        assert len(sess._plans) == 1
        sess.run([b, a], feed_dict={a: 1.0})
        assert len(sess._plans) == 2


def test_each_op_runs_once_per_run_even_when_fetched_twice():
    counter = tf.Variable(0, name="counter")
    bump = tf.assign_add(counter, 1)
    with tf.Session() as sess:
        sess.run(counter.initializer)
        assert sess.run([bump, bump, bump * 2]) == [1, 1, 2]
        assert sess.run(counter) == 1


def test_fetched_arrays_do_not_alias_variables_or_constants():
    v = tf.Variable([1.0, 2.0], name="v")
    c = tf.constant([5.0, 6.0])
    reshaped = tf.reshape(c, [2, 1])
    with tf.Session() as sess:
        sess.run(v.initializer)
        value = sess.run(v)
        value[0] = 100.0
        np.testing.assert_array_equal(sess.run(v), [1.0, 2.0])
        const_value = sess.run(reshaped)
        const_value[0, 0] = -1.0
        np.testing.assert_array_equal(sess.run(c), [5.0, 6.0])


def test_fed_arrays_stored_in_variables_are_copied():
    v = tf.Variable([0.0, 0.0], name="v")
    p = tf.placeholder(tf.float32, shape=(2,))
    assign = tf.assign(v, p)
    data = np.array([1.0, 2.0], dtype=np.float32)
    with tf.Session() as sess:
        sess.run(assign, feed_dict={p: data})
        data[0] = 99.0
        np.testing.assert_array_equal(sess.run(v), [1.0, 2.0])


def test_control_dependencies_run_first():
    v = tf.Variable(1, name="v")
    bump = tf.assign_add(v, 10)
    with tf.control_dependencies([bump]):
        doubled = tf.identity(v.value()) * 2
    with tf.Session() as sess:
        sess.run(v.initializer)
        assert sess.run(doubled) == 22


def test_results_are_numpy_values_of_the_tensor_dtype():
    with tf.Session() as sess:
        assert isinstance(sess.run(tf.constant(1.5)), np.float32)
        assert sess.run(tf.constant([1, 2])).dtype == np.int32
        assert sess.run(tf.constant(np.array([1.0]))).dtype == np.float64
        assert sess.run(tf.constant(7) / tf.constant(2)) == 3.5  # ints divide as float64


def test_session_on_another_graph_and_default_graph_inside_with():
    graph = tf.Graph()
    with graph.as_default():
        c = tf.constant(4.0) * 2
    with tf.Session(graph=graph) as sess:
        assert tf.get_default_graph() is graph
        assert sess.run(c) == 8.0


def test_a_printed_plan_lists_its_steps_what_was_folded_and_what_was_pruned():
    x = tf.placeholder(tf.float32, name="x")
    y = tf.square(x, name="y")
    z = tf.add(y, tf.square(tf.constant(3.0, name="three")), name="z")
    tf.negative(x, name="unused")
    with tf.Session() as sess:
        assert sess.run(z, feed_dict={x: 2.0}) == 13.0
        (plan,) = sess._plans.values()
    assert str(plan).splitlines() == [
        "fetch z:0, feeding x:0",
        "  step 1: y (Square) reads x:0",
        "  step 2: z (AddV2) reads y:0, Square:0",
        "  known before the run: three (Const), Square (Square)",
        "  pruned: unused (Neg)",
    ]


def test_a_failing_step_is_named_in_normal_and_traced_runs():
    x = tf.placeholder(tf.float32, shape=None, name="x")
    good = tf.square(x, name="good")
    bad = tf.matmul(good, good, name="bad")
    trace = tf.RunMetadata()
    full = tf.RunOptions(trace_level=tf.RunOptions.FULL_TRACE)
    with tf.Session() as sess:
        for options in (None, full):
            with pytest.raises(tf.errors.InvalidArgumentError, match=r"\{\{node bad\}\}"):
                sess.run(bad, {x: [1.0, 2.0, 3.0]}, options=options, run_metadata=trace)
    assert trace.executed_ops == ["good"]  # the ops that ran before the failure


def test_ops_with_several_outputs_write_each_output_once_even_when_one_is_fed():
    pair = tf.unstack(
        tf.constant([1.0, 2.0]) * tf.placeholder(tf.float32, (), name="k"), name="pair"
    )
    total = tf.add(pair[0], pair[1], name="total")
    with tf.Session() as sess:
        assert sess.run(total, {"k:0": 2.0}) == 6.0
        assert sess.run(total, {"k:0": 2.0, pair[1]: 10.0}) == 12.0  # the feed wins over pair:1


def test_constants_are_folded_once_but_traced_runs_show_every_op():
    a = tf.constant(2.0, name="a")
    b = tf.square(a, name="b")
    x = tf.placeholder(tf.float32, name="x")
    y = tf.multiply(b, x, name="y")
    trace = tf.RunMetadata()
    with tf.Session() as sess:
        assert sess.run(y, {x: 3.0}) == 12.0
        (plan,) = sess._plans.values()
        assert [step.op.name for step in plan.steps] == ["y"]
        assert [op.name for op in plan.folded_ops] == ["b"]
        sess.run(
            y,
            {x: 3.0},
            options=tf.RunOptions(trace_level=tf.RunOptions.FULL_TRACE),
            run_metadata=trace,
        )
    assert trace.executed_ops == ["a", "b", "y"]


def test_traced_runs_fill_step_stats_in_tensorflows_shape():
    # What TensorFlow 2.21 does for this program: an untraced RunMetadata has no dev_stats; after a
    # FULL_TRACE run, one entry for '/job:localhost/replica:0/task:0/device:CPU:0' whose node_stats'
    # node_name list is ['_SOURCE', 'a', '_arg_x_0_0', 'y', '_retval_y_0_0'] (TensorFlow adds its
    # executor's own nodes; learntf lists only the graph's ops: a and y).
    a = tf.constant(2.0, name="a")
    x = tf.placeholder(tf.float32, name="x")
    y = tf.multiply(a, x, name="y")
    trace = tf.RunMetadata()
    assert len(trace.step_stats.dev_stats) == 0
    with tf.Session() as sess:
        sess.run(
            y,
            {x: 3.0},
            options=tf.RunOptions(trace_level=tf.RunOptions.FULL_TRACE),
            run_metadata=trace,
        )
    assert [d.device for d in trace.step_stats.dev_stats] == [
        "/job:localhost/replica:0/task:0/device:CPU:0"
    ]
    names = [n.node_name for d in trace.step_stats.dev_stats for n in d.node_stats]
    assert names == ["a", "y"]
    assert names == trace.executed_ops
    # Each node's start (microseconds since the epoch) and kernel time, as TF's fields hold them.
    (device,) = trace.step_stats.dev_stats
    starts = [n.all_start_micros for n in device.node_stats]
    assert starts == sorted(starts) and abs(starts[0] - time.time() * 1e6) < 60e6
    assert all(n.op_end_rel_micros == n.all_end_rel_micros >= 0 for n in device.node_stats)


def test_folding_never_hides_a_runtime_error():
    bad = tf.matrix_inverse(tf.constant([[1.0, 2.0], [2.0, 4.0]]), name="bad")
    with tf.Session() as sess:
        with pytest.raises(tf.errors.InvalidArgumentError, match="not invertible"):
            sess.run(bad)


def test_traced_runs_handle_ops_with_a_list_of_outputs():
    x = tf.constant([[1.0, 2.0]])
    (only,) = tf.unstack(x, num=1)
    trace = tf.RunMetadata()
    with tf.Session() as sess:
        value = sess.run(
            only, options=tf.RunOptions(trace_level=tf.RunOptions.FULL_TRACE), run_metadata=trace
        )
    assert value.tolist() == [1.0, 2.0]
    assert "unstack" in trace.executed_ops


def test_plan_shows_what_a_run_would_execute_without_running_it():
    counter = tf.Variable(0, name="counter")
    bump = tf.assign_add(counter, 1)
    x = tf.placeholder(tf.int32, name="x")
    unrelated = x * 2  # noqa: F841
    with tf.Session() as sess:
        sess.run(counter.initializer)
        plan = sess.plan(bump)
        assert "x" not in {op.name for op in plan.ops}
        assert sess.run(counter) == 0  # planning ran nothing
        assert sess.plan(bump) is plan  # and run() will reuse it
        sess.run(bump)
        assert len(sess._plans) == 3  # the initializer, the read of counter, and bump


def test_plans_specialise_on_the_feed_shapes_and_leave_the_graph_alone():
    # The gradient of a mean over a batch of unknown size computes its scale from Shape ops;
    # once a batch of 4 arrives, those values are folded into a plan for that feed shape.
    x = tf.placeholder(tf.float64, shape=(None, 3), name="x")
    loss = tf.reduce_mean(tf.square(x * 2.0 - 1.0))
    (grad,) = tf.gradients(loss, [x])
    batch4 = np.arange(12.0).reshape(4, 3)
    batch2 = np.ones((2, 3))
    with tf.Session() as sess:
        plan = sess._cached_plan((grad,), (x,), optimize=True)
        general_steps = [step.op.type for step in plan.steps]
        for batch in (batch4, batch2, batch4):
            expected = 4.0 * (batch * 2.0 - 1.0) / batch.size  # d mean((2x-1)^2) / dx
            np.testing.assert_allclose(sess.run(grad, {x: batch}), expected)
        specialised = plan._by_feed_shapes[((4, 3),)]
        assert "Shape" in general_steps and "Shape" not in [s.op.type for s in specialised.steps]
        assert len(specialised.steps) < len(plan.steps)
        assert set(plan._by_feed_shapes) == {((4, 3),), ((2, 3),)}
    assert x.shape.as_list() == [None, 3] and grad.shape.as_list() == [None, 3]


def test_feeds_are_checked_on_every_run_not_only_the_first():
    x = tf.placeholder(tf.float32, shape=(None, 2), name="x")
    total = tf.reduce_sum(x)
    with tf.Session() as sess:
        assert sess.run(total, {x: np.ones((3, 2), np.float32)}) == 6.0
        with pytest.raises(ValueError, match=r"Cannot feed value of shape \(3, 3\)"):
            sess.run(total, {x: np.ones((3, 3), np.float32)})
        assert sess.run(total, {x: np.ones((3, 2), np.float64)}) == 6.0  # converted, as TF does
        assert sess.run(total, {x: [[1, 2]]}) == 3.0
        with pytest.raises(ValueError, match="Cannot feed value of shape"):
            sess.run(total, {x: np.ones(2, np.float32)})
