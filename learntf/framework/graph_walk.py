"""The one graph walk: the nodes some roots depend on, each after what it depends on.

Every part of learntf that follows a graph's edges goes through `dependency_order`:

- `Session.run` (client/plan.py) orders the ops a fetch needs, stopping at fed tensors;
- `tf.gradients` (ops/gradients_util.py) finds the ops between the xs and the ys, walking
  forwards through consumers and backwards through inputs;
- `import_graph_def` (serialization/graph_io.py) orders a GraphDef's nodes, whose file may
  list a consumer before its inputs;
- the drawings (viz/view.py) find the ops a drawn target depends on.

The walk is depth first and keeps the order it is given: roots in order, and each node's
dependencies in order, so the same graph always gives the same list.  A node comes after
every node it depends on, and each node comes once.

    >>> needs = {"loss": ["pred", "y"], "pred": ["x", "w"], "w": [], "x": [], "y": []}
    >>> dependency_order(["loss"], needs.get)
    ['x', 'w', 'pred', 'y', 'loss']
"""

_VISITING, _DONE = 1, 2


def dependency_order(roots, dependencies, on_cycle=None):
    """Every node reachable from `roots` through `dependencies(node)` (an iterable of nodes),
    each after the nodes it depends on.

    A graph may have a cycle (a TF1 while loop's GraphDef has one): `on_cycle(node)` is called
    with a node met again while its own dependencies are being walked (it may raise); without
    it, the edge that closes the cycle is ignored."""
    order, state = [], {}
    for root in roots:
        if state.get(root) == _DONE:
            continue
        stack = [(root, False)]
        while stack:
            node, expanded = stack.pop()
            if expanded:
                state[node] = _DONE
                order.append(node)
                continue
            seen = state.get(node)
            if seen == _DONE:
                continue
            if seen == _VISITING:
                if on_cycle is not None:
                    on_cycle(node)
                continue
            state[node] = _VISITING
            stack.append((node, True))
            for dependency in reversed(list(dependencies(node))):
                if state.get(dependency) != _DONE:
                    stack.append((dependency, False))
    return order


def op_dependencies(op, fed=frozenset(), data_inputs=True):
    """The ops `op` waits for: the producers of its inputs that are not fed (unless
    `data_inputs` is False), then its control inputs, except one whose outputs are all fed
    (the feeds stand in for it, as in TF)."""
    producers = [t.op for t in op.inputs if t not in fed] if data_inputs else []
    return producers + [
        c for c in op.control_inputs if not c.outputs or not all(t in fed for t in c.outputs)
    ]
