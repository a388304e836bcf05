"""Session and InteractiveSession: where graphs run and variables keep their values.

`sess.run(fetches, feed_dict)` accepts a tensor, an op, a variable, a name ("mse:0", "init")
or any nesting of lists, tuples and dicts of them, and returns values in the same structure.
Each distinct (fetches, feeds) combination is compiled once into an `ExecutionPlan` (pruned,
ordered, bound to this session's variable storage) and reused on every later call.

Lesson 01 introduces sessions; lesson 02 shows that two sessions keep separate variables and
that `y.eval(); z.eval()` runs the graph twice while `sess.run([y, z])` runs it once.
"""

import collections
import contextlib
import re

import numpy as np

from learntf import errors
from learntf.client.plan import ExecutionPlan
from learntf.framework import graph as graph_module
from learntf.framework.constant_op import to_numpy
from learntf.framework.context import GRAPH_MODE_HINT, PerThreadStack, executing_eagerly
from learntf.framework.execute import fetch_value
from learntf.framework.graph import Operation, Tensor


class RunOptions:
    """Options for one `Session.run` call; FULL_TRACE records which ops ran, and their times."""

    NO_TRACE, SOFTWARE_TRACE, HARDWARE_TRACE, FULL_TRACE = 0, 1, 2, 3

    def __init__(self, trace_level=0, timeout_in_ms=0, output_partition_graphs=False):
        self.trace_level = trace_level


_CPU_DEVICE = "/job:localhost/replica:0/task:0/device:CPU:0"

NodeExecStats = collections.namedtuple(
    "NodeExecStats",
    "node_name all_start_micros op_start_rel_micros op_end_rel_micros all_end_rel_micros",
)
DeviceStepStats = collections.namedtuple("DeviceStepStats", "device node_stats")
StepStats = collections.namedtuple("StepStats", "dev_stats")


class RunMetadata:
    """Filled in by a traced run: `executed_ops` lists the ops that ran, in order.

    `executed_ops` is a learntf addition. `step_stats` has TensorFlow's shape: one entry per device
    in `dev_stats`, each with its `device` and the `node_stats` of the nodes it ran, whose
    `node_name` is the op's name (`[n.node_name for d in rm.step_stats.dev_stats for n in
    d.node_stats]`), `all_start_micros` when it started (microseconds since the epoch) and
    `op_end_rel_micros` (= `all_end_rel_micros`) how long its kernel took. TensorFlow's lists
    also hold its executor's own nodes (`_SOURCE`, `_retval_...`) and the ops its graph
    optimizer rewrote, so the names differ."""

    def __init__(self):
        self.executed_ops = []
        self._timings = []  # (op name, start, duration) per op run, in microseconds

    def _record(self, timings):
        self._timings = timings
        self.executed_ops[:] = [name for name, _, _ in timings]

    @property
    def step_stats(self):
        if not self._timings:
            return StepStats(dev_stats=[])
        nodes = [
            NodeExecStats(name, start, 0, duration, duration)
            for name, start, duration in self._timings
        ]
        return StepStats(dev_stats=[DeviceStepStats(device=_CPU_DEVICE, node_stats=nodes)])


# TF's C++ `IsValidNodeName`: pieces joined by ">", each a letter, digit or "." and then
# letters, digits and "-./_".
_VALID_NODE_NAME = re.compile(r"[A-Za-z0-9.][A-Za-z0-9_./-]*(>[A-Za-z0-9.][A-Za-z0-9_./-]*)*")

# -- the default session stack ----------------------------------------------------------------
# Per thread, as in TensorFlow: a new thread has no default session.
_default_session_stack = PerThreadStack()


def get_default_session():
    """The session `Tensor.eval()` and `Operation.run()` use in this thread, or None."""
    return _default_session_stack.top()


