"""`tf.contrib.eager` (imported as `tfe`): TensorFlow 1.x's first eager API (seed 002, lesson 14).

These helpers turn a Python function into one that also returns gradients.  Each is a thin
layer over `GradientTape`:

    gradients_function(f)(*args)            -> [df/darg for each argument]
    value_and_gradients_function(f)(*args)  -> (f(*args), [df/darg ...])
    implicit_gradients(f)(*args)            -> [(df/dv, v) for each trainable variable f read]
    implicit_value_and_gradients(f)(*args)  -> (f(*args), [(df/dv, v) ...])
"""

import functools

from learntf.eager.tape import GradientTape
from learntf.framework.context import enable_eager_execution, executing_eagerly  # noqa: F401
from learntf.framework.execute import to_eager
from learntf.ops.variables import Variable  # noqa: F401  (tfe.Variable)


def _value_and_gradients(f, args):
    tensors = [to_eager(a) for a in args]
    with GradientTape() as tape:
        for t in tensors:
            tape.watch(t)
        value = f(*tensors)
    return value, tape.gradient(value, tensors)


def gradients_function(f, params=None):
    """A function returning the gradient of f with respect to each of its arguments."""

    @functools.wraps(f)
    def grad_fn(*args):
        return _value_and_gradients(f, args)[1]

    return grad_fn


def value_and_gradients_function(f, params=None):
    @functools.wraps(f)
    def value_and_grad_fn(*args):
        return _value_and_gradients(f, args)

    return value_and_grad_fn


def _implicit(f, args, kwargs):
    with GradientTape() as tape:
        value = f(*args, **kwargs)
    variables = tape.watched_variables()
    grads = tape.gradient(value, variables)
    return value, [(g, v) for g, v in zip(grads, variables)]


def implicit_gradients(f):
    """A function returning [(gradient, variable)] for the trainable variables f reads."""

    @functools.wraps(f)
    def grad_fn(*args, **kwargs):
        return _implicit(f, args, kwargs)[1]

    return grad_fn


def implicit_value_and_gradients(f):
    @functools.wraps(f)
    def value_and_grad_fn(*args, **kwargs):
        return _implicit(f, args, kwargs)

    return value_and_grad_fn


Iterator = iter
