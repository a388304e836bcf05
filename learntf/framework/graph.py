"""Graphs, operations and tensors: the data structure TensorFlow 1 programs build.

A `Graph` is a list of `Operation`s.  Each operation has a type (an entry of the op registry),
input `Tensor`s, attributes, and output `Tensor`s; a tensor is "output number i of operation
op" and holds no value.  Values exist only while a `Session` runs the graph (lesson 01).

Names are made unique the way TensorFlow makes them (`add`, `add_1`, ...), and name scopes
prefix them (`loss/mse`); lesson 02 draws a default graph that grows each time a cell re-runs.
"""

import contextlib
import re
import threading

from learntf.framework import context as context_module
from learntf.framework.tensor_shape import TensorShape

_VALID_OP_NAME = re.compile(r"^[A-Za-z0-9.][A-Za-z0-9_.\\/>-]*$")
_VALID_SCOPE_NAME = re.compile(r"^[A-Za-z0-9_.\\/>-]*$")
_NAME_HINT = (
    "(learntf: op names and name scopes hold letters, digits and . _ - / > only, and do not "
    "start with _ - or /; rename it.)"
)


def _bracketed(shape):
    """A known-rank shape as TF's C++ shape functions print it: [2,?,3]."""
    return "[%s]" % ",".join("?" if d is None else str(d) for d in shape.as_list())


class GraphKeys:
    """Standard names of graph collections (`tf.GraphKeys`)."""

    GLOBAL_VARIABLES = "variables"
    LOCAL_VARIABLES = "local_variables"
    TRAINABLE_VARIABLES = "trainable_variables"
    MODEL_VARIABLES = "model_variables"
    SUMMARIES = "summaries"
    UPDATE_OPS = "update_ops"
    LOSSES = "losses"
    REGULARIZATION_LOSSES = "regularization_losses"
    GLOBAL_STEP = "global_step"
    TRAIN_OP = "train_op"
    SAVERS = "savers"
    INIT_OP = "init_op"
    VARIABLES = GLOBAL_VARIABLES


class Tensor:
    """Output number `value_index` of an Operation: a symbolic value with a dtype and shape."""

    __slots__ = ("_op", "_value_index", "_dtype", "_shape", "_assign_target", "__weakref__")

    # Python operators (+, *, @, [i, j], ...) and protocols (bool(), len(), iter(), NumPy's
    # __array__: errors that say why) are attached in learntf/ops/operators.py.

    def __init__(self, op, value_index, dtype, shape):
        self._op = op
        self._value_index = value_index
        self._dtype = dtype
        self._shape = shape
        self._assign_target = None  # (variable, index) when this is a slice of a variable

    @property
    def op(self):
        return self._op

    @property
    def value_index(self):
        return self._value_index

    @property
    def name(self):
        return "%s:%d" % (self._op.name, self._value_index)

    @property
    def dtype(self):
        return self._dtype

    @property
    def shape(self):
        return self._shape

    def get_shape(self):
        return self._shape

    def set_shape(self, shape):
        """Narrow the static shape; TF's shape-inference words if `shape` contradicts it."""
        old, new = self._shape, TensorShape(shape)
        if old.rank is not None and new.rank is not None:
            if old.rank != new.rank:
                raise ValueError(
                    "Shapes must be equal rank, but are %d and %d" % (old.rank, new.rank)
                )
            for i, (a, b) in enumerate(zip(old.as_list(), new.as_list())):
                if a is not None and b is not None and a != b:
                    raise ValueError(
                        "Dimension %d in both shapes must be equal, but are %d and %d. Shapes "
                        "are %s and %s." % (i, a, b, _bracketed(old), _bracketed(new))
                    )
        self._shape = old.merge_with(new)

    @property
    def graph(self):
        return self._op.graph

    @property
    def device(self):
        return self._op._device

    @property
    def ndim(self):
        return self._shape.rank

    def eval(self, feed_dict=None, session=None):
        """Run the default session (or `session`) to compute this tensor's value."""
        from learntf.client.session import run_in_default_session

        return run_in_default_session(self, feed_dict, session, "eval")

    def ref(self):
        return self

    def experimental_ref(self):
        return self

    def __repr__(self):
        return "<tf.Tensor '%s' shape=%s dtype=%s>" % (self.name, self._shape, self._dtype.name)

    def __str__(self):
        shape = "" if self._shape.rank is None else ", shape=%s" % (self._shape,)  # as TF
        return 'Tensor("%s"%s, dtype=%s)' % (self.name, shape, self._dtype.name)


