"""Every differentiable op's gradient against central differences (float64), including
broadcasting, plus the seed's uses of tf.gradients and the optimizers."""

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import learntf.compat.v1 as tf

tf.disable_v2_behavior()  # TF1 programs on TensorFlow 2 start so: graphs and sessions


pytestmark = pytest.mark.usefixtures("fresh_graph")


def positive(a):
    return np.abs(a) + 0.5


def with_zeros(count):
    """`count` of the first elements set to 0: Prod's gradient must stay finite and right
    there (the product is linear in each element, so central differences are exact)."""

    def prepare(a):
        a = a.copy()
        a.flat[:count] = 0.0
        return a

    return prepare


# name -> (function of inputs, how to make inputs from random normals, number of inputs)
UNARY = {
    "Neg": (tf.negative, None),
    "Abs": (tf.abs, lambda a: a + np.sign(a) * 0.1),
    "Square": (tf.square, None),
    "Sqrt": (tf.sqrt, positive),
    "Exp": (tf.exp, None),
    "Log": (tf.log, positive),
    "Sigmoid": (tf.sigmoid, None),
    "Tanh": (tf.tanh, None),
    "Relu": (tf.nn.relu, lambda a: a + np.sign(a) * 0.1),
    "Softplus": (tf.nn.softplus, None),
    "Elu": (tf.nn.elu, lambda a: a + np.sign(a) * 0.1),
    "Sin": (tf.sin, None),
    "Cos": (tf.cos, None),
    "Reciprocal": (tf.reciprocal, positive),
    "Rsqrt": (tf.rsqrt, positive),
    "Softmax": (tf.nn.softmax, None),
    "LogSoftmax": (tf.nn.log_softmax, None),
    "Transpose": (tf.transpose, None),
    "Sum": (lambda x: tf.reduce_sum(x, axis=0), None),
    "Mean": (lambda x: tf.reduce_mean(x, axis=-1, keepdims=True), None),
    "MeanAll": (tf.reduce_mean, None),
    "Max": (lambda x: tf.reduce_max(x, axis=0), None),
    "Prod": (lambda x: tf.reduce_prod(x, axis=0), positive),
    "ProdOneZero": (lambda x: tf.reduce_prod(x, axis=-1, keepdims=True), with_zeros(1)),
    "ProdTwoZeros": (tf.reduce_prod, with_zeros(2)),
    "ProdNegativeAxis": (lambda x: tf.reduce_prod(x, axis=[-1, 0]), None),
    "Cumsum": (lambda x: tf.cumsum(x, axis=-1, exclusive=True, reverse=True), None),
    "Cumprod": (lambda x: tf.cumprod(x, axis=0, reverse=True), None),
    "CumprodExclusive": (lambda x: tf.cumprod(x, axis=-1, exclusive=True), None),
    "Split": (lambda x: tf.split(x, 2, axis=-1)[0] * tf.split(x, 2, axis=-1)[1], None),
    "SplitV": (lambda x: tf.split(x, [1, -1], axis=0)[1] * 3.0, None),
    "LogSumExp": (lambda x: tf.reduce_logsumexp(x, axis=0), None),
    "Reshape": (lambda x: tf.reshape(x, [-1]), None),
    "Slice": (lambda x: x[..., 1:], None),
    "Stack": (lambda x: tf.stack([x, 2 * x], axis=1), None),
    "Concat": (lambda x: tf.concat([x, x * x], axis=0), None),
    "Tile": (lambda x: tf.tile(x, [2, 1]), None),
    "L2Loss": (tf.nn.l2_loss, None),
    "LogSigmoid": (tf.math.log_sigmoid, None),
    "Log1p": (tf.log1p, positive),
    "Relu6": (tf.nn.relu6, lambda a: a * 4 + np.sign(a) * 0.1),
    "Min": (lambda x: tf.reduce_min(x, axis=-1), None),
    "ExpandDims": (lambda x: tf.expand_dims(x, 0), None),
    "Squeeze": (lambda x: tf.squeeze(tf.expand_dims(x, -1), axis=[-1]), None),
    "Identity": (tf.identity, None),
    "AddN": (lambda x: tf.add_n([x, 2 * x, x * x]), None),
    "Unstack": (lambda x: tf.unstack(x)[0] * 3.0, None),
    "BatchMatMul": (lambda x: tf.matmul(tf.stack([x, x]), tf.transpose(x)), None),
    "LeakyRelu": (tf.nn.leaky_relu, lambda a: a + np.sign(a) * 0.1),
    "Gather": (lambda x: tf.gather(x, [1, 0, 1]), None),
    "ClipByValue": (lambda x: tf.clip_by_value(x, -0.5, 0.5), lambda a: a + np.sign(a) * 0.01),
}

