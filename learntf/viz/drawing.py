"""`draw()`: a Graphviz picture of a graph, or of the part of it a tensor needs.

Lesson 01 ("graphs and sessions") draws `f = x*x*y + y + 2` before running it, so that "building
a graph computes nothing" is something the learner sees; lesson 02 ("managing graphs") draws
the default graph and a second graph side by side, and name scopes as boxes.

As in TensorBoard and Figure 9-1 of Hands-On ML, data flows upwards: inputs at the bottom, the
result on top.  Each kind of node has its own shape and colour, control dependencies are dashed,
and every arrow says the shape and dtype of the tensor it carries.  The DOT source depends only
on the graph (names and creation order), so two builds of one program give the same text.
"""

import functools

from .description import describe_view
from .view import view_of

NODE_STYLES = {
    # a variable stores state between runs: a storage cylinder
    "variable": {"shape": "cylinder", "style": "filled", "fillcolor": "#c7e9c0"},
    # a placeholder is an entrance that feed_dict fills: a house pointing the way data flows
    "placeholder": {"shape": "house", "style": "filled", "fillcolor": "#fdd0a2"},
    "constant": {"shape": "box", "style": "filled", "fillcolor": "#eeeeee"},
    # a NoOp such as `init` computes nothing; it only groups other ops through control edges
    "group": {"shape": "octagon", "style": "filled", "fillcolor": "#fff3b0"},
    "op": {"shape": "ellipse", "style": "filled", "fillcolor": "#dbe9f6"},
}
CONTROL_EDGE_STYLE = {"style": "dashed", "color": "#777777", "arrowhead": "empty"}


def draw(graph_or_tensors, *, title=None):
    """Return a `graphviz.Digraph` of a Graph (every op), or of what a Tensor, Operation or
    Variable (or a list of them) depends on.  In a notebook it shows as a picture; `.source`
    is its DOT text and `.description` the text of `describe()`."""
    import graphviz   # imported here: `import learntf` must stay fast

    view = view_of(graph_or_tensors)
    dot = _drawing_class()(
        graph_attr={"rankdir": "BT", "fontname": "Helvetica", "fontsize": "12"},
        node_attr={"fontname": "Helvetica", "fontsize": "11"},
        edge_attr={"fontname": "Helvetica", "fontsize": "9", "fontcolor": "#555555"})
    dot.description = describe_view(view)
    if title:
        dot.attr(label=graphviz.nohtml(_escape(title)), labelloc="t", fontsize="14")
    if not view.nodes:
        dot.node("empty", "(empty graph: no operations)", shape="plaintext")
        return dot

    # nohtml: a name or value that looks like <...> is text here, not a Graphviz HTML label.
    text = graphviz.nohtml
    _add_scope(dot, "", view, text)
    for edge in view.edges:
        style = CONTROL_EDGE_STYLE if edge.control else {}
        label = {"label": text(_escape(edge.label))} if edge.label else {}
        dot.edge(text(edge.source), text(edge.target), **label, **style)
    return dot


def _add_scope(container, scope, view, text):
    """Add the nodes of one scope box, then its inner boxes, each a Graphviz cluster."""
    for node in view.nodes:
        if node.scope == scope:
            container.node(text(node.name), text(_node_label(node)), **NODE_STYLES[node.kind])
    for inner in view.scopes:
        if inner.parent == scope:
            with container.subgraph(name=text("cluster_" + inner.name)) as box:
                # labelloc "b" puts the name at the top: the picture is drawn bottom-up.
                box.attr(label=text(_escape(inner.label)), labelloc="b", style="rounded",
                         color="#999999", fontcolor="#555555")
                _add_scope(box, inner.name, view, text)


def _node_label(node):
    # TensorFlow names an op after its type by default: say "Square" once, not twice.
    lines = [node.label] if node.label == node.type else [node.label, node.type]
    if node.value is not None:
        if node.kind == "variable":
            lines.append("init " + node.value)
        else:
            lines[-1] += " = " + node.value
    return "\\n".join(_escape(line) for line in lines)


def _escape(text):
    # Graphviz reads backslashes in labels as escapes (\n, \l); a constant's text may hold one.
    return str(text).replace("\\", "\\\\")


@functools.lru_cache(maxsize=None)
def _drawing_class():
    """graphviz.Digraph, shown in a notebook with describe()'s text as its plain-text form.

    The plain Digraph's text form is `<graphviz.graphs.Digraph at 0x7f...>`, a memory address
    that changes on every run, so nbval could never check a cell ending in `draw(...)`.  Built on
    first use because graphviz is imported only when something is drawn."""
    import graphviz

    class Drawing(graphviz.Digraph):
        description = ""

        def _repr_mimebundle_(self, include=None, exclude=None, **kwargs):
            from .display import drawing_mimebundle
            return drawing_mimebundle(self)

    return Drawing
