"""FuncGraph: the graph `tf.function` traces a Python function into (lesson 12).

It is an ordinary learntf Graph with three additions:

* captures: an eager tensor (or an eager variable's handle) used inside the function becomes
  a placeholder of the graph; each call feeds it the tensor's current value;
* automatic control dependencies: ops that use the same variable run in program order, and
  every stateful op runs on each call, whether or not the result is returned (as in TF);
* variable lifting: `tf.Variable(...)` inside the function makes an *eager* variable that
  outlives the trace (allowed on the first call only, as TensorFlow allows).
"""
import contextlib

from learntf import dtypes
from learntf.framework import context
from learntf.framework import graph as graph_module
from learntf.framework.tensor_shape import TensorShape


class FuncGraph(graph_module.Graph):
    """A graph being traced from a Python function."""

    def __init__(self, name):
        super().__init__()
        self.name = name
        self.inputs = []            # placeholders for the tensor arguments, in order
        self.captures = []          # (eager tensor, placeholder) pairs
        self._captured_by_id = {}
        self.resource_shapes = {}  # captured variable handle -> the variable's shape
        self._last_op_on_resource = {}
        self.created_variables = []
        self.structured_outputs = None
        self.outputs = []

    def capture(self, eager_tensor):
        """The placeholder standing for `eager_tensor` inside this graph."""
        key = id(eager_tensor)
        found = self._captured_by_id.get(key)
        if found is not None:
            return found
        from learntf.ops.array_ops import placeholder
        with self.as_default(), graph_module.name_scope(None), self.control_dependencies(None):
            captured = placeholder(eager_tensor.dtype, shape=eager_tensor.shape, name="capture")
        self.captures.append((eager_tensor, captured))
        self._captured_by_id[key] = captured
        if eager_tensor.dtype is dtypes.resource:  # a variable: remember its value's shape
            self.resource_shapes[captured] = eager_tensor._value.shape
        return captured

    def _create_op(self, op_def, inputs, attrs, name, output_specs):
        op = super()._create_op(op_def, inputs, attrs, name, output_specs)
        for tensor in inputs:  # automatic control dependencies on each variable
            if tensor.dtype is dtypes.resource:
                previous = self._last_op_on_resource.get(tensor)
                if previous is not None and previous is not op:
                    op._add_control_input(previous)
                self._last_op_on_resource[tensor] = op
        return op

    def stateful_ops(self):
        return [op for op in self.get_operations()
                if op.op_def.stateful and op.type not in ("ReadVariableOp", "VarHandleOp")]


def current_func_graph():
    graph = graph_module.get_default_graph()
    if isinstance(graph, FuncGraph) and not context.executing_eagerly():
        return graph
    return None


@contextlib.contextmanager
def init_scope():
    """Step out of any graph being traced into eager mode (to create lifted variables)."""
    saved_stack = list(graph_module._default_graph_stack)
    saved_depth = context.context.graph_mode_depth
    saved_eager = context.context.eager_enabled
    del graph_module._default_graph_stack[:]
    context.context.graph_mode_depth = 0
    context.context.eager_enabled = True
    try:
        yield
    finally:
        graph_module._default_graph_stack[:] = saved_stack
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
        return (isinstance(other, TensorSpec) and self.shape == other.shape
                and self.dtype is other.dtype and self.name == other.name)

    def __hash__(self):
        return hash((self.shape, self.dtype.name, self.name))
