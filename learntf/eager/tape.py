"""GradientTape: record ops as they are made, then replay them backwards (lesson 18).

**Recording.**  While a tape is active, every op with a *watched* input is written on it, in
order, together with the name scope it was made in; its outputs become watched too.  Eager ops
are recorded as they run (framework/execute.py); graph ops as they are built, e.g. inside a
tf.function (framework/apply.py).  A trainable variable is watched when it is read; any other
tensor needs `tape.watch(t)`.

**Differentiating.**  `tape.gradient(target, sources)` walks back from the targets through the
records to the ops they depend on, seeds each target with ones (or the `output_gradients`
given), and hands those ops to the one backward pass that `tf.gradients` uses too
(ops/backprop.py) -- the algorithm of TensorFlow's C++ tape.  Two things are the tape's own:

- each gradient function is told which inputs need no gradient (`op.skip_input_indices`: those
  neither watched nor made by a recorded op), so MatMul's builds only the product it needs;
- in a graph, an op's gradient goes in the name scope `gradient_tape/<the op's scope>/`.

An outer tape records the ops an inner tape's `gradient` makes: that is how second derivatives
work.
"""

import numpy as np

from learntf import dtypes, errors, nest
from learntf.framework import context, execute
from learntf.framework.execute import EagerTensor, active_tapes
from learntf.framework.graph import Tensor
from learntf.framework.op_registry import library
from learntf.ops.backprop import backpropagate, call_gradient_function
from learntf.ops.gradients_util import is_trainable

_WATCHED = -1  # the "producer" of a watched tensor: it was not made by a recorded op

# Gradient functions that take None for these outputs' gradients (TF's
# FunctionsAcceptingNoneForIndicesMap): no zeros are built for them.
_ACCEPTS_NONE = {"SoftmaxCrossEntropyWithLogits": {1}, "SparseSoftmaxCrossEntropyWithLogits": {1}}


def record(op, scope=None):
    """Called for every op made while a tape is active: eagerly run, or built in a graph in name
    scope `scope`."""
    for tape in active_tapes:
        if tape._recording:
            tape._record(op, scope)


execute.record_on_tapes = record


