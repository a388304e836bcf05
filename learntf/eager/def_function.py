"""`tf.function`: trace a Python function into a graph once, then run the graph (lesson 12).

Calling a `Function` looks up a *concrete function* for the call's signature — the dtype and
shape of each tensor argument and the value of each Python argument — and traces a new one
(running the Python code once, in graph mode, on placeholders) when there is none yet.  A
concrete function runs its graph through the same execution plans as `Session.run`, so it gets
pruning and constant folding, and skips the per-op Python work of eager mode.

Python side effects (print, appending to a list) happen while tracing only; Python loops are
unrolled; a Python `if` on a tensor is an error that says to use tf.cond (learntf does not
convert control flow as AutoGraph does).
"""
import collections
import functools
import inspect
import warnings
import weakref

import numpy as np

from learntf.client.plan import ExecutionPlan
from learntf.client.session import BaseSession
from learntf.eager.func_graph import FuncGraph, TensorSpec
from learntf.framework.eager import EagerOperation, EagerTensor, active_tapes
from learntf.framework import eager as eager_module
from learntf.framework.graph import Tensor
from learntf.framework.op_registry import OpDef
from learntf.ops.array_ops import placeholder

RETRACE_WARNING_THRESHOLD = 5


class ConcreteFunction:
    """One traced graph of a Function, for one input signature; callable like the function."""

    def __init__(self, func_graph, arg_names, arg_specs, structured_outputs):
        self.graph = func_graph
        self._arg_names = arg_names
        self._arg_specs = arg_specs             # TensorSpec per tensor argument
        self.structured_outputs = structured_outputs
        self.outputs = [t for t in _flatten(structured_outputs) if isinstance(t, Tensor)]
        self._runner = BaseSession(graph=func_graph)  # per-function state (random generators)
        self._plan = None
        self._backward = None
        self._op_def = OpDef("StatefulPartitionedCall", [], None, None, num_outputs=None)
        self._op_def.gradient = self._gradient

    @property
    def inputs(self):
        return self.graph.inputs + [p for _, p in self.graph.captures]

    @property
    def captured_inputs(self):
        return [t for t, _ in self.graph.captures]

    # -- calling --------------------------------------------------------------------------
    def __call__(self, *args, **kwargs):
        values = list(args) + [kwargs[name] for name in self._arg_names[len(args):] if name in kwargs]
        return self._call_flat([_as_eager(v, spec) for v, spec in zip(values, self._arg_specs)])

    def _call_flat(self, tensor_args):
        captured = self.captured_inputs
        plan = self._get_plan()
        feeds = [t._value for t in tensor_args] + [t._value for t in captured]
        results = plan.run(feeds)
        outputs = [EagerTensor(value, t.dtype) for value, t in zip(results, self.outputs)]
        if active_tapes:
            eager_module.record_on_tapes(EagerOperation(
                self._op_def, list(tensor_args) + list(captured), tuple(outputs), {}))
        return _pack(self.structured_outputs, outputs)

    def _get_plan(self):
        if self._plan is None:
            self._plan = ExecutionPlan(self._runner, self.outputs, self.graph.stateful_ops(),
                                       self.inputs)
        return self._plan

    # -- differentiating a call (GradientTape through tf.function) -------------------------
    def _gradient(self, op, *output_grads):
        if self._backward is None:
            self._backward = _backward_function(self)
        return self._backward._call_flat(
            list(op.inputs) + [g for g in output_grads])

    # -- display --------------------------------------------------------------------------
    def pretty_printed_signature(self):
        lines = ["ConcreteFunction Input Parameters:"]
        for name, spec in zip(self._arg_names, self._arg_specs):
            lines.append("  %s (POSITIONAL_OR_KEYWORD): %r" % (name, spec))
        lines.append("Output Type:")
        lines.append("  " + _output_type(self.structured_outputs))
        lines.append("Captures:")
        if self.graph.captures:
            lines += ["  %d: %r" % (i, t) for i, (t, _) in enumerate(self.graph.captures)]
        else:
            lines.append("  None")
        return "\n".join(lines)

    def __str__(self):
        return self.pretty_printed_signature()

    def __repr__(self):
        return "<ConcreteFunction %s at 0x%x>" % (self.graph.name, id(self) & 0xFFFF)


def _output_type(structure):
    if isinstance(structure, Tensor):
        return "TensorSpec(shape=%s, dtype=%r, name=None)" % (structure.shape, structure.dtype)
    if isinstance(structure, (list, tuple)):
        inner = ", ".join(_output_type(s) for s in structure)
        return ("[%s]" if isinstance(structure, list) else "(%s)") % inner
    if isinstance(structure, dict):
        return "{%s}" % ", ".join("%r: %s" % (k, _output_type(v)) for k, v in structure.items())
    return repr(structure)


