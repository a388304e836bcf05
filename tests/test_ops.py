"""Op kernels against NumPy: values, dtypes and broadcasting."""

import numpy as np
import pytest

import learntf.compat.v1 as tf

tf.disable_v2_behavior()  # TF1 programs on TensorFlow 2 start so: graphs and sessions


pytestmark = pytest.mark.usefixtures("fresh_graph")


def run(t, feed=None):
    with tf.Session() as sess:
        return sess.run(t, feed_dict=feed)


A = np.array([[1.0, -2.0, 3.0], [4.0, 5.0, -6.0]], dtype=np.float32)
B = np.array([0.5, 2.0, -1.0], dtype=np.float32)


@pytest.mark.parametrize(
    "tf_fn,np_fn",
    [
        (tf.add, np.add),
        (tf.subtract, np.subtract),
        (tf.multiply, np.multiply),
        (tf.divide, np.divide),
        (tf.maximum, np.maximum),
        (tf.minimum, np.minimum),
        (tf.pow, lambda a, b: np.power(np.abs(a), b)),
    ],
)
def test_broadcasting_binary_ops_match_numpy(tf_fn, np_fn):
    a = np.abs(A) if tf_fn is tf.pow else A
    result = run(tf_fn(tf.constant(a), tf.constant(B)))
    np.testing.assert_allclose(result, np_fn(a, B), rtol=1e-6)
    assert result.dtype == np.float32


@pytest.mark.parametrize(
    "tf_fn,np_fn",
    [
        (tf.square, np.square),
        (tf.abs, np.abs),
        (tf.negative, np.negative),
        (tf.exp, np.exp),
        (tf.tanh, np.tanh),
        (tf.nn.relu, lambda a: np.maximum(a, 0)),
        (tf.sigmoid, lambda a: 1 / (1 + np.exp(-a))),
    ],
)
def test_unary_ops_match_numpy(tf_fn, np_fn):
    result = run(tf_fn(tf.constant(A)))
    np.testing.assert_allclose(result, np_fn(A), rtol=1e-6)
    assert result.dtype == np.float32


def test_sqrt_and_log_of_positive_values():
    x = np.array([0.25, 1.0, 9.0], dtype=np.float32)
    np.testing.assert_allclose(run(tf.sqrt(x)), [0.5, 1.0, 3.0])
    np.testing.assert_allclose(run(tf.log(x)), np.log(x), rtol=1e-6)
    assert run(tf.log(tf.constant(0.0))) == -np.inf  # like TF: no warning, no error


def test_sigmoid_and_softmax_are_stable_for_huge_logits():
    logits = tf.constant([[1000.0, 0.0, -1000.0]])
    np.testing.assert_allclose(run(tf.nn.softmax(logits)), [[1.0, 0.0, 0.0]])
    np.testing.assert_allclose(run(tf.sigmoid(tf.constant([-1000.0, 1000.0]))), [0.0, 1.0])


@pytest.mark.parametrize("axis,keepdims", [(None, False), (0, False), (1, True), ([0, 1], False)])
def test_reductions(axis, keepdims):
    x = tf.constant(A)
    np.testing.assert_allclose(
        run(tf.reduce_sum(x, axis=axis, keepdims=keepdims)),
        np.sum(A, axis=None if axis is None else tuple(np.atleast_1d(axis)), keepdims=keepdims),
    )
    np.testing.assert_allclose(
        run(tf.reduce_mean(x, axis=axis, keepdims=keepdims)),
        np.mean(A, axis=None if axis is None else tuple(np.atleast_1d(axis)), keepdims=keepdims),
        rtol=1e-6,
    )
    np.testing.assert_allclose(
        run(tf.reduce_max(x, axis=axis, keepdims=keepdims)),
        np.max(A, axis=None if axis is None else tuple(np.atleast_1d(axis)), keepdims=keepdims),
    )


def test_integer_mean_truncates_like_tf():
    assert run(tf.reduce_mean(tf.constant([1, 2]))) == 1
    assert run(tf.reduce_mean(tf.constant([-1, -2]))) == -1


def test_matmul_transpose_and_inverse_solve_the_normal_equation():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(50, 3))
    y = X @ np.array([[1.0], [-2.0], [0.5]])
    Xt = tf.constant(X)
    XT = tf.transpose(Xt)
    theta = tf.matmul(tf.matmul(tf.matrix_inverse(tf.matmul(XT, Xt)), XT), tf.constant(y))
    np.testing.assert_allclose(run(theta), [[1.0], [-2.0], [0.5]], atol=1e-10)
    np.testing.assert_allclose(
        run(tf.matmul(tf.constant(A), tf.constant(A), transpose_b=True)), A @ A.T
    )
    np.testing.assert_allclose(run(tf.constant(A) @ tf.constant(A.T)), A @ A.T)


