"""Execution plans: what `Session.run` compiles a graph into, once per (fetches, feeds).

Compiling walks back from the fetched tensors and ops, keeps only the ops they need (pruning),
orders them so every op runs after its inputs (and after its control inputs), and binds each
op's kernel to its attributes and session state.  The result is written out as one straight-
line Python function, which a learner can read (`Session.plan` gives it without running it):

    >>> import learntf.compat.v1 as tf
    >>> with tf.Graph().as_default() as graph:
    ...     x = tf.placeholder(tf.float32, name="x")
    ...     y = tf.add(x, 1.0, name="y")
    >>> with tf.Session(graph=graph) as sess:
    ...     print(sess.plan(y, {x: 2.0}).source)
    def run_plan(t0):
        t1 = c1
        t2 = k0(t0, t1)  # y (AddV2)
        return (t2,)

`t0` is the fed `x`, `c1` the constant 1.0 (folded when the plan was built), `k0` AddV2's kernel.

Every op runs at most once per `run` — the node-value lifecycle of lesson 02 — and later runs
with the same fetches and feeds reuse the plan, so they pay no graph walk at all.  Ops whose
inputs are all known when the plan is built (constants, fully known shapes) are computed then,
once ("constant folding"); a traced run (RunOptions FULL_TRACE) uses a plan without that
optimisation, so its trace lists every op of the pruned graph, as the graph says it runs.

A TF1 reference variable's tensor (`w:0`, float32_ref) carries the variable's storage, not a
value: an op input that takes a value reads the storage when the op runs, and so does a fetch
of such a tensor after the run (learntf/ops/ref_variable.py).

Shapes left unknown in the graph (a placeholder's `None` batch dimension) are known once the
feeds arrive.  Gradient graphs compute many small values from shapes alone (`Shape`,
`BroadcastGradientArgs`, ...), so a plan keeps one *specialised* plan per combination of feed
shapes it has seen: built with those shapes put into the graph's shape inference, it folds
every value that follows from them, and later runs with the same feed shapes run only the
real work.
"""

import functools

import numpy as np

from learntf import errors


class Step:
    """One op of a plan: its bound kernel, the slots it reads and the slots it writes."""

    __slots__ = ("op", "kernel", "input_slots", "output_slots")

    def __init__(self, op, kernel, input_slots, output_slots):
        self.op = op
        self.kernel = kernel
        self.input_slots = input_slots
        self.output_slots = output_slots