class Operation:
    """A node of the graph: an op type from the registry, its inputs, attrs and outputs."""

    __slots__ = (
        "_graph",
        "_name",
        "_op_def",
        "_inputs",
        "_outputs",
        "_control_inputs",
        "attrs",
        "_id",
        "_device",  # tf.device's placement, as TF normalizes it (framework/device.py)
        # gradient_override_map's name for this op's gradient (TF's `_gradient_op_type` attr;
        # kept out of `attrs`, which are the kernel's arguments)
        "_gradient_op_type",
        "__weakref__",
    )
    skip_input_indices = None  # (tf.gradients differentiates every input; see eager/tape.py)

    def __init__(self, graph, op_def, name, inputs, attrs, output_specs, control_inputs, op_id):
        self._graph = graph
        self._name = name
        self._op_def = op_def
        self._inputs = tuple(inputs)
        self.attrs = attrs
        self._control_inputs = list(control_inputs)
        self._id = op_id
        self._device = ""
        self._gradient_op_type = None
        self._outputs = tuple(
            Tensor(self, i, dtype, shape) for i, (dtype, shape) in enumerate(output_specs)
        )

    @property
    def name(self):
        return self._name

    @property
    def type(self):
        return self._op_def.name

    @property
    def op_def(self):
        return self._op_def

    @property
    def graph(self):
        return self._graph

    @property
    def inputs(self):
        return self._inputs

    @property
    def outputs(self):
        return self._outputs

    def values(self):
        return self._outputs

    @property
    def control_inputs(self):
        return list(self._control_inputs)

    @property
    def device(self):
        return self._device

    def get_attr(self, name):
        try:
            return self.attrs[name]
        except KeyError:
            pass
        if name == "_gradient_op_type" and self._gradient_op_type is not None:
            return self._gradient_op_type.encode()  # (TF's string attrs are bytes)
        op_def = self._op_def
        if name == op_def.type_attr and len(self._inputs) > op_def.type_input:
            dtype = self._inputs[op_def.type_input].dtype  # TF's `T`: an input's dtype
            return getattr(dtype, "base_dtype", dtype)
        raise ValueError("Operation '%s' has no attr named '%s'." % (self._name, name))

    def _add_control_input(self, op):
        if op not in self._control_inputs:
            self._control_inputs.append(op)

    def _add_outputs(self, output_specs):
        """More outputs, (dtype, shape) each: TF's cond and while gradients make a control-flow
        op also output the intermediate values its gradient needs (ops/cond_v2.py)."""
        first = len(self._outputs)
        self._outputs += tuple(
            Tensor(self, first + i, dtype, shape) for i, (dtype, shape) in enumerate(output_specs)
        )
        return self._outputs[first:]

    def _set_attr(self, name, value):
        self.attrs = {**self.attrs, name: value}

    def _add_inputs(self, tensors):
        """More inputs: a While's gradient makes the loop carry accumulators (TF's
        _add_while_inputs, ops/while_v2.py)."""
        self._inputs += tuple(tensors)

    def run(self, feed_dict=None, session=None):
        """Run this operation in the default session (or `session`)."""
        from learntf.client.session import run_in_default_session

        run_in_default_session(self, feed_dict, session, "run")

    def __repr__(self):
        return "<tf.Operation '%s' type=%s>" % (self._name, self.type)


class _NameStack(threading.local):
    """A graph's current name scope, kept per thread as TF's Graph keeps it (`_thread_local`):
    a thread building in the graph starts at the top, whatever scope other threads are in.
    (Control dependencies and device blocks are shared by all threads, as in a TF 1 graph.)"""

    def __init__(self):
        self.scope = ""