def test_array_ops():
    x = tf.constant(A)
    np.testing.assert_array_equal(run(tf.reshape(x, [3, -1])), A.reshape(3, -1))
    np.testing.assert_array_equal(run(tf.concat([x, x], 0)), np.concatenate([A, A], 0))
    np.testing.assert_array_equal(run(tf.stack([B, B], axis=1)), np.stack([B, B], axis=1))
    np.testing.assert_array_equal(run(tf.fill([2, 2], 7)), [[7, 7], [7, 7]])
    np.testing.assert_array_equal(run(tf.range(5)), np.arange(5))
    np.testing.assert_array_equal(
        run(tf.range(1, 2, 0.25)), np.arange(1, 2, 0.25, dtype=np.float32)
    )
    np.testing.assert_array_equal(run(tf.zeros([2, 3])), np.zeros((2, 3)))
    np.testing.assert_array_equal(run(tf.ones([40, 30])), np.ones((40, 30)))
    np.testing.assert_array_equal(run(tf.cast(tf.constant([1.7, -1.7]), tf.int32)), [1, -1])
    np.testing.assert_array_equal(run(tf.argmax(x, axis=1)), [2, 1])
    assert run(tf.argmax(x, axis=1)).dtype == np.int64
    np.testing.assert_array_equal(run(tf.add_n([x, x, x])), 3 * A)
    np.testing.assert_array_equal(run(tf.where(x > 0, x, tf.zeros_like(x))), np.where(A > 0, A, 0))
    np.testing.assert_array_equal(run(tf.equal(x, x)), np.ones_like(A, dtype=bool))


def test_slicing_like_numpy():
    t = tf.constant([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    np.testing.assert_array_equal(run(t[:, 1:]), [[2.0, 3.0], [5.0, 6.0]])
    np.testing.assert_array_equal(run(t[..., 1]), [2.0, 5.0])
    assert run(t[1, 2]) == 6.0
    np.testing.assert_array_equal(run(t[::-1, tf.newaxis, 0]), [[4.0], [1.0]])


def test_comparisons_and_integer_arithmetic():
    a, b = tf.constant(7), tf.constant(2)
    assert run(a // b) == 3
    assert run(a % b) == 1
    assert run(-a // b) == -4
    assert run(a**b) == 49
    assert run(a > b) and not run(a < b)
    with pytest.raises(tf.errors.InvalidArgumentError, match="Integer division by zero"):
        run(a // tf.constant(0))


def test_tf1_and_tf2_cross_entropy_differ_only_in_the_labels_gradient(eager_mode):
    # TF2's tf.nn.softmax_cross_entropy_with_logits lets the gradient reach the labels:
    # d/d(labels) of -sum(labels * log_softmax(logits)) = -log_softmax(logits).  TF1's (still in
    # tf.compat.v1.nn) puts a StopGradient on them.
    import learntf

    labels = learntf.Variable([[0.2, 0.8]])
    logits = learntf.constant([[1.0, 2.0]])
    expected = -(np.array([1.0, 2.0]) - np.log(np.exp(1.0) + np.exp(2.0)))
    for nn, gradient in ((learntf.nn, expected), (tf.nn, None)):
        with learntf.GradientTape() as tape:
            loss = nn.softmax_cross_entropy_with_logits(labels=labels, logits=logits)
        result = tape.gradient(loss, labels)
        if gradient is None:
            assert result is None
        else:
            np.testing.assert_allclose(result.numpy()[0], gradient, rtol=1e-6)


def test_tf1_dropout_takes_keep_prob_second():
    x = tf.ones([4, 5])
    by_keep_prob = tf.nn.dropout(x, 0.7, seed=3)
    by_rate = tf.nn.dropout(x, rate=0.3, seed=3)
    with tf.Session() as sess:
        kept, rated = sess.run([by_keep_prob, by_rate])
    np.testing.assert_array_equal(kept, rated)
    assert set(np.unique(kept)) <= {0.0, np.float32(1 / 0.7)}
    with pytest.raises(ValueError, match="Cannot specify both"):
        tf.nn.dropout(x, 0.7, rate=0.3)
