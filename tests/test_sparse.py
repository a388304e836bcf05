"""tf.SparseTensor and tf.sparse (unit 17): printing, to_dense and the ordering rule, reorder,
scaling, the TypeError for `+ 1`, sparse_dense_matmul, add, and gradients with respect to
the values and the dense operand.  Expected values: the seed's, TensorFlow's error texts,
and the dense matrices the sparse ones stand for."""

import numpy as np
import pytest

import learntf as tf
from learntf import errors
from learntf.ops import gather_ops

pytestmark = pytest.mark.usefixtures("eager_mode")


def seed_sparse():
    return tf.SparseTensor(
        indices=[[0, 1], [1, 0], [2, 3]], values=[1.0, 2.0, 3.0], dense_shape=[3, 4]
    )


DENSE = np.array([[0.0, 1.0, 0.0, 0.0], [2.0, 0.0, 0.0, 0.0], [0.0, 0.0, 0.0, 3.0]])
S4 = np.array([[10.0, 20.0], [30.0, 40.0], [50.0, 60.0], [70.0, 80.0]])


def test_components_dtypes_and_shape():
    s = seed_sparse()
    assert s.indices.dtype == tf.int64 and s.dense_shape.dtype == tf.int64
    assert s.values.dtype == tf.float32 and s.dtype == tf.float32
    assert str(s.shape) == "(3, 4)"
    assert (
        repr(s)
        == str(s)
        == (
            "SparseTensor(indices=tf.Tensor(\n[[0 1]\n [1 0]\n [2 3]], shape=(3, 2), dtype=int64), "
            "values=tf.Tensor([1. 2. 3.], shape=(3,), dtype=float32), "
            "dense_shape=tf.Tensor([3 4], shape=(2,), dtype=int64))"
        )
    )


def test_construction_checks_ranks_and_counts():
    with pytest.raises(ValueError, match="Dimensions 1 and 2 are not compatible"):
        tf.SparseTensor([[0, 1]], [1.0, 2.0], [3, 4])
    with pytest.raises(ValueError, match="must have rank 2"):
        tf.SparseTensor([0, 1], [1.0, 2.0], [3, 4])


def test_to_dense_fills_zeros_or_a_default():
    np.testing.assert_array_equal(tf.sparse.to_dense(seed_sparse()).numpy(), DENSE)
    with_default = tf.sparse.to_dense(seed_sparse(), default_value=-1.0)
    np.testing.assert_array_equal(with_default.numpy(), np.where(DENSE == 0, -1.0, DENSE))


def test_to_dense_needs_ordered_indices_and_reorder_sorts_them():
    unordered = tf.SparseTensor(
        indices=[[0, 2], [0, 1], [2, 3]], values=[1.0, 2.0, 3.0], dense_shape=[3, 4]
    )
    with pytest.raises(errors.InvalidArgumentError) as raised:
        tf.sparse.to_dense(unordered)
    assert str(raised.value).startswith(
        "indices[1] = [0,1] is out of order. Many sparse ops require sorted indices.\n"
        "    Use `tf.sparse.reorder` to create a correctly ordered copy."
    )
    ordered = tf.sparse.reorder(unordered)
    assert ordered.indices.numpy().tolist() == [[0, 1], [0, 2], [2, 3]]
    assert ordered.values.numpy().tolist() == [2.0, 1.0, 3.0]
    np.testing.assert_array_equal(
        tf.sparse.to_dense(ordered).numpy(), [[0, 2, 1, 0], [0, 0, 0, 0], [0, 0, 0, 3]]
    )


def test_to_dense_bounds_and_repeats():
    with pytest.raises(
        errors.InvalidArgumentError,
        match=r"indices\[0\] = \[0,5\] is out of bounds: need 0 <= index < \[3,4\]",
    ):
        tf.sparse.to_dense(tf.SparseTensor([[0, 5]], [1.0], [3, 4]))
    with pytest.raises(errors.InvalidArgumentError, match=r"indices\[1\] = \[0,1\] is repeated"):
        tf.sparse.to_dense(tf.SparseTensor([[0, 1], [0, 1]], [1.0, 2.0], [3, 4]))


