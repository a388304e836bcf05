"""FuncGraph: the graph `tf.function` traces a Python function into (lesson 19).

It is an ordinary learntf Graph with three additions:

* captures: an eager tensor (or an eager variable's handle) used inside the function becomes
  a placeholder of the graph; each call feeds it the tensor's current value;
* automatic control dependencies, added when tracing ends (`add_automatic_control_deps`, as
  TF's AutomaticControlDependencies): an op that writes a variable waits for the reads and the
  write before it, a read waits for the last write, and every stateful op runs on each call,
  whether or not its result is returned: each output is an `Identity` that waits for a `NoOp`
  whose control inputs are those ops;
* variable lifting: `tf.Variable(...)` inside the function makes an *eager* variable that
  outlives the trace (allowed on the first call only, as TensorFlow allows).
"""

import contextlib

from learntf import dtypes
from learntf.framework import context
from learntf.framework import graph as graph_module
from learntf.framework.apply import apply_op
from learntf.framework.constant_op import constant
from learntf.framework.execute import eager_state
from learntf.framework.tensor_shape import TensorShape

# A captured eager tensor this small is copied into the graph as a Const (TF's threshold).
_CAPTURE_BY_VALUE_LIMIT = 128
# Reads of a variable (ordered after writes, and run only when their result is used).
_RESOURCE_READ_OPS = ("ReadVariableOp", "ResourceGather", "ResourceGatherNd", "VariableShape")
# Random ops may run in any order (TF: they sit in variable initializers).
_LEGACY_RANDOM_OPS = (
    "RandomUniform",
    "RandomUniformInt",
    "RandomStandardNormal",
    "TruncatedNormal",
    "RandomShuffle",
    "Multinomial",
    "RandomGamma",
    "RandomPoisson",
    "RandomPoissonV2",
)


class FuncGraph(graph_module.Graph):
    """A graph being traced from a Python function."""

    def __init__(self, name, outer_graph=None):
        super().__init__()
        self.name = name
        self.outer_graph = outer_graph  # (a tf.cond branch or a loop body: see capture)
        self.inputs = []  # placeholders for the tensor arguments, in order
        self.captures = []  # (eager tensor, placeholder) pairs
        self._captured_by_id = {}
        self.resource_shapes = {}  # captured variable handle -> the variable's shape
        self.created_variables = []
        self.traced_ops = None  # how many ops the trace made (set when it ends)
        self.structured_outputs = None
        self.outputs = []
        # Random ops inside take the global seed as their graph-level seed (as in TF).
        self.seed = (
            eager_state.global_seed
            if context.executing_eagerly()
            else graph_module.get_default_graph().seed
        )

    def capture(self, eager_tensor, name=None):
        """What stands for `eager_tensor` inside this graph.  As in TF, a small tensor (at most
        128 elements) is copied in as a Const; a variable's handle or a bigger tensor becomes a
        placeholder, fed its current value on each call.  Either is named as the input it feeds
        (e.g. `add/ReadVariableOp/resource`)."""
        key = id(eager_tensor)
        found = self._captured_by_id.get(key)
        if found is not None:
            return found[1]
        if self.outer_graph is not None:
            return self._capture_from_outer(eager_tensor, name)

        size = eager_tensor.shape.num_elements()
        by_value = (
            eager_tensor.dtype not in (dtypes.resource, dtypes.variant)  # (no Const holds those)
            and size is not None
            and size <= _CAPTURE_BY_VALUE_LIMIT
        )
        with self.as_default(), self.control_dependencies(None):
            if by_value:
                captured = constant(
                    eager_tensor.numpy(), dtype=eager_tensor.dtype, name=name or "Const"
                )
            else:
                shape = [] if eager_tensor.dtype is dtypes.resource else eager_tensor.shape
                captured = graph_placeholder(
                    eager_tensor.dtype, shape, name or "Placeholder"
                )  # (a handle is a scalar)
                self.captures.append((eager_tensor, captured))
        self._captured_by_id[key] = (eager_tensor, captured)  # (kept alive: ids stay unique)
        if eager_tensor.dtype is dtypes.resource:  # a variable: remember its value's shape
            self.resource_shapes[captured] = eager_tensor._value.shape
        return captured

    def _capture_from_outer(self, tensor, name):
        """In a nested graph (a tf.cond branch, a tf.while_loop body): a tensor of a graph
        outside becomes a placeholder here, fed by the control-flow op that runs this graph
        with that tensor as an input (TF's cond_v2 and while_v2 capture the same way).  The
        tensor is first brought into the graph just outside, if it is not from there; an eager
        tensor too, unless that graph is a TF1 graph (then it is a constant, as in any graph)."""
        outer = self.outer_graph
        if isinstance(tensor, graph_module.Tensor) and tensor.graph not in (
            outer,
            self.forward_graph,
        ):
            with outer.as_default():
                tensor = outer.capture(tensor) if isinstance(outer, FuncGraph) else tensor
        elif not isinstance(tensor, graph_module.Tensor):  # an eager tensor
            if isinstance(outer, FuncGraph):
                tensor = outer.capture(tensor, name)
            elif tensor.dtype is not dtypes.resource:
                with self.as_default(), self.control_dependencies(None):
                    return constant(tensor.numpy(), dtype=tensor.dtype, name=name or "Const")
            else:
                raise ValueError(
                    "An eager variable cannot be used in a TF1 graph (it lives outside any "
                    "Session). Create the variable inside the graph instead."
                )
        found = self._captured_by_id.get(id(tensor))
        if found is not None:
            return found[1]
        with self.as_default(), self.control_dependencies(None):
            captured = graph_placeholder(tensor.dtype, tensor.shape, name or tensor.op.name)
        self.captures.append((tensor, captured))
        self._captured_by_id[id(tensor)] = (tensor, captured)
        if tensor.dtype is dtypes.resource:  # a variable's handle: its value's shape
            from learntf.ops.variables import _handle_shape

            self.resource_shapes[captured] = _handle_shape(tensor)
        return captured

    def set_captures(self, pairs):
        """Say which outer tensor each captured placeholder stands for, (tensor, placeholder)
        each, in the order the op running this graph passes them (ops/control_flow_util.py)."""
        self.captures[:] = pairs
        self._captured_by_id.update((id(s), (s, p)) for s, p in pairs)

    def captured(self, eager_tensor):
        """The placeholder or Const that stands for `eager_tensor` here, if it was captured."""
        found = self._captured_by_id.get(id(eager_tensor))
        return found[1] if found is not None else None

    def captured_source(self, tensor):
        """The eager tensor that placeholder `tensor` captured, or None."""
        for eager_tensor, captured in self.captures:
            if captured is tensor:
                return eager_tensor
        return None

    def add_automatic_control_deps(self, returned):
        """Order the ops that touch a variable as the program did, and make the returned
        tensors wait for every op that must run (TF's AutomaticControlDependencies)."""
        used = {t for op in self.get_operations() for t in op.inputs}
        last_write, reads_since_write, must_run = {}, {}, []
        for op in self.get_operations():
            stateful = op.op_def.stateful and op.type not in _LEGACY_RANDOM_OPS
            is_read = op.type in _RESOURCE_READ_OPS
            if stateful and (not is_read or any(t in used for t in op.outputs)):
                must_run.append(op)
            resources = []
            for tensor in op.inputs:
                if tensor.dtype is dtypes.resource and tensor not in resources:
                    resources.append(tensor)
            for resource in resources:
                if resource in last_write:
                    op._add_control_input(last_write[resource])
                if is_read:
                    reads_since_write.setdefault(resource, []).append(op)
                else:
                    for read in reads_since_write.pop(resource, []):
                        if read is not op:
                            op._add_control_input(read)
                    last_write[resource] = op
            if stateful and not resources:  # other stateful ops keep their program order
                if None in last_write:
                    op._add_control_input(last_write[None])
                last_write[None] = op
        if must_run and returned:
            with self.as_default(), graph_module.name_scope(None):
                control_output = apply_op("NoOp", [], {}, "NoOp")  # as tf.no_op()
            for op in must_run:
                control_output._add_control_input(op)
            for tensor in returned:
                tensor.op._add_control_input(control_output)
        self.traced_ops = len(self.get_operations())  # (later ones are gradients, not calls)

    def stateful_ops(self):
        """The traced stateful ops every call runs (not those of a gradient added since)."""
        return [
            op
            for op in self.get_operations()[: self.traced_ops]
            if op.op_def.stateful and op.type not in ("ReadVariableOp", "VarHandleOp")
        ]


