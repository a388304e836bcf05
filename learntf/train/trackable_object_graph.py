"""The object graph a `tf.train.Checkpoint` writes, and the keys of its variables.

Saving walks the objects breadth-first from the root (the Checkpoint, or `root=`), following
each object's named children in the order they were added.  Every object gets a node id (its
place in that walk) and a path: the names along the *shortest* route from the root, the first
found when two routes are as short.  A variable's value is stored under

    <path>/.ATTRIBUTES/VARIABLE_VALUE        e.g.  model/dense/kernel/.ATTRIBUTES/VARIABLE_VALUE

and the whole graph (every node, its children by name, and the key of each value) is stored
as a serialized `TrackableObjectGraph` protocol buffer under `_CHECKPOINTABLE_OBJECT_GRAPH`.
Restoring reads that graph and walks it beside the Python objects (see checkpoint.py), so the
paths in the keys are for people and tools (`tf.train.list_variables`); the restore itself
never parses them.  A "/" inside a name is written ".S" and a "." as "..", so paths stay
unambiguous.
"""

import collections

from learntf.ops.variables import Variable
from learntf.serialization.tf_protos import protos
from learntf.trackable.base import children_of

OBJECT_GRAPH_KEY = "_CHECKPOINTABLE_OBJECT_GRAPH"
VARIABLE_VALUE = "VARIABLE_VALUE"


def escape_local_name(name):
    return name.replace(".", "..").replace("/", ".S")


def checkpoint_key(path, attribute=VARIABLE_VALUE):
    return "%s/.ATTRIBUTES/%s" % (path, escape_local_name(attribute))


def full_name(variable):
    """The variable's own name, kept for name-based tools (a Keras weight's path)."""
    return getattr(variable, "path", None) or variable.name.partition(":")[0]


def walk(root, root_children, children=children_of):
    """Breadth-first: ([objects, in node-id order], {id(object): (name, ...)} paths).

    `root_children` are the root's children ({name: object}): a Checkpoint adds its
    `save_counter` (and with `root=`, its other arguments) without making them the root's.
    `children(obj)` gives any other object's ({name: object}); a SavedModel's also lists
    tf.functions (saved_model/save.py)."""
    order, paths = [root], {id(root): ()}
    queue = collections.deque([root])
    while queue:
        obj = queue.popleft()
        for name, child in (root_children if obj is root else children(obj)).items():
            if id(child) not in paths:
                paths[id(child)] = paths[id(obj)] + (name,)
                order.append(child)
                queue.append(child)
    return order, paths


def serialize(root, root_children, children=children_of):
    """(TrackableObjectGraph proto, [(checkpoint key, variable)]) for the objects under root."""
    order, paths = walk(root, root_children, children)
    names = {i: "/".join(map(escape_local_name, paths[id(obj)])) for i, obj in enumerate(order)}
    node_ids = {id(obj): i for i, obj in enumerate(order)}
    slots = _slot_variables(order, node_ids, names)
    graph = protos().trackable_object_graph_pb2.TrackableObjectGraph()
    values = []
    for node_id, obj in enumerate(order):
        node = graph.nodes.add()
        for name, child in (root_children if obj is root else children(obj)).items():
            node.children.add(node_id=node_ids[id(child)], local_name=name)
        for reference in slots.get(node_id, ()):
            node.slot_variables.add(**reference)
        if isinstance(obj, Variable):
            key = checkpoint_key(names[node_id])
            node.attributes.add(name=VARIABLE_VALUE, full_name=full_name(obj), checkpoint_key=key)
            values.append((key, obj))
    mark_nodes_with_values(graph)
    return graph, values


def _slot_variables(order, node_ids, names):
    """TF 1 optimizers' slots: appended to `order` as extra nodes (a slot is not an object's
    child), named `<variable path>/.OPTIMIZER_SLOT/<optimizer path>/<slot name>`.
    Returns {optimizer node id: [SlotVariableReference fields]}."""
    references = {}
    for optimizer_id, optimizer in enumerate(list(order)):
        if "get_slot_names" not in dir(optimizer):
            continue
        for slot_name in optimizer.get_slot_names():
            for variable_id, variable in enumerate(order[: len(node_ids)]):
                if not isinstance(variable, Variable):
                    continue
                slot = optimizer.get_slot(variable, slot_name)
                if slot is None:
                    continue
                slot_id = len(order)
                order.append(slot)
                names[slot_id] = "%s/.OPTIMIZER_SLOT/%s/%s" % (
                    names[variable_id],
                    names[optimizer_id],
                    escape_local_name(slot_name),
                )
                references.setdefault(optimizer_id, []).append(
                    dict(
                        original_variable_node_id=variable_id,
                        slot_name=slot_name,
                        slot_variable_node_id=slot_id,
                    )
                )
    return references


def read(reader):
    """The `TrackableObjectGraph` a checkpoint holds, parsed (protobuf's DecodeError, as in TF,
    when it does not parse) and checked: a scalar string, at least the root node, and every
    node id it mentions one of its nodes (DataLossError otherwise: restoring walks the ids)."""
    from learntf import errors

    value = reader.get_tensor(OBJECT_GRAPH_KEY)
    graph = protos().trackable_object_graph_pb2.TrackableObjectGraph()
    if value.dtype == object and value.size == 1:
        item = value.reshape(()).item()
        graph.ParseFromString(item if isinstance(item, bytes) else bytes(item))
    count = len(graph.nodes)
    mentioned = [c.node_id for node in graph.nodes for c in node.children]
    for node in graph.nodes:
        for slot in node.slot_variables:
            mentioned += [slot.original_variable_node_id, slot.slot_variable_node_id]
    if value.dtype != object or value.size != 1 or count == 0:
        problem = "holds no object graph"
    elif any(not 0 <= i < count for i in mentioned):
        problem = "has an object graph that refers to a node it does not have"
    else:
        return graph
    raise errors.DataLossError(
        None,
        None,
        "The checkpoint %s is damaged: its %s %s.\n(learntf: restore from another "
        "checkpoint, or save again.)" % (reader.prefix, OBJECT_GRAPH_KEY, problem),
    )


def mark_nodes_with_values(graph):
    """`has_checkpoint_values`: a node holds a value, or leads to one."""
    parents = collections.defaultdict(set)
    for node_id, node in enumerate(graph.nodes):
        for child in node.children:
            parents[child.node_id].add(node_id)
    marked = {i for i, node in enumerate(graph.nodes) if node.attributes or node.slot_variables}
    to_visit = list(marked)
    while to_visit:
        for parent in parents.pop(to_visit.pop(), ()):
            if parent not in marked:
                marked.add(parent)
                to_visit.append(parent)
    for node_id, node in enumerate(graph.nodes):
        node.has_checkpoint_values.value = node_id in marked


def node_names(graph):
    """{node id: "(root).model.dense"}: how TF names checkpoint nodes in its messages."""
    names = {0: ("(root)",)}
    queue = collections.deque([0])
    while queue:
        node_id = queue.popleft()
        for child in graph.nodes[node_id].children:
            if child.node_id not in names:
                names[child.node_id] = names[node_id] + (child.local_name,)
                queue.append(child.node_id)
    result = {node_id: ".".join(path) for node_id, path in names.items()}
    for node_id, node in enumerate(graph.nodes):
        for slot in node.slot_variables:
            result[slot.slot_variable_node_id] = "%s's state '%s' for %s" % (
                result[node_id],
                slot.slot_name,
                result[slot.original_variable_node_id],
            )
    return result