def run_in_default_session(element, feed_dict, session, verb):
    if session is None:
        session = get_default_session()
        if session is None:
            what = "tensor using `eval()`" if verb == "eval" else "operation using `run()`"
            raise ValueError(
                "Cannot evaluate %s: No default session is registered. Use `with "
                "sess.as_default()` or pass an explicit session to `%s(session=sess)`"
                % (what, verb)
            )
    if session.graph is not element.graph:
        kind = "tensor" if verb == "eval" else "operation"
        raise ValueError(
            "Cannot use the given session to %s %s: the %s's graph is different "
            "from the session's graph." % ("evaluate" if verb == "eval" else "execute", kind, kind)
        )
    return session.run(element, feed_dict)


class BaseSession:
    """Runs graph elements; owns the values of variables (and random generators) for a graph."""

    def __init__(self, target="", graph=None, config=None):
        if graph is not None and not isinstance(graph, graph_module.Graph):
            raise TypeError(
                'Argument `graph` must be a tf.Graph, but got "%s"' % type(graph).__name__
            )
        self._graph = graph if graph is not None else graph_module.get_default_graph()
        self._closed = False
        self._config = config
        self._resources = {}  # op -> its per-session state (variable storage, generators)
        self._plans = {}  # (fetch elements, feed tensors) -> ExecutionPlan
        self._ops_named_well = 0  # how many of the graph's ops passed _check_node_names
        self._context_managers = []

    @property
    def graph(self):
        return self._graph

    @property
    def graph_def(self):
        """The session's graph as a GraphDef (what tf.train.write_graph writes)."""
        return self._graph.as_graph_def()

    @property
    def sess_str(self):
        return ""

    def _resource(self, op, create):
        """This session's state object for `op` (made by `create()` the first time)."""
        resource = self._resources.get(op)
        if resource is None:
            if create is None:
                raise errors.FailedPreconditionError(None, op, "No state for %s yet" % op.name)
            resource = self._resources[op] = create()
        return resource

    # -- running -------------------------------------------------------------------------------
    def run(self, fetches, feed_dict=None, options=None, run_metadata=None):
        """Compute `fetches` (any nesting of tensors, ops, variables or names)."""
        if self._closed:
            raise RuntimeError("Attempted to use a closed Session.")
        if not self._graph._operations:
            raise _empty_graph_error()
        if (type(fetches) is Tensor and fetches._op._graph is self._graph) or (
            type(fetches) is Operation and fetches._graph is self._graph
        ):
            elements, rebuild = (fetches,), None  # the common case, without the general walk
        else:
            elements, rebuild = _flatten_fetches(self._graph, fetches)
        feeds = self._resolve_feeds(feed_dict) if feed_dict else {}
        trace = None
        if options is not None and getattr(options, "trace_level", 0) and run_metadata is not None:
            trace = []  # (op name, start, duration) for each op the run runs
        plan = self._cached_plan(elements, tuple(feeds), optimize=trace is None)
        try:
            values = plan.run(list(feeds.values()), trace, _feed_value if feeds else None)
        except errors.FailedPreconditionError as exc:
            raise self._explain_uninitialized(exc, plan) from None
        finally:
            if trace is not None:
                run_metadata._record(trace)
        if rebuild is None:  # one tensor, or one op (whose value is None)
            return fetch_value(values[0]) if values else None
        results = _fill_operations(elements, [fetch_value(v) for v in values])
        return _rebuild(rebuild, results)

    def plan(self, fetches, feed_dict=None):
        """The ExecutionPlan that `run(fetches, feed_dict)` uses: compiled if new, not run.

        `plan.ops` are the ops that run (the pruned graph), `plan.steps` the kernels the run
        calls, in order; `print(plan)` lists them and what pruning left out."""
        if self._closed:
            raise RuntimeError("Attempted to use a closed Session.")
        elements, _ = _flatten_fetches(self._graph, fetches)
        feeds = self._resolve_feeds(feed_dict) if feed_dict else {}
        return self._cached_plan(elements, tuple(feeds), optimize=True)

    def _cached_plan(self, elements, feed_tensors, optimize):
        key = (elements, feed_tensors, not optimize)
        plan = self._plans.get(key)
        if plan is None:
            plan = self._compile(elements, feed_tensors, optimize)
            self._plans[key] = plan
        return plan

    # tf.device's placement check (framework/device.py installs it when a device is first set).
    _place_graph = None

    def _compile(self, elements, feed_tensors, optimize=True):
        self._check_node_names()
        if self._place_graph is not None:
            self._place_graph()
        fetch_tensors = [e for e in elements if isinstance(e, Tensor)]
        targets = [e for e in elements if isinstance(e, Operation)]
        return ExecutionPlan(self, fetch_tensors, targets, feed_tensors, optimize)

    def _check_node_names(self):
        """Refuse, as TF's runtime does when a run first sees the graph's new ops, a node name
        that TF's C++ core rejects though Python's check let it through: `re`'s `$` matches
        before a final newline, and the Python pattern allows a backslash."""
        operations = self._graph._operations
        for op in operations[self._ops_named_well :]:
            if not _VALID_NODE_NAME.fullmatch(op.name):
                raise errors.InvalidArgumentError(
                    None,
                    op,
                    _graph_execution_error(
                        "Node '%s': Node name contains invalid characters" % op.name, None
                    )
                    + "\n(learntf: rename the op: letters, digits and . _ - / > only.)",
                )
        self._ops_named_well = len(operations)

    def _resolve_feeds(self, feed_dict):
        """{fed tensor: value}: `feed_dict` itself when its keys are this graph's tensors."""
        for key in feed_dict:
            if type(key) is not Tensor or key._op._graph is not self._graph:
                break
        else:
            return feed_dict
        feeds = {}
        for key, value in feed_dict.items():
            if type(key) is not Tensor:
                if hasattr(key, "_as_graph_element") and not isinstance(key, str):
                    key = key._as_graph_element()
                try:
                    key = self._graph.as_graph_element(
                        key, allow_tensor=True, allow_operation=False
                    )
                except (TypeError, ValueError, KeyError) as exc:
                    raise TypeError(
                        "Cannot interpret feed_dict key as Tensor: %s" % exc.args[0]
                    ) from None
            elif key.graph is not self._graph:
                raise TypeError(
                    "Cannot interpret feed_dict key as Tensor: Tensor %s is not an "
                    "element of this graph." % key
                )
            feeds[key] = value
        return feeds

    def _explain_uninitialized(self, exc, plan):
        """TF's message, framed as TF 2.21's Session.run frames it, then every uninitialized
        variable this run needs, and the fix."""
        exc.message = _graph_execution_error(exc.message, exc.op)
        exc.args = (exc.message,)
        missing = []
        for op in plan.ops:
            if op.type in ("VarHandleOp", "VariableV2"):
                resource = self._resources.get(op)
                if resource is None or resource.value is None:
                    missing.append(op.name)
        if not missing:
            return exc
        names = ", ".join(missing)
        exc.message += (
            "\nlearntf: this run needs %d variable%s that %s no value in this session yet: %s."
            "\nRun an initializer first: sess.run(tf.global_variables_initializer()) for all "
            "variables, or sess.run(%s.initializer) for one. (Each session keeps its own "
            "variable values, so a new session starts uninitialized.)"
            % (
                len(missing),
                "s" if len(missing) > 1 else "",
                "have" if len(missing) > 1 else "has",
                names,
                missing[0],
            )
        )
        exc.args = (exc.message,)
        return exc

    # -- lifetime ------------------------------------------------------------------------------
    def close(self):
        """Free this session's variable values; it cannot run anything afterwards."""
        self._closed = True
        self._resources.clear()
        self._plans.clear()

    @contextlib.contextmanager
    def as_default(self):
        """Make this the default session inside the `with` block."""
        _default_session_stack.append(self)
        try:
            yield self
        finally:
            _default_session_stack.remove(self)

    def __enter__(self):
        manager = contextlib.ExitStack()
        manager.enter_context(self._graph.as_default())
        manager.enter_context(self.as_default())
        self._context_managers.append(manager)
        return self

    def __exit__(self, exc_type, exc_value, traceback):
        self._context_managers.pop().close()
        self.close()

    def list_devices(self):
        return []


