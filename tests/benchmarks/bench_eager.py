"""Eager overhead (issue 8): one small eager add against the bare NumPy call, and a tape's
value-and-gradient of f = x*x*y + y + 2 against the same maths written by hand in NumPy."""

import numpy as np
import pytest

import learntf as tf

pytestmark = pytest.mark.usefixtures("eager_mode")


def test_eager_add(benchmark):
    a, b = tf.constant([1.0, 2.0]), tf.constant([3.0, 4.0])
    assert benchmark(lambda: a + b).numpy().tolist() == [4.0, 6.0]


def test_numpy_add(benchmark):
    a, b = np.array([1.0, 2.0], np.float32), np.array([3.0, 4.0], np.float32)
    assert benchmark(lambda: a + b).tolist() == [4.0, 6.0]


def test_tape_value_and_gradient(benchmark):
    x, y = tf.Variable(3.0), tf.Variable(4.0)

    def step():
        with tf.GradientTape() as tape:
            f = x * x * y + y + 2
        return f, tape.gradient(f, [x, y])

    f, (dx, dy) = benchmark(step)
    assert (float(f), float(dx), float(dy)) == (42.0, 24.0, 10.0)


def test_numpy_value_and_gradient(benchmark):
    x, y = np.float32(3.0), np.float32(4.0)

    def step():
        f = x * x * y + y + 2
        return f, (2 * x * y, x * x + 1)

    f, (dx, dy) = benchmark(step)
    assert (f, dx, dy) == (42.0, 24.0, 10.0)
