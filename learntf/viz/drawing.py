"""`draw()`: a Graphviz picture of a graph, or of the part of it a tensor needs.

Lesson 01 ("graphs and sessions") draws `f = x*x*y + y + 2` before running it, so that "building
a graph computes nothing" is something the learner sees; lesson 02 ("managing graphs") draws
the default graph and a second graph side by side, and name scopes as boxes.

As in TensorBoard and Figure 9-1 of Hands-On ML, data flows upwards: inputs at the bottom, the
result on top.  Each kind of node has its own shape and colour, control dependencies are dashed,
and every arrow says the shape and dtype of the tensor it carries.  The DOT source depends only
on the graph (names and creation order), so two builds of one program give the same text.

A big graph does not fit a notebook: lesson 12 ("modularity") builds five ReLU units of a dozen
ops each, and drawn op by op they are over 4,000 px wide.  So by default a drawing wider than
`max_width` (1,000 px) folds name scopes into one box each, the deepest scopes first, until it
fits; `collapsed=()` (or `max_width=None`) draws every op, and a note in the picture says so.
"""

import dataclasses
import functools

from .description import describe_view
from .presenting import presenter_mode
from .view import training_kinds, view_of

NODE_STYLES = {
    # a variable stores state between runs: a storage cylinder
    "variable": {"shape": "cylinder", "style": "filled", "fillcolor": "#c7e9c0"},
    # a placeholder is an entrance that feed_dict fills: a house pointing the way data flows
    "placeholder": {"shape": "house", "style": "filled", "fillcolor": "#fdd0a2"},
    "constant": {"shape": "box", "style": "filled", "fillcolor": "#eeeeee"},
    # a NoOp such as `init` computes nothing; it only groups other ops through control edges
    "group": {"shape": "octagon", "style": "filled", "fillcolor": "#fff3b0"},
    "op": {"shape": "ellipse", "style": "filled", "fillcolor": "#dbe9f6"},
    # a collapsed name scope: one box standing for everything inside it
    "scope": {"shape": "box3d", "style": "filled", "fillcolor": "#f4f4f4"},
}
# With training=True, the backward pass and the optimizer's update keep their node's shape (a
# gradient constant is still a box) but take their own colour.
TRAINING_FILLS = {"gradient": "#f8cfcf", "optimizer": "#ddd0ee"}
CONTROL_EDGE_STYLE = {"style": "dashed", "color": "#777777", "arrowhead": "empty"}
# highlight=: the ops of a run drawn bold; the rest faded, so pruning is visible at a glance.
LIT_NODE = {"color": "#c0392b", "penwidth": "3"}
LIT_EDGE = {"color": "#c0392b", "penwidth": "2"}
FADED_NODE = {"color": "#cccccc", "fontcolor": "#aaaaaa", "fillcolor": "#f7f7f7"}
FADED_EDGE = {"color": "#dddddd", "fontcolor": "#bbbbbb"}
FONT_SIZES = {"graph": "12", "node": "11", "edge": "9"}
# The widest picture draw() makes by default, in CSS pixels (a notebook column is about this
# wide).  Graphviz measures in points: a CSS pixel is 3/4 of a point.
MAX_WIDTH = 1000
POINTS_PER_PIXEL = 0.75
# presenter=True, for the back of a classroom: larger text, thicker lines, no arrow labels.
PRESENTER_FONT_SIZES = {"graph": "20", "node": "18", "edge": "14"}
PRESENTER_NODE = {"penwidth": "2"}
PRESENTER_EDGE = {"penwidth": "2.5", "arrowsize": "1.2"}
PRESENTER_LIT = {"penwidth": "5"}


