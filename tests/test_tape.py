"""GradientTape (seed 004 "近似求导,自定义求导" ... "对变量求导") and the tfe API (seed 002)."""

import numpy as np
import pytest

import learntf as tf
from learntf.contrib import eager as tfe

pytestmark = pytest.mark.usefixtures("eager_mode")


def g(x1, x2):
    return (x1 + 5) * (x2**2)


def test_persistent_tape_gives_both_partials_and_a_plain_one_only_once():
    x1, x2 = tf.Variable(2.0), tf.Variable(3.0)
    with tf.GradientTape(persistent=True) as tape:
        z = g(x1, x2)
    assert float(tape.gradient(z, x1)) == 9.0  # x2^2
    assert float(tape.gradient(z, x2)) == 42.0  # 2 (x1 + 5) x2
    del tape
    with tf.GradientTape() as tape:
        z = g(x1, x2)
    tape.gradient(z, x1)
    with pytest.raises(
        RuntimeError,
        match="A non-persistent GradientTape can only be used to "
        r"compute one set of gradients \(or jacobians\)",
    ):
        tape.gradient(z, x2)


def test_constants_need_watch():
    x1, x2 = tf.constant(2.0), tf.constant(3.0)
    with tf.GradientTape() as tape:
        z = g(x1, x2)
    assert tape.gradient(z, [x1, x2]) == [None, None]
    with tf.GradientTape() as tape:
        tape.watch(x1)
        tape.watch(x2)
        z = g(x1, x2)
    assert [float(d) for d in tape.gradient(z, [x1, x2])] == [9.0, 42.0]


def test_several_targets_are_summed():
    x = tf.Variable(5.0)
    with tf.GradientTape() as tape:
        z1 = 3 * x
        z2 = x**2
    assert float(tape.gradient([z1, z2], x)) == 13.0


def test_nested_tapes_give_second_derivatives():
    x1, x2 = tf.Variable(2.0), tf.Variable(3.0)
    with tf.GradientTape(persistent=True) as outer:
        with tf.GradientTape(persistent=True) as inner:
            z = g(x1, x2)
        inner_grads = inner.gradient(z, [x1, x2])
    outer_grads = [outer.gradient(grad, [x1, x2]) for grad in inner_grads]
    assert outer_grads[0][0] is None
    assert [[float(v) for v in row if v is not None] for row in outer_grads] == [[6.0], [6.0, 14.0]]


def test_minimise_with_assign_sub_and_with_an_optimizer():
    def f(x):
        return 3.0 * x**2 + 2.0 * x - 1

    x = tf.Variable(0.0)
    for _ in range(100):
        with tf.GradientTape() as tape:
            z = f(x)
        x.assign_sub(0.1 * tape.gradient(z, x))
    assert float(x) == pytest.approx(-1 / 3, abs=1e-6)


def test_unconnected_options_stop_recording_and_accessed_variables():
    x, y = tf.Variable(1.0), tf.Variable(2.0)
    with tf.GradientTape(persistent=True) as tape:
        z = x * 3
        with tape.stop_recording():
            w = x * 5
    assert tape.gradient(z, y) is None
    assert float(tape.gradient(z, y, unconnected_gradients="zero")) == 0.0
    assert tape.gradient(w, x) is None
    with tf.GradientTape(watch_accessed_variables=False) as tape:
        z = x * y
    assert tape.gradient(z, [x, y]) == [None, None]
    with tf.GradientTape() as tape:
        z = x * y
    assert [v.name for v in tape.watched_variables()] == ["Variable:0", "Variable:0"]
    assert len(tape.watched_variables()) == 2  # two distinct variables, though equal names


def test_nested_sources_and_jacobian():
    a, b = tf.Variable([1.0, 2.0]), tf.Variable(3.0)
    with tf.GradientTape(persistent=True) as tape:
        y = a * b
        total = tf.reduce_sum(y)
    grads = tape.gradient(total, {"a": a, "b": [b]})
    assert grads["a"].numpy().tolist() == [3.0, 3.0] and float(grads["b"][0]) == 3.0
    jac = tape.jacobian(y, a)
    np.testing.assert_array_equal(jac.numpy(), [[3.0, 0.0], [0.0, 3.0]])


