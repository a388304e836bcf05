"""Eager training steps (issue 17) against the same maths written by hand in NumPy, in one
run: a GradientTape step of an MLP 784-256-10 (relu, sparse softmax cross-entropy, SGD through
`assign_sub`), batch 128, and one epoch of mini-batch linear regression (batch 100, 207
steps).  Aims: the MLP step under 1.3x NumPy, the epoch under 8x.  Compare ratios within one
run (`-o python_files="bench_*.py"`); correctness is asserted, timings are not."""

import numpy as np
import pytest

import learntf as tf

pytestmark = pytest.mark.usefixtures("eager_mode")

FEATURES, HIDDEN, CLASSES, BATCH, LR = 784, 256, 10, 128, np.float32(0.01)
M, N, LINREG_BATCH = 20640, 8, 100


@pytest.fixture(scope="module")
def mlp_data():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(BATCH, FEATURES)).astype(np.float32)
    y = rng.integers(0, CLASSES, size=BATCH).astype(np.int64)
    w1 = rng.normal(scale=0.05, size=(FEATURES, HIDDEN)).astype(np.float32)
    w2 = rng.normal(scale=0.05, size=(HIDDEN, CLASSES)).astype(np.float32)
    return x, y, w1, w2


def _numpy_mlp_step(x, y, params):
    """One SGD step of the MLP by hand; updates `params` in place, returns the loss."""
    w1, b1, w2, b2 = params
    n = len(x)
    z1 = x @ w1 + b1
    h = np.maximum(z1, 0)
    logits = h @ w2 + b2
    shifted = logits - logits.max(axis=1, keepdims=True)
    log_p = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    loss = -log_p[np.arange(n), y].mean()
    d_logits = np.exp(log_p)
    d_logits[np.arange(n), y] -= 1
    d_logits /= n
    d_h = (d_logits @ w2.T) * (z1 > 0)
    w2 -= LR * (h.T @ d_logits)
    b2 -= LR * d_logits.sum(axis=0)
    w1 -= LR * (x.T @ d_h)
    b1 -= LR * d_h.sum(axis=0)
    return loss


def _learntf_mlp(w1, w2):
    params = [
        tf.Variable(w1),
        tf.Variable(np.zeros(HIDDEN, np.float32)),
        tf.Variable(w2),
        tf.Variable(np.zeros(CLASSES, np.float32)),
    ]

    def step(x, y):
        w1, b1, w2, b2 = params
        with tf.GradientTape() as tape:
            h = tf.nn.relu(tf.matmul(x, w1) + b1)
            logits = tf.matmul(h, w2) + b2
            loss = tf.reduce_mean(
                tf.nn.sparse_softmax_cross_entropy_with_logits(labels=y, logits=logits)
            )
        for param, grad in zip(params, tape.gradient(loss, params)):
            param.assign_sub(LR * grad)
        return loss

    return params, step


def test_mlp_step_matches_numpy(mlp_data):
    """Not a timing: three learntf steps give NumPy's losses and weights (the same work)."""
    x, y, w1, w2 = mlp_data
    params, step = _learntf_mlp(w1, w2)
    expected = [w1.copy(), np.zeros(HIDDEN, np.float32), w2.copy(), np.zeros(CLASSES, np.float32)]
    xt, yt = tf.constant(x), tf.constant(y)
    for _ in range(3):
        loss = step(xt, yt)
        np.testing.assert_allclose(loss.numpy(), _numpy_mlp_step(x, y, expected), rtol=1e-5)
    for param, value in zip(params, expected):
        np.testing.assert_allclose(param.numpy(), value, rtol=1e-4, atol=1e-6)


def test_mlp_step_learntf(benchmark, mlp_data):
    x, y, w1, w2 = mlp_data
    _, step = _learntf_mlp(w1, w2)
    xt, yt = tf.constant(x), tf.constant(y)
    assert np.isfinite(benchmark(step, xt, yt).numpy())


def test_mlp_step_numpy(benchmark, mlp_data):
    x, y, w1, w2 = mlp_data
    params = [w1.copy(), np.zeros(HIDDEN, np.float32), w2.copy(), np.zeros(CLASSES, np.float32)]
    assert np.isfinite(benchmark(_numpy_mlp_step, x, y, params))


@pytest.fixture(scope="module")
def linreg_batches():
    rng = np.random.default_rng(42)
    X = np.c_[np.ones((M, 1)), rng.normal(size=(M, N))].astype(np.float32)
    y = (X @ rng.normal(size=(N + 1, 1)) + 0.1 * rng.normal(size=(M, 1))).astype(np.float32)
    return [(X[i : i + LINREG_BATCH], y[i : i + LINREG_BATCH]) for i in range(0, M, LINREG_BATCH)]


def _learntf_linreg_epoch(batches):
    theta = tf.Variable(tf.zeros([N + 1, 1]))
    tensors = [(tf.constant(xb), tf.constant(yb)) for xb, yb in batches]

    def epoch():
        for xb, yb in tensors:
            with tf.GradientTape() as tape:
                mse = tf.reduce_mean(tf.square(tf.matmul(xb, theta) - yb))
            theta.assign_sub(LR * tape.gradient(mse, theta))

    return theta, epoch


def _numpy_linreg_epoch(batches):
    theta = np.zeros((N + 1, 1), np.float32)

    def epoch():
        nonlocal theta
        for xb, yb in batches:
            error = xb @ theta - yb
            theta = theta - LR * ((2.0 / len(xb)) * (xb.T @ error)).astype(np.float32)
        return theta

    return epoch


def test_linreg_epoch_matches_numpy(linreg_batches):
    """Not a timing: one learntf epoch gives the NumPy epoch's weights."""
    theta, epoch = _learntf_linreg_epoch(linreg_batches)
    epoch()
    np.testing.assert_allclose(
        theta.numpy(), _numpy_linreg_epoch(linreg_batches)(), rtol=1e-4, atol=1e-5
    )


def test_linreg_epoch_learntf(benchmark, linreg_batches):
    theta, epoch = _learntf_linreg_epoch(linreg_batches)
    benchmark(epoch)
    assert np.isfinite(theta.numpy()).all()


def test_linreg_epoch_numpy(benchmark, linreg_batches):
    assert np.isfinite(benchmark(_numpy_linreg_epoch(linreg_batches))).all()