class ExecutionPlan:
    """A pruned, ordered, compiled list of steps for one (fetches, feeds) combination."""

    def __init__(self, session, fetch_tensors, target_ops, feed_tensors, optimize=True):
        self.optimize = optimize
        self.fetch_tensors = list(fetch_tensors)
        self.target_ops = list(target_ops)
        self.feed_tensors = list(feed_tensors)
        self.ops = _ops_needed(
            self.fetch_tensors, self.target_ops, set(self.feed_tensors), optimize
        )
        _check_feeds(self.ops, self.feed_tensors, self.fetch_tensors, self.target_ops)
        self._build(session)
        self._fetched_references = tuple(
            i for i, t in enumerate(self.fetch_tensors) if t.dtype._is_ref_dtype
        )
        self._session = session
        # feed shapes -> the plan specialised on them (None: specialising folds nothing more)
        self._by_feed_shapes = {} if optimize and self._has_unknown_shapes() else None

    # -- compiling ---------------------------------------------------------------------------
    def _build(self, session):
        slot_of = {}
        constants = {}

        def slot(tensor):
            if tensor not in slot_of:
                slot_of[tensor] = len(slot_of)
            return slot_of[tensor]

        for tensor in self.feed_tensors:
            slot(tensor)
        self.steps = []
        self.folded_ops = []  # ops computed once, here, instead of on every run
        fetched = set(self.fetch_tensors)
        for op in self.ops:
            op_def = op.op_def
            if op.type == "Const" and self.optimize:
                constants[slot(op.outputs[0])] = op.attrs["value"]
                continue
            if op.type in ("VarHandleOp", "VariableV2"):
                # The handle is this session's storage object: known now, no work at run time.
                constants[slot(op.outputs[0])] = op_def.make_state(op, session)
                continue
            if op.type == "NoOp" and self.optimize:
                continue  # it only orders its control inputs, which the plan already runs
            if (
                self.optimize
                and op.outputs
                and op.outputs[0] not in fetched
                and _passes_through(op, constants, slot_of)
            ):
                slot_of[op.outputs[0]] = slot(op.inputs[0])  # its readers read its input
                continue
            folded = _fold(op, constants, slot_of) if self.optimize else None
            if folded is not None:
                for tensor, value in zip(op.outputs, folded):
                    constants[slot(tensor)] = value
                self.folded_ops.append(op)
                continue
            kernel = _bind(op, session)
            inputs = tuple(slot(t) for t in op.inputs)
            outputs = tuple(slot(t) for t in op.outputs)
            self.steps.append(Step(op, kernel, inputs, outputs))
        used = {slot(t) for t in self.fetch_tensors}
        kept = []
        for step in reversed(self.steps):  # drop pure steps whose outputs nobody reads
            if (
                step.op.op_def.stateful
                or any(s in used for s in step.output_slots)
                or step.op in self.target_ops
            ):
                kept.append(step)
                used.update(step.input_slots)
        self.steps = kept[::-1]
        constants = {s: v for s, v in constants.items() if s in used}
        self.fetch_slots = tuple(slot(t) for t in self.fetch_tensors)
        self.constants = constants
        self.source, self._run = _generate(
            self.steps, self.feed_tensors, self.fetch_slots, constants, slot_of
        )
        # Line 1 is the `def`, line 2 loads the constants, line 3 + i runs step i.
        self._step_of_line = {3 + i: step for i, step in enumerate(self.steps)}

    # -- specialising on the feed shapes -----------------------------------------------------
    def _has_unknown_shapes(self):
        return any(
            not t.shape.is_fully_defined()
            for step in self.steps
            for t in step.op.inputs + step.op.outputs
        )

    def _specialised(self, feed_values):
        """The plan for these feed shapes (built on first use), or this plan itself."""
        key = tuple(np.shape(value) for value in feed_values)
        plan = self._by_feed_shapes.get(key)
        if plan is None:
            if len(self._by_feed_shapes) >= _MAX_SPECIALISED_PLANS:
                return self
            plan = self._specialise(key)
            self._by_feed_shapes[key] = plan
        return plan

    def _specialise(self, feed_shapes):
        """A plan built while the graph's tensors carry the shapes these feeds imply."""
        refined = _refined_shapes(self.ops, dict(zip(self.feed_tensors, feed_shapes)))
        if refined is None:
            return self
        with _shapes_replaced(refined):
            plan = ExecutionPlan(
                self._session, self.fetch_tensors, self.target_ops, self.feed_tensors, optimize=True
            )
        plan._by_feed_shapes = None
        return plan if len(plan.steps) < len(self.steps) else self

    # -- running -----------------------------------------------------------------------------
    def run(self, feed_values, trace=None):
        """Run the steps; return the fetched values in order.  `trace` collects op names."""
        if trace is not None:
            values = self._run_traced(feed_values, trace)
        else:
            plan = self if self._by_feed_shapes is None else self._specialised(feed_values)
            try:
                values = plan._run(*feed_values)
            except Exception as exc:
                raise plan._explain(exc, plan._failed_step(exc)) from None
        return self._read_references(values) if self._fetched_references else values

    def _read_references(self, values):
        """Fetched references (`w:0`, `Assign:0`) as the values of their variables, read after
        the run, where TF's `_retval_<op>_<output>_<fetch>` nodes read them."""
        values = list(values)
        names = sorted({t.name for t in self.fetch_tensors})
        for i in self._fetched_references:
            try:
                values[i] = _value_of(values[i])
            except errors.OpError as exc:
                tensor = self.fetch_tensors[i]
                exc.message += "\n\t [[{{node _retval_%s_%d_%d}}]]" % (
                    tensor.op.name,
                    tensor.value_index,
                    names.index(tensor.name),
                )
                exc.args = (exc.message,)
                raise exc from None
        return tuple(values)

    def _run_traced(self, feed_values, trace):
        values = dict(self.constants)
        values.update(zip(range(len(self.feed_tensors)), feed_values))
        for step in self.steps:
            try:
                result = step.kernel(*[values[i] for i in step.input_slots])
            except Exception as exc:
                raise self._explain(exc, step) from None
            trace.append(step.op.name)
            if step.op.op_def.num_outputs == 1:
                values[step.output_slots[0]] = result
            else:
                values.update(zip(step.output_slots, result or ()))
        return tuple(values[i] for i in self.fetch_slots)

    def _failed_step(self, exc):
        tb = exc.__traceback__
        step = None
        while tb is not None:
            if tb.tb_frame.f_code is self._run.__code__:
                step = self._step_of_line.get(tb.tb_lineno)
            tb = tb.tb_next
        return step

    def _explain(self, exc, step):
        """Turn a kernel's exception into a TensorFlow OpError naming the op."""
        op = step.op if step is not None else None
        where = "\n\t [[{{node %s}}]]" % op.name if op is not None else ""
        if isinstance(exc, errors.OpError):
            exc.op = op
            exc.message = errors.before_hint(exc.message, where)
            exc.args = (exc.message,)
            return exc
        shapes = ""
        if op is not None:
            shapes = " (op %s of type %s, inputs %s)" % (
                op.name,
                op.type,
                ", ".join("%s %s" % (t.name, t.shape) for t in op.inputs),
            )
        return errors.InvalidArgumentError(
            None, op, "%s: %s%s%s" % (type(exc).__name__, exc, shapes, where)
        )


