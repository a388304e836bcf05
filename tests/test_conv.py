"""conv2d, max_pool, avg_pool and bias_add against naive loops and finite differences."""

import numpy as np
import pytest

import learntf.compat.v1 as tf

tf.disable_v2_behavior()  # TF1 programs on TensorFlow 2 start so: graphs and sessions


pytestmark = pytest.mark.usefixtures("fresh_graph")


def naive_conv(x, w, stride, padding):
    b, h, width, c = x.shape
    fh, fw, _, out = w.shape
    if padding == "SAME":
        oh, ow = -(-h // stride), -(-width // stride)
        ph = max((oh - 1) * stride + fh - h, 0)
        pw = max((ow - 1) * stride + fw - width, 0)
        x = np.pad(x, ((0, 0), (ph // 2, ph - ph // 2), (pw // 2, pw - pw // 2), (0, 0)))
    else:
        oh, ow = (h - fh) // stride + 1, (width - fw) // stride + 1
    y = np.zeros((b, oh, ow, out))
    for i in range(oh):
        for j in range(ow):
            patch = x[:, i * stride : i * stride + fh, j * stride : j * stride + fw, :]
            y[:, i, j, :] = np.tensordot(patch, w, axes=([1, 2, 3], [0, 1, 2]))
    return y


@pytest.mark.parametrize("stride,padding", [(1, "SAME"), (2, "SAME"), (1, "VALID"), (2, "VALID")])
def test_conv2d_matches_a_naive_loop_and_infers_its_shape(stride, padding):
    rng = np.random.default_rng(0)
    x = rng.normal(size=(2, 7, 6, 3))
    w = rng.normal(size=(3, 2, 3, 4))
    y = tf.nn.conv2d(
        tf.constant(x), tf.constant(w), strides=[1, stride, stride, 1], padding=padding
    )
    expected = naive_conv(x, w, stride, padding)
    assert y.shape.as_list() == list(expected.shape)
    with tf.Session() as sess:
        np.testing.assert_allclose(sess.run(y), expected, rtol=1e-10)


def naive_pool(x, k, stride, padding, reduce):
    b, h, w, c = x.shape
    if padding == "SAME":
        oh, ow = -(-h // stride), -(-w // stride)
        ph, pw = max((oh - 1) * stride + k - h, 0), max((ow - 1) * stride + k - w, 0)
        top, left = ph // 2, pw // 2
    else:
        oh, ow, top, left = (h - k) // stride + 1, (w - k) // stride + 1, 0, 0
    y = np.zeros((b, oh, ow, c))
    for i in range(oh):
        for j in range(ow):
            r0, c0 = i * stride - top, j * stride - left
            patch = x[:, max(r0, 0) : r0 + k, max(c0, 0) : c0 + k, :]
            y[:, i, j, :] = reduce(patch, axis=(1, 2))
    return y


@pytest.mark.parametrize("padding", ["SAME", "VALID"])
def test_pools_match_naive_loops(padding):
    x = np.random.default_rng(1).normal(size=(2, 5, 5, 3))
    args = dict(ksize=[1, 2, 2, 1], strides=[1, 2, 2, 1], padding=padding)
    with tf.Session() as sess:
        np.testing.assert_allclose(
            sess.run(tf.nn.max_pool(tf.constant(x), **args)), naive_pool(x, 2, 2, padding, np.max)
        )
        np.testing.assert_allclose(
            sess.run(tf.nn.avg_pool(tf.constant(x), **args)), naive_pool(x, 2, 2, padding, np.mean)
        )


def gradient_error(build, values):
    placeholders = [tf.placeholder(tf.float64, shape=v.shape) for v in values]
    y = build(*placeholders)
    worst = 0.0
    with tf.Session():
        for x, v in zip(placeholders, values):
            others = {p: o for p, o in zip(placeholders, values) if p is not x}
            worst = max(
                worst,
                tf.test.compute_gradient_error(
                    x,
                    v.shape,
                    y,
                    y.shape.as_list(),
                    x_init_value=v,
                    delta=1e-6,
                    extra_feed_dict=others,
                ),
            )
    return worst


@pytest.mark.parametrize("stride,padding", [(1, "SAME"), (2, "SAME"), (2, "VALID")])
def test_conv2d_gradients_match_finite_differences(stride, padding):
    rng = np.random.default_rng(2)
    x, w = rng.normal(size=(1, 5, 4, 2)), rng.normal(size=(3, 3, 2, 2))
    conv = lambda a, b: tf.nn.conv2d(a, b, [1, stride, stride, 1], padding)  # noqa: E731
    assert gradient_error(conv, [x, w]) < 1e-6


def test_second_order_through_conv2d():
    rng = np.random.default_rng(3)
    x, w = rng.normal(size=(1, 4, 4, 1)), rng.normal(size=(2, 2, 1, 2))

    def grad_of_conv(a, b):
        y = tf.reduce_sum(tf.square(tf.nn.conv2d(a, b, [1, 1, 1, 1], "SAME")))
        return tf.gradients(y, [a])[0]

    assert gradient_error(grad_of_conv, [x, w]) < 1e-5


@pytest.mark.parametrize("pool", ["max", "avg"])
def test_pool_gradients_match_finite_differences(pool):
    x = np.random.default_rng(4).permutation(50).reshape(1, 5, 5, 2) / 7.0  # no ties
    fn = tf.nn.max_pool if pool == "max" else tf.nn.avg_pool
    assert gradient_error(lambda a: fn(a, [1, 2, 2, 1], [1, 2, 2, 1], "SAME"), [x]) < 1e-6


def test_bias_add_and_its_gradient():
    rng = np.random.default_rng(5)
    x, b = rng.normal(size=(2, 3, 4)), rng.normal(size=(4,))
    with tf.Session() as sess:
        np.testing.assert_allclose(sess.run(tf.nn.bias_add(x, b)), x + b)
    assert gradient_error(tf.nn.bias_add, [x, b]) < 1e-6
    with pytest.raises(ValueError, match="Dimensions must be equal"):
        tf.nn.bias_add(tf.zeros([2, 3]), tf.zeros([4]))


def test_conv2d_errors_name_the_problem():
    with pytest.raises(ValueError, match="Depth of input"):
        tf.nn.conv2d(tf.zeros([1, 4, 4, 3]), tf.zeros([2, 2, 2, 1]), [1, 1, 1, 1], "SAME")
    with pytest.raises(ValueError, match="must be rank 4"):
        tf.nn.conv2d(tf.zeros([4, 4, 3]), tf.zeros([2, 2, 3, 1]), [1, 1, 1, 1], "SAME")
    with pytest.raises(ValueError, match="Value for attr 'padding' of \"same\""):
        tf.nn.conv2d(tf.zeros([1, 4, 4, 3]), tf.zeros([2, 2, 3, 1]), [1, 1, 1, 1], "same")
    with pytest.raises(ValueError, match="batch and depth"):
        tf.nn.max_pool(tf.zeros([1, 4, 4, 3]), [2, 2, 2, 1], [1, 1, 1, 1], "SAME")


def test_seed001_filter_shared_over_two_images():
    def conv_relu(input, kernel_shape, bias_shape):
        weights = tf.get_variable(
            "weights", kernel_shape, initializer=tf.random_normal_initializer()
        )
        biases = tf.get_variable("biases", bias_shape, initializer=tf.constant_initializer(0.0))
        conv = tf.nn.conv2d(input, weights, strides=[1, 1, 1, 1], padding="SAME")
        return tf.nn.relu(conv + biases)

    def my_image_filter(input_images):
        with tf.variable_scope("conv1"):
            relu1 = conv_relu(input_images, [5, 5, 3, 4], [4])
        with tf.variable_scope("conv2"):
            return conv_relu(relu1, [5, 5, 4, 4], [4])

    image1 = tf.placeholder(tf.float32, [1, 8, 8, 3])
    image2 = tf.placeholder(tf.float32, [1, 8, 8, 3])
    result1 = my_image_filter(image1)
    with pytest.raises(ValueError, match="conv1/weights already exists"):
        my_image_filter(image2)
    tf.get_variable_scope().reuse_variables()
    result2 = my_image_filter(image2)
    assert len(tf.global_variables()) == 4
    data = np.random.default_rng(0).random((1, 8, 8, 3)).astype(np.float32)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        r1, r2 = sess.run([result1, result2], {image1: data, image2: data})
    np.testing.assert_array_equal(r1, r2)
