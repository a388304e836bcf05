"""Live training curves (issue 7): a 10,000-step training loop feeding viz.TrainingCurves every
step must not be more than 10% slower than the same loop without it.

Two lesson-sized loops, one `sess.run([training_op, mse])` per step: linear regression on 32
rows (about 40 us a step, so the loop is over before the first refresh is due) and a one-hidden-
layer network on 512 rows (a few seconds, so the picture is redrawn during the loop).  The
curves are created and drawn once before the loop, as `display(curves)` does in a notebook (that
loads matplotlib).  Read the ratio test's output with `-s`."""

import time

import numpy as np
import pytest

import learntf.compat.v1 as tf
import learntf.viz as viz

tf.disable_v2_behavior()  # TF1 programs on TensorFlow 2 start so: graphs and sessions

STEPS = 10_000


def make_loop(rows, hidden):
    """A training loop over one fixed batch: `loop(curves=None)` runs STEPS steps."""
    rng = np.random.default_rng(0)
    graph = tf.Graph()
    with graph.as_default():
        X = tf.placeholder(tf.float32, shape=(None, 8), name="X")
        y = tf.placeholder(tf.float32, shape=(None, 1), name="y")
        layer = X
        if hidden:
            w1 = tf.Variable(rng.normal(size=(8, hidden)).astype(np.float32) * 0.1, name="w1")
            layer = tf.nn.relu(tf.matmul(X, w1))
        w2 = tf.Variable(np.zeros((hidden or 8, 1), np.float32), name="w2")
        mse = tf.reduce_mean(tf.square(tf.matmul(layer, w2) - y), name="mse")
        training_op = tf.train.GradientDescentOptimizer(0.01).minimize(mse)
        init = tf.global_variables_initializer()
    sess = tf.Session(graph=graph)
    sess.run(init)
    X_batch = rng.normal(size=(rows, 8)).astype(np.float32)
    feed = {X: X_batch, y: X_batch.sum(axis=1, keepdims=True)}
    fetches = [training_op, mse]

    def loop(curves=None):
        for step in range(STEPS):
            _, mse_value = sess.run(fetches, feed)
            if curves is not None:
                curves.add(step, train=mse_value)

    return loop


LOOPS = {"linear-32-rows": (32, 0), "hidden-layer-512-rows": (512, 64)}


@pytest.fixture(scope="module", params=list(LOOPS))
def loop(request):
    return make_loop(*LOOPS[request.param])


def new_curves():
    curves = viz.TrainingCurves(("train",), log_scale=True)
    curves.redraw()  # what display(curves) does before the loop
    return curves


def test_loop_without_curves(benchmark, loop):
    benchmark.pedantic(loop, rounds=3, iterations=1)


def test_loop_with_curves(benchmark, loop):
    benchmark.pedantic(loop, setup=lambda: ((new_curves(),), {}), rounds=3, iterations=1)


def _timed(add, spent):
    """`add`, adding the seconds it takes to spent[0]."""

    def timed_add(*args, **values):
        started = time.perf_counter()
        add(*args, **values)
        spent[0] += time.perf_counter() - started

    return timed_add


def test_curves_slow_the_loop_by_less_than_ten_percent(loop):
    """Two measures: the time spent inside add() (redraws included) over the rest of the loop,
    taken within one run, so other programs on the machine hardly move it; and the best of
    five runs with and without the curves, interleaved."""
    without, with_curves, in_add, redraws = [], [], [], []
    for _ in range(5):
        start = time.perf_counter()
        loop()
        without.append(time.perf_counter() - start)
        curves, spent = new_curves(), [0.0]
        curves.add = _timed(curves.add, spent)
        start = time.perf_counter()
        loop(curves)
        with_curves.append(time.perf_counter() - start)
        in_add.append(spent[0] / (with_curves[-1] - spent[0]))
        redraws.append(curves.redraws - 1)
    share, overhead = min(in_add), min(with_curves) / min(without) - 1
    print(
        "\n%d steps: %.3f s without curves, %.3f s with (redraws during the loop: %s); "
        "add() takes %.1f%% of the loop's time; best-of-five overhead %.1f%%"
        % (STEPS, min(without), min(with_curves), redraws, 100 * share, 100 * overhead)
    )
    assert share < 0.10