_MAX_SPECIALISED_PLANS = 8  # feed shapes that vary more than this run the general plan


def _refined_shapes(ops, feed_shapes):
    """{tensor: shape} for the tensors whose shape the feed shapes make more precise, found by
    running each op's shape inference again, in plan order; None if nothing changes."""
    from learntf.framework.tensor_shape import TensorShape

    refined = {}
    for tensor, shape in feed_shapes.items():
        if (
            tensor.shape.is_compatible_with(TensorShape(shape))
            and not tensor.shape.is_fully_defined()
        ):
            refined[tensor] = TensorShape(shape)
    if not refined:
        return None
    original = {tensor: tensor._shape for tensor in refined}
    try:
        for tensor, shape in refined.items():
            tensor._shape = shape
        for op in ops:
            if op.type in ("Const", "Placeholder") or not any(t in refined for t in op.inputs):
                continue
            try:
                specs = op.op_def.infer(*op.inputs, **op.attrs)
            except Exception:  # keep the graph's own shapes for this op
                continue
            for tensor, (_, shape) in zip(op.outputs, specs):
                shape = TensorShape(shape)
                if shape != tensor.shape and shape.is_compatible_with(tensor.shape):
                    original.setdefault(tensor, tensor._shape)
                    refined[tensor] = tensor._shape = shape
    finally:
        for tensor, shape in original.items():
            tensor._shape = shape
    return refined


class _shapes_replaced:
    """Within the block, the given tensors carry the given shapes (then their own again)."""

    def __init__(self, shapes):
        self.shapes = shapes

    def __enter__(self):
        self.saved = {tensor: tensor._shape for tensor in self.shapes}
        for tensor, shape in self.shapes.items():
            tensor._shape = shape

    def __exit__(self, *exc_info):
        for tensor, shape in self.saved.items():
            tensor._shape = shape


def _known_statically(op):
    """Shape, ShapeN, Size and Rank of inputs whose static shapes answer them: the plan folds
    them, so their inputs need not run (nor, for a placeholder, be fed)."""
    if op.type == "Rank":
        return op.inputs[0].shape.rank is not None
    if op.type in ("Shape", "ShapeN", "Size"):
        return all(t.shape.is_fully_defined() for t in op.inputs)
    return False


