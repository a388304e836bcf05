"""tf.RaggedTensor (unit 16): values + row_splits, printing, indexing, concat, padding,
element-wise maths and row reductions, gradients to the values, and graph mode.  Expected values
are TensorFlow's (its documentation examples) or worked out by hand from the row splits."""

import numpy as np
import pytest

import learntf as tf
from learntf import errors
from learntf.ops import gather_ops

pytestmark = pytest.mark.usefixtures("eager_mode")


def seed_ragged():
    return tf.ragged.constant([[11, 22], [21, 22, 23], [], [41]])


# -- what a RaggedTensor is ----------------------------------------------------------------------
def test_constant_is_values_plus_row_splits():
    r = seed_ragged()
    assert r.values.numpy().tolist() == [11, 22, 21, 22, 23, 41]
    assert r.row_splits.numpy().tolist() == [0, 2, 5, 5, 6]
    assert r.dtype == tf.int32 and r.row_splits.dtype == tf.int64
    assert r.ragged_rank == 1
    assert str(r.shape) == "(4, None)"
    assert repr(r) == str(r) == "<tf.RaggedTensor [[11, 22], [21, 22, 23], [], [41]]>"


def test_row_partition_views():
    r = seed_ragged()
    assert r.row_lengths().numpy().tolist() == [2, 3, 0, 1]
    assert r.nrows().numpy() == 4
    assert r.value_rowids().numpy().tolist() == [0, 0, 1, 1, 1, 3]
    assert r.row_starts().numpy().tolist() == [0, 2, 5, 5]
    assert r.row_limits().numpy().tolist() == [2, 5, 5, 6]
    assert r.bounding_shape().numpy().tolist() == [4, 3]


def test_dtypes_follow_tf_constant():
    assert str(tf.ragged.constant([[1.0, 2.0], [3.0]])) == "<tf.RaggedTensor [[1.0, 2.0], [3.0]]>"
    words = tf.ragged.constant([["a", "b"], ["c"]])
    assert words.dtype == tf.string
    assert str(words) == "<tf.RaggedTensor [[b'a', b'b'], [b'c']]>"
    assert tf.ragged.constant([[], []]).dtype == tf.float32
    assert tf.ragged.constant([[1, 2]], dtype=tf.int64).dtype == tf.int64


def test_nesting_gives_ragged_rank_and_shape():
    r3 = tf.ragged.constant([[[1, 2], [3]], [[4]], []])
    assert r3.ragged_rank == 2 and str(r3.shape) == "(3, None, None)"
    uniform_inner = tf.ragged.constant([[[1, 2], [3, 4]], [[5, 6]]], ragged_rank=1)
    assert uniform_inner.ragged_rank == 1 and str(uniform_inner.shape) == "(2, None, 2)"
    flat = tf.ragged.constant([1, 2, 3])  # nothing ragged: an ordinary Tensor
    assert not isinstance(flat, tf.RaggedTensor)
    with pytest.raises(ValueError, match="all scalar values must have the same nesting depth"):
        tf.ragged.constant([[1, [2]]])


def test_factories_from_tensorflow_docs():
    expected = [[3, 1, 4, 1], [], [5, 9, 2], [6], []]
    values = [3, 1, 4, 1, 5, 9, 2, 6]
    assert tf.RaggedTensor.from_row_splits(values, [0, 4, 4, 7, 8, 8]).to_list() == expected
    assert tf.RaggedTensor.from_row_lengths(values, [4, 0, 3, 1, 0]).to_list() == expected
    assert (
        tf.RaggedTensor.from_value_rowids(values, [0, 0, 0, 0, 2, 2, 2, 3], nrows=5).to_list()
        == expected
    )
    assert tf.RaggedTensor.from_row_starts(values, [0, 4, 4, 7, 8]).to_list() == expected
    assert tf.RaggedTensor.from_row_limits(values, [4, 4, 7, 8, 8]).to_list() == expected
    nested = tf.RaggedTensor.from_nested_row_lengths([1, 2, 3, 4], [[2, 1], [1, 0, 3]])
    assert nested.to_list() == [[[1], []], [[2, 3, 4]]]