class GradientTape:
    """Record operations for automatic differentiation."""

    def __init__(self, persistent=False, watch_accessed_variables=True):
        self._persistent = persistent
        self._watch_accessed_variables = watch_accessed_variables
        self._records = []  # (op, name scope it was made in), in order
        self._producers = {}  # id(tensor) -> (index of the record that made it, or _WATCHED;
        #                        the tensor itself, kept alive so that ids stay unique)
        self._recording = False
        self._entered = False  # (TF's `_tape is None` until the first `with`)
        self._used = False
        self._watched_variables = []

    # -- recording ------------------------------------------------------------------------
    def __enter__(self):
        if self._recording:
            words = "Tape is still recording, This can happen if you try to re-enter an "
            raise ValueError(words + "already-active tape.\n(learntf: nest a second tape.)")
        active_tapes.append(self)
        self._recording = True
        self._entered = True
        return self

    def __exit__(self, exc_type, exc_value, traceback):
        self._stop()

    def _stop(self):
        self._recording = False
        active_tapes.remove(self)

    def watch(self, tensor):
        """Record ops on `tensor` (a tensor, variable, or nested list of them)."""
        for item in nest.flatten(tensor):
            if _is_variable(item):
                self._watch(item.handle)
                self._add_watched_variable(item)
            elif isinstance(item, (EagerTensor, Tensor)):
                self._watch(item)
            else:
                raise ValueError(
                    "Passed in object %r of type %r, not tf.Tensor or tf.Variable or ExtensionType."
                    % (item, type(item).__name__)
                )

    def _watch(self, tensor):
        if id(tensor) not in self._producers:
            self._producers[id(tensor)] = (_WATCHED, tensor)

    def watched_variables(self):
        """The variables this tape watched, in the order they were created (as TF lists them)."""
        return sorted(self._watched_variables, key=lambda v: getattr(v, "_creation_index", 0))

    def _add_watched_variable(self, variable):
        # (identity, not `in`: == on eager variables compares values)
        if variable is not None and not any(v is variable for v in self._watched_variables):
            self._watched_variables.append(variable)

    def stop_recording(self):
        """A context in which this tape records nothing."""
        tape = self
        if not self._entered:
            words = "Trying to stop recording a tape which is not recording.\n(learntf: use it "
            raise RuntimeError(words + "inside the tape's `with` block.)")

        class _Stop:
            def __enter__(self_inner):
                tape._recording = False

            def __exit__(self_inner, *args):
                tape._recording = True

        return _Stop()

    def reset(self):
        self._records = []
        self._producers = {}
        self._watched_variables = []

    def _record(self, op, scope):
        producers = self._producers
        watched_input = False
        for t in op.inputs:
            if id(t) not in producers:
                if t._dtype is not dtypes.resource:
                    continue
                self._watch_variable_handle(t)  # a variable read: watch it now?
                if id(t) not in producers:
                    continue
            watched_input = watched_input or is_trainable(t)
        if watched_input:
            index = len(self._records)
            self._records.append((op, scope))
            for t in op.outputs:
                producers[id(t)] = (index, t)

    def _watch_variable_handle(self, handle):
        """A variable read: watch its handle if the variable is trainable (and the tape watches
        what it reads), or if the program watched the variable it captures."""
        outer = _captured_from(handle)
        resource = getattr(outer, "_value", None)
        if id(outer) in self._producers or (
            self._watch_accessed_variables and getattr(resource, "trainable", False)
        ):
            self._watch(handle)
            reference = getattr(resource, "variable", None)
            self._add_watched_variable(reference() if reference is not None else None)

    # -- differentiating ------------------------------------------------------------------
    def gradient(self, target, sources, output_gradients=None, unconnected_gradients="none"):
        """d(sum of targets)/d(source) for each source, in the structure of `sources`."""
        if self._used and not self._persistent:
            raise RuntimeError(
                "A non-persistent GradientTape can only be used to compute one "
                "set of gradients (or jacobians)\n(learntf: create the tape with "
                "GradientTape(persistent=True) to call gradient() more than "
                "once, and `del tape` when done.)"
            )
        if unconnected_gradients not in ("none", "zero"):
            raise ValueError("Unknown value for unconnected_gradients: %r" % unconnected_gradients)
        if target is None:
            raise TypeError(
                "Argument `target` should be a list or nested structure of Tensors, "
                "Variables or CompositeTensors to be differentiated, but received "
                "None."
            )
        if self._recording and not self._persistent:
            self._stop()  # as TF: a non-persistent tape stops recording here, for good
        self._used = True
        targets = [_handle_or_self(t) for t in _flatten(target)]
        raw_sources = _flatten(sources)
        source_tensors = [self._source_tensor(s) for s in raw_sources]
        seeds = None
        if output_gradients is not None:
            seeds = [
                None if g is None else _convert_like(g, t)
                for g, t in zip(nest.flatten(output_gradients), targets)
            ]
        grads = _compute_gradient(self, targets, source_tensors, seeds)
        if not self._persistent:  # free the records; the watched variables stay listed, as in TF
            self._records, self._producers = [], {}
        results = []
        for raw, tensor in zip(raw_sources, source_tensors):
            grad = grads.get(id(tensor))
            if grad is None and unconnected_gradients == "zero":
                grad = library.zeros_like(raw)
            results.append(grad)
        return _pack_as(sources, results)

    def _source_tensor(self, source):
        """The tensor whose gradient `source` asks for: a variable's handle (inside tf.function,
        the placeholder that captured it, if the function used the variable)."""
        tensor = _handle_or_self(source)
        if type(tensor) is EagerTensor and not context.executing_eagerly():
            captured = getattr(_default_graph(), "captured", None)
            inside = captured(tensor) if captured else None
            if inside is not None:
                return inside
        return tensor

    def jacobian(self, target, sources, unconnected_gradients="none"):
        """d(target[i...])/d(source) stacked over the elements of target."""
        if self._used and not self._persistent:  # (gradient() raises TF's error)
            return self.gradient(target, sources)
        persistent, self._persistent = self._persistent, True
        try:
            flat = np.asarray(target._value).reshape(-1)
            rows = []
            for i in range(flat.size):
                seed = np.zeros(flat.size, dtype=target.dtype.np)
                seed[i] = 1
                rows.append(
                    self.gradient(
                        target,
                        sources,
                        output_gradients=EagerTensor(
                            seed.reshape(np.shape(target._value)), target.dtype
                        ),
                        unconnected_gradients=unconnected_gradients,
                    )
                )
                self._used = False
        finally:
            self._persistent = persistent
            self._used = True

        def stack(items):
            if items[0] is None:
                return None
            result = library.stack(items)
            return library.reshape(
                result, list(np.shape(target._value)) + list(np.shape(items[0]._value))
            )

        columns = zip(*[nest.flatten(row) for row in rows])  # one column per source
        return nest.pack_sequence_as(sources, [stack(list(column)) for column in columns])


