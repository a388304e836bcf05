"""Execution plans: what `Session.run` compiles a graph into, once per (fetches, feeds).

Compiling walks back from the fetched tensors and ops, keeps only the ops they need (pruning),
orders them so every op runs after its inputs (and after its control inputs), and binds each
op's kernel to its attributes and session state.  Each op that is left is one *step*: a kernel,
the slots it reads and the slots it writes.  Running the plan is one loop over the steps, on a
list of slots that the feeds and the folded constants fill first.  `Session.plan` gives the plan
without running it, and printing it lists the steps:

    >>> import learntf.compat.v1 as tf
    >>> with tf.Graph().as_default() as graph:
    ...     x = tf.placeholder(tf.float32, name="x")
    ...     y = tf.add(x, 1.0, name="y")
    ...     z = tf.multiply(x, 3.0, name="z")
    >>> with tf.Session(graph=graph) as sess:
    ...     print(sess.plan(y, {x: 2.0}))
    fetch y:0, feeding x:0
      step 1: y (AddV2) reads x:0, y/y:0
      known before the run: y/y (Const)
      pruned: z/y (Const), z (Mul)

The constant `y/y` (the 1.0) was folded when the plan was built; `z` is not needed for `y`.

Every op runs at most once per `run` — the node-value lifecycle of lesson 02 — and later runs
with the same fetches and feeds reuse the plan, so they pay no graph walk at all.  Ops whose
inputs are all known when the plan is built (constants, fully known shapes) are computed then,
once ("constant folding"); a traced run (RunOptions FULL_TRACE) uses a plan without that
optimisation, so its trace lists every op of the pruned graph, as the graph says it runs;
the same loop runs it, with a timer around each step's kernel.

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
import inspect
import operator
import time

import numpy as np

from learntf import errors
from learntf.framework.graph_walk import dependency_order, op_dependencies
from learntf.framework.op_registry import library


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
        self._feed_dtypes = tuple(t.dtype.np for t in self.feed_tensors)
        self._accepted = {}  # shapes of feeds checked before -> the plan that runs them

    # -- compiling ---------------------------------------------------------------------------
    def _build(self, session):
        slot_of = {}
        constants = {}
        count = [0]  # slots handed out so far

        def new_slot():
            count[0] += 1
            return count[0] - 1

        def slot(tensor):
            if tensor not in slot_of:
                slot_of[tensor] = new_slot()
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
            if len(outputs) > 1 and outputs != tuple(range(outputs[0], outputs[0] + len(outputs))):
                # An output is fed: the op writes consecutive fresh slots, the readers of
                # its other outputs read them, and the fed output's readers read the feed.
                outputs = tuple(new_slot() for _ in outputs)
                fed = set(self.feed_tensors)
                for tensor, index in zip(op.outputs, outputs):
                    if tensor not in fed:
                        slot_of[tensor] = index
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
        self._program = _program(self.steps, discard=count[0])
        # The slots a run starts from: the feeds go first, then the constants are in place.
        initial = [None] * (count[0] + 1)  # (the last slot takes what no-output ops return)
        for index, value in constants.items():
            initial[index] = value
        self._unfed_slots = initial[len(self.feed_tensors) :]
        if not self.fetch_slots:
            self._fetch = _nothing
        elif len(self.fetch_slots) == 1:
            self._fetch = _fetch_one(self.fetch_slots[0])
        else:
            self._fetch = operator.itemgetter(*self.fetch_slots)

    # -- specialising on the feed shapes -----------------------------------------------------
    def _has_unknown_shapes(self):
        return any(
            not t.shape.is_fully_defined()
            for step in self.steps
            for t in step.op.inputs + step.op.outputs
        )

    def _specialised(self, key):
        """The plan for these feed shapes (built on first use), or this plan itself."""
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
    def run(self, feed_values, trace=None, check=None):
        """Run the steps; return the fetched values in order.

        `check(tensor, value)` gives a fed value as the array the tensor takes (Session.run's
        checks); arrays whose dtypes and shapes it accepted before are not checked again.  A
        list given as `trace` gets one `(op name, start, duration)` per step run, in
        microseconds."""
        plan = self
        if check is not None or self._by_feed_shapes is not None:
            plan, feed_values = self._runner(feed_values, check)
        program = plan._program if trace is None else _timed(plan._program, trace)
        values = plan._execute(program, [*feed_values, *plan._unfed_slots])
        return self._read_references(values) if self._fetched_references else values

    def _runner(self, feed_values, check):
        """(the plan that runs these feeds: this one or one specialised on their shapes, the
        feeds as checked arrays)."""
        try:  # what the checks depend on: each array's type, dtype and shape
            described = tuple([(type(value), value.dtype, value.shape) for value in feed_values])
        except AttributeError:  # (not an array)
            described = None
        plan = self._accepted.get(described)
        if plan is not None:
            return plan, feed_values
        arrays = all(
            type(value) is np.ndarray and value.dtype is dtype
            for value, dtype in zip(feed_values, self._feed_dtypes)
        )
        if check is not None:
            feed_values = [check(t, value) for t, value in zip(self.feed_tensors, feed_values)]
        key = tuple([np.shape(value) for value in feed_values])
        plan = self if self._by_feed_shapes is None else self._specialised(key)
        if arrays and len(self._accepted) < _MAX_ACCEPTED_SHAPES:
            self._accepted[described] = plan
        return plan, feed_values

    def _execute(self, program, slots):
        """The executor: each step reads its input slots, calls its kernel and writes its
        output slots.  A failing kernel's error names the step's op."""
        step = None
        try:
            for kernel, arity, first, second, write, step in program:  # noqa: B007 (see except)
                if arity == 2:
                    slots[write] = kernel(slots[first], slots[second])
                elif arity == 1:
                    slots[write] = kernel(slots[first])
                else:
                    slots[write] = kernel(*second(slots))
        except Exception as exc:
            op = step.op if step is not None else None
            if op is not None and not isinstance(exc, errors.OpError):  # TF's words, not NumPy's
                arrays = (slots[first], slots[second]) if arity == 2 else None
                arrays = arrays or ((slots[first],) if arity == 1 else second(slots))
                exc = library.kernel_shape_error(op, arrays) or exc
            raise _explain(exc, op) from None
        return self._fetch(slots)

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

    # -- reading -----------------------------------------------------------------------------
    def __str__(self):
        """The plan in words: what it fetches and is fed, its steps in order, the ops it
        settled when it was built, and the ops of the graph that pruning left out."""
        fed = [t.name for t in self.feed_tensors]
        fetched = [t.name for t in self.fetch_tensors] + [op.name for op in self.target_ops]
        lines = ["fetch %s%s" % (", ".join(fetched), ", feeding " + ", ".join(fed) if fed else "")]
        for number, step in enumerate(self.steps, 1):
            reads = ", ".join(t.name for t in step.op.inputs)
            lines.append(
                "  step %d: %s%s" % (number, _named(step.op), " reads " + reads if reads else "")
            )
        ran = {step.op for step in self.steps}
        settled = [_named(op) for op in self.ops if op not in ran]
        if settled:
            lines.append("  known before the run: " + ", ".join(settled))
        needed = set(self.ops) | {t.op for t in self.feed_tensors}
        graph = (self.fetch_tensors or self.target_ops)[0].graph
        pruned = [_named(op) for op in graph.get_operations() if op not in needed]
        if pruned:
            lines.append("  pruned: " + ", ".join(pruned))
        return "\n".join(lines)


def _named(op):
    return "%s (%s)" % (op.name, op.type)


def _program(steps, discard):
    """The steps as the executor's loop reads them: (kernel, its number of inputs when it is 1
    or 2 and else 0, the first input's slot, the second's (or, for 0, a reader of all the
    inputs), where its result goes, the step).  The result goes to one slot, to a slice of
    consecutive slots (several outputs), or, for an op without outputs, to the slot `discard`
    that nothing reads."""
    program = []
    for step in steps:
        kernel, inputs, outputs = step.kernel, step.input_slots, step.output_slots
        if step.op.op_def.num_outputs == 1 and len(outputs) == 1:
            write = outputs[0]
        elif not outputs:
            write = discard
        else:
            write = slice(outputs[0], outputs[-1] + 1)
            kernel = _checked_outputs(kernel, len(outputs))
        if len(inputs) == 1:
            program.append((kernel, 1, inputs[0], None, write, step))
        elif len(inputs) == 2:
            program.append((kernel, 2, inputs[0], inputs[1], write, step))
        else:
            read = operator.itemgetter(*inputs) if inputs else _nothing
            program.append((kernel, 0, None, read, write, step))
    return tuple(program)


def _checked_outputs(kernel, count):
    """A kernel with several outputs, whose result must have one value per output slot (the
    executor writes it into consecutive slots)."""

    def run(*inputs):
        values = list(kernel(*inputs) or ())
        if len(values) != count:
            raise ValueError("expected %d outputs, the kernel gave %d" % (count, len(values)))
        return values

    return run


def _nothing(slots):  # what a step without inputs reads, and a plan without fetches fetches
    return ()


def _fetch_one(index):
    return lambda slots: (slots[index],)


def _timed(program, trace):
    """The program with each kernel timed: (op name, start, duration) in microseconds goes to
    `trace` after each step that ran (a traced run: RunOptions FULL_TRACE)."""
    clock, now = time.perf_counter_ns, time.time_ns

    def timed(kernel, name):
        def run(*inputs):
            start, began = now(), clock()
            result = kernel(*inputs)
            trace.append((name, start // 1000, (clock() - began) // 1000))
            return result

        return run

    return tuple((timed(entry[0], entry[-1].op.name),) + entry[1:] for entry in program)


def _explain(exc, op):
    """Turn a kernel's exception into a TensorFlow OpError naming the op."""
    where = "\n\t [[{{node %s}}]]" % op.name if op is not None else ""
    if isinstance(exc, MemoryError):
        exc = errors.from_memory_error(exc)
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
_MAX_ACCEPTED_SHAPES = 64  # feed shapes whose arrays need no check on later runs


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
        or any(t.dtype.name == "variant" for t in op.outputs)  # (a Const holds no list)
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
    results = [result] if op.op_def.num_outputs == 1 else list(result)
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
    if op.type == "Identity":  # the common case: `w/read`, whose value is w's, read now
        return _value_of
    if len(op.inputs) == 1:
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
    kernel, attrs = op_def.kernel, _attrs_used(op_def.kernel, op.attrs)
    if op_def.make_state is not None:
        state = op_def.make_state(op, session)
        return lambda *inputs: kernel(state, *inputs, **attrs)
    if attrs:
        return functools.partial(kernel, **attrs)  # a C-level call: cheaper than a lambda
    return kernel


