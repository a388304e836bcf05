"""`describe()`: the plain-text twin of `draw()`.

Lessons 01 ("graphs and sessions") and 02 ("managing graphs") print `describe(...)` next to each
drawing.  It lists the same nodes as the picture, box by box, so a notebook test (nbval) can
check what a graph contains without comparing SVG coordinates, and a reader who cannot see the
picture gets the same facts.
"""

from .view import view_of


class Description(str):
    """The text of `describe()`.  A str whose repr is the text itself, so a notebook cell ending
    in `describe(graph)` shows a table, not a quoted string full of `\\n`."""

    def __repr__(self):
        return str(self)

    def _repr_pretty_(self, printer, cycle):
        printer.text(str(self))


def describe(graph_or_tensors):
    """A deterministic table of the nodes `draw()` shows, grouped by name scope: name, kind,
    op type, output shape and dtype, and inputs (written as in a GraphDef: `split:1` is output 1
    of `split`, `^init` a control input)."""
    return describe_view(view_of(graph_or_tensors))


def describe_view(view):
    """describe()'s text for a GraphView that is already built (draw() has one)."""
    lines = [_heading(view)]
    if not view.nodes:
        return Description(lines[0])
    rows = [("node", "kind", "type", "output", "inputs")]
    _add_scope_rows(rows, "", 0, view, _inputs_by_node(view))
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    for row in rows:
        cells = [cell.ljust(width) for cell, width in zip(row, widths)] + [row[4]]
        lines.append("  ".join(cells).rstrip())
    return Description("\n".join(lines))


def _heading(view):
    count = len(view.nodes)
    what = "Graph" if not view.targets else "Subgraph for " + ", ".join(view.targets)
    if count == 0:
        return what + ": empty (no operations)"
    text = "%s: %d node%s" % (what, count, "" if count == 1 else "s")
    folded = view.op_count - count
    if folded:
        text += " (%d more op%s folded into their variables: reads, Assign, Initializer...)" % (
            folded,
            "" if folded == 1 else "s",
        )
    return text


def _add_scope_rows(rows, scope, depth, view, inputs):
    """Rows for the nodes of one scope, then a heading and rows for each inner scope."""
    indent = "  " * depth
    for node in view.nodes:
        if node.scope == scope:
            output = ", ".join(node.outputs) or "-"
            if node.value is not None:
                output += (", init " if node.kind == "variable" else " = ") + node.value
            rows.append(
                (
                    indent + node.label,
                    node.kind,
                    node.type,
                    output,
                    ", ".join(inputs.get(node.name, ())) or "-",
                )
            )
    for inner in view.scopes:
        if inner.parent == scope:
            rows.append((indent + inner.label + "/", "", "", "", ""))
            _add_scope_rows(rows, inner.name, depth + 1, view, inputs)


def _inputs_by_node(view):
    """{node: ['mul', 'split:1', '^init']}, written as a GraphDef's NodeDef.input is; a
    variable lists the op its initial value comes from, if that op is shown."""
    inputs = {}
    for edge in view.edges:
        if edge.control:
            source = "^" + edge.source
        else:
            source = edge.source + (":%d" % edge.index if edge.index else "")
            if edge.initial_value:
                source += " (initial value)"
        inputs.setdefault(edge.target, []).append(source)
    return inputs