def graph_placeholder(dtype, shape, name):
    """A Placeholder op, as `tf.compat.v1.placeholder` makes it (TF's func_graph has its own
    too): a traced function's arguments and captured tensors."""
    attrs = {"dtype": dtypes.as_dtype(dtype), "shape": TensorShape(shape)}
    return apply_op("Placeholder", [], attrs, name)


def current_func_graph():
    graph = graph_module.get_default_graph()
    if isinstance(graph, FuncGraph) and not context.executing_eagerly():
        return graph
    return None


@contextlib.contextmanager
def init_scope():
    """Step out of any graph being traced into eager mode (to create lifted variables)."""
    graphs = graph_module._default_graph_stack
    saved_stack, graphs.items = graphs.items, []
    saved_depth = context.context.graph_mode_depth
    saved_eager = context.context.eager_enabled
    context.context.graph_mode_depth = 0
    context.context.eager_enabled = True
    try:
        yield
    finally:
        graphs.items = saved_stack
        context.context.graph_mode_depth = saved_depth
        context.context.eager_enabled = saved_eager


class TensorSpec:
    """The type of a tensor argument: shape (None for any length), dtype and a name."""

    def __init__(self, shape, dtype=dtypes.float32, name=None):
        self.shape = TensorShape(shape)
        self.dtype = dtypes.as_dtype(dtype)
        self.name = name

    @classmethod
    def from_tensor(cls, tensor, name=None):
        return cls(tensor.shape, tensor.dtype, name)

    def is_compatible_with(self, other):
        other_dtype = getattr(other, "dtype", None)
        return other_dtype is self.dtype and self.shape.is_compatible_with(other.shape)

    def __repr__(self):
        return "TensorSpec(shape=%s, dtype=%r, name=%r)" % (self.shape, self.dtype, self.name)

    def __eq__(self, other):
        return (
            isinstance(other, TensorSpec)
            and self.shape == other.shape
            and self.dtype is other.dtype
            and self.name == other.name
        )

    def __hash__(self):
        return hash((self.shape, self.dtype.name, self.name))
