"""`tf.custom_gradient`: a function that says what its own gradient is.

    @tf.custom_gradient
    def log1pexp(x):
        e = tf.exp(x)
        def grad(upstream):
            return upstream * (1 - 1 / (1 + e))
        return tf.math.log(1 + e), grad

The decorated function returns its result and `grad`, which maps the gradients of the results
to those of the inputs.  Differentiation then goes through `grad` instead of the ops inside.
As in TensorFlow 2.21 there are two ways to arrange that, one per mode:

* eagerly, the results pass through an `Identity`, and one more record is written on each
  active GradientTape: an op whose inputs are the arguments (and the variables read) and whose
  outputs are those identities, with `grad` as its gradient.  The tape meets that record first
  when it walks back from the results, so the ops inside are skipped;
* building a graph (TF 1, or a tf.function's trace), the results, the arguments and the
  variables go through one `IdentityN` op made under `gradient_override_map`, as in TF, so
  its `_gradient_op_type` names `grad`, registered as "CustomGradient-<n>".  tf.gradients and
  tapes find the gradient by that name (ops/backprop.py), and the ops inside again receive
  nothing.

A function that reads trainable variables must take `variables=` in `grad` and return
(input gradients, variable gradients).  `grad` is made of ordinary ops, so an outer tape
records them: a custom gradient can be differentiated again.
"""

import functools
import inspect
import itertools

from learntf import nest
from learntf.framework import context, execute
from learntf.framework.apply import apply_op
from learntf.framework.constant_op import convert_to_tensor
from learntf.framework.execute import EagerOperation
from learntf.framework.graph import get_default_graph
from learntf.framework.op_registry import GRADIENTS_BY_NAME, OpDef, register_gradient, register_op


# -- IdentityN: several tensors passed through one op ------------------------------------------
def _identity_n_infer(*inputs, T, **unused):
    return [(t.dtype, t.shape) for t in inputs]


register_op(
    "IdentityN",
    ["input*"],
    _identity_n_infer,
    lambda *values, T, **unused: tuple(values),
    num_outputs="T",
    type_attr=None,
)


@register_gradient("IdentityN")
def _identity_n_gradient(op, *grads):
    return list(grads)


def identity_n(input, name=None):
    """TF's `array_ops.identity_n`."""
    tensors = [convert_to_tensor(t) for t in input]
    attrs = {"T": tuple(t.dtype for t in tensors)}
    return list(apply_op("IdentityN", [tensors], attrs, name or "IdentityN"))


# -- the decorator -------------------------------------------------------------------------------
_uids = itertools.count(1)


def custom_gradient(f=None):
    """`@tf.custom_gradient`: `f(*args)` returns (result, grad_fn)."""
    if f is None:
        return custom_gradient
    return _CustomGradientFunction(f)


class _CustomGradientFunction:
    """The decorated function (a method too: `self` is bound, and is no input)."""

    def __init__(self, f, instance=None):
        self._f = f if instance is None else functools.partial(f, instance)
        self._unbound = f
        functools.update_wrapper(self, f)

    def __get__(self, instance, owner):
        return self if instance is None else _CustomGradientFunction(self._unbound, instance)

    def __call__(self, *args, **kwargs):
        if context.executing_eagerly():
            return _eager_mode(self._f, self.__name__, args, kwargs)
        return _graph_mode(self._f, args, kwargs)


def _variables_read(f, args, kwargs):
    """Run `f`, and find the trainable variables it read (TF's VariableWatcher): a tape of its
    own watches them as they are read."""
    from learntf.eager.tape import GradientTape

    with GradientTape(persistent=True) as watcher:
        result, grad_fn = f(*args, **kwargs)
    return result, grad_fn, watcher.watched_variables()


def _check_takes_variables(grad_fn, variables):
    spec = inspect.getfullargspec(grad_fn)
    takes = "variables" in spec.args or "variables" in spec.kwonlyargs or spec.varkw
    if variables and not takes:
        raise TypeError(
            "@tf.custom_gradient grad_fn must accept keyword argument 'variables', since "
            "function uses variables: {}\n(learntf: define grad(upstream, variables=None) and "
            "return (input gradients, [one gradient per variable]).)".format(variables)
        )