def draw(
    graph_or_tensors,
    *,
    title=None,
    collapsed=None,
    max_width=MAX_WIDTH,
    highlight=None,
    selected=None,
    training=False,
    presenter=None,
    dom_classes=False,
):
    """Return a `graphviz.Digraph` of a Graph (every op), or of what a Tensor, Operation or
    Variable (or a list of them) depends on.  In a notebook it shows as a picture; `.source`
    is its DOT text and `.description` the text of `describe()`.

    The keyword options change only the picture (GraphWidget uses them all):
      collapsed    name scopes drawn as one box each ("loss/ (3 nodes)"); arrows into or out of
                   the scope meet that box, arrows inside it vanish.  None (the default): none,
                   unless the drawing would be wider than max_width; then the deepest scopes
                   are collapsed, a level at a time, until it fits (or only the outermost
                   scopes are left).  `collapsed=()` draws every scope open.
      max_width    the width in pixels (1,000) above which collapsed=None collapses scopes;
                   None never collapses.  `.collapsed` of the result lists what was collapsed.
      highlight    op names, e.g. the ops a `Session.run` executes: their nodes and the arrows
                   between them bold, everything else faded.  A variable is lit when an op
                   folded into it is (its read), a collapsed box when a node inside it is.
      selected     a node name, drawn with a double border.
      training     the ops tf.gradients added and the optimizer's update ops in their own
                   colours (kinds 'gradient' and 'optimizer').
      presenter    for projecting in a classroom: larger text, thicker lines, and arrows
                   without their shape/dtype labels.  None (the default) follows
                   `viz.presenter()` and the LEARNTF_PRESENTER environment variable.
      dom_classes  CSS classes on every SVG node and arrow (`learntf-node`, `learntf-kind-op`,
                   `learntf-highlighted`, `learntf-selected`...) for widgets and browser tests;
                   each SVG node's <title> is its op name (or a collapsed scope's name).
    """
    view = view_of(graph_or_tensors)
    options = dict(
        title=title,
        highlight=highlight,
        selected=selected,
        training=training,
        presenter=presenter_mode(presenter),
        dom_classes=dom_classes,
    )
    if collapsed is not None or max_width is None:
        return _draw_view(view, collapsed=collapsed or (), **options)
    # Fit the width: collapse the deepest scopes, then the next level up, and so on.
    levels = sorted({scope.name.count("/") for scope in view.scopes}, reverse=True)
    chosen = ()
    drawing = _draw_view(view, collapsed=chosen, **options)
    for level in levels:
        width = _width_in_pixels(drawing)
        if width is None or width <= max_width:
            break
        chosen = tuple(scope.name for scope in view.scopes if scope.name.count("/") >= level)
        drawing = _draw_view(view, collapsed=chosen, fitted=max_width, **options)
    return drawing


def _width_in_pixels(drawing):
    """How wide the drawing is, in CSS pixels, as Graphviz lays it out; None without Graphviz's
    `dot` program (then nothing is collapsed: there is no picture anyway)."""
    import graphviz

    try:
        plain = drawing.pipe(format="plain", encoding="utf-8")
    except graphviz.ExecutableNotFound:
        return None
    # The first line is "graph <scale> <width> <height>", in inches (72 points each).
    width_inches = float(plain.split("\n", 1)[0].split()[2])
    return width_inches * 72 / POINTS_PER_PIXEL


def _draw_view(
    view,
    *,
    title,
    collapsed,
    highlight,
    selected,
    training,
    presenter,
    dom_classes,
    fitted=None,
):
    """draw() for a view and a fixed set of collapsed scopes.  `fitted` is the max_width the
    scopes were collapsed to fit: the picture then says so, and how to see every op."""
    import graphviz  # imported here: `import learntf` must stay fast

    sizes = PRESENTER_FONT_SIZES if presenter else FONT_SIZES
    dot = _drawing_class()(
        graph_attr={"rankdir": "BT", "fontname": "Helvetica", "fontsize": sizes["graph"]},
        node_attr={
            "fontname": "Helvetica",
            "fontsize": sizes["node"],
            **(PRESENTER_NODE if presenter else {}),
        },
        edge_attr={
            "fontname": "Helvetica",
            "fontsize": sizes["edge"],
            "fontcolor": "#555555",
            **(PRESENTER_EDGE if presenter else {}),
        },
    )
    dot.description = describe_view(view)
    dot.collapsed = sorted(
        name for name in collapsed if not any(name.startswith(o + "/") for o in collapsed)
    )
    label = [title] if title else []
    if fitted:
        label.append(
            "%d name scope%s collapsed to fit %s px"
            % (len(dot.collapsed), "" if len(dot.collapsed) == 1 else "s", format(fitted, ","))
        )
        label.append("(all ops: draw(..., collapsed=()))")
    if label:
        dot.attr(
            label=graphviz.nohtml("\\n".join(_escape(line) for line in label)),
            labelloc="t",
            fontsize="14",
        )
    if not view.nodes:
        dot.node("empty", "(empty graph: no operations)", shape="plaintext")
        return dot

    look = _Look(view, collapsed, highlight, selected, training, dom_classes, presenter)
    # nohtml: a name or value that looks like <...> is text here, not a Graphviz HTML label.
    text = graphviz.nohtml
    _add_scope(dot, "", view, text, look)
    for edge in look.edges:
        style = dict(CONTROL_EDGE_STYLE) if edge.control else {}
        label = {"label": text(_escape(edge.label))} if edge.label and not presenter else {}
        style.update(look.edge_style(edge))
        dot.edge(text(edge.source), text(edge.target), **label, **style)
    return dot


