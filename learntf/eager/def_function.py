"""`tf.function`: trace a Python function into a graph once, then run the graph (lessons 19 and 20).

Calling a `Function` looks up a *concrete function* for the call's signature — the dtype and
shape of each tensor argument and the value of each Python argument — and traces a new one
(running the Python code once, in graph mode, on placeholders) when there is none yet.  A
concrete function runs its graph through the same execution plans as `Session.run`, so it gets
pruning and constant folding, and skips the per-op Python work of eager mode.

Python side effects (print, appending to a list) happen while tracing only.  Before the
first trace, AutoGraph (learntf/autograph, which registers itself as `Function.converter`)
rewrites the function so that an `if`, `while` or `for` on a tensor becomes tf.cond or
tf.while_loop; loops over Python values are unrolled.

As in TensorFlow 2.21, NumPy arrays and NumPy scalars are arguments like tensors (their dtype
and shape select the trace, not their value).  What tf.function reports to the user (the
frequent-retracing warning, a concrete function's printed signature) is in
learntf/eager/function_reports.py, which attaches itself here.
"""

import functools
import inspect
import itertools
import weakref

import numpy as np

from learntf import errors, nest
from learntf.client.plan import ExecutionPlan
from learntf.client.session import BaseSession
from learntf.eager.func_graph import FuncGraph, TensorSpec, graph_placeholder
from learntf.framework import context
from learntf.framework import execute as eager_module
from learntf.framework.apply import apply_op
from learntf.framework.constant_op import convert_to_tensor
from learntf.framework.execute import EagerOperation, EagerTensor, active_tapes
from learntf.framework.graph import Tensor
from learntf.framework.op_registry import OpDef
from learntf.ops.gradients_util import gradients


class ConcreteFunction:
    """One traced graph of a Function, for one input signature; callable like the function."""

    # Told of each concrete function when it first runs (TF instantiates it then), so
    # tf.summary.trace_on can collect its graph (learntf/summary/trace.py sets it).
    instantiation_observer = None

    def __init__(self, func_graph, arg_names, arg_specs, structured_outputs, parameters):
        self.graph = func_graph
        self._arg_names = arg_names
        self._arg_specs = arg_specs  # TensorSpec per tensor argument
        # (name, kind, its TensorSpec or Python value) per parameter: the printed signature
        self._parameters = parameters
        self.structured_outputs = structured_outputs
        self._flat_outputs = nest.flatten(structured_outputs)  # tensors, and None
        self.outputs = [t for t in self._flat_outputs if isinstance(t, Tensor)]
        self._dtypes = [t.dtype for t in self.outputs]
        self._returns_one = isinstance(structured_outputs, Tensor)  # (then nothing to pack)
        self._runner = BaseSession(graph=func_graph)  # per-function state (random generators)
        self._plan = None
        self._backward = None
        self._op_def = OpDef("StatefulPartitionedCall", [], None, None, num_outputs=None)
        self._name = None
        self._op_def.gradient = self._gradient

    @property
    def inputs(self):
        return self.graph.inputs + [p for _, p in self.graph.captures]

    @property
    def captured_inputs(self):
        return [t for t, _ in self.graph.captures]

    # -- calling --------------------------------------------------------------------------
    def __call__(self, *args, **kwargs):
        values = [*args, *(kwargs[n] for n in self._arg_names[len(args) :] if n in kwargs)]
        tensors = [_as_input(v, spec) for v, spec in zip(values, self._arg_specs)]
        for i, (t, p) in enumerate(zip(tensors, self.graph.inputs)):  # (TF's check when run)
            if t.dtype != p.dtype:
                words = "cannot compute %s as input #%d(zero-based) was expected to be a %s tensor "
                words += "but is a %s tensor\n(learntf: tf.cast it; this trace takes %s.)"
                args = (self.name, i, p.dtype.proto_name, t.dtype.proto_name, p.dtype.name)
                raise errors.InvalidArgumentError(None, None, words % args)
        return self._call_flat(tensors)

    def _call_flat(self, tensor_args):
        if not context.executing_eagerly():  # inside another function's trace: a call op
            return self._pack(_call_in_graph(self, [*tensor_args, *self.captured_inputs]))
        plan = self._plan or self._get_plan()
        captured = self._captured  # (the captures the plan is fed, known since it was built)
        results = plan.run([t._value for t in tensor_args] + [t._value for t in captured])
        outputs = [EagerTensor(value, dtype) for value, dtype in zip(results, self._dtypes)]
        if active_tapes:
            eager_module.record_on_tapes(
                EagerOperation(self._op_def, [*tensor_args, *captured], tuple(outputs), {})
            )
        return self._pack(outputs)

    def _pack(self, outputs):
        """The flat results in the structure the Python function returned."""
        if self._returns_one:
            return outputs[0]
        values = iter(outputs)
        return nest.pack_sequence_as(
            self.structured_outputs,
            [next(values) if isinstance(t, Tensor) else t for t in self._flat_outputs],
        )

    def run_values(self, values):
        """The output arrays for the arrays of all inputs (arguments, then captures)."""
        return (self._plan or self._get_plan()).run(values)

    def _get_plan(self):
        if self._plan is None:
            if ConcreteFunction.instantiation_observer is not None:
                ConcreteFunction.instantiation_observer(self)
            self._captured = self.captured_inputs
            self._plan = ExecutionPlan(
                self._runner, self.outputs, self.graph.stateful_ops(), self.inputs
            )
        return self._plan

    # -- differentiating a call (GradientTape through tf.function) -------------------------
    def _gradient(self, op, *output_grads):
        if self._backward is None:
            self._backward = _backward_function(self)
        return self._backward._call_flat(list(op.inputs) + [g for g in output_grads])

    @property
    def name(self):
        """The name of this trace's FunctionDef (in a SavedModel, or a call op's `f`)."""
        if self._name is None:
            self._name = "__inference_%s_%d" % (self.graph.name, next(_function_numbers))
        return self._name

    def __repr__(self):
        return "<ConcreteFunction %s at 0x%x>" % (self.graph.name, id(self) & 0xFFFF)


