"""What a picture of a graph shows: which ops become nodes, which edges join them, which boxes
(name scopes) hold them.

Lessons 01 ("graphs and sessions") and 02 ("managing graphs") draw graphs with `draw()` and print
`describe()` beside the drawing.  Both start from the `GraphView` built here, so the picture and
the text always show the same nodes.

Two simplifications make a TensorFlow graph read the way a learner thinks about it:

* A variable is one node.  `tf.Variable(3, name="x")` really adds five ops (`x`, `x/Assign`,
  `x/Read/ReadVariableOp`, `x/IsInitialized/VarIsInitializedOp`, `x/Initializer/...`); they are
  folded into the node `x`.  Each read of the variable elsewhere (`ReadVariableOp`,
  `mul/ReadVariableOp`) is folded too, so the picture says "x feeds mul".  An op that is asked
  for explicitly (say `draw(x.initializer)`) is not folded, nor are the helper ops it is made
  from (`x/Initializer/initial_value`).
* A name scope is a box.  The scope an op wrapper opens for its own helper inputs (`y + 2`
  creates `add_1` and the constant `add_1/y`) is not: such a scope shares its name with a node,
  so its contents sit beside that node, labelled `add_1/y`.
"""

import re
from dataclasses import dataclass, field

import numpy as np

from learntf.framework.graph_walk import dependency_order, op_dependencies

from .from_tensorflow import to_learntf

VARIABLE_TYPES = ("VarHandleOp", "VariableV2", "Variable")
PLACEHOLDER_TYPES = ("Placeholder", "PlaceholderWithDefault")
# The sub-scopes `tf.Variable(..., name="x")` creates under `x/` for its own bookkeeping
# (`x/initial_value` is a TF1 reference variable's initial value).
VARIABLE_HELPER_SCOPES = ("Assign", "Read", "IsInitialized", "Initializer", "initial_value")
READ_TYPES = ("ReadVariableOp", "Identity")
ASSIGN_TYPES = ("AssignVariableOp", "Assign")


@dataclass(frozen=True)
class Node:
    """One box of the picture: an op (or a variable with its helper ops folded in)."""

    name: str  # the op's full name; also the node's id in the DOT source
    kind: str  # 'variable', 'placeholder', 'constant', 'group' (NoOp) or 'op'
    type: str  # the op type, e.g. 'MatMul'
    scope: str  # the scope box it is drawn in ('' at top level)
    label: str  # its name relative to that box
    outputs: tuple  # one 'shape dtype' string per output (a variable: its value's)
    value: str = None  # a constant's small value, or a variable's initial value


@dataclass(frozen=True)
class Edge:
    """One arrow: a tensor flowing from op to op, or a control dependency (no tensor)."""

    source: str
    target: str
    label: str
    control: bool = False
    index: int = 0  # which output of the source op the tensor is
    initial_value: bool = False  # the value a (folded) variable is initialised with


@dataclass(frozen=True)
class Scope:
    """One box: a name scope such as `loss` or `gradients/loss/mse_grad`."""

    name: str
    parent: str  # the box it sits in ('' at top level)
    label: str  # its name relative to that box


@dataclass
class GraphView:
    """Everything `draw()` and `describe()` show, in a fixed order (the ops' creation order)."""

    nodes: list
    edges: list
    scopes: list
    targets: list  # names of the tensors/ops asked for; empty when a whole graph was given
    op_count: int  # how many ops the view stands for, folded ones included
    folded_into: dict = field(default_factory=dict)  # {folded op name: its variable's node}


def view_of(obj):
    """Build the GraphView of a Graph, or of what a Tensor/Operation/Variable (or list) needs.
    Real TensorFlow's graphs, tensors and operations are read through their GraphDef
    (from_tensorflow.py), so a lesson run on TensorFlow draws the same pictures."""
    graph, target_ops, target_names = _resolve(to_learntf(obj))
    all_ops = list(graph.get_operations())
    if target_ops is None:
        shown = all_ops
    else:
        shown = _ancestors(target_ops, all_ops)
    shown_names = {op.name for op in shown}

    owner = _fold_map(all_ops, target_ops)
    # A folded op stands for its variable: showing the op means showing the variable.
    node_names = {owner.get(name, name) for name in shown_names}
    node_ops = [op for op in all_ops if op.name in node_names]

    scopes, node_scope = _scopes([op.name for op in node_ops])
    nodes = [_node(op, node_scope[op.name], all_ops, owner) for op in node_ops]
    edges = _edges(shown, shown_names, owner)
    folded_into = {name: owner[name] for name in shown_names if name in owner}
    return GraphView(nodes, edges, scopes, target_names, len(shown_names | node_names), folded_into)


