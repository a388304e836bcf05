"""Session.run overhead against the same arithmetic in plain NumPy (run: make benchmark).

The figure that matters is the ratio of the two medians measured in one run; real TF1's
Session.run costs about 70x plain NumPy on this graph."""

import numpy as np
import pytest

import learntf.compat.v1 as tf

tf.disable_v2_behavior()  # TF1 programs on TensorFlow 2 start so: graphs and sessions


@pytest.fixture(scope="module")
def f_session():
    tf.reset_default_graph()
    x = tf.Variable(3, name="x")
    y = tf.Variable(4, name="y")
    f = x * x * y + y + 2
    sess = tf.Session()
    sess.run(tf.global_variables_initializer())
    yield sess, f
    sess.close()


def test_session_run_f(benchmark, f_session):
    sess, f = f_session
    assert benchmark(sess.run, f) == 42


def test_numpy_f(benchmark):
    x = np.array(3, dtype=np.int32)
    y = np.array(4, dtype=np.int32)
    assert benchmark(lambda: x * x * y + y + 2) == 42