def _backward_function(forward):
    """Input gradients of `forward` from output gradients, run as one more plan.

    The gradient ops are added (by tf.gradients) to the forward function's own graph, and a
    plan fed with the call's inputs and the output gradients runs them.  (Gradients of this
    backward pass, i.e. second derivatives through a tf.function, are not recorded.)"""
    with forward.graph.as_default():
        seeds = [graph_placeholder(t.dtype, t.shape, "output_grad") for t in forward.outputs]
        grads = gradients(forward.outputs, forward.inputs, grad_ys=seeds)
    return _BackwardFunction(forward, seeds, grads)


class _BackwardFunction:
    """The plan computing a ConcreteFunction's input gradients."""

    def __init__(self, forward, seeds, grads):
        self._grads = grads
        self.outputs = [g for g in grads if g is not None]
        self._plan = ExecutionPlan(forward._runner, self.outputs, [], forward.inputs + seeds)
        self.name, self.graph = forward.name + "_backward", forward.graph

    def run_values(self, values):
        return self._plan.run(values)

    def _call_flat(self, tensor_args):
        if context.executing_eagerly():
            values = self.run_values([t._value for t in tensor_args])
            results = iter([EagerTensor(v, g.dtype) for v, g in zip(values, self.outputs)])
        else:
            results = iter(_call_in_graph(self, tensor_args))
        return [None if g is None else next(results) for g in self._grads]