class _Look:
    """How draw()'s options change each node and arrow: which scopes are folded into one box,
    which nodes are lit or faded, which colours mark the training ops."""

    def __init__(
        self, view, collapsed, highlight, selected, training, dom_classes, presenter=False
    ):
        scope_names = [scope.name for scope in view.scopes]
        unknown = sorted(set(collapsed) - set(scope_names))
        if unknown:
            raise ValueError(
                "Cannot collapse %s: no such name scope in this drawing (its scopes: "
                "%s)." % (", ".join(map(repr, unknown)), ", ".join(scope_names) or "none")
            )
        # Only the outermost collapsed scope of a nest shows, as one box.
        self.boxes = {
            name
            for name in collapsed
            if not any(name.startswith(other + "/") for other in collapsed)
        }
        self.stand_in = {}  # {node hidden in a box: the box}
        self.members = {}  # {box: its hidden nodes}
        for node in view.nodes:
            for box in self.boxes:
                if node.scope == box or node.scope.startswith(box + "/"):
                    self.stand_in[node.name] = box
                    self.members.setdefault(box, []).append(node)
        self.kinds = training_kinds(view) if training else {}
        self.lit = None
        if highlight is not None:
            ops = set(highlight)
            lit = {node.name for node in view.nodes if node.name in ops}
            lit |= {view.folded_into[name] for name in ops if name in view.folded_into}
            self.lit = lit | {self.stand_in[name] for name in lit if name in self.stand_in}
        self.selected = selected
        self.dom_classes = dom_classes
        self.presenter = presenter
        self.edges = _edges_between_boxes(view.edges, self.stand_in)

    def node_style(self, name, kind, training_kind=None):
        """Graphviz attributes of a node of this kind (a collapsed box's kind is 'scope');
        `training_kind` ('gradient', 'optimizer') recolours it."""
        style = dict(NODE_STYLES[kind])
        classes = ["learntf-node", "learntf-kind-" + (training_kind or kind)]
        if training_kind:
            style["fillcolor"] = TRAINING_FILLS[training_kind]
        if kind == "scope":
            classes.append("learntf-scope")
        if self.lit is not None:
            style.update(LIT_NODE if name in self.lit else FADED_NODE)
            classes.append("learntf-highlighted" if name in self.lit else "learntf-faded")
            if self.presenter and name in self.lit:
                style.update(PRESENTER_LIT)
        if name == self.selected:
            style["peripheries"] = "2"
            classes.append("learntf-selected")
        if self.dom_classes:
            style["class"] = " ".join(classes)
        return style

    def box_training_kind(self, box):
        """The training kind all nodes in a collapsed box share, if they share one."""
        kinds = {self.kinds.get(node.name) for node in self.members.get(box, ())}
        return kinds.pop() if len(kinds) == 1 else None

    def edge_style(self, edge):
        style, classes = {}, ["learntf-edge"]
        if self.lit is not None:
            lit = edge.source in self.lit and edge.target in self.lit
            style.update(LIT_EDGE if lit else FADED_EDGE)
            classes.append("learntf-highlighted" if lit else "learntf-faded")
            if self.presenter and lit:
                style.update(PRESENTER_LIT)
        if self.dom_classes:
            style["class"] = " ".join(classes)
        return style


def _edges_between_boxes(edges, stand_in):
    """The arrows with their ends moved from hidden nodes to their collapsed box.  Arrows
    inside one box vanish; moved arrows joining the same two nodes are drawn once (unlabelled
    if they carried different tensors)."""
    drawn, merged = [], {}
    for edge in edges:
        source = stand_in.get(edge.source, edge.source)
        target = stand_in.get(edge.target, edge.target)
        if source == target:
            continue
        if (source, target) == (edge.source, edge.target):
            drawn.append(edge)
            continue
        key = (source, target, edge.control)
        if key in merged:
            first = drawn[merged[key]]
            if first.label != edge.label:
                drawn[merged[key]] = dataclasses.replace(first, label="")
            continue
        merged[key] = len(drawn)
        drawn.append(dataclasses.replace(edge, source=source, target=target))
    return drawn


def _add_scope(container, scope, view, text, look):
    """Add the nodes of one scope box, then its inner boxes, each a Graphviz cluster (or, when
    collapsed, a single node)."""
    for node in view.nodes:
        if node.scope == scope:
            style = look.node_style(node.name, node.kind, look.kinds.get(node.name))
            container.node(text(node.name), text(_node_label(node)), **style)
    for inner in view.scopes:
        if inner.parent != scope:
            continue
        if inner.name in look.boxes:
            count = len(look.members.get(inner.name, ()))
            label = "%s/\\n(%d node%s)" % (_escape(inner.label), count, "" if count == 1 else "s")
            style = look.node_style(inner.name, "scope", look.box_training_kind(inner.name))
            container.node(text(inner.name), text(label), **style)
            continue
        with container.subgraph(name=text("cluster_" + inner.name)) as box:
            # labelloc "b" puts the name at the top: the picture is drawn bottom-up.
            box.attr(
                label=text(_escape(inner.label)),
                labelloc="b",
                style="rounded",
                color="#999999",
                fontcolor="#555555",
            )
            _add_scope(box, inner.name, view, text, look)


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
        collapsed = []  # the name scopes drawn as one box each

        def _repr_mimebundle_(self, include=None, exclude=None, **kwargs):
            from .display import drawing_mimebundle

            return drawing_mimebundle(self)

    return Drawing