class Graph:
    """A TensorFlow computation: operations, their names, name scopes and collections."""

    _name_stack = property(
        lambda graph: graph._thread_name_stack.scope,
        lambda graph, scope: setattr(graph._thread_name_stack, "scope", scope),
    )

    # The graph this one is nested in: a function graph of tf.cond or tf.while_loop takes the
    # tensors it uses from there as captured inputs (eager/func_graph.py).  None at the top.
    outer_graph = None
    # A gradient graph of a branch also reads the values of its forward branch graph.
    forward_graph = None

    def __init__(self):
        self._operations = []
        self._ops_by_name = {}
        self._names_in_use = {}
        self._thread_name_stack = _NameStack()
        self._control_dependencies_stack = []
        self._control_dependencies_seen = []  # per level: the ops created inside that block
        self._collections = {}
        self._finalized = False
        self._lock = threading.RLock()
        self.seed = None
        self._last_id = 0
        # The variable-scope store used by tf.get_variable (see learntf/ops/variable_scope.py).
        self._variable_store = None
        self._device_functions = []  # tf.device's stack, top last (framework/device.py)
        self._gradient_override_map = {}  # op type -> a RegisterGradient name

    # -- the default graph -------------------------------------------------------------------
    @contextlib.contextmanager
    def as_default(self):
        """Make this graph the one new ops go to, inside the `with` block."""
        push_default_graph(self)
        try:
            yield self
        finally:
            remove_default_graph(self)

    # -- ops ---------------------------------------------------------------------------------
    def _create_op(self, op_def, inputs, attrs, name, output_specs):
        if self._finalized:
            raise RuntimeError("Graph is finalized and cannot be modified.")
        name = name[:-1] if name.endswith("/") else self.unique_name(name)
        if not _VALID_OP_NAME.match(name):
            raise ValueError(
                "`%s` is not a valid node name. Accepted names conform to Regex /%s/\n%s"
                % (name, _VALID_OP_NAME, _NAME_HINT)
            )
        if name in self._ops_by_name:
            raise ValueError(
                "Duplicate node name in graph: '%s'\n(learntf: a name ending in '/' is used "
                "as it is, without a _1 suffix; give the op a name not taken yet.)" % name
            )
        self._last_id += 1
        control_inputs = self._current_control_inputs(inputs)
        op = Operation(
            self, op_def, name, inputs, attrs, output_specs, control_inputs, self._last_id
        )
        op._gradient_op_type = self._gradient_override_map.get(op.type)
        if self._device_functions:
            op._device = self._device_functions[-1](op)
        for seen in self._control_dependencies_seen:
            seen.add(op)
        self._operations.append(op)
        self._ops_by_name[name] = op
        return op

    def get_operations(self):
        return list(self._operations)

    @property
    def version(self):
        return self._last_id

    def get_operation_by_name(self, name):
        if not isinstance(name, str):
            raise TypeError(
                "Operation names are strings (or similar), not %s." % type(name).__name__
            )
        return self.as_graph_element(name, allow_tensor=False, allow_operation=True)

    def get_tensor_by_name(self, name):
        if not isinstance(name, str):
            raise TypeError("Tensor names are strings (or similar), not %s." % type(name).__name__)
        return self.as_graph_element(name, allow_tensor=True, allow_operation=False)

    def as_graph_element(self, obj, allow_tensor=True, allow_operation=True):
        """Resolve a name, Tensor, Operation or Variable to an element of this graph."""
        if allow_tensor and hasattr(obj, "_as_graph_element"):
            obj = obj._as_graph_element()
        if isinstance(obj, str):
            return self._element_by_name(obj, allow_tensor, allow_operation)
        if isinstance(obj, Tensor) and allow_tensor:
            if obj.graph is not self:
                raise ValueError("Tensor %s is not an element of this graph." % obj)
            return obj
        if isinstance(obj, Operation) and allow_operation:
            if obj.graph is not self:
                raise ValueError("Operation %s is not an element of this graph." % obj)
            return obj
        wanted = " or ".join(
            k for k, ok in (("Tensor", allow_tensor), ("Operation", allow_operation)) if ok
        )
        raise TypeError("Can not convert a %s into a %s." % (type(obj).__name__, wanted))

    def _element_by_name(self, name, allow_tensor, allow_operation):
        if ":" in name and allow_tensor:
            op_name, _, index = name.rpartition(":")
            try:
                index = int(index)
            except ValueError:
                raise ValueError(
                    "The name %r looks a like a Tensor name, but is not a valid "
                    "one. Tensor names must be of the form "
                    '"<op_name>:<output_index>".' % name
                ) from None
            op = self._ops_by_name.get(op_name)
            if op is None:
                raise KeyError(
                    "The name %r refers to a Tensor which does not exist. The "
                    "operation, %r, does not exist in the graph." % (name, op_name)
                )
            if index >= len(op.outputs):
                raise KeyError(
                    "The name %r refers to a Tensor which does not exist. The "
                    "operation, %r, exists but only has %d outputs."
                    % (name, op_name, len(op.outputs))
                )
            return op.outputs[index]
        if ":" in name:
            raise ValueError("Name %r appears to refer to a Tensor, not a Operation." % name)
        if not allow_operation:
            raise ValueError(
                "The name %r refers to an Operation, not a Tensor. Tensor names "
                'must be of the form "<op_name>:<output_index>".' % name
            )
        op = self._ops_by_name.get(name)
        if op is None:
            raise KeyError("The name %r refers to an Operation not in the graph." % name)
        return op

    # -- names -------------------------------------------------------------------------------
    def unique_name(self, name, mark_as_used=True):
        """`name` inside the current name scope, with `_1`, `_2`, ... added if taken."""
        if self._name_stack:
            name = self._name_stack + "/" + name
        name_key = name.lower()  # names differing only in case would clash on some file systems
        i = self._names_in_use.get(name_key, 0)
        if mark_as_used:
            self._names_in_use[name_key] = i + 1
        if i > 0:
            base_name_key = name_key
            while name_key in self._names_in_use:
                name_key = "%s_%d" % (base_name_key, i)
                i += 1
            if mark_as_used:
                self._names_in_use[name_key] = 1
            name = "%s_%d" % (name, i - 1)
        return name

    def get_name_scope(self):
        return self._name_stack

    @contextlib.contextmanager
    def name_scope(self, name):
        """Enter name scope `name` (made unique); yields the scope string ending in '/'."""
        if name:
            which, pattern = ("root ", _VALID_OP_NAME)
            if self._name_stack:
                which, pattern = "", _VALID_SCOPE_NAME
            if not pattern.match(name):
                raise ValueError(
                    "'%s' is not a valid %sscope name. A %sscope name has to match the "
                    "following pattern: %s\n%s" % (name, which, which, pattern.pattern, _NAME_HINT)
                )
        old_stack = self._name_stack
        if not name:
            new_stack, returned_scope = "", ""
        elif name[-1] == "/":
            new_stack, returned_scope = name[:-1], name
        else:
            new_stack = self.unique_name(name)
            returned_scope = new_stack + "/"
        self._name_stack = new_stack
        try:
            yield returned_scope
        finally:
            self._name_stack = old_stack

    # -- control dependencies ---------------------------------------------------------------
    @contextlib.contextmanager
    def control_dependencies(self, control_inputs):
        """Ops created inside the block run only after `control_inputs` have run."""
        if context_module.executing_eagerly():
            yield  # eager ops run in program order already
            return
        if control_inputs is None:
            saved = self._control_dependencies_stack, self._control_dependencies_seen
            self._control_dependencies_stack, self._control_dependencies_seen = [], []
            try:
                yield
            finally:
                self._control_dependencies_stack, self._control_dependencies_seen = saved
            return
        ops = []
        for item in control_inputs:
            if hasattr(item, "_as_graph_element"):
                item = item._as_graph_element()
            if isinstance(item, str):
                item = self.as_graph_element(item)
            if isinstance(item, Tensor):
                item = item.op
            if not isinstance(item, Operation):
                raise TypeError(
                    "Can not convert a %s into a Tensor or Operation." % type(item).__name__
                )
            if item.graph is not self:
                raise ValueError("Control input %r is not an element of this graph." % item)
            ops.append(item)
        self._control_dependencies_stack.append(ops)
        self._control_dependencies_seen.append(set())
        try:
            yield
        finally:
            self._control_dependencies_stack.pop()
            self._control_dependencies_seen.pop()

    def _current_control_inputs(self, inputs):
        if not self._control_dependencies_stack:
            return []
        input_ops = {t.op for t in inputs}
        result = []
        for level, seen in zip(self._control_dependencies_stack, self._control_dependencies_seen):
            if not seen.isdisjoint(input_ops):
                continue  # an input made inside this block already runs after `level`, as TF
            for op in level:
                if op not in input_ops and op not in result:
                    result.append(op)
        return result

    # -- collections -------------------------------------------------------------------------
    def add_to_collection(self, name, value):
        self._check_not_finalized()
        self._collections.setdefault(name, []).append(value)

    def add_to_collections(self, names, value):
        names = (names,) if isinstance(names, str) else set(names)
        for name in names:
            self.add_to_collection(name, value)

    def get_collection(self, name, scope=None):
        items = self._collections.get(name, [])
        if scope is None:
            return list(items)
        pattern = re.compile(scope)
        return [
            item
            for item in items
            if getattr(item, "name", None) is not None and pattern.match(item.name)
        ]

    # `as_graph_def()` (this graph as a GraphDef protocol buffer) and `_repr_mimebundle_` (its
    # drawing in a notebook) live in serialization/ and viz/, which build on the core; the
    # package attaches them to Graph (learntf/_lazy.py), so the core never imports them.
    # The collections' other methods and functions, `Tensor.consumers()` and an operation's
    # NodeDef text are attached by framework/graph_extras.py.

    # -- finalizing --------------------------------------------------------------------------
    def finalize(self):
        self._finalized = True

    @property
    def finalized(self):
        return self._finalized

    def _check_not_finalized(self):
        if self._finalized:
            raise RuntimeError("Graph is finalized and cannot be modified.")

    def __repr__(self):
        return "<learntf.Graph with %d ops>" % len(self._operations)