def test_factories_on_partitions_known_only_at_run_time():
    """The factories build their row_splits with ops, so a tf.function's arguments can
    partition the rows (expected: the rows the partitions describe)."""

    @tf.function
    def build(values, ids, lengths, starts, limits):
        return (
            tf.RaggedTensor.from_value_rowids(values, ids, nrows=5).to_tensor(),
            tf.RaggedTensor.from_row_lengths(values, lengths).to_tensor(),
            tf.RaggedTensor.from_row_starts(values, starts).to_tensor(),
            tf.RaggedTensor.from_row_limits(values, limits).to_tensor(),
            tf.RaggedTensor.from_tensor(tf.reshape(values, [2, 4]), lengths=[1, 3]).to_tensor(),
        )

    padded = [[3, 1, 4, 1], [0, 0, 0, 0], [5, 9, 2, 0], [6, 0, 0, 0], [0, 0, 0, 0]]
    results = build(
        tf.constant([3, 1, 4, 1, 5, 9, 2, 6]),
        tf.constant([0, 0, 0, 0, 2, 2, 2, 3], tf.int64),
        tf.constant([4, 0, 3, 1, 0], tf.int64),
        tf.constant([0, 4, 4, 7, 8], tf.int64),
        tf.constant([4, 4, 7, 8, 8], tf.int64),
    )
    for result in results[:4]:
        assert result.numpy().tolist() == padded
    assert results[4].numpy().tolist() == [[3, 0, 0], [5, 9, 2]]


def test_segment_ids_to_row_splits_and_bincount():
    assert tf.ragged.segment_ids_to_row_splits([0, 0, 2, 2, 3]).numpy().tolist() == [0, 2, 2, 4, 5]
    splits = tf.ragged.segment_ids_to_row_splits(tf.constant([0, 1, 1], tf.int64), 4)
    assert splits.numpy().tolist() == [0, 1, 3, 3, 3] and splits.dtype == tf.int64
    assert tf.math.bincount([1, 3, 3]).numpy().tolist() == [0, 1, 0, 2]
    assert tf.math.bincount([1, 3, 3], minlength=6).numpy().tolist() == [0, 1, 0, 2, 0, 0]
    assert tf.math.bincount([1, 3, 3], maxlength=2).numpy().tolist() == [0, 1]
    weighted = tf.math.bincount([1, 3, 3], weights=[0.5, 1.0, 2.0])
    assert weighted.numpy().tolist() == [0.0, 0.5, 0.0, 3.0] and weighted.dtype == tf.float32
    assert tf.math.bincount([], minlength=2).numpy().tolist() == [0, 0]
    with pytest.raises(errors.InvalidArgumentError, match="Input arr must be non-negative!"):
        tf.math.bincount([1, -1])


def test_ragged_range_adds_delta_step_by_step():
    assert tf.ragged.range([0, 2, 5], [3, 3, 8]).to_list() == [[0, 1, 2], [2], [5, 6, 7]]
    assert tf.ragged.range(5, 0, -2).to_list() == [[5, 3, 1]]
    mixed = tf.ragged.range([3, 2.5])
    assert mixed.dtype == tf.float32 and mixed.to_list() == [[0.0, 1.0, 2.0], [0.0, 1.0, 2.0]]
    tenths = tf.ragged.range([0.0], [3.0], [0.1]).values.numpy()
    step, expected = np.float32(0.1), [np.float32(0)]
    while len(expected) < 30:  # ceil(3 / 0.1) numbers, each the previous one plus delta
        expected.append(np.float32(expected[-1] + step))
    assert tenths.tolist() == expected
    with pytest.raises(errors.InvalidArgumentError, match="Requires delta != 0"):
        tf.ragged.range([0], [3], 0)
    with pytest.raises(errors.InvalidArgumentError, match="must have the same shape"):
        tf.ragged.range([0, 1], [3, 4, 5])


def test_reduction_along_axis_0_with_run_time_splits():
    @tf.function
    def column_sums(values, lengths):
        return tf.reduce_sum(tf.RaggedTensor.from_row_lengths(values, lengths), axis=0)

    result = column_sums(tf.constant([3, 1, 4, 1, 5, 9, 2, 6]), tf.constant([3, 2, 1, 2]))
    assert result.numpy().tolist() == [3 + 1 + 9 + 2, 1 + 5 + 6, 4]