def _static_shape_values(op):
    """The outputs of a shape op that `_known_statically` accepts, from the static shapes."""
    shapes = [tuple(t.shape.as_list()) for t in op.inputs]
    if op.type == "Rank":
        return [np.array(len(shapes[0]), dtype=np.int32)]
    out_type = op.attrs["out_type"].np
    if op.type == "Size":
        return [np.array(int(np.prod(shapes[0])), dtype=out_type)]
    return [np.array(shape, dtype=out_type) for shape in shapes]


_REDUCTIONS = ("Sum", "Mean", "Prod", "Max", "Min", "All", "Any")


def _passes_through(op, constants, slot_of):
    """True for an op whose output is its input: an Identity (as tf.tuple's gradients have),
    a Reshape to the input's own static shape, a reduction over no axes (what gradient graphs
    build when nothing was broadcast).  The plan skips it, as TF's graph optimizer removes such
    nodes."""
    if op.type in ("Identity", "StopGradient"):  # (not a read of a TF1 reference variable)
        return op.inputs[0] in slot_of and not op.inputs[0].dtype._is_ref_dtype
    if op.type != "Reshape" and op.type not in _REDUCTIONS:
        return False
    value = constants.get(slot_of.get(op.inputs[1]))
    if value is None or op.inputs[0] not in slot_of:
        return False
    if op.type == "Reshape":
        shape = op.inputs[0].shape
        return shape.is_fully_defined() and np.reshape(value, -1).tolist() == shape.as_list()
    return np.size(value) == 0


def _fold(op, constants, slot_of):
    """Constant folding: the outputs of a pure op whose inputs are all known before the run
    (constants, or a shape that is fully known statically), else None."""
    if (
        op.op_def.stateful
        or op.op_def.make_state is not None
        or op.type == "Placeholder"
        or _references_read(op)
    ):
        return None
    if _known_statically(op):
        values = _static_shape_values(op)
        for value in values:
            value.flags.writeable = False
        return values
    slots = [slot_of.get(t) for t in op.inputs]
    if not op.inputs or any(s is None or s not in constants for s in slots):
        return None
    try:
        with np.errstate(all="ignore"):
            result = op.op_def.kernel(*[constants[s] for s in slots], **op.attrs)
    except Exception:  # leave it to run (and fail with a clear error) at run time
        return None
    results = [result] if len(op.outputs) == 1 else list(result)
    for i, value in enumerate(results):
        value = np.array(value, copy=True)
        value.flags.writeable = False
        results[i] = value
    return results


def _bind(op, session):
    """The op's kernel with its attrs (and per-session state) filled in; inputs given a
    reference where the op takes a value read the variable first."""
    kernel = _bind_attrs(op, session)
    positions = _references_read(op)
    if not positions:
        return kernel
    if len(op.inputs) == 1:  # the common case: `w/read`, the Identity that reads w
        return lambda reference: kernel(_value_of(reference))

    def read_then_run(*inputs):
        inputs = list(inputs)
        for i in positions:
            inputs[i] = _value_of(inputs[i])
        return kernel(*inputs)

    return read_then_run


def _references_read(op):
    """Positions of the inputs that get a TF1 reference (float32_ref) but take a value."""
    return [
        i
        for i, t in enumerate(op.inputs)
        if t.dtype._is_ref_dtype and i not in op.op_def.ref_inputs
    ]


def _value_of(reference):
    """The value behind a reference: its variable's storage read now (or the value fed)."""
    return reference if type(reference) is np.ndarray else reference.read()


def _bind_attrs(op, session):
    op_def = op.op_def
    kernel, attrs = op_def.kernel, op.attrs
    if op_def.make_state is not None:
        state = op_def.make_state(op, session)
        return lambda *inputs: kernel(state, *inputs, **attrs)
    if attrs:
        return functools.partial(kernel, **attrs)  # a C-level call: cheaper than a lambda
    return kernel