BINARY = {
    "Add": (tf.add, None),
    "Sub": (tf.subtract, None),
    "Mul": (tf.multiply, None),
    "Div": (tf.divide, lambda a, b: (a, positive(b))),
    "Pow": (tf.pow, lambda a, b: (positive(a), b)),
    "Maximum": (tf.maximum, lambda a, b: (a, b + 0.3)),
    "Minimum": (tf.minimum, lambda a, b: (a, b + 0.3)),
    "SquaredDifference": (tf.squared_difference, None),
    "Where": (lambda a, b: tf.where_v2(a > 0, a, b), lambda a, b: (a + np.sign(a) * 0.1, b)),
}

shapes = st.sampled_from([(2, 3), (3, 2), (1, 3), (2, 1), (4,)])


def check_gradient(build, values, tolerance=1e-5):
    placeholders = [tf.placeholder(tf.float64, shape=v.shape) for v in values]
    y = build(*placeholders)
    feed = dict(zip(placeholders, values))
    with tf.Session():
        for x, value in zip(placeholders, values):
            others = {p: v for p, v in feed.items() if p is not x}
            theoretical, numerical = tf.test.compute_gradient(
                x,
                value.shape,
                y,
                y.shape.as_list(),
                x_init_value=value,
                delta=1e-6,
                extra_feed_dict=others,
            )
            np.testing.assert_allclose(theoretical, numerical, atol=tolerance, rtol=1e-4)