def test_from_tensor_with_lengths_or_padding():
    dense = [[1, 2, 0], [3, 0, 0]]
    assert tf.RaggedTensor.from_tensor(dense).to_list() == [[1, 2, 0], [3, 0, 0]]
    assert tf.RaggedTensor.from_tensor(dense, padding=0).to_list() == [[1, 2], [3]]
    assert tf.RaggedTensor.from_tensor(dense, lengths=[1, 3]).to_list() == [[1], [3, 0, 0]]
    assert tf.RaggedTensor.from_tensor([[5, 7, 0], [0, 3, 0], [6, 0, 0]], padding=0).to_list() == [
        [5, 7],
        [0, 3],
        [6],
    ]


def test_the_constructor_is_private_and_factories_validate():
    with pytest.raises(ValueError, match="RaggedTensor constructor is private"):
        tf.RaggedTensor(tf.constant([1]), tf.constant([0, 1], dtype=tf.int64))
    with pytest.raises(errors.InvalidArgumentError, match="do not form a valid RaggedTensor:zero"):
        tf.RaggedTensor.from_row_splits([1, 2], [1, 2])
    with pytest.raises(
        errors.InvalidArgumentError, match="do not form a valid RaggedTensor:monotonic"
    ):
        tf.RaggedTensor.from_row_splits([1, 2], [0, 2, 1, 2])
    with pytest.raises(errors.InvalidArgumentError, match="do not form a valid RaggedTensor"):
        tf.RaggedTensor.from_row_splits([1, 2, 3], [0, 2])
    with pytest.raises(ValueError, match="row_splits tensor may not be empty"):
        tf.RaggedTensor.from_row_splits([1], [])


def test_numpy_and_to_list():
    r = seed_ragged()
    rows = r.numpy()
    assert rows.dtype == object and [row.tolist() for row in rows] == r.to_list()
    assert rows[1].dtype == np.int32


# -- indexing --------------------------------------------------------------------------------------
def test_row_index_gives_a_tensor_slice_gives_ragged():
    r = seed_ragged()
    assert str(r[1]) == "tf.Tensor([21 22 23], shape=(3,), dtype=int32)"
    assert str(r[1:3]) == "<tf.RaggedTensor [[21, 22, 23], []]>"
    assert r[-1].numpy().tolist() == [41]
    assert r[::2].to_list() == [[11, 22], []]
    assert r[1, 2].numpy() == 23
    assert [row.numpy().tolist() for row in r] == [[11, 22], [21, 22, 23], [], [41]]


def test_slicing_inside_rows():
    r = seed_ragged()
    assert r[:, 1:].to_list() == [[22], [22, 23], [], []]
    assert r[:, -1:].to_list() == [[22], [23], [], [41]]
    assert r[1:, :2].to_list() == [[21, 22], [], [41]]
    r3 = tf.ragged.constant([[[1, 2, 3], [4]], [[5], [], [6]], [[7]], [[8, 9], [10]]])
    assert r3[1].to_list() == [[5], [], [6]]
    assert r3[3, 0].numpy().tolist() == [8, 9]
    assert r3[:, 1:3].to_list() == [[[4]], [[], [6]], [], [[10]]]


def test_indexing_errors_as_tensorflow_raises_them():
    r = seed_ragged()
    with pytest.raises(IndexError, match="Row key 4 out of bounds"):
        r[4]
    with pytest.raises(ValueError, match="Cannot index into an inner ragged dimension."):
        r[:, 1]


# -- concat and stack ------------------------------------------------------------------------------
def test_concat_rows_and_columns_from_tensorflow_docs():
    t1 = tf.ragged.constant([[1, 2], [3, 4, 5]])
    t2 = tf.ragged.constant([[6], [7, 8, 9]])
    assert (
        str(tf.concat([t1, t2], axis=0)) == "<tf.RaggedTensor [[1, 2], [3, 4, 5], [6], [7, 8, 9]]>"
    )
    assert str(tf.concat([t1, t2], axis=1)) == "<tf.RaggedTensor [[1, 2, 6], [3, 4, 5, 7, 8, 9]]>"
    assert tf.concat([t1, t2, t1], axis=-1).to_list() == [
        [1, 2, 6, 1, 2],
        [3, 4, 5, 7, 8, 9, 3, 4, 5],
    ]