class Function:
    """A Python function that runs as a traced graph (`tf.function(f)` or `@tf.function`)."""

    # Told of every eager call, (function, whether it traced): the frequent-retracing warning
    # (learntf/eager/function_reports.py) registers itself here.
    call_observer = None
    # (python_function, autograph) -> the function to trace: AutoGraph (learntf/autograph)
    # registers itself here, to convert Python control flow before tracing.
    converter = None
    relax_trace_key = None  # reduce_retracing=True's choice of trace (eager/relax_shapes.py)

    def __init__(
        self,
        python_function,
        input_signature=None,
        autograph=True,
        jit_compile=None,
        reduce_retracing=False,
        name=None,
    ):
        self.python_function = python_function
        self._autograph, self._converted = autograph, None
        if input_signature is not None and not isinstance(input_signature, (tuple, list)):
            words = "input_signature must be either a tuple or a list, got %s.\n(learntf: [spec])"
            raise TypeError(words % type(input_signature))
        self.input_signature = (
            None
            if input_signature is None
            else [s if isinstance(s, TensorSpec) else TensorSpec(*s) for s in input_signature]
        )
        self._signature = inspect.signature(python_function)
        self._concrete = {}
        self._by_tensors = {}  # dtypes and shapes of a call's tensors -> its trace (__call__)
        params = self._signature.parameters.values()  # (other kinds: every call binds)
        simple = self.input_signature is None and all(p.kind < p.VAR_POSITIONAL for p in params)
        required = sum(p.default is p.empty for p in params)
        self._arities = range(required, len(params) + 1) if simple else ()
        self._tracing_count = 0
        self._reduce_retracing = reduce_retracing
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
            bound = Function(
                functools.partial(self.python_function, instance),
                input_signature=self.input_signature,
                autograph=self._autograph,
                reduce_retracing=self._reduce_retracing,
                name=self._name,
            )
            try:
                self._bound[instance] = bound
            except TypeError:
                pass
        return bound

    # -- calling ---------------------------------------------------------------------------
    def __call__(self, *args, **kwargs):
        if RUN_FUNCTIONS_EAGERLY:  # tf.config.run_functions_eagerly(True): no graph at all
            return self.python_function(*args, **kwargs)
        traces_before = self._tracing_count
        # The usual call, eager tensors as the positional arguments (and none among the defaults
        # left): their dtypes and shapes make _concrete_for's key, so a call like an earlier one
        # finds its concrete function here, without binding the signature
        key = (
            len(args) in self._arities
            and not kwargs
            and tuple(
                [(t._dtype, t.shape.as_tuple()) if type(t) is EagerTensor else None for t in args]
            )
        )
        concrete, tensor_args = self._by_tensors.get(key), args
        if concrete is None:
            concrete, tensor_args = self._concrete_for(args, kwargs)
            if key is not False and None not in key and len(tensor_args) == len(args):
                self._by_tensors[key] = concrete
        if Function.call_observer is not None and context.executing_eagerly():
            Function.call_observer(self, self._tracing_count > traces_before)  # (not in a trace)
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
            # NumPy arrays and NumPy scalars are traced like tensors, by dtype and shape (TF 2.21)
            if isinstance(value, (EagerTensor, Tensor, TensorSpec, np.ndarray, np.generic)):
                tensor = value if isinstance(value, (Tensor, TensorSpec)) else _as_eager(value)
                # TF names the input spec only when a TensorSpec with a name is passed
                named = value.name if isinstance(value, TensorSpec) else None
                spec = TensorSpec(tensor.shape, tensor.dtype, named)
                key.append((name, spec.dtype.name, spec.shape.as_tuple()))
                if not isinstance(value, TensorSpec):
                    tensor_args.append(tensor)
                specs.append((name, spec))
            else:
                key.append((name, _python_key(value)))
        key, specs = tuple(key), dict(specs)
        concrete = self._concrete.get(key)
        if concrete is None and self._reduce_retracing:
            key, specs = Function.relax_trace_key(list(self._concrete), key, specs)
            concrete = self._concrete.get(key)
        if concrete is None:
            concrete = self._trace(bound.arguments, specs)
            self._concrete[key] = concrete
        return concrete, tensor_args

    def _concrete_for_signature(self, args, kwargs):
        # get_concrete_function() with no arguments: the input_signature's trace (as TF)
        values = (
            list(self._signature.bind(*args, **kwargs).arguments.values())
            if args or kwargs
            else self.input_signature
        )
        if len(values) != len(self.input_signature):
            raise TypeError(
                "%s: expected %d arguments for input_signature %s, got %d."
                % (self._name, len(self.input_signature), self.input_signature, len(values))
            )
        tensor_args = []
        for value, spec in zip(values, self.input_signature):
            given = value if isinstance(value, (Tensor, TensorSpec)) else _as_eager(value)
            if given.dtype is not spec.dtype or not spec.shape.is_compatible_with(given.shape):
                # TF 2.21's words: the given value's spec takes the signature's name, and the
                # signature is shown as (parameter: spec, ...)
                names = list(self._signature.parameters)
                raise TypeError(
                    "Binding inputs to tf.function failed due to `Can not cast %r to %r`. "
                    "Received args: %r and kwargs: %r for signature: (%s).\n(learntf: this "
                    "function was declared with input_signature=%s; pass a tensor of that "
                    "dtype and shape, e.g. tf.cast(x, %r).)"
                    % (
                        TensorSpec(given.shape, given.dtype, spec.name),
                        spec,
                        args,
                        kwargs,
                        ", ".join("%s: %r" % (n, s) for n, s in zip(names, self.input_signature)),
                        self.input_signature,
                        spec.dtype,
                    )
                )
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
                    % (where, self._name)
                )
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
                    holder = graph_placeholder(spec.dtype, spec.shape, spec.name or name)
                    graph.inputs.append(holder)
                    call_args[name] = holder
                else:
                    call_args[name] = value
            bound = self._signature.bind(**call_args)
            if self._converted is None:  # (converted once, before the first trace)
                convert = Function.converter or (lambda function, autograph: function)
                self._converted = convert(self.python_function, self._autograph)
            outputs = self._converted(*bound.args, **bound.kwargs)
            # each output a tensor, then through an Identity, one output after the other (TF)
            outputs = nest.map_structure(_as_output, outputs)
        graph.add_automatic_control_deps(
            [t for t in nest.flatten(outputs) if isinstance(t, Tensor)]
        )
        arg_specs = [specs[name] for name in arguments if name in specs]
        arg_names = [name for name in arguments if name in specs]
        kinds = {name: param.kind.name for name, param in self._signature.parameters.items()}
        parameters = [
            (name, kinds.get(name, "POSITIONAL_OR_KEYWORD"), specs.get(name, value))
            for name, value in arguments.items()
        ]
        concrete = ConcreteFunction(graph, arg_names, arg_specs, outputs, parameters)
        concrete.python_function = self.python_function  # (a SavedModel signature retraces it)
        return concrete

    def __repr__(self):
        return "<learntf.Function %s (%d traces)>" % (self._name, self._tracing_count)


