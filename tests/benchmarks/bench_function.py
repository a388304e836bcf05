"""tf.function (issue 9): a function of 100 small ops, traced, against the same in eager mode
(aim: the traced call at least 3x faster)."""

import pytest

import learntf as tf

pytestmark = pytest.mark.usefixtures("eager_mode")


def hundred_ops(x):
    for _ in range(25):
        x = tf.tanh(x * 0.5 + 0.1) - 0.01
    return x


def test_eager_100_ops(benchmark):
    x = tf.constant([0.1, 0.2, 0.3])
    benchmark(hundred_ops, x)


def test_traced_100_ops(benchmark):
    x = tf.constant([0.1, 0.2, 0.3])
    traced = tf.function(hundred_ops)
    assert (traced(x).numpy() == hundred_ops(x).numpy()).all()
    benchmark(traced, x)