def _resolve(obj):
    """(graph, target ops or None for the whole graph, target names) for what draw() was given."""
    if hasattr(obj, "get_operations"):
        return obj, None, []
    items = list(obj) if isinstance(obj, (list, tuple)) else [obj]
    if not items:
        raise ValueError("Nothing to draw: the list of tensors/operations is empty.")
    ops, names = [], []
    for item in items:
        op = item if hasattr(item, "control_inputs") else getattr(item, "op", None)
        if op is None or not hasattr(op, "graph"):
            raise TypeError(
                "learntf.viz draws a Graph, Tensor, Operation or Variable (or a list of them); "
                "got %r. Eager tensors have no graph to draw." % (item,)
            )
        ops.append(op)
        names.append(getattr(item, "name", op.name))
    graph = ops[0].graph
    if any(op.graph is not graph for op in ops):
        raise ValueError(
            "Cannot draw tensors/operations from different graphs together: %s" % ", ".join(names)
        )
    return graph, ops, names


def _ancestors(target_ops, all_ops):
    """The target ops and every op they depend on through data or control inputs, in creation
    order: exactly what `Session.run(targets)` would need."""
    reached = {op.name for op in dependency_order(target_ops, op_dependencies)}
    return [op for op in all_ops if op.name in reached]


def _fold_map(all_ops, target_ops):
    """{op name: variable name} for the ops drawn inside their variable's node."""
    variables = {op.name for op in all_ops if op.type in VARIABLE_TYPES}
    owner = {}
    for op in all_ops:
        if op.type in VARIABLE_TYPES:
            continue
        variable = _helper_owner(op.name, variables)
        if variable is None and op.type in READ_TYPES and op.inputs:
            source = op.inputs[0].op
            if source.name in variables:
                variable = source.name
        if variable is not None:
            owner[op.name] = variable
    # What the learner asked for is drawn as it is, with the helper ops it is made from
    # (x/Assign with x/Initializer/initial_value), but not everything upstream of it.
    stack = list(target_ops or ())
    while stack:
        op = stack.pop()
        if owner.pop(op.name, None) is not None:
            stack.extend(t.op for t in op.inputs)
            stack.extend(op.control_inputs)
    return owner


def _helper_owner(name, variables):
    """'x' for 'x/Assign' or 'x/Initializer/initial_value' when x is a variable, else None."""
    parts = name.split("/")
    for i in range(len(parts) - 1, 0, -1):
        if parts[i] in VARIABLE_HELPER_SCOPES and "/".join(parts[:i]) in variables:
            return "/".join(parts[:i])
    return None


def _scopes(node_names):
    """The scope boxes (in order of first use) and the box each node is drawn in.

    A prefix of a node's name is a box unless it is itself a node's name (then it is the scope
    TensorFlow opened for that op's helper inputs, and its contents sit beside the op)."""
    names = set(node_names)

    def box_of(name):
        parts = name.split("/")
        for i in range(len(parts) - 1, 0, -1):
            prefix = "/".join(parts[:i])
            if prefix not in names:
                return prefix
        return ""

    scopes, node_scope = {}, {}
    for name in node_names:
        box = node_scope[name] = box_of(name)
        pending = []
        while box and box not in scopes:
            pending.append(box)
            box = box_of(box)
        for box in reversed(pending):
            parent = box_of(box)
            scopes[box] = Scope(box, parent, _relative(box, parent))
    return list(scopes.values()), node_scope


def _relative(name, scope):
    return name[len(scope) + 1 :] if scope else name


def _node(op, scope, all_ops, owner):
    kind = _kind(op.type)
    outputs = tuple(_tensor_text(t) for t in op.outputs)
    value = None
    if kind == "constant":
        value = _small_value(op)
    elif kind == "variable":
        outputs = (_variable_value_text(op, all_ops, owner),)
        initial = _initial_value_op(op, all_ops, owner)
        if initial is not None and initial.type == "Const":
            value = _small_value(initial)
    return Node(op.name, kind, op.type, scope, _relative(op.name, scope), outputs, value)


def _kind(op_type):
    if op_type in VARIABLE_TYPES:
        return "variable"
    if op_type in PLACEHOLDER_TYPES:
        return "placeholder"
    if op_type == "Const":
        return "constant"
    if op_type == "NoOp":
        return "group"
    return "op"


def _edges(shown, shown_names, owner):
    """Arrows between nodes, consumer by consumer in creation order; arrows to or from a folded
    op start or end at its variable, and arrows inside one variable vanish."""
    edges, seen = [], set()
    for consumer in shown:
        target = owner.get(consumer.name, consumer.name)
        into_helper = consumer.name in owner and consumer.type not in READ_TYPES
        links = [(t.op, _edge_label(t), False, t.value_index) for t in consumer.inputs]
        links += [(op, "", True, 0) for op in consumer.control_inputs]
        for producer, label, control, index in links:
            if producer.name not in shown_names:
                continue
            source = owner.get(producer.name, producer.name)
            if source == target:
                continue
            initial_value = into_helper and not control
            if initial_value:
                label = "initial value " + label
            edge = Edge(source, target, label, control, index, initial_value)
            # x*x reads x twice: two arrows.  Folding may repeat a control arrow: keep one.
            if control and edge in seen:
                continue
            seen.add(edge)
            edges.append(edge)
    return edges