@pytest.mark.parametrize(
    "fn",
    [
        tf.sigmoid,
        tf.tanh,
        tf.exp,
        lambda x: tf.nn.softmax(x) * x,
        lambda x: tf.reduce_mean(x * x, axis=0),
        lambda x: tf.matmul(x, tf.transpose(x)),
    ],
)
def test_tape_gradients_match_finite_differences(fn):
    value = np.random.default_rng(0).normal(size=(2, 3))
    x = tf.constant(value)
    with tf.GradientTape() as tape:
        tape.watch(x)
        total = tf.reduce_sum(fn(x))
    grad = tape.gradient(total, x).numpy()
    eps, numeric = 1e-6, np.zeros_like(value)
    for i in np.ndindex(value.shape):
        plus, minus = value.copy(), value.copy()
        plus[i] += eps
        minus[i] -= eps
        numeric[i] = (
            float(tf.reduce_sum(fn(tf.constant(plus))))
            - float(tf.reduce_sum(fn(tf.constant(minus))))
        ) / (2 * eps)
    np.testing.assert_allclose(grad, numeric, rtol=1e-5, atol=1e-8)


def test_tfe_gradient_functions():
    @tfe.gradients_function
    def f(x, y):
        return x**2 + y**3

    assert [float(t) for t in f(1.0, 2.0)] == [2.0, 12.0]
    value, grads = tfe.value_and_gradients_function(lambda x, y: x**2 + y**3)(1.0, 2.0)
    assert float(value) == 9.0 and [float(t) for t in grads] == [2.0, 12.0]
    x = tfe.Variable(initial_value=1.0, name="x")
    tfe.Variable(initial_value=1.0, name="y")
    pairs = tfe.implicit_gradients(lambda t: 2 * x * t)(1.0)
    assert [(float(grad), var.name) for grad, var in pairs] == [(2.0, "x:0")]
    value, pairs = tfe.implicit_value_and_gradients(lambda t: 2 * x * t)(3.0)
    assert float(value) == 6.0 and float(pairs[0][0]) == 6.0


def test_tf1_optimizer_applies_eager_gradients():
    w = tfe.Variable(1.0, name="w")
    step = tfe.implicit_value_and_gradients(lambda x, y: (w * x - y) ** 2)
    optimizer = tf.compat.v1.train.GradientDescentOptimizer(learning_rate=0.1)
    loss, pairs = step(3.0, 6.0)
    assert float(loss) == 9.0 and float(pairs[0][0]) == -18.0
    optimizer.apply_gradients(pairs)
    assert float(w) == pytest.approx(2.8)


def test_watched_variables_come_in_the_order_the_variables_were_created():
    # TF 2.21 prints ['x:0', 'y:0'] for both tapes: watched_variables() lists the variables in
    # the order they were constructed, not in the order the tape first saw them.
    x = tf.Variable(1.0, name="x")
    y = tf.Variable(2.0, name="y")
    with tf.GradientTape() as tape:
        y * x * 3.0
    assert [v.name for v in tape.watched_variables()] == ["x:0", "y:0"]
    with tf.GradientTape() as tape:
        tape.watch(y)
        tape.watch(x)
    assert [v.name for v in tape.watched_variables()] == ["x:0", "y:0"]


def test_a_source_the_tape_never_watched_gets_none():
    # TF: a constant is not watched unless tape.watch is called, so its gradient is None.
    x = tf.constant(3.0)
    with tf.GradientTape() as tape:
        y = x * x
    assert tape.gradient(y, x) is None


def test_matmul_gradient_builds_only_the_side_asked_for():
    # Only b is watched, so MatMul's gradient is asked for b alone (skip_input_indices):
    # a^T @ ones (maths).
    a = tf.constant([[1.0, 2.0], [3.0, 4.0]])
    b = tf.Variable([[1.0], [1.0]])
    with tf.GradientTape() as tape:
        y = tf.matmul(a, b)
    np.testing.assert_allclose(tape.gradient(y, b).numpy(), a.numpy().T @ np.ones((2, 1)))
