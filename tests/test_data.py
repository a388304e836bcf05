"""tf.data beyond what the parity corpus prints (tests/programs/data holds TF's recorded
output): loops inside tf.function, TF 1 pipelines fed through placeholders, graph-mode
reduce, AutoGraph in map functions.  Expected values are sums and counts worked out by hand."""

import os

import numpy as np
import pytest

import learntf as tf
import learntf.compat.v1 as tf1

pytestmark = pytest.mark.usefixtures("v2_behavior")  # (TF 1 cases build their own tf.Graph)


def test_a_for_loop_over_a_dataset_inside_tf_function_runs_at_each_call():
    @tf.function
    def total(ds):
        s = tf.constant(0, tf.int64)
        for x in ds:
            s += x
        return s

    squares = tf.data.Dataset.range(1, 6).map(lambda x: x * x)
    assert int(total(squares)) == 1 + 4 + 9 + 16 + 25
    assert int(total(squares.take(2))) == 1 + 4


def test_a_map_function_is_traced_once_and_converted_by_autograph():
    traces = []

    def clip(x):
        traces.append(x)
        if x > 2:  # a tensor condition: AutoGraph makes it a tf.cond
            return x * 0
        return x

    ds = tf.data.Dataset.range(5).map(clip)
    assert list(ds.as_numpy_iterator()) == [0, 1, 2, 0, 0]
    assert list(ds.as_numpy_iterator()) == [0, 1, 2, 0, 0]
    assert len(traces) == 1  # traced once, at map(): not once per element


def test_a_map_function_cannot_read_numpy_values_because_it_is_traced():
    with pytest.raises((AttributeError, NotImplementedError, TypeError)):
        tf.data.Dataset.range(3).map(lambda x: x.numpy())


def test_get_next_at_the_end_raises_out_of_range_and_next_stops():
    it = iter(tf.data.Dataset.range(1))
    assert int(it.get_next()) == 0
    with pytest.raises(tf.errors.OutOfRangeError, match="End of sequence"):
        it.get_next()
    assert next(iter(tf.data.Dataset.range(0)), None) is None


def test_tf1_placeholder_fed_pipeline_restarts_on_each_initializer_run():
    with tf.Graph().as_default():
        data = tf1.placeholder(tf.float32, [None])
        count = tf1.placeholder(tf.int64, [])
        ds = tf.data.Dataset.from_tensor_slices(data).map(lambda v: v * 2.0).repeat(count)
        iterator = tf1.data.make_initializable_iterator(ds)
        value = iterator.get_next()
        with tf1.Session() as sess:
            sess.run(iterator.initializer, {data: [1.0, 2.0], count: 2})
            assert [float(sess.run(value)) for _ in range(4)] == [2.0, 4.0, 2.0, 4.0]
            with pytest.raises(tf.errors.OutOfRangeError):
                sess.run(value)
            sess.run(iterator.initializer, {data: [5.0], count: 1})
            assert float(sess.run(value)) == 10.0


def test_tf1_reduce_and_graph_map_run_in_the_session():
    with tf.Graph().as_default():
        total = (
            tf.data.Dataset.range(5)
            .map(lambda x: tf.square(x))
            .reduce(tf.constant(0, tf.int64), lambda s, x: s + x)
        )
        with tf1.Session() as sess:
            assert int(sess.run(total)) == 0 + 1 + 4 + 9 + 16


def test_tf1_iterators_in_two_sessions_advance_independently():
    with tf.Graph().as_default():
        value = tf1.data.make_one_shot_iterator(tf.data.Dataset.range(3)).get_next()
        with tf1.Session() as a, tf1.Session() as b:
            assert [int(a.run(value)), int(a.run(value)), int(b.run(value))] == [0, 1, 0]


def test_flat_map_over_a_placeholder_length():
    with tf.Graph().as_default():
        n = tf1.placeholder(tf.int64, [])
        ds = tf.data.Dataset.range(n).flat_map(lambda i: tf.data.Dataset.range(i))
        it = tf1.data.make_initializable_iterator(ds)
        value = it.get_next()
        with tf1.Session() as sess:
            sess.run(it.initializer, {n: 4})
            got = []
            while True:
                try:
                    got.append(int(sess.run(value)))
                except tf.errors.OutOfRangeError:
                    break
    assert got == [0, 0, 1, 0, 1, 2]


def test_keras_fit_takes_a_dataset_of_batches():
    x = np.arange(8, dtype=np.float32).reshape(-1, 1)
    ds = tf.data.Dataset.from_tensor_slices((x, 2.0 * x)).batch(4)
    model = tf.keras.Sequential([tf.keras.Input(shape=(1,)), tf.keras.layers.Dense(1)])
    model.compile(optimizer="sgd", loss="mse")
    history = model.fit(ds, epochs=2, verbose=0)
    assert len(history.history["loss"]) == 2
    assert np.isfinite(model.evaluate(ds, verbose=0))


def test_the_shuffle_order_is_the_same_for_the_same_seed_and_a_permutation():
    a = list(tf.data.Dataset.range(20).shuffle(7, seed=3).as_numpy_iterator())
    b = list(tf.data.Dataset.range(20).shuffle(7, seed=3).as_numpy_iterator())
    assert a == b and sorted(a) == list(range(20))


def test_tf1_reduce_over_a_fed_placeholder():
    with tf.Graph().as_default():
        values = tf1.placeholder(tf.float32, [None])
        total = tf.data.Dataset.from_tensor_slices(values).reduce(0.0, lambda s, x: s + x)
        with tf1.Session() as sess:
            assert float(sess.run(total, {values: [1.0, 2.0, 3.5]})) == 6.5


def test_a_cache_file_is_a_tensor_bundle_replayed_by_a_later_dataset(tmp_path, monkeypatch):
    import pickle

    def refuse(*args, **kwargs):
        raise AssertionError("nothing is loaded with pickle")

    monkeypatch.setattr(pickle, "load", refuse)
    monkeypatch.setattr(pickle, "loads", refuse)
    prefix = str(tmp_path / "cache")
    first = tf.data.Dataset.from_tensor_slices(({"a": [1, 2]}, [b"x", b"y"])).cache(prefix)
    assert [(d["a"].numpy(), s.numpy()) for d, s in first] == [(1, b"x"), (2, b"y")]
    assert sorted(os.listdir(tmp_path)) == ["cache.data-00000-of-00001", "cache.index"]
    # A dataset with other values but the same cache file replays what the file holds, as TF.
    later = tf.data.Dataset.from_tensor_slices(({"a": [7, 8]}, [b"p", b"q"])).cache(prefix)
    assert [(d["a"].numpy(), s.numpy()) for d, s in later] == [(1, b"x"), (2, b"y")]
    with open(prefix + ".data-00000-of-00001", "r+b") as handle:
        handle.write(b"\xff")  # one damaged byte: never a silent wrong element
    damaged = tf.data.Dataset.from_tensor_slices(({"a": [7, 8]}, [b"p", b"q"])).cache(prefix)
    with pytest.raises(tf.errors.DataLossError):
        list(damaged)