def test_scaling_keeps_it_sparse_and_plus_one_is_a_type_error():
    doubled = seed_sparse() * 2.0
    assert isinstance(doubled, tf.SparseTensor)
    assert doubled.values.numpy().tolist() == [2.0, 4.0, 6.0]
    assert (seed_sparse() / 2).values.numpy().tolist() == [0.5, 1.0, 1.5]
    by_column = seed_sparse() * tf.constant([1.0, 10.0, 100.0, 1000.0])  # dense side broadcasts
    assert by_column.values.numpy().tolist() == [10.0, 2.0, 3000.0]
    with pytest.raises(TypeError) as raised:
        seed_sparse() + 1
    assert str(raised.value) == "unsupported operand type(s) for +: 'SparseTensor' and 'int'"


def test_dense_ops_refuse_a_sparse_tensor_and_say_why():
    # Eagerly, TF 2.21 raises a ValueError; its first line is
    #   Attempt to convert a value (SparseTensor(indices=tf.Tensor(
    # and its last ends "...dtype=int64))) with an unsupported type (<class
    # 'tensorflow.python.framework.sparse_tensor.SparseTensor'>) to a Tensor."
    # (learntf: its own class).
    s = seed_sparse()
    for dense_op in (
        lambda: tf.add(s, 1.0),
        lambda: s @ tf.ones([4, 2]),
        lambda: tf.matmul(s, tf.ones([4, 2])),
        lambda: tf.convert_to_tensor(s),
        lambda: tf.square(s),
    ):
        with pytest.raises(ValueError) as raised:
            dense_op()
        lines = str(raised.value).splitlines()
        assert lines[0] == "Attempt to convert a value (SparseTensor(indices=tf.Tensor("
        assert str(raised.value).startswith(
            "Attempt to convert a value (%r) with an unsupported type (" % s
        )
        assert lines[-2].endswith(
            "dtype=int64))) with an unsupported type (%s) to a Tensor." % type(s)
        )
        assert lines[-1].startswith("(learntf: dense ops do not take a SparseTensor.")


def test_dense_ops_refuse_a_sparse_tensor_in_a_graph_with_a_type_error():
    graph = tf.Graph()
    with graph.as_default():
        s = seed_sparse()
        with pytest.raises(TypeError) as raised:
            tf.matmul(s, tf.ones([4, 2]))
    # What TF 2.21 prints when the op is added to a graph, then learntf's hint.
    assert str(raised.value).splitlines()[0] == (
        'Failed to convert elements of SparseTensor(indices=Tensor("SparseTensor/indices:0", '
        'shape=(3, 2), dtype=int64), values=Tensor("SparseTensor/values:0", shape=(3,), '
        'dtype=float32), dense_shape=Tensor("SparseTensor/dense_shape:0", shape=(2,), '
        "dtype=int64)) to Tensor. Consider casting elements to a supported type. See "
        "https://www.tensorflow.org/api_docs/python/tf/dtypes for supported TF dtypes."
    )


def test_sparse_dense_matmul():
    s = seed_sparse()
    with pytest.raises(TypeError, match="does not match type float32"):
        tf.sparse.sparse_dense_matmul(s, tf.constant(S4))  # float64: no silent conversion
    product = tf.sparse.sparse_dense_matmul(s, tf.constant(S4, dtype=tf.float32))
    np.testing.assert_array_equal(product.numpy(), [[30, 40], [20, 40], [210, 240]])
    np.testing.assert_array_equal(
        tf.sparse.sparse_dense_matmul(s, tf.ones([3, 2]), adjoint_a=True).numpy(),
        DENSE.T @ np.ones((3, 2)),
    )
    np.testing.assert_array_equal(
        tf.sparse.sparse_dense_matmul(tf.constant([[1.0, 2.0, 3.0]]), s).numpy(),
        [[4.0, 1.0, 0.0, 9.0]],
    )
    with pytest.raises(
        errors.InvalidArgumentError,
        match=r"Cannot multiply A and B because inner dimension does not match: "
        r"4 vs\. 3\.  Did you forget a transpose\?",
    ):
        tf.sparse.sparse_dense_matmul(s, tf.ones([3, 2]))