def _backward_function(forward):
    """Input gradients of `forward` from output gradients, run as one more plan.

    The gradient ops are added (by tf.gradients) to the forward function's own graph, and a
    plan fed with the call's inputs and the output gradients runs them.  (Gradients of this
    backward pass, i.e. second derivatives through a tf.function, are not recorded.)"""
    from learntf.ops.gradients import gradients
    with forward.graph.as_default():
        seeds = [placeholder(t.dtype, shape=t.shape, name="output_grad") for t in forward.outputs]
        grads = gradients(forward.outputs, forward.inputs, grad_ys=seeds)
    return _BackwardFunction(forward, seeds, grads)


class _BackwardFunction:
    """The plan computing a ConcreteFunction's input gradients."""

    def __init__(self, forward, seeds, grads):
        self._grads = grads
        self._plan = ExecutionPlan(forward._runner, [g for g in grads if g is not None], [],
                                   forward.inputs + seeds)

    def _call_flat(self, tensor_args):
        results = iter(self._plan.run([t._value for t in tensor_args]))
        return [None if g is None else EagerTensor(next(results), g.dtype) for g in self._grads]


class Function:
    """A Python function that runs as a traced graph (`tf.function(f)` or `@tf.function`)."""

    def __init__(self, python_function, input_signature=None, autograph=True,
                 jit_compile=None, reduce_retracing=False, name=None):
        self.python_function = python_function
        self.input_signature = (None if input_signature is None else
                                [s if isinstance(s, TensorSpec) else TensorSpec(*s)
                                 for s in input_signature])
        self._signature = inspect.signature(python_function)
        self._concrete = {}
        self._tracing_count = 0
        self._recent_calls = collections.deque(maxlen=RETRACE_WARNING_THRESHOLD)  # traced?
        self._bound = weakref.WeakKeyDictionary()  # instance -> its bound Function
        self._name = name or getattr(python_function, "__name__", "function")
        functools.update_wrapper(self, python_function)

    def __get__(self, instance, owner):
        """A method: one Function per instance, tracing the method with `self` bound."""
        if instance is None:
            return self
        try:
            bound = self._bound.get(instance)
        except TypeError:  # not weak-referenceable: a fresh Function each time
            bound = None
        if bound is None:
            bound = Function(functools.partial(self.python_function, instance),
                             input_signature=self.input_signature, name=self._name)
            try:
                self._bound[instance] = bound
            except TypeError:
                pass
        return bound

    # -- calling ---------------------------------------------------------------------------
    def __call__(self, *args, **kwargs):
        traces_before = self._tracing_count
        concrete, tensor_args = self._concrete_for(args, kwargs)
        self._note_call(traced=self._tracing_count > traces_before)
        return concrete._call_flat(tensor_args)

    def get_concrete_function(self, *args, **kwargs):
        """The ConcreteFunction for these arguments (tensors or TensorSpecs), tracing if new."""
        return self._concrete_for(args, kwargs)[0]

    def experimental_get_tracing_count(self):
        return self._tracing_count

    def _concrete_for(self, args, kwargs):
        if self.input_signature is not None:
            return self._concrete_for_signature(args, kwargs)
        bound = self._signature.bind(*args, **kwargs)
        bound.apply_defaults()
        key, tensor_args, specs = [], [], []
        for name, value in bound.arguments.items():
            if _is_tensor_like(value):
                tensor = _as_eager(value) if not isinstance(value, TensorSpec) else value
                spec = TensorSpec(tensor.shape, tensor.dtype, name)
                key.append((name, spec.dtype.name, spec.shape.as_tuple()))
                if not isinstance(value, TensorSpec):
                    tensor_args.append(tensor)
                specs.append((name, spec))
            else:
                key.append((name, _python_key(value)))
        key = tuple(key)
        concrete = self._concrete.get(key)
        if concrete is None:
            concrete = self._trace(bound.arguments, dict(specs))
            self._concrete[key] = concrete
        return concrete, tensor_args

    def _concrete_for_signature(self, args, kwargs):
        bound = self._signature.bind(*args, **kwargs)
        values = list(bound.arguments.values())
        if len(values) != len(self.input_signature):
            raise TypeError("%s: expected %d arguments for input_signature %s, got %d."
                            % (self._name, len(self.input_signature), self.input_signature,
                               len(values)))
        tensor_args = []
        for value, spec in zip(values, self.input_signature):
            given = value if isinstance(value, TensorSpec) else _as_eager(value)
            if given.dtype is not spec.dtype or not spec.shape.is_compatible_with(given.shape):
                raise TypeError(
                    "Binding inputs to tf.function failed due to `Can not cast %r to %r`. "
                    "Received args: %r and kwargs: %r for signature: %s.\n(learntf: this "
                    "function was declared with input_signature=%s; pass a tensor of that "
                    "dtype and shape, e.g. tf.cast(x, %r).)"
                    % (TensorSpec(given.shape, given.dtype), spec, args, kwargs,
                       self.input_signature, self.input_signature, spec.dtype))
            if not isinstance(value, TensorSpec):
                tensor_args.append(given)
        concrete = self._concrete.get("signature")
        if concrete is None:
            names = list(self._signature.parameters)
            arguments = dict(zip(names, self.input_signature))
            concrete = self._trace(arguments, dict(zip(names, self.input_signature)))
            self._concrete["signature"] = concrete
        return concrete, tensor_args

    # -- tracing ---------------------------------------------------------------------------
    def _trace(self, arguments, specs):
        concrete = self._trace_once(arguments, specs)
        if concrete.graph.created_variables:
            # TF traces again after a trace that created variables: a second trace that
            # creates variables again means the function makes new ones on every call.
            again = self._trace_once(arguments, specs)
            if again.graph.created_variables:
                where = again.graph.created_variables[0][1]
                raise ValueError(
                    "in user code:\n\n%s\n    ValueError: tf.function only supports singleton "
                    "tf.Variables created on the first call. Make sure the tf.Variable is only "
                    "created once or created outside tf.function. See "
                    "https://www.tensorflow.org/guide/function#creating_tfvariables for more "
                    "information.\n\n(learntf: %s creates a new tf.Variable each time it runs; "
                    "create it outside the function, or only when it does not exist yet.)"
                    % (where, self._name))
            concrete = again
        return concrete

    def _trace_once(self, arguments, specs):
        self._tracing_count += 1
        graph = FuncGraph(self._name)
        call_args = {}
        with graph.as_default():
            for name, value in arguments.items():
                if name in specs:
                    spec = specs[name]
                    holder = placeholder(spec.dtype, shape=spec.shape, name=spec.name or name)
                    graph.inputs.append(holder)
                    call_args[name] = holder
                else:
                    call_args[name] = value
            bound = self._signature.bind(**call_args)
            outputs = self.python_function(*bound.args, **bound.kwargs)
            outputs = _map_tensors(outputs, _as_graph_output)
        arg_specs = [specs[name] for name in arguments if name in specs]
        arg_names = [name for name in arguments if name in specs]
        return ConcreteFunction(graph, arg_names, arg_specs, outputs)

    def _note_call(self, traced):
        """TF's warning: every one of the last 5 calls traced again (and not just once)."""
        self._recent_calls.append(traced)
        if (len(self._recent_calls) == RETRACE_WARNING_THRESHOLD and all(self._recent_calls)
                and self._tracing_count > RETRACE_WARNING_THRESHOLD - 1):
            self._recent_calls.clear()
            warnings.warn(
                "%d out of the last %d calls to %s triggered tf.function retracing. Tracing is "
                "expensive and the excessive number of tracings could be due to (1) creating "
                "@tf.function repeatedly in a loop, (2) passing tensors with different shapes, "
                "(3) passing Python objects instead of tensors. (learntf: each new Python "
                "value, e.g. a float that changes every step, is a new trace; pass it as "
                "tf.constant(value) instead.)" % (RETRACE_WARNING_THRESHOLD,
                                                  RETRACE_WARNING_THRESHOLD, self._name),
                stacklevel=3)

    def __repr__(self):
        return "<learntf.Function %s (%d traces)>" % (self._name, self._tracing_count)