# -- the default graph ---------------------------------------------------------------------
class _DefaultGraphs(context_module.PerThreadStack):
    """The graphs this thread entered with `as_default()`, and under them the thread's own
    global default graph, made when the thread first needs it.  As in TensorFlow ("The default
    graph is a property of the current thread"), a new thread never sees another's graph."""

    def __init__(self):
        super().__init__()
        self.global_graph = None

    def default(self):
        if self.items:
            return self.items[-1]
        if self.global_graph is None:
            self.global_graph = Graph()
        return self.global_graph


_default_graph_stack = _DefaultGraphs()


def get_default_graph():
    """The graph new ops are added to: the innermost `as_default()` graph of this thread,
    else the thread's global default graph."""
    return _default_graph_stack.default()


def global_default_graph_used():
    """True once ops were added to this thread's global default graph (a TF1 program's)."""
    graph = _default_graph_stack.global_graph
    return graph is not None and bool(graph._operations)


def push_default_graph(graph):
    _default_graph_stack.append(graph)
    context_module.context.graph_mode_depth += 1


def remove_default_graph(graph):
    """Remove the innermost entry for `graph` (an InteractiveSession's need not be on top)."""
    if _default_graph_stack.remove(graph):
        context_module.context.graph_mode_depth -= 1


def reset_default_graph():
    """Replace this thread's global default graph with a new, empty one."""
    if _default_graph_stack:
        raise AssertionError(
            "Do not use tf.reset_default_graph() to clear nested graphs. If you need a "
            "cleared graph, exit the nesting and create a new graph."
        )
    _default_graph_stack.global_graph = Graph()


