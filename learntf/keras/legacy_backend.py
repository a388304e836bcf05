"""`keras.backend`'s tensor functions (`K.square`, `K.mean`, `K.clip`, `K.epsilon`, ...): TF 2.21
keeps them in keras/src/legacy/backend.py as thin wrappers of TensorFlow ops; these wrap
learntf's ops the same way (bool inputs of mean/std/var become floats; clip's bounds as Keras
fixes them)."""

import numpy as np

_EPSILON = [1e-7]


def _tf():
    import learntf

    return learntf


def epsilon():
    return _EPSILON[0]


def set_epsilon(value):
    _EPSILON[0] = float(value)


def image_data_format():
    return "channels_last"


def _float_if_bool(x):
    tf = _tf()
    x = tf.convert_to_tensor(x)
    return tf.cast(x, "float32") if x.dtype == tf.bool else x


def mean(x, axis=None, keepdims=False):
    return _tf().reduce_mean(_float_if_bool(x), axis, keepdims)


def std(x, axis=None, keepdims=False):
    return _tf().sqrt(var(x, axis, keepdims))


def var(x, axis=None, keepdims=False):
    """tf.math.reduce_variance's maths: the mean squared deviation from the mean."""
    tf = _tf()
    x = _float_if_bool(x)
    deviations = tf.square(tf.abs(x - tf.reduce_mean(x, axis, keepdims=True)))
    return tf.reduce_mean(deviations, axis, keepdims)


def sum(x, axis=None, keepdims=False):
    return _tf().reduce_sum(x, axis, keepdims)


def max(x, axis=None, keepdims=False):
    return _tf().reduce_max(x, axis, keepdims)


def min(x, axis=None, keepdims=False):
    return _tf().reduce_min(x, axis, keepdims)


def prod(x, axis=None, keepdims=False):
    return _tf().reduce_prod(x, axis, keepdims)


def clip(x, min_value, max_value):
    if isinstance(min_value, (int, float)) and isinstance(max_value, (int, float)):
        if max_value < min_value:
            max_value = min_value
    min_value = -np.inf if min_value is None else min_value
    max_value = np.inf if max_value is None else max_value
    return _tf().clip_by_value(x, min_value, max_value)


def _unary(name):
    def op(x):
        tf = _tf()
        return getattr(tf.math, name)(x)

    op.__name__ = name
    return op


square, sqrt, exp, log, abs, sign, round, sigmoid, tanh = (
    _unary(n) for n in ("square", "sqrt", "exp", "log", "abs", "sign", "round", "sigmoid", "tanh")
)


def pow(x, a):
    return _tf().pow(x, a)


def maximum(x, y):
    return _tf().maximum(x, y)


def minimum(x, y):
    return _tf().minimum(x, y)


def equal(x, y):
    return _tf().equal(x, y)


def greater(x, y):
    return _tf().greater(x, y)


def argmax(x, axis=-1):
    return _tf().argmax(x, axis)


def argmin(x, axis=-1):
    return _tf().argmin(x, axis)


def cast(x, dtype):
    return _tf().cast(x, dtype)


def dot(x, y):
    return _tf().matmul(x, y)


def concatenate(tensors, axis=-1):
    return _tf().concat(list(tensors), axis)


def stack(x, axis=0):
    return _tf().stack(x, axis=axis)


def reshape(x, shape):
    return _tf().reshape(x, shape)


def transpose(x):
    return _tf().transpose(x)


def expand_dims(x, axis=-1):
    return _tf().expand_dims(x, axis)


def squeeze(x, axis):
    return _tf().squeeze(x, [axis])


def flatten(x):
    return _tf().reshape(x, [-1])


def batch_flatten(x):
    tf = _tf()
    return tf.reshape(x, tf.stack([-1, tf.reduce_prod(tf.shape(x)[1:])]))


def relu(x, alpha=0.0, max_value=None, threshold=0.0):
    if alpha or threshold:
        raise NotImplementedError("learntf's K.relu takes max_value only.")
    tf = _tf()
    x = tf.nn.relu(x)
    return x if max_value is None else tf.minimum(x, max_value)


def softmax(x, axis=-1):
    return _tf().nn.softmax(x, axis=axis)


def ones(shape, dtype=None, name=None):
    return _tf().ones(shape, dtype=dtype or "float32", name=name)


def zeros(shape, dtype=None, name=None):
    return _tf().zeros(shape, dtype=dtype or "float32", name=name)


def ones_like(x, dtype=None, name=None):
    return _tf().ones_like(x, dtype=dtype, name=name)


def zeros_like(x, dtype=None, name=None):
    return _tf().zeros_like(x, dtype=dtype, name=name)


def constant(value, dtype=None, shape=None, name=None):
    return _tf().constant(value, dtype=dtype or "float32", shape=shape, name=name)


def shape(x):
    return _tf().shape(x)


def int_shape(x):
    try:
        result = x.shape
        return result if isinstance(result, tuple) else tuple(result.as_list())
    except ValueError:
        return None


def ndim(x):
    return x.shape.rank


def get_value(x):
    return x.numpy() if hasattr(x, "numpy") else x


def set_value(x, value):
    x.assign(np.asarray(value, dtype=x.dtype.as_numpy_dtype))


def variable(value, dtype=None, name=None, constraint=None):
    return _tf().Variable(np.asarray(value, dtype=dtype or "float32"), name=name)


def count_params(x):
    return int(np.prod(x.shape.as_list()))


def is_keras_tensor(x):
    from learntf.keras.functional import KerasTensor

    return isinstance(x, KerasTensor)


__all__ = [
    "epsilon",
    "set_epsilon",
    "image_data_format",
    "mean",
    "std",
    "var",
    "sum",
    "max",
    "min",
    "prod",
    "clip",
    "square",
    "sqrt",
    "exp",
    "log",
    "abs",
    "sign",
    "round",
    "sigmoid",
    "tanh",
    "pow",
    "maximum",
    "minimum",
    "equal",
    "greater",
    "argmax",
    "argmin",
    "cast",
    "dot",
    "concatenate",
    "stack",
    "reshape",
    "transpose",
    "expand_dims",
    "squeeze",
    "flatten",
    "batch_flatten",
    "relu",
    "softmax",
    "ones",
    "zeros",
    "ones_like",
    "zeros_like",
    "constant",
    "shape",
    "int_shape",
    "ndim",
    "get_value",
    "set_value",
    "variable",
    "count_params",
    "is_keras_tensor",
]