def test_concat_along_columns_needs_equal_row_counts():
    r = seed_ragged()
    with pytest.raises(errors.InvalidArgumentError) as raised:
        tf.concat([r, tf.ragged.constant([[51, 52], [], [71]])], axis=1)
    # What TF 2.21 prints (x is input 0's row count, y the other input's), then learntf's line.
    assert str(raised.value).startswith(
        "Input tensors at index 0 (=x) and 1 (=y) have incompatible shapes.\n"
        "Condition x == y did not hold.\nFirst 1 elements of x:\n[4]\nFirst 1 elements of y:\n[3]\n"
        "(learntf: "
    )


def test_concat_row_count_error_names_the_first_input_that_differs():
    a, b = tf.ragged.constant([[1], [2], [3]]), tf.ragged.constant([[1], [2]])
    with pytest.raises(errors.InvalidArgumentError) as raised:
        tf.concat([a, a, b], axis=1)
    # What TF 2.21 prints for this call.
    assert str(raised.value).splitlines()[:5] == [
        "Input tensors at index 0 (=x) and 2 (=y) have incompatible shapes.",
        "Condition x == y did not hold.",
        "First 1 elements of x:",
        "[3]",
        "First 1 elements of y:",
    ]
    assert str(raised.value).splitlines()[5] == "[2]"


def test_concat_mixes_dense_and_ragged_and_keeps_dense_concat():
    r = tf.ragged.constant([[1], [2, 3]])
    assert tf.concat([r, tf.constant([[7, 8], [9, 10]])], axis=1).to_list() == [
        [1, 7, 8],
        [2, 3, 9, 10],
    ]
    dense = tf.concat([tf.constant([[1]]), tf.constant([[2]])], axis=0)
    assert not isinstance(dense, tf.RaggedTensor) and dense.numpy().tolist() == [[1], [2]]


def test_ragged_stack_from_tensorflow_docs():
    t1 = tf.ragged.constant([[1, 2], [3, 4, 5]])
    t2 = tf.ragged.constant([[6], [7, 8, 9]])
    # What TF 2.21 prints: the outer rows have equal lengths, so NumPy stacks them on two lines.
    assert (
        str(tf.ragged.stack([t1, t2], axis=0))
        == "<tf.RaggedTensor [[[1, 2], [3, 4, 5]],\n [[6], [7, 8, 9]]]>"
    )
    assert (
        str(tf.ragged.stack([t1, t2], axis=1))
        == "<tf.RaggedTensor [[[1, 2], [6]],\n [[3, 4, 5], [7, 8, 9]]]>"
    )


# -- to_tensor -------------------------------------------------------------------------------------
def test_to_tensor_pads_with_zeros_a_default_or_to_a_shape():
    r = seed_ragged()
    np.testing.assert_array_equal(
        r.to_tensor().numpy(), [[11, 22, 0], [21, 22, 23], [0, 0, 0], [41, 0, 0]]
    )
    np.testing.assert_array_equal(
        r.to_tensor(default_value=-1).numpy(),
        [[11, 22, -1], [21, 22, 23], [-1, -1, -1], [41, -1, -1]],
    )
    np.testing.assert_array_equal(r.to_tensor(shape=[2, 2]).numpy(), [[11, 22], [21, 22]])
    np.testing.assert_array_equal(r.to_tensor(shape=[None, 4]).numpy()[0], [11, 22, 0, 0])
    r3 = tf.ragged.constant([[[1, 2], [3]], [[4]], []])
    assert r3.to_tensor().shape.as_list() == [3, 2, 2]
    assert tf.ragged.constant([["a"], []]).to_tensor().numpy().tolist() == [[b"a"], [b""]]


def test_to_sparse():
    sparse = tf.ragged.constant([[1, 2], [], [3]]).to_sparse()
    assert sparse.indices.numpy().tolist() == [[0, 0], [0, 1], [2, 0]]
    assert sparse.dense_shape.numpy().tolist() == [3, 2]
    np.testing.assert_array_equal(tf.sparse.to_dense(sparse).numpy(), [[1, 2], [0, 0], [3, 0]])


