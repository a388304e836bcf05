"""Eager execution (TF2): tensors with values, the same ops run at once, eager variables,
tf.data and tf.cond; expected text is what TensorFlow 2 prints (seed 004, seed 002)."""

import numpy as np
import pytest

import learntf as tf
from learntf import errors

pytestmark = pytest.mark.usefixtures("eager_mode")


def test_tensors_print_as_tf_does():
    t = tf.constant([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    assert str(t) == ("tf.Tensor(\n[[1. 2. 3.]\n [4. 5. 6.]], shape=(2, 3), dtype=float32)")
    assert str(tf.constant([2.0, 5.0])) == "tf.Tensor([2. 5.], shape=(2,), dtype=float32)"
    assert repr(tf.constant(9.0)) == "<tf.Tensor: shape=(), dtype=float32, numpy=9.0>"
    assert str(tf.constant("cafe")) == "tf.Tensor(b'cafe', shape=(), dtype=string)"
    assert repr(t).startswith("<tf.Tensor: shape=(2, 3), dtype=float32, numpy=\narray([[1., 2.")


def test_ops_run_at_once_and_accept_numpy_and_lists():
    assert tf.executing_eagerly()
    m = tf.matmul([[2.0]], [[2.0]])
    np.testing.assert_array_equal(m.numpy(), [[4.0]])
    t = tf.constant([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    np.testing.assert_array_equal((t + 10).numpy(), [[11, 12, 13], [14, 15, 16]])
    np.testing.assert_array_equal(tf.square(t).numpy(), np.square(t.numpy()))
    np.testing.assert_array_equal((t @ tf.transpose(t)).numpy(), [[14, 32], [32, 77]])
    np.testing.assert_array_equal(t[:, 1:].numpy(), [[2, 3], [5, 6]])
    np.testing.assert_array_equal(t[..., 1].numpy(), [2, 5])
    assert tf.constant(np.array([1.0])).dtype == tf.float64


def test_tensors_act_like_numpy_values():
    x = tf.constant([1.0, 2.0, 3.0])
    assert type(x.numpy()) is np.ndarray
    squared = np.square(x)
    assert type(squared) is np.ndarray and squared.tolist() == [1.0, 4.0, 9.0]
    assert [float(i) for i in x] == [1.0, 2.0, 3.0]
    assert float(tf.reduce_sum(x)) == 6.0
    assert bool(tf.constant(2.0) > 1.0)
    assert int(tf.constant(3)) == 3
    with pytest.raises(IndexError, match="tuple index out of range"):
        _ = x.shape[1]
    assert (x == tf.constant([1.0, 0.0, 3.0])).numpy().tolist() == [True, False, True]
    with pytest.raises(TypeError, match="unhashable"):
        _ = {x: 1}
    assert {x.ref(): 1}[x.ref()] == 1


def test_eager_errors_are_tf_classes():
    with pytest.raises(errors.InvalidArgumentError, match="cannot compute AddV2"):
        tf.constant(1.0) + tf.constant(1)
    with pytest.raises(errors.InvalidArgumentError):
        tf.ones([2, 3]) + tf.ones([2, 4])
    with pytest.raises(RuntimeError, match="tf.placeholder\\(\\) is not compatible with eager"):
        tf.compat.v1.placeholder(tf.float32, shape=[1, 1])


def test_graph_mode_inside_graph_as_default():
    with tf.Graph().as_default():
        assert not tf.executing_eagerly()
        c = tf.constant(1.0) + 1
        assert type(c).__name__ == "Tensor"
    assert tf.executing_eagerly()


def test_eager_variable_repr_value_and_assign():
    v = tf.Variable([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    assert repr(v) == (
        "<tf.Variable 'Variable:0' shape=(2, 3) dtype=float32, numpy=\n"
        "array([[1., 2., 3.],\n       [4., 5., 6.]], dtype=float32)>"
    )
    assert str(v.value()).startswith("tf.Tensor(\n[[1. 2. 3.]")
    v.assign(2 * v)
    np.testing.assert_array_equal(v.numpy(), [[2, 4, 6], [8, 10, 12]])
    v[0, 1].assign(42)
    v[1].assign([7.0, 8.0, 9.0])
    np.testing.assert_array_equal(v.numpy(), [[2, 42, 6], [7, 8, 9]])
    v.assign_add(tf.ones([2, 3]))
    v.assign_sub(tf.ones([2, 3]))
    np.testing.assert_array_equal(v.numpy(), [[2, 42, 6], [7, 8, 9]])
    with pytest.raises(TypeError, match="does not support item assignment"):
        v[0, 0] = 1.0
    s = tf.Variable(0.0, name="s")
    assert repr(s) == "<tf.Variable 's:0' shape=() dtype=float32, numpy=0.0>"


def test_random_seeds_in_eager_mode():
    tf.random.set_seed(1)
    a = tf.random.uniform([3]).numpy(), tf.random.uniform([3]).numpy()
    tf.random.set_seed(1)
    b = tf.random.uniform([3]).numpy(), tf.random.uniform([3]).numpy()
    assert (a[0] == b[0]).all() and (a[1] == b[1]).all()
    assert not (a[0] == a[1]).all()


def test_cond_in_both_modes():
    def huber(residual, delta=14.0):
        return tf.cond(
            residual < delta,
            lambda: 0.5 * tf.square(residual),
            lambda: delta * residual - 0.5 * delta**2,
        )

    assert float(huber(tf.constant(2.0))) == 2.0
    assert float(huber(tf.constant(22.0))) == 14.0 * 22.0 - 98.0
    with tf.Graph().as_default():
        r = tf.compat.v1.placeholder(tf.float32, shape=())
        out = huber(r)
        with tf.compat.v1.Session() as sess:
            assert sess.run(out, {r: 2.0}) == 2.0
            assert sess.run(out, {r: 22.0}) == 210.0
        v = tf.Variable(1.0)  # (a branch with an update runs only when taken: an If op)
        bumped = tf.cond(r > 0, lambda: v.assign_add(1.0), lambda: v.value())
        with tf.compat.v1.Session() as sess:
            sess.run(v.initializer)
            assert [sess.run(bumped, {r: x}) for x in (1.0, -1.0, 1.0)] == [2.0, 2.0, 3.0]


def test_datasets():
    X = np.arange(10, dtype=np.float32).reshape(5, 2)
    y = np.arange(5, dtype=np.int32)
    rows = list(tf.data.Dataset.from_tensor_slices((X, y)))
    assert len(rows) == 5 and rows[2][0].numpy().tolist() == [4.0, 5.0] and int(rows[2][1]) == 2
    batches = [b.numpy().tolist() for b, _ in tf.data.Dataset.from_tensor_slices((X, y)).batch(2)]
    assert batches == [[[0, 1], [2, 3]], [[4, 5], [6, 7]], [[8, 9]]]
    doubled = [int(t) for t in tf.data.Dataset.from_tensor_slices(y).map(lambda t: t * 2).take(3)]
    assert doubled == [0, 2, 4]
    shuffled = [int(t) for t in tf.data.Dataset.from_tensor_slices(y).shuffle(5, seed=3)]
    assert sorted(shuffled) == [0, 1, 2, 3, 4]  # (the order itself: tests/programs/data)
    assert len(list(tf.data.Dataset.from_tensor_slices(y).repeat(3))) == 15
    with pytest.raises(ValueError, match="Dimensions 5 and 3 are not compatible"):
        tf.data.Dataset.from_tensor_slices((X, y[:3]))


def test_eager_and_graph_share_op_definitions():
    """One definition per op: the kernel a graph runs is the kernel eager mode runs."""
    from learntf.framework.op_registry import get_op_def

    calls = []
    op_def = get_op_def("Softplus")
    original = op_def.kernel

    def counting(x):
        calls.append(1)
        return original(x)

    op_def.kernel = counting
    try:
        eager_value = tf.nn.softplus(tf.constant([0.0])).numpy()
        with tf.Graph().as_default():
            p = tf.compat.v1.placeholder(tf.float32, shape=(1,))
            t = tf.nn.softplus(p)
            with tf.compat.v1.Session() as sess:
                graph_value = sess.run(t, {p: [0.0]})
    finally:
        op_def.kernel = original
    assert len(calls) == 2
    assert eager_value == graph_value == np.log(2.0).astype(np.float32)


def test_clip_by_value_and_its_gradient():
    x = tf.constant([-2.0, 0.5, 3.0])
    with tf.GradientTape() as tape:
        tape.watch(x)
        clipped = tf.clip_by_value(x, -1.0, 1.0)
        total = tf.reduce_sum(clipped)
    assert clipped.numpy().tolist() == [-1.0, 0.5, 1.0]
    assert tape.gradient(total, x).numpy().tolist() == [0.0, 1.0, 0.0]


def test_string_constants_from_numpy_object_arrays():
    t = tf.constant(np.array(["a", "bc"], dtype=object), dtype=tf.string)
    assert t.numpy().tolist() == [b"a", b"bc"]
    with pytest.raises(TypeError):
        tf.constant(np.array(["a"], dtype=object), dtype=tf.float32)


def test_eager_and_graph_tensors_are_both_tf_tensors():
    assert isinstance(tf.constant(1.0), tf.Tensor)
    with tf.Graph().as_default():
        assert isinstance(tf.constant(1.0), tf.Tensor)
    assert not isinstance(1.0, tf.Tensor) and not isinstance(tf.Variable(1.0), tf.Tensor)


def test_traced_function_results_are_freed_at_once():
    """No reference cycle may keep a returned array alive until the garbage collector runs."""
    import gc
    import weakref

    f = tf.function(lambda x: x + 1.0)
    x = tf.constant([1.0, 2.0])
    f(x)
    gc.disable()
    try:
        result = f(x)
        ref = weakref.ref(result)
        del result
        assert ref() is None
    finally:
        gc.enable()


def test_elu_matches_tensorflows_digits():
    assert str(tf.nn.elu(tf.constant(-3.0))) == "tf.Tensor(-0.95021296, shape=(), dtype=float32)"


def test_eager_tensors_as_indices_and_ragged_lists_refused_as_tf_does():
    t = tf.constant([10, 20, 30])
    assert int(t[tf.constant(1, tf.int64)]) == 20
    assert t[tf.constant(1) :].numpy().tolist() == [20, 30]
    with pytest.raises(ValueError, match="Can't convert non-rectangular Python sequence"):
        tf.constant([[1, 2], [3]])


def test_inf_and_nan_come_without_numpy_warnings_as_in_tensorflow():
    """TF computes 0 * inf = nan and exp(100.) = inf in float32 silently; learntf's kernels
    (eager, a tape's gradient, a Session's plan) print no NumPy RuntimeWarning either.  Run in a
    fresh process: pytest's own warning filters would hide what a learner sees."""
    import subprocess
    import sys

    program = (
        "import learntf as tf, learntf.compat.v1 as tf1\n"
        "x = tf.constant(100.)\n"
        "with tf.GradientTape() as tape:\n"
        "    tape.watch(x)\n"
        "    y = tf.math.log(1 + tf.exp(x))\n"
        "print(tape.gradient(y, x).numpy(), (tf.constant(0.) * float('inf')).numpy())\n"
        "with tf1.Graph().as_default():\n"
        "    a = tf1.placeholder(tf1.float32)\n"
        "    with tf1.Session() as s:\n"
        "        print(s.run(a * float('inf'), {a: 0.0}))\n"
    )
    done = subprocess.run(
        [sys.executable, "-W", "default", "-c", program], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["nan", "nan", "nan"]
    assert "Warning" not in done.stderr