def function(
    func=None,
    input_signature=None,
    autograph=True,
    jit_compile=None,
    reduce_retracing=False,
    experimental_relax_shapes=None,
    name=None,
):
    """`tf.function(f)` or `@tf.function(...)`: run f as a traced graph."""

    def decorate(f):
        return Function(
            f,
            input_signature=input_signature,
            autograph=autograph,
            reduce_retracing=bool(reduce_retracing or experimental_relax_shapes),
            name=name,
        )

    return decorate(func) if func is not None else decorate


# -- helpers -------------------------------------------------------------------------------------
def _call_in_graph(function, args):
    """A call of a traced function inside a graph being built: one op, TF's
    (Stateful)PartitionedCall, whose kernel runs the function's plan (ops/functional_ops.py)."""
    dtypes_in, dtypes_out = [t.dtype for t in args], [t.dtype for t in function.outputs]
    attrs = {"f": function, "Tin": dtypes_in, "Tout": dtypes_out}
    stateful = any(op.op_def.stateful for op in function.graph.get_operations())
    return list(
        apply_op("StatefulPartitionedCall" if stateful else "PartitionedCall", [args], attrs)
    )


RUN_FUNCTIONS_EAGERLY = False  # set by tf.config.run_functions_eagerly (learntf/config.py)

_function_numbers = itertools.count(1)  # (TF numbers its functions with one counter too)


def _as_eager(value, spec=None):
    if isinstance(value, EagerTensor):
        return value
    return eager_module.to_eager(value, spec.dtype if spec is not None else None)


def _as_input(value, spec):
    """An argument of a call as a tensor: eager, or (in another function's trace) a graph one."""
    if context.executing_eagerly() or isinstance(value, EagerTensor):
        return _as_eager(value, spec)
    return convert_to_tensor(value, dtype=spec.dtype)


_NAN = "<nan>"  # (TF's NanMarker: every NaN argument is one key)


def _python_key(value):
    # As TF's Literal trace type: a bool, int, float, str or None is compared by value alone, so
    # f(3) reuses the trace of f(3.0) (3 == 3.0), and every NaN is the same value
    if value is None or type(value) in (bool, int, float, str):
        return ("literal", _NAN if value != value else value)
    try:
        hash(value)
        return (type(value).__name__, value)
    except TypeError:
        return (type(value).__name__, id(value))


def _as_output(value):
    # As TF: every output but None becomes a tensor (variables read, Python and NumPy values
    # constants), so a call returns tensors only; each goes through an Identity (tf.identity)
    if hasattr(value, "flow") and hasattr(value, "element_shape"):  # a TensorArray: its flow
        value = value.flow
    if (
        hasattr(value, "_as_graph_element")
        or hasattr(value, "handle")
        or isinstance(value, (bool, int, float, str, bytes, np.ndarray, np.generic))
    ):
        value = convert_to_tensor(value)
    return apply_op("Identity", [value], {}, "Identity") if isinstance(value, Tensor) else value


__all__ = ["function", "Function", "ConcreteFunction", "TensorSpec"]