def _call_grad_fn(grad_fn, result_grads, variables, arg_count):
    """The gradients of the arguments then of the variables, from those of the results."""
    if variables:
        input_grads, variable_grads = grad_fn(*result_grads, variables=variables)
        if len(variable_grads) != len(variables):
            raise ValueError(
                "Must return gradient for each variable from @custom_gradient grad_fn."
            )
    else:
        input_grads, variable_grads = grad_fn(*result_grads), []
    flat_grads = nest.flatten(input_grads)
    if len(flat_grads) != arg_count:
        raise ValueError(
            f"custom_gradient function expected to return {arg_count} "
            f"gradients, but returned {len(flat_grads)} instead.\n(learntf: grad_fn returns "
            "one gradient per argument of the decorated function, None for one that has none.)"
        )
    return flat_grads + list(variable_grads)


def _eager_mode(f, name, args, kwargs):
    result, grad_fn, watched = _variables_read(f, args, kwargs)
    flat_args = nest.flatten(args) + nest.flatten(kwargs)
    variables = [v for v in watched if all(v is not a for a in flat_args)]
    _check_takes_variables(grad_fn, variables)
    flat_result = [apply_op("Identity", [t], {}, "Identity") for t in nest.flatten(result)]
    inputs = [convert_to_tensor(t) for t in nest.flatten(args) + variables]
    arg_count = len(nest.flatten(args))

    def gradient(op, *result_grads):
        grads = nest.pack_sequence_as(result, list(result_grads))
        grads = grads if isinstance(grads, (list, tuple)) else [grads]
        return _call_grad_fn(grad_fn, grads, variables, arg_count)

    if execute.active_tapes:
        op_def = OpDef(name, [], None, None, num_outputs=None)
        op_def.gradient = gradient
        execute.record_on_tapes(EagerOperation(op_def, inputs, tuple(flat_result), {}))
    return nest.pack_sequence_as(result, flat_result)


def _graph_mode(f, args, kwargs):
    if kwargs:
        raise ValueError(
            "The custom_gradient decorator currently supports keywords arguments only when "
            "eager execution is enabled.\n(learntf: pass the arguments by position.)"
        )
    name = "CustomGradient-%d" % next(_uids)
    args = nest.map_structure(convert_to_tensor, args)
    result, grad_fn, variables = _variables_read(f, args, {})
    variables = sorted(variables, key=lambda v: v.name)
    _check_takes_variables(grad_fn, variables)
    flat_args, flat_result = nest.flatten(args), nest.flatten(result)
    # (TF looks for the variables between the arguments and the results from an Identity of
    # each result; learntf's tape found them, but makes the same, unused, Identity ops)
    for tensor in flat_result:
        apply_op("Identity", [tensor], {}, "Identity")

    def gradient(op, *result_grads):
        grads = nest.pack_sequence_as(result, list(result_grads[: len(flat_result)]))
        grads = grads if isinstance(grads, (list, tuple)) else [grads]
        input_grads = _call_grad_fn(grad_fn, grads, variables, len(flat_args))
        return [None] * len(flat_result) + input_grads

    GRADIENTS_BY_NAME[name] = gradient
    # (as TF: the IdentityN's gradient is overridden with the one registered under `name`)
    with get_default_graph().gradient_override_map({"IdentityN": name}):
        outputs = identity_n(flat_result + flat_args + variables)
    return nest.pack_sequence_as(result, outputs[: len(flat_result)])


def recompute_grad(f):
    """`tf.recompute_grad(f)`: f's gradient, computed by running f again under a tape of its
    own when the gradient is asked for (TF keeps only the inputs; learntf's tapes still record
    the forward ops, so it saves no memory here, but computes the same gradients)."""
    from learntf.eager.tape import GradientTape

    @custom_gradient
    def inner(*args):
        result = f(*args)

        def grad(*result_grads, variables=None):
            variables = list(variables or [])
            with GradientTape() as tape:
                tape.watch(list(args))
                again = f(*args)
            grads = tape.gradient(
                again, list(args) + variables, output_gradients=list(result_grads)
            )
            return grads[: len(args)], grads[len(args) :]

        return result, grad

    return functools.wraps(f)(lambda *args: inner(*args))


__all__ = ["custom_gradient", "identity_n", "recompute_grad"]