class UnconnectedGradients:
    NONE = "none"
    ZERO = "zero"


# -- the backward pass ---------------------------------------------------------------------------
def _compute_gradient(tape, targets, sources, seeds):
    """{id(source): its gradient} for the sources the targets depend on (TF's ComputeGradient):
    the recorded ops the targets depend on go through the one backward pass, ops/backprop.py."""
    records, producers = tape._records, tape._producers
    source_ids = {id(s) for s in sources}
    indices = _records_between(records, producers, targets)
    scopes = {id(records[i][0]): records[i][1] for i in indices}
    ops = [records[i][0] for i in indices]
    used = {id(t) for op in ops for t in op.inputs}
    # Start from the ops nobody used, the latest recorded first (TF pops its stack's top).
    start = [op for op in reversed(ops) if not any(id(t) in used for t in op.outputs)]

    def differentiate(op, out_grads):
        skip = tuple(
            i for i, t in enumerate(op.inputs) if id(t) not in producers and id(t) not in source_ids
        )
        return call_gradient_function(
            _SkippingInputs(op, skip) if skip else op,
            out_grads,
            _zeros_for(op),
            _no_gradient_message,
            _gradient_scope(op, scopes[id(op)]),
        )

    seeds = _initial_gradients(targets, seeds, producers, source_ids)
    # A source neither watched nor made by a recorded op gets None, as in TF (whose tape
    # drops the gradients of tensors it has no record of).
    keep = {key for key in source_ids if key in producers}
    return backpropagate(ops, start, seeds, differentiate, keep=keep)


def _no_gradient_message(op):
    return (
        "gradient registry has no entry for: %s\n(learntf: register a gradient with "
        "learntf.framework.op_registry.register_gradient('%s'), or stop it with "
        "tf.stop_gradient.)" % (op.type, op.type)
    )


def _records_between(records, producers, targets):
    """The indices, in recording order, of the records the targets depend on."""
    found = set()
    stack = [id(t) for t in targets]
    while stack:
        index = producers.get(stack.pop(), (_WATCHED,))[0]
        if index == _WATCHED or index in found:
            continue
        found.add(index)
        stack.extend(id(t) for t in records[index][0].inputs if id(t) in producers)
    return sorted(found)


def _zeros_for(op):
    """What stands in for an output of `op` that received no gradient: zeros as TF's tape makes
    them, except where the gradient function takes None (TF's FunctionsAcceptingNone...)."""
    indices = _ACCEPTS_NONE.get(op.type)
    if not indices:
        return _zeros_like
    takes_none = {id(op.outputs[i]) for i in indices}
    return lambda t: None if id(t) in takes_none else _zeros_like(t)


def _zeros_like(t):
    return _filled_like(t, 0)