# -- maths -----------------------------------------------------------------------------------------
def test_elementwise_ops_act_on_values():
    r = seed_ragged()
    assert (r + 1).to_list() == [[12, 23], [22, 23, 24], [], [42]]
    assert (2 * r).to_list() == [[22, 44], [42, 44, 46], [], [82]]
    assert (100 - r).to_list() == [[89, 78], [79, 78, 77], [], [59]]
    assert (r * r).to_list() == tf.square(r).to_list()
    assert (-r).to_list()[0] == [-11, -22]
    assert (r > 21).to_list() == [[False, True], [False, True, True], [], [True]]
    assert (r == 22).to_list() == [[False, True], [False, True, False], [], [False]]
    assert tf.cast(r, tf.float32).dtype == tf.float32
    assert tf.abs(-r).to_list() == r.to_list()
    per_row = r + tf.constant([[100], [200], [300], [400]])
    assert per_row.to_list() == [[111, 122], [221, 222, 223], [], [441]]
    assert tf.ragged.map_flat_values(tf.maximum, r, 22).to_list() == [
        [22, 22],
        [22, 22, 23],
        [],
        [41],
    ]


def test_elementwise_ops_need_the_same_rows():
    # (TF's words: its assert_equal of the row_splits; tests/bad_input_cases.py records them)
    with pytest.raises(errors.InvalidArgumentError, match="Condition x == y did not hold"):
        seed_ragged() + tf.ragged.constant([[1], [2], [3], [4]])


def test_dense_only_ops_say_what_to_do():
    with pytest.raises(TypeError, match="rt.to_tensor"):
        tf.reshape(seed_ragged(), [-1])


def test_reductions_from_tensorflow_docs():
    rt = tf.ragged.constant([[3, 1, 4], [1, 5], [9], [2, 6]])
    assert tf.reduce_sum(rt, axis=0).numpy().tolist() == [15, 12, 4]
    assert tf.reduce_sum(rt, axis=1).numpy().tolist() == [8, 6, 9, 8]
    assert tf.reduce_max(rt, axis=0).numpy().tolist() == [9, 6, 4]
    assert tf.reduce_max(rt, axis=1).numpy().tolist() == [4, 5, 9, 6]
    np.testing.assert_allclose(tf.reduce_mean(rt, axis=0).numpy(), [3.75, 4.0, 4.0])
    np.testing.assert_allclose(tf.reduce_mean(rt, axis=1).numpy(), [8 / 3, 3.0, 9.0, 4.0])
    assert tf.reduce_mean(rt, axis=1).dtype == tf.float64  # total / count, as TF divides ints
    assert tf.reduce_sum(rt).numpy() == 31
    assert tf.reduce_sum(rt, axis=[0, 1]).numpy() == 31
    assert tf.reduce_prod(rt, axis=1).numpy().tolist() == [12, 5, 9, 12]


def test_reductions_of_empty_rows():
    r = seed_ragged()
    assert tf.reduce_sum(r, axis=1).numpy().tolist() == [33, 66, 0, 41]
    assert tf.reduce_max(r, axis=1).numpy()[2] == np.iinfo(np.int32).min  # TF: lowest value
    assert np.isnan(tf.reduce_mean(tf.cast(r, tf.float32), axis=1).numpy()[2])
    flags = tf.ragged.constant([[True, False], [], [True]])
    assert tf.reduce_any(flags, axis=1).numpy().tolist() == [True, False, True]
    assert tf.reduce_all(flags, axis=1).numpy().tolist() == [False, True, True]


def test_reductions_over_inner_ragged_and_dense_axes():
    r3 = tf.ragged.constant([[[1, 2], [3]], [[4]], []])
    assert tf.reduce_sum(r3, axis=2).to_list() == [[3, 3], [4], []]
    dense_inner = tf.ragged.constant([[[1, 2], [3, 4]], [[5, 6]]], ragged_rank=1)
    assert tf.reduce_sum(dense_inner, axis=2).to_list() == [[3, 7], [11]]
    assert tf.reduce_sum(dense_inner, axis=1).numpy().tolist() == [[4, 6], [5, 6]]


# -- gradients -------------------------------------------------------------------------------------
def numeric_gradient(f, x, delta=1e-6):
    """Central differences of the scalar f(tensor) with respect to every entry of x."""
    x = np.asarray(x, dtype=np.float64)
    result = np.zeros_like(x)
    for index in np.ndindex(x.shape):
        up, down = x.copy(), x.copy()
        up[index] += delta
        down[index] -= delta
        result[index] = (f(tf.constant(up)).numpy() - f(tf.constant(down)).numpy()) / (2 * delta)
    return result


