"""Activation functions by name: `Dense(30, activation="relu")` (lesson 21).

Each is a composition of learntf ops, so gradients (tape or tf.gradients) come from the ops'
own gradient rules.  `get(name_or_callable)` resolves what `activation=` accepts: a name, a
callable, or None (the identity, "linear").
"""

from learntf.ops import math_ops, nn_ops

SELU_ALPHA = 1.6732632423543772848170429916717
SELU_SCALE = 1.0507009873554804934193349852946


def linear(x):
    """The identity: what `activation=None` means."""
    return x


def relu(x, negative_slope=0.0, max_value=None, threshold=0.0):
    """max(x, 0); with `max_value`, also capped above; with `negative_slope`, leaky."""
    if negative_slope == 0.0 and max_value is None and threshold == 0.0:
        return nn_ops.relu(x)
    if threshold != 0.0:
        raise ValueError("learntf's relu does not support `threshold`; use a Lambda layer.")
    y = nn_ops.leaky_relu(x, alpha=negative_slope) if negative_slope else nn_ops.relu(x)
    return math_ops.minimum(y, max_value) if max_value is not None else y


def sigmoid(x):
    return math_ops.sigmoid(x)


def tanh(x):
    return math_ops.tanh(x)


def softmax(x, axis=-1):
    return nn_ops.softmax(x, axis=axis)


def softplus(x):
    """log(1 + e^x)."""
    return math_ops.softplus(x)


def elu(x, alpha=1.0):
    """x for x > 0, alpha * (e^x - 1) otherwise."""
    y = nn_ops.elu(x)
    if alpha == 1.0:
        return y
    return math_ops.add(nn_ops.relu(x), math_ops.multiply(math_ops.minimum(y, 0.0), alpha))


def selu(x):
    """scale * elu(x, alpha) with the self-normalising constants of Klambauer et al. (2017)."""
    negative = math_ops.multiply(math_ops.minimum(nn_ops.elu(x), 0.0), SELU_ALPHA)
    return math_ops.multiply(math_ops.add(nn_ops.relu(x), negative), SELU_SCALE)


def exponential(x):
    return math_ops.exp(x)


def swish(x):
    """x * sigmoid(x) (also called silu)."""
    return math_ops.multiply(x, math_ops.sigmoid(x))


def leaky_relu(x, negative_slope=0.2):
    return nn_ops.leaky_relu(x, alpha=negative_slope)


silu = swish

_BY_NAME = {
    "linear": linear,
    "relu": relu,
    "sigmoid": sigmoid,
    "tanh": tanh,
    "softmax": softmax,
    "softplus": softplus,
    "elu": elu,
    "selu": selu,
    "exponential": exponential,
    "swish": swish,
    "silu": silu,
    "leaky_relu": leaky_relu,
}


def get(identifier):
    """The activation function for a name, a callable, or None (linear)."""
    if identifier is None:
        return linear
    if callable(identifier):
        return identifier
    if isinstance(identifier, str) and identifier in _BY_NAME:
        return _BY_NAME[identifier]
    raise ValueError(
        "Could not interpret activation function identifier: %s\n(learntf: the "
        "names are %s; or pass a function of one tensor.)"
        % (identifier, ", ".join(sorted(_BY_NAME)))
    )


def serialize(activation):
    for name, fn in _BY_NAME.items():
        if fn is activation:
            return name
    return getattr(activation, "__name__", repr(activation))