def function(func=None, input_signature=None, autograph=True, jit_compile=None,
             reduce_retracing=False, experimental_relax_shapes=None, name=None):
    """`tf.function(f)` or `@tf.function(...)`: run f as a traced graph."""
    def decorate(f):
        return Function(f, input_signature=input_signature, autograph=autograph, name=name)
    return decorate(func) if func is not None else decorate


# -- helpers -------------------------------------------------------------------------------------
def _is_tensor_like(value):
    return isinstance(value, (EagerTensor, TensorSpec, np.ndarray))


def _as_eager(value, spec=None):
    if isinstance(value, EagerTensor):
        return value
    return eager_module.to_eager(value, spec.dtype if spec is not None else None)


def _python_key(value):
    try:
        hash(value)
        return (type(value).__name__, value)
    except TypeError:
        return (type(value).__name__, id(value))


def _as_graph_output(value):
    if hasattr(value, "_as_graph_element") or hasattr(value, "handle"):
        from learntf.framework.constant_op import convert_to_tensor
        return convert_to_tensor(value)
    return value


def _map_tensors(structure, fn):
    if isinstance(structure, (list, tuple)):
        return type(structure)(_map_tensors(s, fn) for s in structure)
    if isinstance(structure, dict):
        return {k: _map_tensors(v, fn) for k, v in structure.items()}
    return fn(structure)


def _flatten(structure):
    if isinstance(structure, (list, tuple)):
        for s in structure:
            yield from _flatten(s)
    elif isinstance(structure, dict):
        for v in structure.values():
            yield from _flatten(v)
    else:
        yield structure


def _pack(structure, tensors):
    """`structure` with its graph tensors replaced, in order, by `tensors`."""
    return _pack_next(structure, iter(tensors))


def _pack_next(item, it):
    # (A plain recursive function: a recursive closure would make a reference cycle that
    # keeps every returned array alive until the garbage collector runs.)
    if isinstance(item, (list, tuple)):
        return type(item)(_pack_next(s, it) for s in item)
    if isinstance(item, dict):
        return {k: _pack_next(v, it) for k, v in item.items()}
    return next(it) if isinstance(item, Tensor) else item


__all__ = ["function", "Function", "ConcreteFunction", "TensorSpec"]