class Session(BaseSession):
    """`tf.Session()`: runs the default graph unless given another."""

    def __repr__(self):
        return "<learntf.Session%s>" % (" (closed)" if self._closed else "")


class InteractiveSession(BaseSession):
    """A session that makes itself (and its graph) the default as soon as it is created,
    for notebooks and shells; call `close()` when done."""

    def __init__(self, target="", graph=None, config=None):
        super().__init__(target, graph, config)
        graph_module.push_default_graph(self._graph)
        _default_session_stack.append(self)

    def close(self):
        if not self._closed:
            _default_session_stack.remove(self)
            graph_module.remove_default_graph(self._graph)
        super().close()

    def __repr__(self):
        return "<learntf.InteractiveSession%s>" % (" (closed)" if self._closed else "")


# -- fetches ------------------------------------------------------------------------------------
def _fetch_element(graph, fetch):
    """One fetch as a Tensor or Operation of `graph`, with TF's errors for anything else."""
    if fetch is None:
        raise TypeError('Argument `fetch` = None has invalid type "NoneType". Cannot be None')
    if hasattr(fetch, "_as_graph_element") and not isinstance(fetch, (Tensor, Operation)):
        fetch = fetch._as_graph_element()
    if isinstance(fetch, (Tensor, Operation)):
        if fetch.graph is not graph:
            raise ValueError(
                "Argument `fetch` = %s cannot be interpreted as a Tensor. (Tensor %s is "
                "not an element of this graph.)\n(learntf: it was built in another "
                "graph, often one replaced by tf.reset_default_graph(); rebuild it "
                "or open a session on its graph.)" % (fetch, fetch)
            )
        return fetch
    if isinstance(fetch, str):
        try:
            return graph.as_graph_element(fetch)
        except (KeyError, ValueError) as exc:
            raise ValueError(
                "Argument `fetch` = %s cannot be interpreted as a Tensor. (%s)" % (fetch, exc)
            ) from None
    raise TypeError(
        'Argument `fetch` = %s has invalid type "%s" must be a string or Tensor. '
        "(Can not convert a %s into a Tensor or Operation.)"
        % (fetch, type(fetch).__name__, type(fetch).__name__)
    )


