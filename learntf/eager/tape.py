"""GradientTape: record eager ops, then replay them backwards for gradients (lesson 11).

While a tape is active, every op that reads a *watched* tensor is recorded (trainable
variables are watched automatically when read; other tensors need `tape.watch(t)`), and its
outputs become watched too.  `tape.gradient(target, sources)` walks the records from last to
first, calling each op's registered gradient function — the same table `tf.gradients` uses in
graph mode.  Because those functions run eagerly too, an outer tape records the inner tape's
gradient computation: that is how second derivatives work.
"""
import numpy as np

from learntf import dtypes, errors
from learntf.framework import eager
from learntf.framework.eager import EagerTensor, active_tapes, to_eager
from learntf.framework.op_registry import NoGradient
from learntf.ops import array_ops, math_ops


def record(op):
    """Called by eager `execute` for every op while a tape is active."""
    for tape in active_tapes:
        if tape._recording:
            tape._record(op)


eager.record_on_tapes = record


class GradientTape:
    """Record operations for automatic differentiation."""

    def __init__(self, persistent=False, watch_accessed_variables=True):
        self._persistent = persistent
        self._watch_accessed_variables = watch_accessed_variables
        self._records = []
        self._watched = {}  # id(tensor) -> tensor (kept alive so ids stay unique)
        self._recording = False
        self._used = False
        self._watched_variables = []

    # -- recording ------------------------------------------------------------------------
    def __enter__(self):
        active_tapes.append(self)
        self._recording = True
        return self

    def __exit__(self, exc_type, exc_value, traceback):
        self._recording = False
        if self in active_tapes:
            active_tapes.remove(self)

    def watch(self, tensor):
        """Record ops on `tensor` (a tensor, variable, or nested list of them)."""
        for item in _flatten(tensor):
            handle = getattr(item, "handle", None)
            target = handle if handle is not None and hasattr(item, "assign") else item
            if not hasattr(target, "_value"):
                raise ValueError("Passed in object %r of type %r, not tf.Tensor or tf.Variable."
                                 % (item, type(item).__name__))
            self._watched[id(target)] = target
            if target is handle and not any(v is item for v in self._watched_variables):
                self._watched_variables.append(item)

    def watched_variables(self):
        """The variables this tape watched, in the order they were created (as TF lists them)."""
        return sorted(self._watched_variables, key=lambda v: getattr(v, "_creation_index", 0))

    def stop_recording(self):
        """A context in which this tape records nothing."""
        tape = self

        class _Stop:
            def __enter__(self_inner):
                tape._recording = False

            def __exit__(self_inner, *args):
                tape._recording = True
        return _Stop()

    def reset(self):
        self._records = []
        self._watched = {}
        self._watched_variables = []

    def _record(self, op):
        if self._watch_accessed_variables:
            for handle in op.inputs:  # a variable read here (directly, or in a tf.function)
                if handle._dtype is not dtypes.resource:
                    continue
                self._watch_variable_handle(handle)
        if any(id(t) in self._watched for t in op.inputs):
            self._records.append(op)
            for t in op.outputs:
                self._watched[id(t)] = t

    def _watch_variable_handle(self, handle):
        resource = handle._value
        if not getattr(resource, "trainable", False) or id(handle) in self._watched:
            return
        self._watched[id(handle)] = handle
        variable = resource.variable() if resource.variable is not None else None
        # (identity, not `in`: == on eager variables compares values)
        if variable is not None and not any(v is variable for v in self._watched_variables):
            self._watched_variables.append(variable)

    # -- differentiating ------------------------------------------------------------------
    def gradient(self, target, sources, output_gradients=None,
                 unconnected_gradients="none"):
        """d(sum of targets)/d(source) for each source, in the structure of `sources`."""
        if self._used and not self._persistent:
            raise RuntimeError("A non-persistent GradientTape can only be used to compute one "
                               "set of gradients (or jacobians)\n(learntf: create the tape with "
                               "GradientTape(persistent=True) to call gradient() more than "
                               "once, and `del tape` when done.)")
        if self._recording and not self._persistent:
            pass  # TF allows it; the gradient ops are then not recorded by this tape
        self._used = True
        targets = list(_flatten(target))
        if targets and not all(isinstance(t, EagerTensor) for t in targets):
            # Inside tf.function (or a graph) ops are not recorded as they run: differentiate
            # the graph they built instead, with the same gradient functions.
            return self._graph_gradient(targets, sources, output_gradients,
                                        unconnected_gradients)
        flat_sources = list(_flatten(sources))
        source_tensors = [s.handle if hasattr(s, "assign") and hasattr(s, "handle") else s
                          for s in flat_sources]
        seeds = list(_flatten(output_gradients)) if output_gradients is not None else None
        was_recording = self._recording
        self._recording = False  # this tape does not record its own backward pass
        try:
            grads = _backward(self._records, targets, source_tensors, seeds)
        finally:
            self._recording = was_recording
        if not self._persistent:
            self._records = []
        results = []
        for tensor in source_tensors:
            grad = grads.get(id(tensor))
            if grad is None and unconnected_gradients in ("zero", UnconnectedGradients.ZERO):
                grad = _zeros_like(tensor)
            results.append(grad)
        return _pack_like(sources, results)

    def _graph_gradient(self, targets, sources, output_gradients, unconnected_gradients):
        from learntf.ops.gradients import gradients
        flat_sources = list(_flatten(sources))
        seeds = list(_flatten(output_gradients)) if output_gradients is not None else None
        grads = gradients(targets, flat_sources, grad_ys=seeds,
                          unconnected_gradients=unconnected_gradients)
        return _pack_like(sources, grads)

    def jacobian(self, target, sources, unconnected_gradients="none"):
        """d(target[i...])/d(source) stacked over the elements of target."""
        persistent, self._persistent = self._persistent, True
        try:
            flat = np.asarray(target._value).reshape(-1)
            rows = []
            for i in range(flat.size):
                seed = np.zeros(flat.size, dtype=target.dtype.np)
                seed[i] = 1
                rows.append(self.gradient(target, sources, output_gradients=EagerTensor(
                    seed.reshape(np.shape(target._value)), target.dtype),
                    unconnected_gradients=unconnected_gradients))
                self._used = False
        finally:
            self._persistent = persistent
            self._used = True
        def stack(items):
            if items[0] is None:
                return None
            result = array_ops.stack(items)
            return array_ops.reshape(result, list(np.shape(target._value)) +
                                     list(np.shape(items[0]._value)))
        if isinstance(sources, (list, tuple)):
            return type(sources)(stack([row[j] for row in rows]) for j in range(len(sources)))
        return stack(rows)