def _initial_gradients(targets, seeds, producers, source_ids):
    """d(target)/d(target): the seeds given, else ones for a target that a recorded op made
    (or that is itself a source)."""
    grads = {}
    for i, target in enumerate(targets):
        seed = seeds[i] if seeds is not None and i < len(seeds) else None
        if seed is None:
            made_here = producers.get(id(target), (_WATCHED,))[0] != _WATCHED
            if not (made_here or id(target) in source_ids):
                continue
            seed = _filled_like(target, 1)
        grads.setdefault(id(target), []).append(seed)
    return grads


class _SkippingInputs:
    """`op`, telling its gradient function which inputs need no gradient (TF's _MockOp)."""

    def __init__(self, op, skip_input_indices):
        self._op = op
        self.skip_input_indices = skip_input_indices
        # (what gradient functions read most, copied: __getattr__ is slow)
        self.op_def, self.inputs, self.outputs, self.attrs = (
            op.op_def,
            op.inputs,
            op.outputs,
            op.attrs,
        )

    def __getattr__(self, name):
        return getattr(self._op, name)


def _gradient_scope(op, scope):
    """Where a graph op's gradient is built: `gradient_tape/<forward scope>/`, with TF 2's
    control flow (TF 1 programs, after disable_v2_behavior, build it where gradient() runs)."""
    if scope is None or not context.context.control_flow_v2:
        return _NO_SCOPE
    return op.graph.name_scope("gradient_tape/%s/" % scope if scope else "gradient_tape/")


class _NoScope:
    def __enter__(self):
        return ""

    def __exit__(self, *args):
        return False


_NO_SCOPE = _NoScope()


def _filled_like(tensor, value):
    """Ones (value 1) or zeros (0) of `tensor`'s shape and dtype, as TF's tape makes them: from
    the static shape when known, else from the tensor (`ones_like`/`zeros_like`).  A variable
    handle gets None: its gradient comes from the variable's reads."""
    if tensor.dtype is dtypes.resource:
        return None
    if tensor.dtype is dtypes.variant:  # a TensorList: ZerosLike keeps its length
        return library.zeros_like(tensor)
    if type(tensor) is EagerTensor:
        return EagerTensor(np.full(np.shape(tensor._value), value, tensor.dtype.np), tensor.dtype)
    if tensor.shape.is_fully_defined():
        make = library.ones if value else library.zeros
        return make(tensor.shape.as_list(), tensor.dtype)
    return library.ones_like(tensor) if value else library.zeros_like(tensor)


# -- targets and sources as tf.nest sees them ----------------------------------------------------
def _flatten(structure):
    """`nest.flatten(structure)`, without nest's walk for the usual cases: one tensor or
    variable, or a plain list (or tuple) of them."""
    if not nest.is_nested(structure):
        return [structure]
    if (type(structure) is list or type(structure) is tuple) and not any(
        nest.is_nested(item) for item in structure
    ):
        return list(structure)
    return nest.flatten(structure)


def _pack_as(structure, flat):
    """`nest.pack_sequence_as(structure, flat)`, with `_flatten`'s shortcuts."""
    if not nest.is_nested(structure):
        return flat[0]
    if (type(structure) is list or type(structure) is tuple) and len(flat) == len(structure):
        if not any(nest.is_nested(item) for item in structure):
            return type(structure)(flat)
    return nest.pack_sequence_as(structure, flat)


# -- what tensors stand for ----------------------------------------------------------------------
def _is_variable(value):
    return hasattr(value, "assign") and getattr(value, "handle", None) is not None


def _handle_or_self(value):
    return value.handle if _is_variable(value) else value


def _captured_from(handle):
    """The eager handle a tf.function's placeholder captured (or `handle` itself)."""
    if type(handle) is EagerTensor:
        return handle
    source = getattr(handle.graph, "captured_source", None)
    outer = source(handle) if source else None
    return handle if outer is None else _captured_from(outer)


def _default_graph():
    from learntf.framework.graph import get_default_graph

    return get_default_graph()


def _convert_like(value, target):
    if type(target) is EagerTensor:
        return execute.to_eager(value, target.dtype)
    from learntf.framework.constant_op import convert_to_tensor

    return convert_to_tensor(value, dtype=target.dtype)


__all__ = ["GradientTape", "UnconnectedGradients", "errors"]
