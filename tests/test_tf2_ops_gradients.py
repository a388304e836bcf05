"""The gradients of the tf2_ops ops (linalg, sorting, segments, scatters, images) against
finite differences, eagerly and inside tf.function; and each op's graph-mode shape against
the shape its kernel gives.  (What they print is compared with TensorFlow by the corpus,
tests/programs/tf2_ops/.)"""

import numpy as np
import pytest

import learntf as tf

# TF 2 programs (the TF 1 test modules switch the process to graphs when pytest imports them)
pytestmark = pytest.mark.usefixtures("tf2_behaviour")

RNG = np.random.default_rng(0)
SPD = np.array([[4.0, 1.0, 0.5], [1.0, 3.0, 0.2], [0.5, 0.2, 2.0]])

# name: (function of one float64 tensor, input value)
CASES = {
    "det": (tf.linalg.det, SPD),
    "solve": (lambda a: tf.linalg.solve(a, tf.constant([[1.0], [2.0], [3.0]], tf.float64)), SPD),
    "solve_adjoint": (
        lambda a: tf.linalg.solve(
            a + tf.linalg.band_part(a, 0, -1), tf.ones([3, 2], tf.float64), adjoint=True
        ),
        SPD,
    ),
    "cholesky": (lambda a: tf.linalg.cholesky(0.5 * (a + tf.transpose(a))), SPD),
    "einsum_matmul": (
        lambda a: tf.einsum("ij,jk->ik", a, tf.constant(SPD)),
        RNG.normal(size=(2, 3)),
    ),
    "einsum_trace": (lambda a: tf.einsum("ii->", a), SPD),
    "einsum_sum_one_side": (
        lambda a: tf.einsum("ij,j->j", a, tf.constant([1.0, 2.0, 3.0], tf.float64)),
        RNG.normal(size=(2, 3)),
    ),
    "einsum_ellipsis": (
        lambda a: tf.einsum("...ij,jk->...ik", a, tf.constant(SPD)),
        RNG.normal(size=(2, 2, 3)),
    ),
    "band_part": (lambda a: tf.linalg.band_part(a, 1, 0), SPD),
    "diag_part": (tf.linalg.diag_part, RNG.normal(size=(2, 3, 3))),
    "diag": (tf.linalg.diag, RNG.normal(size=(2, 3))),
    "trace": (tf.linalg.trace, RNG.normal(size=(3, 3))),
    "norm": (tf.norm, RNG.normal(size=(4,))),
    "norm_matrix_1": (lambda a: tf.norm(a, ord=1, axis=[0, 1]), RNG.normal(size=(3, 3))),
    "top_k": (
        lambda a: tf.math.top_k(a, k=2).values,
        np.array([[0.1, 0.9, 0.5], [0.3, -0.2, 0.8]]),
    ),
    "sort": (lambda a: tf.sort(a, axis=0), np.array([[0.1, 0.9], [0.5, -0.3], [0.2, 0.4]])),
    "roll": (lambda a: tf.roll(a, [1, -1], [0, 1]), RNG.normal(size=(3, 2))),
    "segment_mean": (lambda a: tf.math.segment_mean(a, [0, 0, 2]), RNG.normal(size=(3, 2))),
    "segment_max": (lambda a: tf.math.segment_max(a, [0, 0, 1]), np.array([1.0, 3.0, 2.0])),
    "segment_prod": (lambda a: tf.math.segment_prod(a, [0, 0, 1]), np.array([1.5, 3.0, 2.0])),
    "tensor_scatter_update": (
        lambda a: tf.tensor_scatter_nd_update(a, [[1]], [[5.0, 6.0]]),
        RNG.normal(size=(3, 2)),
    ),
    "tensor_scatter_add": (
        lambda a: tf.tensor_scatter_nd_add(a * a, [[0, 1]], [1.0]),
        RNG.normal(size=(3, 2)),
    ),
    "reverse": (
        lambda a: tf.reverse(a, [1]) * tf.constant([1.0, 2.0], tf.float64),
        RNG.normal(size=(3, 2)),
    ),
    "resize_bilinear": (
        lambda a: tf.image.resize(tf.cast(a, tf.float32), [3, 5]),
        RNG.normal(size=(1, 4, 4, 2)),
    ),
    "resize_nearest": (
        lambda a: tf.image.resize(a, [5, 3], method="nearest"),
        RNG.normal(size=(4, 2, 1)),
    ),
    "moments": (lambda a: tf.nn.moments(a, axes=[0])[1], RNG.normal(size=(4, 2))),
    "reduce_std": (lambda a: tf.math.reduce_std(a, axis=1), RNG.normal(size=(2, 3))),
    "clip_by_norm": (lambda a: tf.clip_by_norm(a, 0.5), RNG.normal(size=(3,))),
}
TOLERANCE = {"resize_bilinear": 2e-2}  # (float32 inside)