def _flatten_fetches(graph, fetches):
    """Flatten nested fetches: (tuple of graph elements, a template of the structure).

    Not tf.nest (learntf/nest.py): TF's Session has its own fetch mapper (session.py's
    _FetchMapper) with its own rules.  It opens lists, tuples, namedtuples and any Mapping, but
    not other sequences (a range is an invalid fetch) nor dict views; it keeps a dict's own key
    order instead of sorting; and each leaf is resolved as a fetch on the spot (a name is looked
    up, None is an error), so the structure is walked once, with the graph at hand."""
    elements = []
    template = _template(graph, fetches, elements)
    return tuple(elements), template


class _Leaf:
    """In a fetch template: "the value of element number `index`"."""

    __slots__ = ("index",)

    def __init__(self, index):
        self.index = index


def _template(graph, item, elements):
    if isinstance(item, (list, tuple)) and not hasattr(item, "_as_graph_element"):
        return (type(item), [_template(graph, x, elements) for x in item])
    if isinstance(item, collections.abc.Mapping):
        return (type(item), {k: _template(graph, v, elements) for k, v in item.items()})
    elements.append(_fetch_element(graph, item))
    return _Leaf(len(elements) - 1)


def _rebuild(template, values):
    """The fetched values in the structure the fetches had."""
    if isinstance(template, _Leaf):
        return values[template.index]
    kind, parts = template
    if isinstance(parts, dict):
        return _make_mapping(kind, list(parts), [_rebuild(p, values) for p in parts.values()])
    items = [_rebuild(p, values) for p in parts]
    if hasattr(kind, "_fields"):  # a namedtuple
        return kind(*items)
    return kind(items) if issubclass(kind, tuple) else items