def test_add_sparse_and_dense():
    total = tf.sparse.add(seed_sparse(), seed_sparse())
    assert isinstance(total, tf.SparseTensor)
    np.testing.assert_array_equal(tf.sparse.to_dense(total).numpy(), 2 * DENSE)
    merged = tf.sparse.add(seed_sparse(), tf.SparseTensor([[0, 0], [0, 1]], [5.0, -1.0], [3, 4]))
    assert merged.indices.numpy().tolist() == [[0, 0], [0, 1], [1, 0], [2, 3]]
    assert merged.values.numpy().tolist() == [5.0, 0.0, 2.0, 3.0]
    thresholded = tf.sparse.add(
        seed_sparse(), tf.SparseTensor([[0, 1]], [-1.0], [3, 4]), threshold=0.5
    )
    assert thresholded.indices.numpy().tolist() == [[1, 0], [2, 3]]
    dense_sum = tf.sparse.add(seed_sparse(), tf.ones([3, 4]))
    np.testing.assert_array_equal(dense_sum.numpy(), DENSE + 1)
    with pytest.raises(errors.InvalidArgumentError, match="Operands' shapes do not match"):
        tf.sparse.add(seed_sparse(), tf.SparseTensor([[0, 0]], [1.0], [3, 5]))


def test_from_dense_and_reduce_sum():
    sparse = tf.sparse.from_dense(tf.constant(DENSE, dtype=tf.float32))
    assert sparse.indices.numpy().tolist() == [[0, 1], [1, 0], [2, 3]]
    assert sparse.values.numpy().tolist() == [1.0, 2.0, 3.0]
    assert sparse.dense_shape.numpy().tolist() == [3, 4]
    assert tf.sparse.reduce_sum(seed_sparse()).numpy() == 6.0
    assert tf.sparse.reduce_sum(seed_sparse(), axis=1).numpy().tolist() == [1.0, 2.0, 3.0]


# -- gradients ------------------------------------------------------------------------------------
def numeric_gradient(f, x, delta=1e-6):
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
    return tape.gradient(y, x).numpy()


INDICES = [[0, 1], [1, 0], [2, 3]]
VALUES = np.array([1.0, 2.0, 3.0])
WEIGHTS = np.arange(1.0, 13.0).reshape(3, 4)


def sparse_of(values, indices=INDICES):
    return tf.SparseTensor(indices, values, [3, 4])


@pytest.mark.parametrize(
    "name,f",
    [
        ("matmul", lambda v: tf.reduce_sum(tf.sparse.sparse_dense_matmul(sparse_of(v), S4) ** 2)),
        (
            "matmul adjoint",
            lambda v: tf.reduce_sum(
                tf.sparse.sparse_dense_matmul(
                    sparse_of(v), np.arange(6.0).reshape(3, 2), adjoint_a=True
                )
                ** 2
            ),
        ),
        (
            "matmul adjoint_b",
            lambda v: tf.reduce_sum(
                tf.sparse.sparse_dense_matmul(
                    sparse_of(v), np.arange(8.0).reshape(2, 4), adjoint_b=True
                )
                ** 2
            ),
        ),
        (
            "matmul both adjoints",
            lambda v: tf.reduce_sum(
                tf.sparse.sparse_dense_matmul(
                    sparse_of(v), np.arange(6.0).reshape(2, 3), adjoint_a=True, adjoint_b=True
                )
                ** 2
            ),
        ),
        ("to_dense", lambda v: tf.reduce_sum(tf.sparse.to_dense(sparse_of(v)) * WEIGHTS)),
        ("scale", lambda v: tf.reduce_sum(tf.sparse.to_dense(sparse_of(v) * v[0]) * WEIGHTS)),
        (
            "divide",
            lambda v: tf.reduce_sum(tf.sparse.to_dense(sparse_of(v) / (v[0] + 2.0)) * WEIGHTS),
        ),
        (
            "reorder",
            lambda v: tf.reduce_sum(
                tf.sparse.to_dense(tf.sparse.reorder(sparse_of(v, [[2, 3], [0, 1], [1, 0]])))
                * WEIGHTS
            ),
        ),
        (
            "add",
            lambda v: tf.reduce_sum(
                tf.sparse.to_dense(tf.sparse.add(sparse_of(v), sparse_of(v * v))) * WEIGHTS
            ),
        ),
        ("add dense", lambda v: tf.reduce_sum(tf.sparse.add(sparse_of(v), WEIGHTS) ** 2)),
    ],
)
def test_gradients_with_respect_to_the_values(name, f):
    np.testing.assert_allclose(
        tape_gradient(f, VALUES), numeric_gradient(f, VALUES), rtol=1e-5, atol=1e-6
    )