@pytest.mark.parametrize("name", sorted(UNARY))
@settings(
    max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(shape=shapes, seed=st.integers(0, 2**16))
def test_unary_gradient_matches_finite_differences(name, shape, seed):
    tf.reset_default_graph()
    build, prepare = UNARY[name]
    if (
        name in ("Slice", "Tile", "Transpose", "BatchMatMul", "ProdNegativeAxis")
        and len(shape) == 1
    ):
        shape = (2, 2)
    if name == "Split" and shape[-1] % 2:  # two equal halves of the last axis
        shape = (2, 4)
    if name == "SplitV" and shape[0] < 2:  # a first row and the rest
        shape = (2,) + tuple(shape[1:])
    if name == "Gather" and shape[0] < 2:  # it picks rows 0 and 1
        shape = (2,) + tuple(shape[1:])
    value = np.random.default_rng(seed).normal(size=shape)
    check_gradient(build, [prepare(value) if prepare else value])


@pytest.mark.parametrize("name", sorted(BINARY))
@settings(
    max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    shapes=st.sampled_from(
        [((2, 3), (2, 3)), ((2, 3), (3,)), ((2, 1), (1, 3)), ((3,), (2, 3)), ((2, 3), ())]
    ),
    seed=st.integers(0, 2**16),
)
def test_binary_gradient_with_broadcasting(name, shapes, seed):
    tf.reset_default_graph()
    build, prepare = BINARY[name]
    rng = np.random.default_rng(seed)
    a, b = (np.asarray(rng.normal(size=s)) for s in shapes)
    if prepare:
        a, b = prepare(a, b)
    check_gradient(build, [a, b])


@pytest.mark.parametrize(
    "transpose_a,transpose_b", [(False, False), (True, False), (False, True), (True, True)]
)
def test_matmul_gradient(transpose_a, transpose_b):
    rng = np.random.default_rng(1)
    a = rng.normal(size=(3, 2) if transpose_a else (2, 3))
    b = rng.normal(size=(4, 3) if transpose_b else (3, 4))
    check_gradient(
        lambda x, y: tf.matmul(x, y, transpose_a=transpose_a, transpose_b=transpose_b), [a, b]
    )


def test_matrix_inverse_gradient():
    a = np.array([[2.0, 0.5], [0.3, 1.5]])
    check_gradient(tf.matrix_inverse, [a])


# Index ops with fixed shapes: gather off axis 0 (TF's transposes), sorted and unsorted segments
# (a negative id drops its value), all against central differences.
@pytest.mark.parametrize(
    "name,build",
    [
        ("gather axis 1", lambda x: tf.gather(x, [2, 0, 2], axis=1)),
        ("gather last axis, 2-D indices", lambda x: tf.gather(x, [[1], [3]], axis=-1)),
        ("segment_sum", lambda x: tf.reshape(tf.math.segment_sum(x, [0, 0, 2]), [3, 4])),
        ("unsorted_segment_sum", lambda x: tf.math.unsorted_segment_sum(x, [1, -1, 1], 2)),
        ("unsorted_segment_mean", lambda x: tf.math.unsorted_segment_mean(x, [1, 0, 1], 3)),
        ("unsorted_segment_max", lambda x: tf.math.unsorted_segment_max(x, [1, -1, 0], 2)),
    ],
)
def test_index_op_gradients_match_finite_differences(name, build):
    value = np.random.default_rng(3).normal(size=(3, 4))
    check_gradient(lambda x: tf.square(build(x)), [value])


def test_cross_entropy_gradients_match_finite_differences():
    rng = np.random.default_rng(2)
    logits = rng.normal(size=(3, 4))
    labels = np.eye(4)[[0, 2, 3]]
    check_gradient(
        lambda x: tf.nn.softmax_cross_entropy_with_logits_v2(labels=labels, logits=x), [logits]
    )
    check_gradient(
        lambda x: tf.nn.sigmoid_cross_entropy_with_logits(
            labels=np.array([[1.0, 0.0, 1.0]]), logits=x
        ),
        [rng.normal(size=(1, 3))],
    )


def test_cross_entropy_is_finite_for_huge_logits():
    logits = tf.constant([[1000.0, -1000.0], [-1000.0, 1000.0]])
    labels = tf.constant([[0.0, 1.0], [0.0, 1.0]])
    losses = [
        tf.nn.softmax_cross_entropy_with_logits_v2(labels=labels, logits=logits),
        tf.nn.sigmoid_cross_entropy_with_logits(labels=labels, logits=logits),
    ]
    grads = tf.gradients(losses, [logits])
    with tf.Session() as sess:
        softmax_loss, sigmoid_loss, grad = sess.run(losses + grads)
    np.testing.assert_allclose(softmax_loss, [2000.0, 0.0])
    np.testing.assert_allclose(sigmoid_loss, [[1000.0, 1000.0], [0.0, 0.0]])
    assert np.isfinite(grad).all()


def test_second_derivative_by_differentiating_the_gradient():
    x = tf.placeholder(tf.float64, shape=())
    y = x**3
    (dy,) = tf.gradients(y, [x])
    (d2y,) = tf.gradients(dy, [x])
    with tf.Session() as sess:
        assert sess.run([dy, d2y], {x: 2.0}) == [12.0, 12.0]


def test_gradients_semantics():
    a = tf.constant(3.0)
    b = tf.constant(4.0)
    c = a * b
    d = tf.constant(1.0)
    grads = tf.gradients([c, c * 2], [a, b, d])  # ys summed; d unconnected
    assert grads[2] is None
    assert all(g.name.startswith("gradients/") for g in grads[:2])
    stopped = tf.stop_gradient(a) * b
    with tf.Session() as sess:
        assert sess.run(grads[:2]) == [12.0, 9.0]
        assert tf.gradients(stopped, [a])[0] is None
        assert sess.run(tf.gradients(c, [a], grad_ys=[tf.constant(10.0)])[0]) == 40.0
        blocked = tf.gradients(c * a, [a], stop_gradients=[c])[0]
        assert sess.run(blocked) == 12.0  # c treated as a constant: d(c*a)/da = c


def test_gradient_wrt_variable_used_twice_is_summed():
    theta = tf.Variable(2.0, name="theta")
    y = theta * theta + theta
    (grad,) = tf.gradients(y, [theta])
    with tf.Session() as sess:
        sess.run(theta.initializer)
        assert sess.run(grad) == 5.0


def test_gradient_shape_follows_input_with_unknown_batch():
    X = tf.placeholder(tf.float32, shape=(None, 3))
    w = tf.Variable(tf.ones([3, 1]))
    b = tf.Variable(0.5)
    mse = tf.reduce_mean(tf.square(tf.matmul(X, w) + b))
    gw, gb = tf.gradients(mse, [w, b])
    data = np.arange(6, dtype=np.float32).reshape(2, 3)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        gw_val, gb_val = sess.run([gw, gb], {X: data})
    pred = data @ np.ones((3, 1)) + 0.5
    np.testing.assert_allclose(gw_val, 2 * data.T @ pred / 2, rtol=1e-6)
    np.testing.assert_allclose(gb_val, 2 * pred.mean(), rtol=1e-6)
    assert gw_val.shape == (3, 1) and np.shape(gb_val) == ()


def _train(optimizer, steps=200):
    tf.reset_default_graph()
    x = tf.Variable([3.0, -2.0], name="x")
    loss = tf.reduce_sum(tf.square(x - tf.constant([1.0, 1.0])))
    global_step = tf.train.get_or_create_global_step()
    train = optimizer().minimize(loss, global_step=global_step)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for _ in range(steps):
            sess.run(train)
        return sess.run(x), sess.run(global_step), train.name


def test_gradient_descent_step_is_lr_times_gradient():
    x = tf.Variable(3.0, name="x")
    train = tf.train.GradientDescentOptimizer(0.1).minimize(x * x)
    with tf.Session() as sess:
        sess.run(x.initializer)
        sess.run(train)
        assert sess.run(x) == pytest.approx(3.0 - 0.1 * 6.0)


def test_momentum_matches_hand_written_updates():
    x = tf.Variable(3.0, name="x")
    train = tf.train.MomentumOptimizer(0.1, momentum=0.9).minimize(x * x)
    assert [v.name for v in tf.global_variables()] == ["x:0", "x/Momentum:0"]
    value, accum = 3.0, 0.0
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for _ in range(3):
            sess.run(train)
            accum = 0.9 * accum + 2 * value
            value -= 0.1 * accum
        assert sess.run(x) == pytest.approx(value, rel=1e-6)


def test_adam_matches_the_paper_update():
    x = tf.Variable(3.0, name="x")
    train = tf.train.AdamOptimizer(0.1).minimize(x * x)
    names = sorted(v.name for v in tf.global_variables())
    assert names == ["beta1_power:0", "beta2_power:0", "x/Adam:0", "x/Adam_1:0", "x:0"]
    value, m, v = 3.0, 0.0, 0.0
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for t in range(1, 4):
            sess.run(train)
            g = 2 * value
            m = 0.9 * m + 0.1 * g
            v = 0.999 * v + 0.001 * g * g
            value -= 0.1 * np.sqrt(1 - 0.999**t) / (1 - 0.9**t) * m / (np.sqrt(v) + 1e-8)
        assert sess.run(x) == pytest.approx(value, rel=1e-5)


@pytest.mark.parametrize(
    "optimizer",
    [
        lambda: tf.train.GradientDescentOptimizer(0.1),
        lambda: tf.train.MomentumOptimizer(0.05, 0.9),
        lambda: tf.train.MomentumOptimizer(0.05, 0.9, use_nesterov=True),
        lambda: tf.train.AdamOptimizer(0.1),
    ],
)
def test_optimizers_converge_and_count_steps(optimizer):
    x, step, train_name = _train(optimizer)
    assert train_name in ("GradientDescent", "Momentum", "Adam")  # TF names the op so
    np.testing.assert_allclose(x, [1.0, 1.0], atol=1e-2)
    assert step == 200


def test_minimize_without_connected_variables_is_a_value_error():
    tf.Variable(1.0, name="unused")
    with pytest.raises(ValueError, match="No gradients provided for any variable"):
        tf.train.GradientDescentOptimizer(0.1).minimize(tf.constant(2.0) * 3.0)


@pytest.mark.parametrize(
    "name,build",
    [
        ("mean", lambda x: tf.reduce_mean(x**3, axis=0)),
        ("sum", lambda x: tf.reduce_sum(tf.sigmoid(x) * x)),
        (
            "broadcast",
            lambda x: tf.reduce_sum(tf.square(x + tf.constant([1.0, 2.0, 3.0], tf.float64))),
        ),
        (
            "softmax",
            lambda x: tf.reduce_sum(tf.nn.softmax(x) * tf.constant([1.0, 2.0, 3.0], tf.float64)),
        ),
        ("prod", lambda x: tf.reduce_prod(x, axis=1)),
        ("cumprod", lambda x: tf.reduce_sum(tf.cumprod(x, axis=1, exclusive=True) ** 2)),
        ("logsumexp", lambda x: tf.reduce_logsumexp(x, axis=-1)),
    ],
)
def test_second_order_gradients_match_finite_differences(name, build):
    value = np.random.default_rng(3).normal(size=(2, 3))
    check_gradient(lambda x: tf.gradients(build(x), [x])[0], [value], tolerance=1e-4)


# Ops whose gradient is another gradient op: MirrorPad/MirrorPadGrad and MaxPoolGrad/
# MaxPoolGradGrad differentiate into each other (TF's array_grad.py and nn_grad.py).
@pytest.mark.parametrize("mode", ["REFLECT", "SYMMETRIC"])
def test_mirror_pad_and_its_gradient_op_match_finite_differences(mode):
    rng = np.random.default_rng(4)
    x, upstream = rng.normal(size=(3, 4)), rng.normal(size=(6, 7))
    paddings = [[1, 2], [2, 1]]
    check_gradient(lambda t: tf.square(tf.pad(t, paddings, mode=mode)), [x])

    def mirror_pad_grad(g):  # MirrorPadGrad(g): its own gradient is MirrorPad
        c = tf.constant(x)
        return tf.gradients(tf.pad(c, paddings, mode=mode), c, grad_ys=g)[0]

    check_gradient(lambda g: tf.square(mirror_pad_grad(g)), [upstream])


def test_pad_v2_gradient_matches_finite_differences():
    x = np.random.default_rng(5).normal(size=(2, 3))
    check_gradient(lambda t: tf.square(tf.pad(t, [[1, 0], [0, 2]], constant_values=3.0)), [x])


@pytest.mark.parametrize("padding", ["VALID", "SAME"])
def test_max_pool_second_and_third_derivatives_match_finite_differences(padding):
    rng = np.random.default_rng(6)
    x = rng.permutation(32).reshape(1, 4, 4, 2).astype(np.float64)  # distinct: one max each
    pool = dict(ksize=[1, 2, 2, 1], strides=[1, 1, 2, 1], padding=padding)
    out_shape = tf.nn.max_pool(tf.constant(x), **pool).shape.as_list()
    upstream = rng.normal(size=out_shape)

    def max_pool_grad(g):  # MaxPoolGrad(x, max_pool(x), g): its gradient is MaxPoolGradGrad
        c = tf.constant(x)
        return tf.gradients(tf.nn.max_pool(c, **pool), c, grad_ys=g)[0]

    check_gradient(lambda g: tf.square(max_pool_grad(g)), [upstream])

    def max_pool_grad_grad(h):  # MaxPoolGradGrad(x, max_pool(x), h): gradient MaxPoolGrad
        g = tf.constant(upstream)
        return tf.gradients(max_pool_grad(g), g, grad_ys=h)[0]

    check_gradient(lambda h: tf.square(max_pool_grad_grad(h)), [x * 0.1])


def test_l2_loss_and_log_sigmoid_values_match_their_formulas():
    x = np.array([[-30.0, -1.5, 0.0], [0.5, 2.0, 40.0]])
    with tf.Session() as sess:
        l2, log_sig = sess.run([tf.nn.l2_loss(x), tf.math.log_sigmoid(x)])
    assert l2 == pytest.approx(np.sum(x**2) / 2)
    # log(sigmoid(x)) = -log(1 + exp(-x)), finite for large |x|
    np.testing.assert_allclose(log_sig, -np.logaddexp(0.0, -x), rtol=1e-12)