def tape_gradient(f, x):
    x = tf.constant(np.asarray(x, dtype=np.float64))
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = f(x)
    return tf.convert_to_tensor(tape.gradient(y, x)).numpy()  # (gather's: an IndexedSlices)


SPLITS = [0, 2, 5, 5, 6]
WEIGHTS = np.arange(1.0, 13.0).reshape(4, 3)


@pytest.mark.parametrize(
    "name,f",
    [
        (
            "to_tensor",
            lambda v: tf.reduce_sum(
                tf.RaggedTensor.from_row_splits(v, SPLITS).to_tensor() * WEIGHTS
            ),
        ),
        (
            "to_tensor truncated",
            lambda v: tf.reduce_sum(
                tf.RaggedTensor.from_row_splits(v, SPLITS).to_tensor(shape=[4, 2]) * WEIGHTS[:, :2]
            ),
        ),
        (
            "square",
            lambda v: tf.reduce_sum(
                tf.square(tf.RaggedTensor.from_row_splits(v, SPLITS)).to_tensor() * WEIGHTS
            ),
        ),
        (
            "row sums",
            lambda v: tf.reduce_sum(
                tf.reduce_sum(tf.RaggedTensor.from_row_splits(v, SPLITS), axis=1)
                * [1.0, 2.0, 3.0, 4.0]
            ),
        ),
        (
            "column sums",
            lambda v: tf.reduce_sum(
                tf.reduce_sum(tf.RaggedTensor.from_row_splits(v, SPLITS), axis=0) * [1.0, 2.0, 3.0]
            ),
        ),
        (
            "row max",
            lambda v: tf.reduce_sum(
                tf.reduce_max(tf.RaggedTensor.from_row_splits(v, SPLITS), axis=1)[:2]
            ),
        ),
        (
            "row mean",
            lambda v: tf.reduce_sum(
                tf.reduce_mean(tf.RaggedTensor.from_row_splits(v, SPLITS), axis=1)[:2] * [1.0, 2.0]
            ),
        ),
        (
            "index and slice",
            lambda v: (
                tf.reduce_sum(tf.RaggedTensor.from_row_splits(v, SPLITS)[1] * [1.0, 2.0, 3.0])
                + tf.reduce_sum(tf.RaggedTensor.from_row_splits(v, SPLITS)[::3].to_tensor())
            ),
        ),
        (
            "concat axis 1",
            lambda v: tf.reduce_sum(
                tf.concat(
                    [
                        tf.RaggedTensor.from_row_splits(v, SPLITS),
                        tf.RaggedTensor.from_row_splits(v * v, SPLITS),
                    ],
                    axis=1,
                ).to_tensor()
                ** 2
            ),
        ),
    ],
)
def test_gradients_reach_the_values(name, f):
    values = np.array([0.5, -1.0, 2.0, 0.3, 1.5, -0.7])
    np.testing.assert_allclose(
        tape_gradient(f, values), numeric_gradient(f, values), rtol=1e-5, atol=1e-6
    )