def test_gradient_of_sparse_dense_matmul_with_respect_to_the_dense_matrix():
    def f(dense):
        return tf.reduce_sum(tf.sparse.sparse_dense_matmul(sparse_of(VALUES), dense) ** 2)

    np.testing.assert_allclose(tape_gradient(f, S4), numeric_gradient(f, S4), rtol=1e-5)
    ones = tf.Variable(tf.ones([4, 2]))
    with tf.GradientTape() as tape:
        total = tf.reduce_sum(tf.sparse.sparse_dense_matmul(seed_sparse(), ones))
    # each row k of the dense matrix is used once per value in column k of the sparse one
    np.testing.assert_array_equal(
        tape.gradient(total, ones).numpy(), [[2, 2], [1, 1], [0, 0], [3, 3]]
    )


def test_gradient_of_the_dense_side_of_a_product_by_scale():
    def f(scale):
        return tf.reduce_sum(tf.sparse.to_dense(sparse_of(VALUES) * scale) * WEIGHTS)

    scale = np.array([1.0, 2.0, 3.0, 4.0])
    np.testing.assert_allclose(tape_gradient(f, scale), numeric_gradient(f, scale), rtol=1e-5)


@pytest.mark.parametrize(
    "name,f",
    [
        (
            "gather_nd",
            lambda p: tf.reduce_sum(
                gather_ops.gather_nd(p, [[0, 1], [2, 0], [0, 1]]) * [1.0, 2.0, 3.0]
            ),
        ),
        (
            "scatter_nd",
            lambda p: tf.reduce_sum(
                gather_ops.scatter_nd([[0, 1], [2, 0], [0, 1]], p[:, 0], [3, 2]) ** 2
            ),
        ),
    ],
)
def test_gather_nd_and_scatter_nd_gradients(name, f):
    params = np.array([[0.5, -1.0], [2.0, 0.3], [1.5, -0.7]])
    np.testing.assert_allclose(
        tape_gradient(f, params), numeric_gradient(f, params), rtol=1e-5, atol=1e-6
    )


# -- graph mode ------------------------------------------------------------------------------------
def test_graph_mode_sparse_ops_and_tf_gradients():
    import learntf.compat.v1 as v1

    with tf.Graph().as_default():
        s = seed_sparse()
        assert str(s.shape) == "(3, 4)"
        assert str(s.indices) == 'Tensor("SparseTensor/indices:0", shape=(3, 2), dtype=int64)'
        dense_matrix = v1.placeholder(tf.float32, [4, 2])
        product = tf.sparse.sparse_dense_matmul(s, dense_matrix)
        assert product.shape.as_list() == [3, 2]
        gradient = v1.gradients(tf.reduce_sum(product), dense_matrix)[0]
        dense = tf.sparse.to_dense(tf.sparse.reorder(s * 2.0))
        with v1.Session() as sess:
            result, grad, doubled = sess.run(
                [product, gradient, dense], {dense_matrix: S4.astype(np.float32)}
            )
    np.testing.assert_array_equal(result, [[30, 40], [20, 40], [210, 240]])
    np.testing.assert_array_equal(grad, [[2, 2], [1, 1], [0, 0], [3, 3]])
    np.testing.assert_array_equal(doubled, 2 * DENSE)


def test_sparse_dense_matmul_op_names_in_a_graph():
    graph = tf.Graph()
    with graph.as_default():
        s = seed_sparse()
        product = tf.sparse.sparse_dense_matmul(s, tf.ones([4, 2]))
        named = tf.sparse.sparse_dense_matmul(s, [[1.0, 2.0]] * 4, name="scores")
    # What TF 2.21 names them: the op inside a scope of its own name (or of `name`), and a
    # converted `b` in that scope.
    assert product.name == "SparseTensorDenseMatMul/SparseTensorDenseMatMul:0"
    assert named.name == "scores/SparseTensorDenseMatMul:0"
    assert [op.name for op in graph.get_operations()] == [
        "SparseTensor/indices",
        "SparseTensor/values",
        "SparseTensor/dense_shape",
        "ones",
        "SparseTensorDenseMatMul/SparseTensorDenseMatMul",
        "scores/b",
        "scores/SparseTensorDenseMatMul",
    ]
