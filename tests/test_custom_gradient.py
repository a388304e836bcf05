"""tf.custom_gradient, tf.stop_gradient and GradientTape.batch_jacobian compute what TensorFlow
2.21 computes (tests/data/tf_gradients.json, recorded by scripts/record_tf_gradients.py from the
programs of tests/gradient_cases.py), in eager mode, in tf.function and in TF 1 graphs; and the
custom gradients agree with finite differences."""

import json
import pathlib

import gradient_cases
import numpy as np
import pytest
from test_graph_parity import learntf_behaviour

RECORDING = json.loads(
    (pathlib.Path(__file__).parent / "data" / "tf_gradients.json").read_text(encoding="utf-8")
)


def run_on_learntf(case):
    import learntf
    import learntf.compat.v1 as tf1

    with learntf_behaviour(case.mode):
        if case.mode == "v1":
            with tf1.Graph().as_default():
                return gradient_cases.run_case(case, tf1)
        return gradient_cases.run_case(case, learntf)


@pytest.mark.parametrize("case", gradient_cases.CASES, ids=lambda case: case.name)
def test_learntf_computes_what_tensorflow_computes(case):
    expected = RECORDING["cases"][case.name]
    assert expected["source"] == case.source, "the case changed: record it again"
    got = run_on_learntf(case)
    assert got["error"] == expected["error"]
    assert got["ops"] == expected["ops"]
    if expected["result"] is None:
        assert got["result"] is None
        return
    assert sorted(got["result"]) == sorted(expected["result"])
    for key, value in expected["result"].items():
        mine = got["result"][key]
        assert (mine is None) == (value is None), key
        if value is not None:
            assert mine["shape"] == value["shape"], key
            assert mine["dtype"] == value["dtype"], key
            np.testing.assert_allclose(
                gradient_cases.decode(mine), gradient_cases.decode(value), rtol=1e-6, err_msg=key
            )


def test_recording_is_from_tensorflow_2_21():
    assert RECORDING["tensorflow_version"].startswith("2.21")
    assert sorted(RECORDING["cases"]) == sorted(case.name for case in gradient_cases.CASES)


# -- against maths: finite differences ------------------------------------------------------------
def _finite_difference(f, x, eps=1e-6):
    return np.array([(f(x + eps * e) - f(x - eps * e)) / (2 * eps) for e in np.eye(len(x))])


def test_a_custom_gradient_that_is_the_true_one_matches_finite_differences(v2_behavior):
    import learntf as tf

    @tf.custom_gradient
    def softplus(x):
        def grad(dy):
            return dy * tf.sigmoid(x)

        return tf.math.log(1 + tf.exp(x)), grad

    x0 = np.array([-2.0, 0.5, 3.0])
    x = tf.constant(x0)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = tf.reduce_sum(softplus(x) * tf.constant([1.0, 2.0, 3.0], tf.float64))
    numeric = _finite_difference(lambda v: np.sum(np.log1p(np.exp(v)) * [1, 2, 3]), x0)
    np.testing.assert_allclose(tape.gradient(y, x).numpy(), numeric, rtol=1e-6)


def test_the_second_derivative_of_a_custom_gradient_matches_maths(v2_behavior):
    import learntf as tf

    @tf.custom_gradient
    def sine(x):
        def grad(dy):
            return dy * tf.cos(x)

        return tf.sin(x), grad

    x = tf.constant(0.7, tf.float64)
    with tf.GradientTape() as outer:
        outer.watch(x)
        with tf.GradientTape() as inner:
            inner.watch(x)
            y = sine(x)
        dy = inner.gradient(y, x)
    assert dy.numpy() == pytest.approx(np.cos(0.7))
    assert outer.gradient(dy, x).numpy() == pytest.approx(-np.sin(0.7))


def test_tf_gradients_uses_the_identity_n_override_in_a_graph(v2_behavior):
    import learntf as tf
    import learntf.compat.v1 as tf1

    @tf.custom_gradient
    def double(x):
        return x * 2.0, lambda dy: dy * 5.0

    with learntf_behaviour("v1"), tf1.Graph().as_default():
        x = tf1.placeholder(tf.float32, [])
        y = double(x)
        (dx,) = tf.gradients(y, x)
        identity_n = y.op
        assert identity_n.type == "IdentityN"
        assert identity_n.get_attr("_gradient_op_type").startswith(
            b"CustomGradient-"
        )  # (bytes, as TF)
        with tf1.Session() as sess:
            assert sess.run([y, dx], {x: 3.0}) == [6.0, 5.0]


def test_a_method_binds_self(v2_behavior):
    import learntf as tf

    class Scaler:
        factor = 3.0

        @tf.custom_gradient
        def scale(self, x):
            return x * self.factor, lambda dy: dy * 100.0

    x = tf.constant(2.0)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = Scaler().scale(x)
    assert y.numpy() == 6.0
    assert tape.gradient(y, x).numpy() == 100.0


def test_batch_jacobian_is_the_diagonal_blocks_of_the_jacobian(v2_behavior):
    import learntf as tf

    x = tf.constant(np.arange(6.0).reshape(3, 2))
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(x)
        y = tf.sin(x) * tf.reduce_sum(x, axis=1, keepdims=True)
    full = tape.jacobian(y, x).numpy()  # [3, 2, 3, 2]
    batched = tape.batch_jacobian(y, x).numpy()  # [3, 2, 2]
    for b in range(3):
        np.testing.assert_allclose(batched[b], full[b, :, b, :])


def test_recompute_grad_gives_the_plain_gradients_of_inputs_and_variables(v2_behavior):
    import learntf as tf

    v = tf.Variable([1.0, -2.0])

    def block(x):
        return tf.tanh(x * v) * x

    x = tf.constant([0.5, 1.5])
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(x)
        plain = tf.reduce_sum(block(x))
        recomputed = tf.reduce_sum(tf.recompute_grad(block)(x))
    assert recomputed.numpy() == pytest.approx(plain.numpy())
    for a, b in zip(tape.gradient(plain, [x, v]), tape.gradient(recomputed, [x, v])):
        np.testing.assert_allclose(b.numpy(), a.numpy(), rtol=1e-6)
