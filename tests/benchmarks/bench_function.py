"""tf.function (issue 9): a function of 100 small ops, traced, against the same in eager mode
(aim: the traced call at least 3x faster); and (issue 19) the same ops in a loop on a tensor,
which AutoGraph turns into one While op, against the same Python loop run eagerly."""

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


def loop_while(x, n):
    """The same 100 ops as a loop on a tensor: AutoGraph makes it one While op when traced."""
    i = tf.constant(0)
    while i < n:
        x = tf.tanh(x * 0.5 + 0.1) - 0.01
        i += 1
    return x


def test_eager_while_loop(benchmark):
    x, n = tf.constant([0.1, 0.2, 0.3]), tf.constant(25)
    benchmark(loop_while, x, n)


def test_traced_while_loop(benchmark):
    x, n = tf.constant([0.1, 0.2, 0.3]), tf.constant(25)
    traced = tf.function(loop_while)
    assert (traced(x, n).numpy() == hundred_ops(x).numpy()).all()
    graph = traced.get_concrete_function(x, n).graph
    assert "StatelessWhile" in [op.type for op in graph.get_operations()]
    benchmark(traced, x, n)