def _make_mapping(kind, keys, values):
    try:
        return kind(zip(keys, values))
    except TypeError:
        return dict(zip(keys, values))


def _fill_operations(elements, results):
    """Operations were run as targets: their fetched value is None."""
    if len(results) == len(elements):
        return results
    filled, it = [], iter(results)
    for element in elements:
        filled.append(None if isinstance(element, Operation) else next(it))
    return filled


def _feed_value(tensor, value):
    """The fed value as an array of the tensor's dtype, checked against its static shape."""
    dtype = tensor.dtype
    if isinstance(value, Tensor):
        raise TypeError(
            "The value of a feed cannot be a tf.Tensor object. Acceptable feed "
            "values include Python scalars, strings, lists, numpy ndarrays, or "
            "TensorHandles. For reference, the tensor object was %s which was "
            "passed to the argument `feed_dict` with key %s." % (value, tensor)
        )
    if type(value) is np.ndarray and value.dtype == dtype.np:
        array = value
    else:
        if isinstance(value, int) and not isinstance(value, bool) and dtype.is_integer:
            if np.array(value).astype(dtype.np) != value:
                raise TypeError(
                    "Type of feed value %r with type %s is not compatible with "
                    "Tensor type %s. Try explicitly setting the type of the feed "
                    "tensor to a larger type (e.g. int64)." % (value, type(value), dtype)
                )
        try:
            if dtype.name == "string":
                array = to_numpy(value, dtype)[0]
            else:
                array = np.asarray(value, dtype=dtype.np)
        except (TypeError, ValueError) as exc:
            raise ValueError(
                "Cannot feed %r to Tensor %s of dtype %s: %s"
                % (value, tensor.name, dtype.name, exc)
            ) from None
    shape = tensor.shape
    dims = shape.as_tuple()
    if dims is not None and (
        len(dims) != array.ndim or any(d is not None and d != n for d, n in zip(dims, array.shape))
    ):
        raise ValueError(
            "Cannot feed value of shape %s for Tensor %s, which has shape %s%s"
            % (array.shape, tensor.name, shape, _feed_shape_hint(array.shape, shape))
        )
    return array


def _feed_shape_hint(value_shape, shape):
    dims = shape.as_list()
    if len(value_shape) + 1 == len(dims) and dims[-1] == 1:
        return (
            "\n(learntf: the tensor wants a column; reshape the value with value.reshape(-1, 1).)"
        )
    if len(value_shape) == len(dims) + 1 and value_shape[-1] == 1:
        return "\n(learntf: the value has an extra axis of length 1; try value.reshape(-1).)"
    if len(value_shape) + 1 == len(dims) and dims[0] is None:
        return (
            "\n(learntf: the tensor wants a batch of rows; wrap a single example as "
            "[value] or value.reshape(1, -1).)"
        )
    return "\n(learntf: the value's shape must match the tensor's, with None matching any length.)"


def _empty_graph_error():
    """TensorFlow's error for a session whose graph has no ops: in eager mode (TensorFlow 2's
    default) ops run at once and go into no graph, so a Session has nothing to run."""
    hint = (
        GRAPH_MODE_HINT
        if executing_eagerly()
        else (
            "(learntf: build the ops in this session's graph first: "
            "the session runs the graph that "
            "was the default when it was created, or the one passed as graph=.)"
        )
    )
    return RuntimeError(
        "The Session graph is empty. Add operations to the graph before calling run().\n" + hint
    )


def _graph_execution_error(message, op):
    """`message` as TF 2.21's Session.run re-words an op's error (error_interpolation
    .interpolate_graph): a "Graph execution error:" line, then where the failing node was defined
    and its name, then the op's own message. TensorFlow lists the Python frames that created the
    node; learntf does not record them, so the list is empty, as TF's is for a node without a
    traceback."""
    if op is None:
        return "Graph execution error:\n\n" + message
    return (
        "Graph execution error:\n\nDetected at node %r defined at (most recent call last):\n"
        "Node: %r\n%s" % (op.name, op.name, message)
    )