def _edge_label(tensor):
    text = _tensor_text(tensor)
    if len(tensor.op.outputs) > 1:
        text = ":%d %s" % (tensor.value_index, text)
    return text


def _tensor_text(tensor):
    dtype = _dtype_name(tensor.dtype)
    if dtype == "resource":
        return "resource"  # a variable handle: its shape () says nothing about the value
    if dtype == "?":
        return str(tensor.shape)  # a TensorFlow op whose output dtype its GraphDef omits
    return "%s %s" % (tensor.shape, dtype)


def _dtype_name(dtype):
    return getattr(dtype, "name", str(dtype))


def _variable_value_text(op, all_ops, owner):
    """'(3, 1) float32': the shape and dtype of the value a variable holds (not its handle)."""
    shape, dtype = _attr(op, "shape"), _attr(op, "dtype")
    if shape is not None and dtype is not None:
        return "%s %s" % (_shape_text(shape), _dtype_name(dtype))
    for other in all_ops:
        if owner.get(other.name) == op.name and other.type in READ_TYPES and other.outputs:
            return _tensor_text(other.outputs[0])
    return _tensor_text(op.outputs[0]) if op.outputs else ""


def _attr(op, name):
    """An op attribute, or None when the op has no such attribute."""
    attrs = getattr(op, "attrs", None)
    if isinstance(attrs, dict):
        return attrs.get(name)
    try:
        return op.get_attr(name)
    except (ValueError, KeyError, AttributeError):
        return None


def _shape_text(shape):
    """A shape attr as TensorShape prints it: '(None, 3)', '(3,)', '()'."""
    if not isinstance(shape, (list, tuple)):
        return str(shape)
    if len(shape) == 1:
        return "(%s,)" % shape[0]
    return "(%s)" % ", ".join(str(d) for d in shape)


def _initial_value_op(variable, all_ops, owner):
    """The op whose output `x/Assign` writes into variable x when it is initialised."""
    for op in all_ops:
        if owner.get(op.name) == variable.name and op.type in ASSIGN_TYPES and len(op.inputs) > 1:
            return op.inputs[1].op
    return None


def _small_value(const_op):
    """'2', '0.01' or '[0, 1]' for a constant of at most 4 numbers; None for anything bigger
    (the arrow leaving it already says its shape)."""
    value = _attr(const_op, "value")
    if value is None:
        return None
    value = np.asarray(value)
    if value.size > 4 or value.ndim > 1:
        return None
    items = [_item_text(item) for item in value.ravel().tolist()]
    return items[0] if value.ndim == 0 else "[%s]" % ", ".join(items)


def _item_text(item):
    if isinstance(item, bytes):
        return repr(item.decode("utf-8", "replace"))
    if isinstance(item, float):
        return "%g" % item
    return repr(item) if isinstance(item, str) else str(item)


# -- training roles: what tf.gradients and an optimizer added ----------------------------------
# tf.gradients opens a `gradients` scope (`gradients_1` the second time), possibly inside the
# learner's own scope (`train/gradients/...`).
GRADIENT_SCOPE = re.compile(r"(^|/)gradients(_\d+)?/")
# The op an optimizer adds per variable to change it: ResourceApplyGradientDescent, ApplyAdam...
UPDATE_TYPE_PREFIXES = (
    "ResourceApply",
    "ApplyGradient",
    "ApplyMomentum",
    "ApplyAdam",
    "ResourceSparseApply",
    "SparseApply",
)


def is_gradient_op(name):
    """True for an op that tf.gradients added: one under a `gradients/` name scope."""
    return GRADIENT_SCOPE.search(name) is not None


def training_kinds(view):
    """{node name: 'gradient' or 'optimizer'} for the nodes of the backward pass and of the
    optimizer's update; other nodes keep their kind.  Variables and placeholders stay what
    they are (an optimizer's slot variable is still a variable).

    An optimizer's ops live under the scope `apply_gradients` opens (`GradientDescent/`,
    `Adam/`, or `train/Adam/` inside the learner's scope): the part of an update op's name
    before `/update_<variable>`."""
    optimizer_scopes = set()
    for node in view.nodes:
        if node.type.startswith(UPDATE_TYPE_PREFIXES):
            optimizer_scopes.add(
                node.name.rsplit("/update_", 1)[0] if "/update_" in node.name else node.scope
            )
    kinds = {}
    for node in view.nodes:
        if node.kind in ("variable", "placeholder"):
            continue
        if is_gradient_op(node.name):
            kinds[node.name] = "gradient"
        elif any(
            node.name == scope or node.name.startswith(scope + "/")
            for scope in optimizer_scopes
            if scope
        ):
            kinds[node.name] = "optimizer"
    return kinds