def _ops_needed(fetch_tensors, target_ops, fed, optimize=False):
    """The ops that fetches and targets depend on, in an order where inputs come first (when
    optimizing, not the inputs of shape ops that the static shapes answer)."""
    order, state = [], {}  # state: 1 = visiting, 2 = done
    roots = [t.op for t in fetch_tensors if t not in fed] + list(target_ops)
    for root in roots:
        stack = [(root, False)]
        while stack:
            op, expanded = stack.pop()
            if expanded:
                state[op] = 2
                order.append(op)
                continue
            if state.get(op):
                continue
            state[op] = 1
            stack.append((op, True))
            # (a control input whose outputs are all fed is replaced by the feed, as in TF)
            controls = [
                c
                for c in op.control_inputs
                if not c.outputs or not all(t in fed for t in c.outputs)
            ]
            if optimize and _known_statically(op):
                deps = controls
            else:
                deps = [t.op for t in op.inputs if t not in fed] + controls
            for dep in reversed(deps):
                if not state.get(dep):
                    stack.append((dep, False))
    return order


def _check_feeds(ops, feed_tensors, fetch_tensors, target_ops):
    """Raise TF's error for the first placeholder the run needs but was not given."""
    for op in ops:
        if op.type == "Placeholder":
            raise errors.InvalidArgumentError(
                None, op, _missing_feed_message(op, fetch_tensors, target_ops, set(feed_tensors))
            )


def _missing_feed_message(placeholder, fetch_tensors, target_ops, fed):
    tensor = placeholder.outputs[0]
    path = _path_to(placeholder, [t.op for t in fetch_tensors] + list(target_ops), fed)
    example = (path[0].name + ":0") if path and path[0].outputs else "fetches"
    dims = tensor.shape.as_list() if tensor.shape.rank is not None else None
    shape_hint = (
        (
            "a value of shape (%s)" % ", ".join("n" if d is None else str(d) for d in dims)
            + ("," if len(dims) == 1 else "")
        )
        if dims is not None
        else "a value"
    )
    return (
        "You must feed a value for placeholder tensor '%s' with dtype %s and shape %s\n"
        "\t [[{{node %s}}]]\n"
        "learntf: the fetch needs this placeholder through %s.\n"
        "Pass %s in feed_dict, e.g. sess.run(%s, feed_dict={%s: ...})."
        % (
            placeholder.name,
            tensor.dtype.proto_name,
            tensor.shape.proto_str(),
            placeholder.name,
            " <- ".join("%s (%s)" % (op.name, op.type) for op in path),
            shape_hint,
            example,
            placeholder.name,
        )
    )


def _path_to(target, roots, fed):
    """Ops on one dependency path from a root down to `target` (breadth-first)."""
    parent = {root: None for root in roots}
    queue = list(roots)
    while queue:
        op = queue.pop(0)
        if op is target:
            path = [op]
            while parent[path[-1]] is not None:
                path.append(parent[path[-1]])
            return list(reversed(path))
        for dep in [t.op for t in op.inputs if t not in fed] + op.control_inputs:
            if dep not in parent:
                parent[dep] = op
                queue.append(dep)
    return [target]


def _generate(steps, feed_tensors, fetch_slots, constants, slot_of):
    """Write the plan as one Python function: each line runs one op on local variables."""
    namespace = {}
    params = ", ".join("t%d" % i for i in range(len(feed_tensors)))
    lines = ["def run_plan(%s):" % params]
    for slot, value in constants.items():
        namespace["c%d" % slot] = value
    lines.append(
        "    " + "; ".join("t%d = c%d" % (s, s) for s in constants) if constants else "    pass"
    )
    for index, step in enumerate(steps):
        namespace["k%d" % index] = step.kernel
        call = "k%d(%s)" % (index, ", ".join("t%d" % i for i in step.input_slots))
        outputs = step.output_slots
        if len(outputs) == 0:
            target = ""
        elif len(outputs) == 1 and step.op.op_def.num_outputs == 1:
            target = "t%d = " % outputs[0]
        else:
            target = (
                ", ".join("t%d" % s for s in outputs) + ("," if len(outputs) == 1 else "") + " = "
            )
        lines.append("    %s%s  # %s (%s)" % (target, call, step.op.name, step.op.type))
    fetched = ", ".join("t%d" % s for s in fetch_slots)
    lines.append("    return (%s%s)" % (fetched, "," if len(fetch_slots) == 1 else ""))
    source = "\n".join(lines)
    exec(compile(source, "<learntf execution plan>", "exec"), namespace)
    return source, namespace["run_plan"]
