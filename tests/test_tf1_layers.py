"""TF1's layers, losses and nn additions, against maths and finite differences.

What TF prints for whole programs is pinned by the corpus (tests/programs/tf1_layers/); these
tests check the new ops' gradients and what the corpus cannot hold: tf.compat.v1.layers
without TF_USE_LEGACY_KERAS (TensorFlow's loader decides once per process, so one program
cannot show both)."""

import numpy as np
import pytest

import learntf.compat.v1 as tf

tf.disable_v2_behavior()

pytestmark = pytest.mark.usefixtures("fresh_graph")


def test_selu_and_its_gradient_match_the_formula_and_finite_differences():
    values = np.array([-3.0, -0.7, -0.1, 0.2, 1.5], np.float64)
    x = tf.placeholder(tf.float64, [5])
    y = tf.nn.selu(x)
    scale, alpha = 1.0507009873554805, 1.6732632423543772
    with tf.Session():
        np.testing.assert_allclose(
            y.eval({x: values}),
            np.where(values > 0, scale * values, scale * alpha * np.expm1(values)),
            rtol=1e-12,
        )
        error = tf.test.compute_gradient_error(x, [5], y, [5], x_init_value=values)
    assert error < 1e-6


def test_selu_second_derivative_matches_finite_differences():
    x = tf.placeholder(tf.float64, [4])
    (dy,) = tf.gradients(tf.reduce_sum(tf.nn.selu(x)), [x])
    values = np.array([-2.0, -0.5, 0.5, 2.0])
    with tf.Session():
        error = tf.test.compute_gradient_error(x, [4], dy, [4], x_init_value=values)
    assert error < 1e-6


@pytest.mark.parametrize("is_training", [True, False])
def test_fused_batch_norm_matches_moments_and_batch_normalization(is_training):
    rng = np.random.RandomState(0)
    x = tf.constant(rng.randn(3, 4, 2, 5).astype(np.float32))
    scale = tf.constant(rng.rand(5).astype(np.float32) + 0.5)
    offset = tf.constant(rng.randn(5).astype(np.float32))
    weights = tf.constant(rng.randn(3, 4, 2, 5).astype(np.float32))
    if is_training:
        mean, variance = tf.nn.moments(x, [0, 1, 2])
        fused, _, running_variance = tf.nn.fused_batch_norm(x, scale, offset, epsilon=0.01)
    else:
        mean = tf.constant(rng.randn(5).astype(np.float32))
        variance = tf.constant(rng.rand(5).astype(np.float32) + 0.5)
        fused, _, running_variance = tf.nn.fused_batch_norm(
            x, scale, offset, mean, variance, epsilon=0.01, is_training=False
        )
    composed = tf.nn.batch_normalization(x, mean, variance, offset, scale, 0.01)
    fused_grads = tf.gradients(tf.reduce_sum(tf.sin(fused) * weights), [x, scale, offset])
    composed_grads = tf.gradients(tf.reduce_sum(tf.sin(composed) * weights), [x, scale, offset])
    with tf.Session() as sess:
        a, b = sess.run([fused, composed])
        np.testing.assert_allclose(a, b, rtol=1e-4, atol=1e-5)
        for got, want in zip(sess.run(fused_grads), sess.run(composed_grads)):
            np.testing.assert_allclose(got, want, rtol=1e-3, atol=1e-4)
        if is_training:  # the running variance has Bessel's correction: n / (n - 1)
            n = 3 * 4 * 2
            np.testing.assert_allclose(
                sess.run(running_variance), sess.run(variance) * n / (n - 1), rtol=1e-5
            )


def test_weighted_cross_entropy_with_weight_one_is_sigmoid_cross_entropy():
    logits = tf.constant([[-2.0, 0.5, 3.0]])
    labels = tf.constant([[0.0, 1.0, 0.3]])
    weighted = tf.nn.weighted_cross_entropy_with_logits(labels=labels, logits=logits, pos_weight=1)
    plain = tf.nn.sigmoid_cross_entropy_with_logits(labels=labels, logits=logits)
    with tf.Session() as sess:
        a, b = sess.run([weighted, plain])
    np.testing.assert_allclose(a, b, rtol=1e-6)


def test_layers_need_tf_use_legacy_keras_as_in_tensorflow(monkeypatch):
    # TensorFlow 2.21 (tensorflow/python/util/lazy_loader.py) without TF_USE_LEGACY_KERAS
    monkeypatch.delenv("TF_USE_LEGACY_KERAS", raising=False)
    with pytest.raises(AttributeError, match="^`dense` is not available with Keras 3.\n"):
        tf.layers.dense(None, 1)
    monkeypatch.setenv("TF_USE_LEGACY_KERAS", "true")
    x = tf.placeholder(tf.float32, [None, 2])
    assert tf.layers.dense(x, 3).name == "dense/BiasAdd:0"


def test_sum_by_nonzero_weights_divides_by_the_number_of_nonzero_weights():
    losses = tf.constant([[1.0, 2.0], [3.0, 4.0]])
    weights = tf.constant([[0.0, 2.0], [1.0, 0.0]])
    loss = tf.losses.compute_weighted_loss(losses, weights)
    mean = tf.losses.compute_weighted_loss(losses, weights, reduction=tf.losses.Reduction.MEAN)
    with tf.Session() as sess:
        assert sess.run(loss) == pytest.approx((2 * 2 + 3 * 1) / 2)
        assert sess.run(mean) == pytest.approx((2 * 2 + 3 * 1) / 3)
    assert tf.get_collection(tf.GraphKeys.LOSSES) == [loss, mean]