def _weighted_sum(y):
    """sum(y * w) with weights 0.5, 0.5 + 1/n, ...: every output counts differently."""
    y = tf.cast(y, tf.float64)
    size = tf.size(y)
    steps = tf.reshape(tf.cast(tf.range(size), tf.float64), tf.shape(y))
    return tf.reduce_sum(y * (0.5 + steps / tf.cast(size, tf.float64)))


def _tape_gradient(fn, value, in_function):
    def compute(x):
        with tf.GradientTape() as tape:
            tape.watch(x)
            loss = _weighted_sum(fn(x))
        return tf.convert_to_tensor(tape.gradient(loss, x))

    if in_function:
        compute = tf.function(compute)
    return compute(tf.constant(value, tf.float64)).numpy()


def _numeric_gradient(fn, value, eps=1e-6):
    def loss(v):
        return float(_weighted_sum(fn(tf.constant(v, tf.float64))).numpy())

    grad = np.zeros_like(value)
    for index in np.ndindex(value.shape):
        up, down = value.copy(), value.copy()
        up[index] += eps
        down[index] -= eps
        grad[index] = (loss(up) - loss(down)) / (2 * eps)
    return grad


@pytest.mark.parametrize("in_function", [False, True], ids=["eager", "tf.function"])
@pytest.mark.parametrize("name", sorted(CASES))
def test_gradient_matches_finite_differences(name, in_function):
    fn, value = CASES[name]
    eps = 1e-3 if name.startswith("resize") else 1e-6
    expected = _numeric_gradient(fn, np.asarray(value, np.float64), eps)
    got = _tape_gradient(fn, np.asarray(value, np.float64), in_function)
    np.testing.assert_allclose(got, expected, rtol=TOLERANCE.get(name, 1e-5), atol=1e-5)


@pytest.mark.parametrize("name", sorted(CASES))
def test_graph_shape_agrees_with_the_kernel(name):
    fn, value = CASES[name]
    traced = tf.function(fn).get_concrete_function(tf.TensorSpec(np.shape(value), tf.float64))
    static = traced.outputs[0].shape
    ran = fn(tf.constant(value, tf.float64)).shape
    assert static.is_compatible_with(ran), (static, ran)


def test_a_gather_gradient_is_indexed_slices_until_added_to_a_dense_one():
    table = tf.Variable(np.arange(6.0).reshape(3, 2))
    with tf.GradientTape(persistent=True) as tape:
        sparse = tf.reduce_sum(tf.gather(table, [2, 0])) + tf.reduce_sum(tf.gather(table, [2]))
        mixed = sparse + tf.reduce_sum(table)
    grad = tape.gradient(sparse, table)
    assert isinstance(grad, tf.IndexedSlices)
    assert grad.indices.numpy().tolist() == [2, 0, 2]
    np.testing.assert_array_equal(tf.convert_to_tensor(grad).numpy(), [[1, 1], [0, 0], [2, 2]])
    assert not isinstance(tape.gradient(mixed, table), tf.IndexedSlices)
