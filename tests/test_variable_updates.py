"""assign_add / assign_sub may reuse a variable's array (ops/variables.py, `_combine`), but only
when nothing else holds it: a value read or fetched before an update keeps its numbers, as in
TensorFlow, where a read is a snapshot.  Expected values are plain arithmetic."""

import numpy as np

import learntf as tf
import learntf.compat.v1 as v1


def test_eager_reads_taken_before_an_update_keep_their_values(eager_mode):
    v = tf.Variable([1.0, 2.0])
    read = v.read_value()
    array = v.numpy()
    identity = tf.identity(v)
    v.assign_sub([1.0, 1.0])
    v.assign_add([0.5, 0.5])
    assert read.numpy().tolist() == [1.0, 2.0]
    assert array.tolist() == [1.0, 2.0]
    assert identity.numpy().tolist() == [1.0, 2.0]
    assert v.numpy().tolist() == [0.5, 1.5]


def test_updates_that_nobody_watches_still_add_up(eager_mode):
    v = tf.Variable(np.full(4, 10.0, np.float32))
    for _ in range(5):
        v.assign_sub(np.ones(4, np.float32))
    v.assign_add(np.float32(0.25))
    assert v.numpy().tolist() == [5.25] * 4


def test_an_update_by_the_variables_own_value_doubles_or_zeroes_it(eager_mode):
    v = tf.Variable([3.0, 4.0])
    v.assign_add(v)
    assert v.numpy().tolist() == [6.0, 8.0]
    v.assign_sub(v.read_value())
    assert v.numpy().tolist() == [0.0, 0.0]


def test_a_fetched_value_does_not_change_when_training_runs():
    graph = v1.Graph()
    with graph.as_default():
        w = v1.Variable([1.0, 2.0])
        step = v1.assign_sub(w, [1.0, 1.0])
        with v1.Session() as sess:
            sess.run(v1.global_variables_initializer())
            before = sess.run(w)
            sess.run(step)
            sess.run(step)
            assert before.tolist() == [1.0, 2.0]
            assert sess.run(w).tolist() == [-1.0, 0.0]