@pytest.mark.parametrize(
    "name,f",
    [
        ("gather", lambda p: tf.reduce_sum(gather_ops.gather(p, [2, 0, 2]) * [[1.0, 10.0]])),
        (
            "segment sum",
            lambda p: tf.reduce_sum(
                gather_ops.unsorted_segment_sum(p, [1, -1, 1], 3)
                * [[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]
            ),
        ),
        ("segment min", lambda p: tf.reduce_sum(gather_ops.unsorted_segment_min(p, [0, 1, 0], 2))),
        (
            "segment prod",
            lambda p: tf.reduce_sum(gather_ops.unsorted_segment_prod(p, [0, 0, 1], 2)),
        ),
    ],
)
def test_gather_and_segment_gradients(name, f):
    params = np.array([[0.5, -1.0], [2.0, 0.3], [1.5, -0.7]])
    np.testing.assert_allclose(
        tape_gradient(f, params), numeric_gradient(f, params), rtol=1e-5, atol=1e-6
    )


def test_gradient_with_tf_gradients_in_graph_mode():
    import learntf.compat.v1 as v1

    with tf.Graph().as_default():
        values = v1.placeholder(tf.float64, [6])
        rt = tf.RaggedTensor.from_row_splits(values, SPLITS)
        loss = tf.reduce_sum(tf.reduce_sum(tf.square(rt), axis=1) * [1.0, 2.0, 3.0, 4.0])
        grad = v1.gradients(loss, values)[0]
        with v1.Session() as sess:
            result = sess.run(grad, {values: np.arange(6.0)})
    np.testing.assert_allclose(result, 2 * np.arange(6.0) * [1, 1, 2, 2, 2, 4])


# -- graph mode ------------------------------------------------------------------------------------
def test_graph_mode_builds_ops_and_fetches_dense_forms():
    import learntf.compat.v1 as v1

    with tf.Graph().as_default():
        r = seed_ragged()
        # TF 2.21's text: the splits are tf.ragged.constant's unnamed Const
        assert str(r) == (
            'tf.RaggedTensor(values=Tensor("RaggedConstant/values:0", shape=(6,), '
            'dtype=int32), row_splits=Tensor("RaggedConstant/Const:0", '
            "shape=(5,), dtype=int64))"
        )
        assert str(r.shape) == "(4, None)"
        joined = tf.concat([r, tf.ragged.constant([[1], [2], [3], [4]])], axis=1)
        fetches = [
            r.to_tensor(),
            joined.to_tensor(),
            r[1],
            tf.reduce_sum(r, axis=1),
            r.value_rowids(),
        ]
        with pytest.raises(ValueError, match="only supported in eager mode"):
            r.to_list()
        with v1.Session() as sess:
            dense, joined_dense, row, sums, ids = sess.run(fetches)
    np.testing.assert_array_equal(dense, [[11, 22, 0], [21, 22, 23], [0, 0, 0], [41, 0, 0]])
    np.testing.assert_array_equal(
        joined_dense, [[11, 22, 1, 0], [21, 22, 23, 2], [3, 0, 0, 0], [41, 4, 0, 0]]
    )
    assert row.tolist() == [21, 22, 23] and sums.tolist() == [33, 66, 0, 41]
    assert ids.tolist() == [0, 0, 1, 1, 1, 3]


def test_structure_ops_on_run_time_splits_say_so_in_graph_mode():
    import learntf.compat.v1 as v1

    with tf.Graph().as_default():
        splits = v1.placeholder(tf.int64, [None])
        rt = tf.RaggedTensor.from_row_splits(tf.constant([1, 2, 3]), splits)
        with pytest.raises(NotImplementedError, match="row_splits when the op is built"):
            rt[0]
        padded = rt.to_tensor()  # works: the op takes the splits as an input
        with v1.Session() as sess:
            result = sess.run(padded, {splits: [0, 1, 3]})
    np.testing.assert_array_equal(result, [[1, 0], [2, 3]])


# -- printing as TensorFlow does -------------------------------------------------------------------
def test_printing_wraps_and_stacks_rows_as_tensorflow_does():
    # Each expected text is what TF 2.21 prints (NumPy's array2string with ", " between elements).
    corpus = ["the cat sat on the mat", "a dog barked", "the dog chased the cat", "hello"]
    assert str(tf.strings.split(corpus)) == (
        "<tf.RaggedTensor [[b'the', b'cat', b'sat', b'on', b'the', b'mat'],\n"
        " [b'a', b'dog', b'barked'], [b'the', b'dog', b'chased', b'the', b'cat'],\n"
        " [b'hello']]>"
    )
    assert repr(tf.ragged.constant([[1, 2], [3, 4]])) == "<tf.RaggedTensor [[1, 2],\n [3, 4]]>"
    assert str(tf.ragged.constant([list(range(30)), list(range(5))])) == (
        "<tf.RaggedTensor [[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, "
        "20,\n"
        "  21, 22, 23, 24, 25, 26, 27, 28, 29]                                      ,\n"
        " [0, 1, 2, 3, 4]]>"
    )
    assert (
        str(tf.ragged.constant([[1.5, float("nan")], [-2.25]]))
        == "<tf.RaggedTensor [[1.5, nan], [-2.25]]>"
    )
    assert str(tf.ragged.constant([[], []])) == "<tf.RaggedTensor [[], []]>"