def _attrs_used(kernel, attrs):
    """The attrs to call `kernel` with: all of them, unless it says it ignores the ones it does
    not name (`**unused_attrs`); then only the named ones not at their default value, so the
    run passes no keyword arguments it need not (each costs on every call)."""
    parameters = _PARAMETERS.get(kernel)
    if parameters is None:
        try:
            parameters = _PARAMETERS[kernel] = inspect.signature(kernel).parameters
        except (TypeError, ValueError):  # (a ufunc, say: it takes no attrs anyway)
            return attrs
    ignored = [p for p in parameters.values() if p.kind is p.VAR_KEYWORD]
    if not ignored or not ignored[0].name.startswith("unused"):
        return attrs
    used = {}
    for name, value in attrs.items():
        parameter = parameters.get(name)
        if parameter is None or parameter.kind not in (parameter.KEYWORD_ONLY, _NAMED):
            continue
        default = parameter.default
        if type(value) is type(default) and type(value) in (bool, int, str) and value == default:
            continue
        used[name] = value
    return used


_PARAMETERS = {}  # kernel -> its parameters (inspect.signature's, looked up once)
_NAMED = inspect.Parameter.POSITIONAL_OR_KEYWORD


def _ops_needed(fetch_tensors, target_ops, fed, optimize=False):
    """The ops that fetches and targets depend on, in an order where inputs come first (when
    optimizing, not the inputs of shape ops that the static shapes answer)."""

    def dependencies(op):
        data_inputs = not (optimize and _known_statically(op))
        return op_dependencies(op, fed, data_inputs)

    roots = [t.op for t in fetch_tensors if t not in fed] + list(target_ops)
    return dependency_order(roots, dependencies)


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