def name_scope(name, default_name=None, values=None):
    """TF1's `tf.name_scope(name, default_name=None, values=None)`: prefix op names."""
    if values is not None and default_name is None and not isinstance(name, str):
        raise TypeError("name_scope's name must be a string")
    if name is None:
        name = default_name
    if context_module.executing_eagerly():
        return _EagerNameScope(name)
    return (_graph_of(values) or get_default_graph()).name_scope(name)


class _EagerNameScope:
    """Eager ops have no names, but variables (and summaries) made in a scope take it: the
    scope is a string kept on the context, "a/b/" inside "a" then "b"; a name ending in "/" is
    absolute, and None or "" goes back to the top (as in a graph, minus the `_1` suffixes)."""

    __slots__ = ("name", "outer")

    def __init__(self, name):
        self.name = name

    def __enter__(self):
        self.outer, name = context_module.context.eager_name_scope, self.name
        scope = "" if not name else name if name.endswith("/") else self.outer + name + "/"
        context_module.context.eager_name_scope = scope
        return scope

    def __exit__(self, *exc_info):
        context_module.context.eager_name_scope = self.outer
        return False


def _graph_of(values):
    for value in values or ():
        graph = getattr(value, "graph", None)
        if isinstance(graph, Graph):
            return graph if not is_nested_in(get_default_graph(), graph) else None
    return None


def is_nested_in(graph, outer):
    """Whether `outer` is a graph that `graph` is nested in (a branch of a tf.cond is nested in
    the graph of the cond): ops built in `graph` may use `outer`'s tensors, by capturing them."""
    while graph is not None:
        if graph.outer_graph is outer or graph.forward_graph is outer:
            return True
        graph = graph.outer_graph
    return False


def control_dependencies(control_inputs):
    return get_default_graph().control_dependencies(control_inputs)
