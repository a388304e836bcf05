"""`tf.test`: check gradients against finite differences (lesson 04).

`compute_gradient(x, x_shape, y, y_shape)` returns two Jacobians of shape
(x_size, y_size): the one `tf.gradients` builds (theoretical) and the one central
differences measure (numerical).  `compute_gradient_error` is the largest difference.
Both run in the default session, like TensorFlow 1's `tf.test.compute_gradient`.
"""

import numpy as np

from learntf.client.session import get_default_session
from learntf.ops.gradients_util import gradients


def compute_gradient(
    x, x_shape, y, y_shape, x_init_value=None, delta=1e-3, init_targets=None, extra_feed_dict=None
):
    """(theoretical, numerical) Jacobians d y / d x, each of shape (x.size, y.size)."""
    session = get_default_session()
    if session is None:
        raise ValueError("compute_gradient needs a default session: use `with tf.Session():`.")
    if init_targets is not None:
        session.run(init_targets)
    feed = dict(extra_feed_dict or {})
    x_shape, y_shape = tuple(x_shape), tuple(y_shape)
    if x_init_value is None:
        x_init_value = np.random.default_rng(0).random(x_shape)
    x_value = np.asarray(x_init_value, dtype=x.dtype.np).reshape(x_shape)
    x_size, y_size = int(np.prod(x_shape)), int(np.prod(y_shape))

    # Theoretical: one backward pass per output element, seeded with a one-hot grad_ys.
    from learntf.ops.array_ops import placeholder

    seed = placeholder(y.dtype, shape=y_shape)
    (grad,) = gradients(y, [x], grad_ys=[seed])
    theoretical = np.zeros((x_size, y_size))
    for j in range(y_size):
        one_hot = np.zeros(y_size, dtype=y.dtype.np)
        one_hot[j] = 1
        if grad is not None:
            value = session.run(grad, {**feed, x: x_value, seed: one_hot.reshape(y_shape)})
            theoretical[:, j] = np.asarray(value).reshape(-1)

    # Numerical: central differences, one pair of forward passes per input element.
    numerical = np.zeros((x_size, y_size))
    flat = x_value.reshape(-1)
    for i in range(x_size):
        plus, minus = flat.copy(), flat.copy()
        plus[i] += delta
        minus[i] -= delta
        y_plus = session.run(y, {**feed, x: plus.reshape(x_shape)})
        y_minus = session.run(y, {**feed, x: minus.reshape(x_shape)})
        numerical[i, :] = (
            np.asarray(y_plus, np.float64) - np.asarray(y_minus, np.float64)
        ).reshape(-1) / (2 * delta)
    return theoretical, numerical


def compute_gradient_error(
    x, x_shape, y, y_shape, x_init_value=None, delta=1e-3, init_targets=None, extra_feed_dict=None
):
    """The largest absolute difference between the theoretical and numerical Jacobians."""
    theoretical, numerical = compute_gradient(
        x, x_shape, y, y_shape, x_init_value, delta, init_targets, extra_feed_dict
    )
    return float(np.max(np.abs(theoretical - numerical))) if theoretical.size else 0.0


def is_gpu_available(cuda_only=False, min_cuda_compute_capability=None):
    """False: learntf computes with NumPy on the CPU (TF's answer on a machine without GPU)."""
    return False


def gpu_device_name():
    """'' : no GPU device (as TF returns on a machine without one)."""
    return ""


def is_built_with_cuda():
    return False


def is_built_with_gpu_support():
    return False
