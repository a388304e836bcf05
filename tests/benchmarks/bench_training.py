"""Training overhead (issue 4): one epoch of mini-batch linear regression through
`optimizer.minimize` + feed_dict against the same maths in NumPy, and the cost of
value-and-gradient over value alone for a 3-layer MLP.  Compare ratios within one run."""

import numpy as np
import pytest

import learntf.compat.v1 as tf

tf.disable_v2_behavior()  # TF1 programs on TensorFlow 2 start so: graphs and sessions

M, N, BATCH, LR = 20640, 8, 100, 0.01


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(42)
    X = np.c_[np.ones((M, 1)), rng.normal(size=(M, N))].astype(np.float32)
    y = (X @ rng.normal(size=(N + 1, 1)) + 0.1 * rng.normal(size=(M, 1))).astype(np.float32)
    batches = [(X[i : i + BATCH], y[i : i + BATCH]) for i in range(0, M, BATCH)]
    return X, y, batches


def test_epoch_learntf(benchmark, data):
    _, _, batches = data
    tf.reset_default_graph()
    X = tf.placeholder(tf.float32, shape=(None, N + 1), name="X")
    y = tf.placeholder(tf.float32, shape=(None, 1), name="y")
    theta = tf.Variable(tf.zeros([N + 1, 1]), name="theta")
    mse = tf.reduce_mean(tf.square(tf.matmul(X, theta) - y), name="mse")
    training_op = tf.train.GradientDescentOptimizer(LR).minimize(mse)
    sess = tf.Session()
    sess.run(tf.global_variables_initializer())

    def epoch():
        for X_batch, y_batch in batches:
            sess.run(training_op, feed_dict={X: X_batch, y: y_batch})

    benchmark(epoch)
    assert np.isfinite(sess.run(theta)).all()


def test_epoch_numpy(benchmark, data):
    _, _, batches = data
    theta = np.zeros((N + 1, 1), dtype=np.float32)

    def epoch():
        nonlocal theta
        for X_batch, y_batch in batches:
            error = X_batch @ theta - y_batch
            gradients = (2.0 / len(X_batch)) * (X_batch.T @ error)
            theta = theta - np.float32(LR) * gradients

    benchmark(epoch)
    assert np.isfinite(theta).all()


@pytest.fixture(scope="module")
def mlp():
    tf.reset_default_graph()
    rng = np.random.default_rng(0)
    X = tf.placeholder(tf.float32, shape=(None, 64), name="X")
    layer, weights = X, []
    for i, (n_in, n_out) in enumerate([(64, 128), (128, 128), (128, 10)]):
        w = tf.Variable(
            rng.normal(scale=0.1, size=(n_in, n_out)).astype(np.float32), name="w%d" % i
        )
        b = tf.Variable(np.zeros(n_out, np.float32), name="b%d" % i)
        weights += [w, b]
        layer = tf.matmul(layer, w) + b
        if i < 2:
            layer = tf.nn.relu(layer)
    loss = tf.reduce_mean(tf.square(layer))
    grads = tf.gradients(loss, weights)
    sess = tf.Session()
    sess.run(tf.global_variables_initializer())
    batch = rng.normal(size=(128, 64)).astype(np.float32)
    yield sess, loss, grads, {X: batch}
    sess.close()


def test_mlp_value(benchmark, mlp):
    sess, loss, _, feed = mlp
    benchmark(sess.run, loss, feed)


def test_mlp_value_and_gradient(benchmark, mlp):
    sess, loss, grads, feed = mlp
    benchmark(sess.run, [loss, grads], feed)