class UnconnectedGradients:
    NONE = "none"
    ZERO = "zero"


def _backward(records, targets, sources, seeds):
    """Replay `records` backwards from `targets`; return {id(tensor): gradient}."""
    pending = {}
    for i, target in enumerate(targets):
        if seeds is not None:
            seed = to_eager(seeds[i], target.dtype)
        else:
            seed = EagerTensor(np.ones(np.shape(target._value), target.dtype.np), target.dtype)
        _accumulate(pending, target, seed, math_ops)
    wanted = {id(s) for s in sources}
    for op in reversed(records):
        out_grads = [pending.get(id(t)) for t in op.outputs]
        if all(g is None for g in out_grads):
            continue
        grad_fn = op.op_def.gradient
        if grad_fn is NoGradient:
            continue
        if grad_fn is None:
            raise LookupError("No gradient defined for operation '%s' (op type: %s)."
                              % (op.type, op.type))
        out_grads = [g if g is not None else array_ops.zeros_like(t)
                     for g, t in zip(out_grads, op.outputs)]
        in_grads = grad_fn(op, *out_grads)
        if not isinstance(in_grads, (list, tuple)):
            in_grads = [in_grads]
        for tensor, grad in zip(op.inputs, in_grads):
            if grad is None:
                continue
            if not (tensor.dtype.is_floating or tensor.dtype.is_complex
                    or tensor.dtype.name == "resource"):
                continue
            _accumulate(pending, tensor, grad, math_ops)
    return {key: value for key, value in pending.items() if key in wanted}


def _accumulate(pending, tensor, grad, math_ops):
    key = id(tensor)
    pending[key] = grad if key not in pending else math_ops.add(pending[key], grad)


def _zeros_like(tensor):
    if tensor.dtype.name == "resource":
        resource = tensor._value
        return EagerTensor(np.zeros(resource.value.shape, resource.dtype.np), resource.dtype)
    return array_ops.zeros_like(tensor)


def _flatten(structure):
    if isinstance(structure, (list, tuple)):
        for item in structure:
            yield from _flatten(item)
    elif isinstance(structure, dict):
        for key in sorted(structure):
            yield from _flatten(structure[key])
    else:
        yield structure


def _pack_like(structure, flat):
    return _pack_next(structure, iter(flat))


def _pack_next(item, it):
    # (no recursive closure: it would keep the gradients alive in a reference cycle)
    if isinstance(item, (list, tuple)):
        return type(item)(_pack_next(x, it) for x in item)
    if isinstance(item, dict):
        return {key: _pack_next(item[key], it) for key in sorted(item)}
    return next(it)


__all__ = ["GradientTape", "UnconnectedGradients", "errors"]
